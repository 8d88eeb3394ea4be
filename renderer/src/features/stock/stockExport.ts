/**
 * The stock grid to xlsx: the grid's displayed columns in their order, and every row matching the current filters
 * and sort — not only the blocks the infinite grid has loaded — fetched from the api page by page.
 */
import type { GridApi } from 'ag-grid-community'
import type { XlsxColumn, XlsxSheet } from '../../../../core/common/xlsx'
import type { Balance } from '../../common/types'
import { fetchAllBalances } from '../labels/fetchAll'
import { toSort } from './balanceDatasource'
import { toQuery, type StockFilter } from './filters'

const NUMERIC = new Set(['quantity', 'daysToExpiry'])

/** The sheet of balance rows under the given columns; numbers stay numbers, empty dates stay empty. */
export function balanceSheet(columns: Array<{ key: string; header: string }>, rows: Balance[], facts?: Array<[string, string]>): XlsxSheet {
  const cols: XlsxColumn[] = columns.map((c) => ({ ...c, kind: NUMERIC.has(c.key) ? 'number' : 'text' }))
  return {
    name: '库存', title: '库存明细', facts, columns: cols,
    rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, (r as unknown as Record<string, unknown>)[c.key]]))),
  }
}

export async function stockExportSheet(grid: GridApi<Balance>, filter: StockFilter, onProgress: (done: number, total: number) => void,
  facts?: Array<[string, string]>): Promise<XlsxSheet> {
  const columns = grid.getAllDisplayedColumns()
    .filter((c) => c.getColDef().field)
    .map((c) => ({ key: c.getColDef().field as string, header: grid.getDisplayNameForColumn(c, null) }))
  const sort = toSort(grid.getColumnState().filter((s) => s.sort).map((s) => ({ colId: s.colId, sort: s.sort! })))
  const rows = await fetchAllBalances({ ...toQuery(filter), sort }, onProgress)
  return balanceSheet(columns, rows, facts)
}
