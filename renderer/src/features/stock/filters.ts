/** The stock page's filter state, and how it maps onto stock.balances. */
import type { MethodInput } from '../../../../core/api/contract'
import type { ExpiryState } from '../../common/types'

export interface StockFilter {
  siteId?: string
  /** one catalogue item by id (the api's itemId), not a text match on its name */
  itemId?: string
  streetCode?: string
  category?: string
  expiry: ExpiryState
  search: string
}

export const EMPTY_FILTER: StockFilter = { expiry: 'all', search: '' }

export function toQuery(f: StockFilter): MethodInput<'stock.balances'> {
  return {
    siteId: f.siteId || undefined,
    itemId: f.itemId || undefined,
    streetCode: f.streetCode || undefined,
    category: f.category || undefined,
    expiry: f.expiry,
    search: f.search.trim() || undefined,
  }
}

/** Expiry class of a row: drives the row colour and the legend. */
export type ExpiryClass = 'expired' | 'near30' | 'near90' | 'ok' | 'none'
export function expiryClass(days: number | null | undefined): ExpiryClass {
  if (days == null) return 'none'
  if (days < 0) return 'expired'
  if (days <= 30) return 'near30'
  if (days <= 90) return 'near90'
  return 'ok'
}
