/**
 * Excel export in the renderer: exceljs is loaded only when someone exports (it is large), the workbook is built by
 * a pure function per report (tested in node with the same library), and the file is handed to the browser's
 * download. exceljs's browser build does not evaluate strings, so it runs under the app's CSP.
 */
import type { Workbook } from 'exceljs'
import { downloadBytes } from './download'

export interface XlsxColumn { header: string; key: string; width?: number }

export async function newWorkbook(): Promise<Workbook> {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.Workbook()
  wb.creator = '应急物资储备网络'
  wb.created = new Date()
  return wb
}

export async function downloadWorkbook(wb: Workbook, fileName: string): Promise<void> {
  downloadBytes(new Uint8Array(await wb.xlsx.writeBuffer()), fileName)
}

/** One sheet of rows under bold headers, downloaded as `filename`. */
export async function downloadXlsx(filename: string, sheet: string, columns: XlsxColumn[], rows: Array<Record<string, unknown>>): Promise<void> {
  const wb = await newWorkbook()
  const ws = wb.addWorksheet(sheet)
  ws.columns = columns
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow(r)
  await downloadWorkbook(wb, filename)
}
