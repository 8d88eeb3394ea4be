/**
 * Export what an AG Grid shows to xlsx: the displayed columns in their order, the rows after the grid's filters
 * and sort, each cell as the grid formats it. Any grid with a GridApi uses this.
 */
import type { GridApi } from 'ag-grid-community'
import { buildXlsx, type XlsxSheet } from '../../../core/common/xlsx'

export function sheetFromGrid<T>(grid: GridApi<T>, name: string, extra?: Pick<XlsxSheet, 'title' | 'facts'>): XlsxSheet {
  const cols = grid.getAllDisplayedColumns().filter((c) => !c.getColDef().suppressHeaderMenuButton || c.getColDef().headerName)
  const columns = cols.map((c) => ({
    header: grid.getDisplayNameForColumn(c, null), key: c.getColId(),
    kind: c.getColDef().type === 'rightAligned' || c.getColDef().type === 'numericColumn' ? 'number' as const : 'text' as const,
    width: Math.max(8, Math.round(c.getActualWidth() / 7)),
  }))
  const rows: Array<Record<string, unknown>> = []
  grid.forEachNodeAfterFilterAndSort((node) => {
    if (node.group) return
    const row: Record<string, unknown> = {}
    for (const c of cols) {
      const raw = grid.getCellValue({ rowNode: node, colKey: c })
      const shown = grid.getCellValue({ rowNode: node, colKey: c, useFormatter: true })
      row[c.getColId()] = typeof raw === 'number' && c.getColDef().type === 'rightAligned' ? raw : shown ?? raw
    }
    rows.push(row)
  })
  return { name, columns, rows, ...extra }
}

export const gridToXlsx = <T>(grid: GridApi<T>, name: string, extra?: Pick<XlsxSheet, 'title' | 'facts'>) => buildXlsx(sheetFromGrid(grid, name, extra))
