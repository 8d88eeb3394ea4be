/**
 * One page at a time; a page mounts afresh on every visit, so what it shows is never stale. Each page's code is
 * loaded when it is first opened (the grid, the charts and the spreadsheet code come with the pages that use them),
 * so the app starts on the sign-in page and the dashboard without parsing every area first.
 */
import { lazy, Suspense, type ComponentType } from 'react'
import { Spin } from 'antd'
import type { RouteKey } from '../routes'

const page = <P,>(load: () => Promise<Record<string, ComponentType<P>>>, name: string) =>
  lazy(async () => ({ default: (await load())[name] }))

const DashboardPage = page(() => import('../features/dashboard/DashboardPage'), 'DashboardPage')
const NetworkPage = page(() => import('../features/network/NetworkPage'), 'NetworkPage')
const StockPage = page(() => import('../features/stock/StockPage'), 'StockPage')
const ReceiptPage = page(() => import('../features/receipt/ReceiptPage'), 'ReceiptPage')
const IssuePage = page(() => import('../features/issue/IssuePage'), 'IssuePage')
const TransferPage = page(() => import('../features/transfer/TransferPage'), 'TransferPage')
const WriteOffPage = page(() => import('../features/writeoff/WriteOffPage'), 'WriteOffPage')
const StocktakePage = page(() => import('../features/stocktake/StocktakePage'), 'StocktakePage')
const StockCardPage = page(() => import('../features/stockcard/StockCardPage'), 'StockCardPage')
const ImportPage = page(() => import('../features/import/ImportPage'), 'ImportPage')
const AlertsPage = page(() => import('../features/alerts/AlertsPage'), 'AlertsPage')
const SyncPage = page(() => import('../features/sync/SyncPage'), 'SyncPage')
const DispatchPage = page(() => import('../features/dispatch/DispatchPage'), 'DispatchPage')
const CoveragePage = page(() => import('../features/coverage/CoveragePage'), 'CoveragePage')
const AgreementsPage = page(() => import('../features/agreements/AgreementsPage'), 'AgreementsPage')
const CataloguePage = page(() => import('../features/catalogue/CataloguePage'), 'CataloguePage')
const ReadinessPage = page(() => import('../features/readiness/ReadinessPage'), 'ReadinessPage')
const LaterPage = page(() => import('../features/later/LaterPage'), 'LaterPage')
const UsersPage = page(() => import('../features/users/UsersPage'), 'UsersPage')
const AuditPage = page(() => import('../features/audit/AuditPage'), 'AuditPage')
const ReportsPage = page(() => import('../features/reports/ReportsPage'), 'ReportsPage')
const BackupPage = page(() => import('../features/backup/BackupPage'), 'BackupPage')

export function PageSwitch({ route }: { route: RouteKey }) {
  return <Suspense fallback={<Spin style={{ display: 'block', marginTop: 96 }} />}><Page route={route} /></Suspense>
}

function Page({ route }: { route: RouteKey }) {
  switch (route) {
    case 'dashboard': return <DashboardPage />
    case 'network': return <NetworkPage />
    case 'stock': return <StockPage />
    case 'receipt': return <ReceiptPage />
    case 'issue': return <IssuePage />
    case 'transfer': return <TransferPage />
    case 'writeoff': return <WriteOffPage />
    case 'stocktake': return <StocktakePage />
    case 'stockcard': return <StockCardPage />
    case 'import': return <ImportPage />
    case 'alerts': return <AlertsPage />
    case 'sync': return <SyncPage />
    case 'dispatch': return <DispatchPage />
    case 'users': return <UsersPage />
    case 'audit': return <AuditPage />
    case 'backup': return <BackupPage />
    case 'coverage': return <CoveragePage />
    case 'catalogue': return <CataloguePage />
    case 'agreements': return <AgreementsPage />
    case 'readiness': return <ReadinessPage />
    case 'reports': return <ReportsPage />
    default: return <LaterPage key={route} area={route} />
  }
}
