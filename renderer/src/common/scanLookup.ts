/** What a scanned lot label means in a form: the catalogue item, and the lot at a site (issue) or anywhere (receipt). */
import { api } from '../api'
import type { Balance, Item } from './types'
import type { ScannedLabel } from './useLabelScan'

export const itemOfLabel = (label: ScannedLabel, items: Item[]) =>
  items.find((i) => i.code.toUpperCase() === label.itemCode.toUpperCase())

/** The balance row of that lot: at `siteId` when given, else the first site (in scope) that holds it. */
export async function lotOfLabel(label: ScannedLabel, itemId: string, siteId?: string): Promise<Balance | undefined> {
  const page = await api('stock.balances', { siteId, itemId, search: label.lotNo, limit: 100 })
  return page.rows.find((r) => r.lotNo === label.lotNo)
}
