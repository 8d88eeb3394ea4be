/** The balances of some items at one site (all their lots), fetched fresh. */
import { api } from '../api'
import type { Balance } from './types'

export async function loadBalancesFor(siteId: string, itemIds: string[]): Promise<Balance[]> {
  const pages = await Promise.all([...new Set(itemIds)].map((itemId) => api('stock.balances', { siteId, itemId, limit: 500 })))
  return pages.flatMap((p) => p.rows)
}
