/** Builds an xlsx in the page (exceljs, loaded only when someone exports) and hands it to the browser as a download. */
export interface XlsxColumn { header: string; key: string; width?: number }

export async function downloadXlsx(filename: string, sheet: string, columns: XlsxColumn[], rows: Array<Record<string, unknown>>): Promise<void> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet)
  ws.columns = columns
  ws.getRow(1).font = { bold: true }
  for (const r of rows) ws.addRow(r)
  const buffer = await wb.xlsx.writeBuffer()
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
