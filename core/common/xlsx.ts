/**
 * Excel workbooks, written and read with exceljs. Pure (no database, no node-only modules), so the renderer
 * uses the same code to export a grid and to read an uploaded file, and tests read an export back.
 */
import type ExcelJSNs from 'exceljs'

type ExcelJS = typeof ExcelJSNs
let loaded: Promise<ExcelJS> | undefined
/** exceljs is large: loaded on first use (its own chunk in the renderer). */
export function loadExcel(): Promise<ExcelJS> {
  loaded ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelJS }).default ?? (m as unknown as ExcelJS)))
  return loaded
}

export interface XlsxColumn { header: string; key: string; width?: number; kind?: 'text' | 'number' | 'date' }

export interface XlsxSheet {
  name: string
  /** lines above the table: a title, then "label: value" facts (site, item, period …) */
  title?: string
  facts?: Array<[string, string]>
  columns: XlsxColumn[]
  rows: Array<Record<string, unknown>>
  /** a closing line under the table, e.g. 本期结存 */
  footer?: Record<string, unknown>
}

/** One sheet: optional title and facts, a bold header row with a filter, the rows, an optional footer row. */
export async function buildXlsx(sheet: XlsxSheet): Promise<Uint8Array> {
  const Excel = await loadExcel()
  const wb = new Excel.Workbook()
  wb.creator = '应急物资储备网络'
  const ws = wb.addWorksheet(sheet.name.slice(0, 31))
  let r = 1
  if (sheet.title) {
    ws.mergeCells(r, 1, r, Math.max(1, sheet.columns.length))
    const c = ws.getCell(r, 1)
    c.value = sheet.title
    c.font = { bold: true, size: 14 }
    c.alignment = { horizontal: 'center' }
    r++
  }
  for (const [label, value] of sheet.facts ?? []) {
    ws.getCell(r, 1).value = label
    ws.getCell(r, 2).value = value
    r++
  }
  if (sheet.title || sheet.facts?.length) r++
  const headerRow = r
  sheet.columns.forEach((col, i) => {
    const c = ws.getCell(r, i + 1)
    c.value = col.header
    c.font = { bold: true }
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F4' } }
    c.border = { bottom: { style: 'thin' } }
    ws.getColumn(i + 1).width = col.width ?? Math.max(8, col.header.length * 2 + 2)
  })
  r++
  const put = (values: Record<string, unknown>) => {
    sheet.columns.forEach((col, i) => {
      const v = values[col.key]
      ws.getCell(r, i + 1).value = v == null || v === '' ? null : col.kind === 'number' && typeof v === 'number' ? v : String(v)
    })
    r++
  }
  for (const row of sheet.rows) put(row)
  if (sheet.rows.length) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: r - 1, column: sheet.columns.length } }
  ws.views = [{ state: 'frozen', ySplit: headerRow }]
  if (sheet.footer) {
    put(sheet.footer)
    ws.getRow(r - 1).font = { bold: true }
  }
  const buf = await wb.xlsx.writeBuffer()
  return new Uint8Array(buf as ArrayBuffer)
}

export type CellValue = string | number | Date | boolean | null

/** The first sheet's cells as rows of plain values (formulas by their result, rich text as text, empty as null). */
export async function readXlsxRows(data: Uint8Array | ArrayBuffer): Promise<CellValue[][]> {
  const Excel = await loadExcel()
  const wb = new Excel.Workbook()
  await wb.xlsx.load(data as ArrayBuffer)
  const ws = wb.worksheets[0]
  if (!ws) return []
  const rows: CellValue[][] = []
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const out: CellValue[] = []
    for (let c = 1; c <= ws.columnCount; c++) out.push(plain(row.getCell(c).value))
    rows[n - 1] = out
  })
  for (let i = 0; i < rows.length; i++) rows[i] ??= []
  return rows
}

function plain(v: unknown): CellValue {
  if (v == null) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: Array<{ text: string }>; text?: string; hyperlink?: string }
    if ('result' in o) return plain(o.result)
    if (o.richText) return o.richText.map((t) => t.text).join('')
    if (typeof o.text === 'string') return o.text
  }
  return String(v)
}

/**
 * Rows read from a workbook as the import api takes them: a date cell (exceljs gives a Date at UTC midnight) becomes
 * YYYY-MM-DD, every other cell stays as it is; trailing empty rows are dropped.
 */
export function rowsForImport(rows: CellValue[][]): Array<Array<string | number | boolean | null>> {
  const out = rows.map((r) => r.map((c) => (c instanceof Date ? (Number.isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10)) : c)))
  while (out.length && out[out.length - 1].every((c) => c === null || c === '')) out.pop()
  return out
}
