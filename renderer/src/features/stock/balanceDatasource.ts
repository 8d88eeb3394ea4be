/**
 * AG Grid Infinite Row Model datasource over stock.balances: the grid asks for blocks (startRow..endRow), we ask
 * the api for that page, and `total` tells the grid where the last row is. 100 000 rows never load at once.
 */
import type { IDatasource, SortModelItem } from 'ag-grid-community'
import { api } from '../../api'
import { BALANCE_SORT_FIELDS, type BalanceSortField } from '../../../../core/stock/sort-fields'
import { toQuery, type StockFilter } from './filters'

/** Grid column → server sort field (the code column sorts like the item column: by item code). */
const SORT_ALIAS: Record<string, BalanceSortField> = { itemCode: 'itemName' }

export function toSort(model: SortModelItem[]): { field: BalanceSortField; dir: 'asc' | 'desc' } | undefined {
  const first = model[0]
  if (!first) return undefined
  const field = SORT_ALIAS[first.colId] ?? first.colId
  if (!(BALANCE_SORT_FIELDS as readonly string[]).includes(field)) return undefined
  return { field: field as BalanceSortField, dir: first.sort === 'desc' ? 'desc' : 'asc' }
}

export function balanceDatasource(filter: StockFilter, onTotal: (n: number) => void, onError: (e: Error) => void): IDatasource {
  return {
    getRows(p) {
      api('stock.balances', { ...toQuery(filter), offset: p.startRow, limit: p.endRow - p.startRow, sort: toSort(p.sortModel) })
        .then((page) => {
          onTotal(page.total)
          p.successCallback(page.rows, page.total)
        })
        .catch((e: unknown) => {
          onError(e instanceof Error ? e : new Error(String(e)))
          p.failCallback()
        })
    },
  }
}
