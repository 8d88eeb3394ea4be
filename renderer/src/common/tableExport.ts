/**
 * Export what an antd Table shows to xlsx, for the grids that are not AG Grid (gridExport.ts is for those): the
 * columns as the page labels them, each cell as the page shows it (names, state words, dates), numbers as numbers.
 */
import type { XlsxSheet } from '../../../core/common/xlsx'

export interface TableColumn<T> { header: string; value: (row: T) => string | number | null | undefined; number?: boolean; width?: number }

export function tableSheet<T>(name: string, columns: Array<TableColumn<T>>, rows: readonly T[], extra?: Pick<XlsxSheet, 'title' | 'facts'>): XlsxSheet {
  return {
    name,
    columns: columns.map((c, i) => ({ header: c.header, key: `c${i}`, kind: c.number ? 'number' as const : 'text' as const, width: c.width ?? 14 })),
    rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(r) ?? '']))),
    ...extra,
  }
}
