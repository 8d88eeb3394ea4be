/** The annual plan in the layout offices file: a title, a header, one row per tier × item, a total with the sum. */
import type { Workbook } from 'exceljs'

export interface PlanSheetData {
  title: string
  sheetName: string
  headers: string[] // 序号 层级 编码 名称 单位 标准 有效库存 协议 轮换 缺口 计划购置 单价 金额 备注
  totalLabel: string
  rows: Array<{ tier: string; code: string; name: string; unit: string; target: number; stock: number; agreement: number; rotation: number; gap: number; quantity: number; unitPrice: number; note: string | null }>
}

export function fillPlanWorkbook(wb: Workbook, d: PlanSheetData): void {
  const ws = wb.addWorksheet(d.sheetName, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  ws.columns = [6, 10, 10, 18, 6, 10, 10, 10, 10, 10, 10, 10, 14, 16].map((width) => ({ width }))
  ws.mergeCells(1, 1, 1, d.headers.length)
  const title = ws.getCell(1, 1)
  title.value = d.title
  title.font = { bold: true, size: 14 }
  title.alignment = { horizontal: 'center' }
  const header = ws.addRow(d.headers)
  header.font = { bold: true }
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  const border = { top: { style: 'thin' as const }, left: { style: 'thin' as const }, bottom: { style: 'thin' as const }, right: { style: 'thin' as const } }
  d.rows.forEach((r, i) => {
    const n = 3 + i
    ws.addRow([i + 1, r.tier, r.code, r.name, r.unit, r.target, r.stock, r.agreement, r.rotation, r.gap, r.quantity, r.unitPrice,
      { formula: `K${n}*L${n}`, result: Math.round(r.quantity * r.unitPrice * 100) / 100 }, r.note ?? ''])
  })
  const last = 2 + d.rows.length
  const totalRow = ws.addRow([d.totalLabel, '', '', '', '', '', '', '', '', '', '', '',
    { formula: d.rows.length ? `SUM(M3:M${last})` : '0', result: Math.round(d.rows.reduce((s, r) => s + r.quantity * r.unitPrice, 0) * 100) / 100 }, ''])
  totalRow.font = { bold: true }
  ws.mergeCells(totalRow.number, 1, totalRow.number, 12)
  for (let r = 2; r <= totalRow.number; r++) ws.getRow(r).eachCell({ includeEmpty: true }, (c) => { c.border = border })
  for (let r = 3; r <= totalRow.number; r++) {
    ws.getCell(r, 12).numFmt = '#,##0.00'
    ws.getCell(r, 13).numFmt = '#,##0.00'
  }
}
