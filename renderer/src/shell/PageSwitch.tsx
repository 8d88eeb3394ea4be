/** One page at a time; a page mounts afresh on every visit, so what it shows is never stale. */
import type { RouteKey } from '../routes'
import { DashboardPage } from '../features/dashboard/DashboardPage'
import { NetworkPage } from '../features/network/NetworkPage'
import { StockPage } from '../features/stock/StockPage'
import { ReceiptPage } from '../features/receipt/ReceiptPage'
import { IssuePage } from '../features/issue/IssuePage'
import { TransferPage } from '../features/transfer/TransferPage'
import { WriteOffPage } from '../features/writeoff/WriteOffPage'
import { StocktakePage } from '../features/stocktake/StocktakePage'
import { StockCardPage } from '../features/stockcard/StockCardPage'
import { ImportPage } from '../features/import/ImportPage'
import { AlertsPage } from '../features/alerts/AlertsPage'
import { SyncPage } from '../features/sync/SyncPage'
import { DispatchPage } from '../features/dispatch/DispatchPage'
import { CoveragePage } from '../features/coverage/CoveragePage'
import { AgreementsPage } from '../features/agreements/AgreementsPage'
import { CataloguePage } from '../features/catalogue/CataloguePage'
import { LaterPage } from '../features/later/LaterPage'
import { UsersPage } from '../features/users/UsersPage'
import { AuditPage } from '../features/audit/AuditPage'
import { BackupPage } from '../features/backup/BackupPage'

export function PageSwitch({ route }: { route: RouteKey }) {
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
    default: return <LaterPage key={route} area={route} />
  }
}
