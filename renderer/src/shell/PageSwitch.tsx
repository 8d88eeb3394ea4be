/** One page at a time; a page mounts afresh on every visit, so what it shows is never stale. */
import type { RouteKey } from '../routes'
import { DashboardPage } from '../features/dashboard/DashboardPage'
import { NetworkPage } from '../features/network/NetworkPage'
import { StockPage } from '../features/stock/StockPage'
import { ReceiptPage } from '../features/receipt/ReceiptPage'
import { IssuePage } from '../features/issue/IssuePage'
import { CoveragePage } from '../features/coverage/CoveragePage'
import { AgreementsPage } from '../features/agreements/AgreementsPage'
import { CataloguePage } from '../features/catalogue/CataloguePage'
import { LaterPage } from '../features/later/LaterPage'

export function PageSwitch({ route }: { route: RouteKey }) {
  switch (route) {
    case 'dashboard': return <DashboardPage />
    case 'network': return <NetworkPage />
    case 'stock': return <StockPage />
    case 'receipt': return <ReceiptPage />
    case 'issue': return <IssuePage />
    case 'coverage': return <CoveragePage />
    case 'catalogue': return <CataloguePage />
    case 'agreements': return <AgreementsPage />
    default: return <LaterPage key={route} area={route} />
  }
}
