/** The uncovered-communities list as a workbook: a title row, a header, one row per community, a total. */
import type { Workbook } from 'exceljs'

export interface UncoveredSheetData {
  title: string
  sheetName: string
  headers: [string, string, string, string, string]
  rows: Array<{ districtName: string; streetName: string; name: string; code: string; kind: string | null }>
}

export function fillUncoveredWorkbook(wb: Workbook, d: UncoveredSheetData): void {
  const ws = wb.addWorksheet(d.sheetName, { views: [{ state: 'frozen', ySplit: 2 }] })
  ws.columns = [{ width: 8 }, { width: 14 }, { width: 18 }, { width: 28 }, { width: 16 }, { width: 10 }]
  ws.mergeCells('A1:F1')
  ws.getCell('A1').value = d.title
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.getCell('A1').alignment = { horizontal: 'center' }
  const header = ws.addRow(['序号', ...d.headers])
  header.font = { bold: true }
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F4' } }
    c.border = { bottom: { style: 'thin' } }
  })
  d.rows.forEach((r, i) => {
    const row = ws.addRow([i + 1, r.districtName, r.streetName, r.name, r.code, r.kind ?? ''])
    // the 12-digit code is an identifier, not a number: keep it as text so Excel shows every digit
    row.getCell(5).numFmt = '@'
  })
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + d.rows.length, column: 6 } }
}
