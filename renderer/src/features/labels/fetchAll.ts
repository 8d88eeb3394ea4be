/** Every balance row matching a stock.balances query, fetched page by page (progress reported after each page). */
import { api } from '../../api'
import type { MethodInput } from '../../../../core/api/contract'
import type { Balance } from '../../common/types'

export const PAGE = 5000

export async function fetchAllBalances(
  query: Omit<MethodInput<'stock.balances'>, 'offset' | 'limit'>,
  onProgress?: (done: number, total: number) => void,
): Promise<Balance[]> {
  const rows: Balance[] = []
  let total = Infinity
  while (rows.length < total) {
    const page = await api('stock.balances', { ...query, offset: rows.length, limit: PAGE })
    total = page.total
    rows.push(...page.rows)
    onProgress?.(rows.length, total)
    if (page.rows.length === 0) break
  }
  return rows
}
