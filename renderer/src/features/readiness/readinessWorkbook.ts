/** The simulation as a workbook: a title, one row per item (need, in time by tier, later, short, first batch), then each source. */
import type { Workbook } from 'exceljs'

export interface ReadinessSheetData {
  title: string
  sheetName: string
  sourcesName: string
  headers: { item: string; unit: string; need: string; street: string; district: string; agreement: string; capacity: string; within: string; later: string; short: string; firstBatch: string; onTime: string }
  sourceHeaders: { item: string; street: string; source: string; tier: string; take: string; hours: string; within: string }
  yes: string
  no: string
  tierNames: Record<'street' | 'district' | 'agreement' | 'capacity', string>
  streetNames: Record<string, string>
  items: Array<{
    itemName: string; unit: string; need: number; withinTarget: number; later: number; short: number; firstBatchHours: number | null; onTime: boolean
    byTier: Record<'street' | 'district' | 'agreement' | 'capacity', number>
    picks: Array<{ tier: 'street' | 'district' | 'agreement' | 'capacity'; sourceName: string; streetCode: string; take: number; hours: number; withinTarget: number }>
  }>
}

const hours = (h: number | null) => (h == null ? '' : Math.round(h * 10) / 10)

export function fillReadinessWorkbook(wb: Workbook, d: ReadinessSheetData): void {
  const h = d.headers
  const ws = wb.addWorksheet(d.sheetName, { views: [{ state: 'frozen', ySplit: 2 }] })
  ws.columns = [{ width: 18 }, { width: 6 }, ...Array.from({ length: 8 }, () => ({ width: 12 })), { width: 14 }, { width: 10 }]
  ws.mergeCells('A1:L1')
  ws.getCell('A1').value = d.title
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.getCell('A1').alignment = { horizontal: 'center' }
  const header = ws.addRow([h.item, h.unit, h.need, h.street, h.district, h.agreement, h.capacity, h.within, h.later, h.short, h.firstBatch, h.onTime])
  header.font = { bold: true }
  for (const it of d.items) {
    const row = ws.addRow([it.itemName, it.unit, it.need, it.byTier.street, it.byTier.district, it.byTier.agreement, it.byTier.capacity,
      it.withinTarget, it.later, it.short, hours(it.firstBatchHours), it.onTime ? d.yes : d.no])
    if (it.short > 0) row.getCell(10).font = { color: { argb: 'FFCF1322' }, bold: true }
  }
  const s = d.sourceHeaders
  const src = wb.addWorksheet(d.sourcesName, { views: [{ state: 'frozen', ySplit: 1 }] })
  src.columns = [{ width: 18 }, { width: 14 }, { width: 30 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 12 }]
  src.addRow([s.item, s.street, s.source, s.tier, s.take, s.hours, s.within]).font = { bold: true }
  for (const it of d.items) {
    for (const p of it.picks) src.addRow([it.itemName, d.streetNames[p.streetCode] ?? p.streetCode, p.sourceName, d.tierNames[p.tier], p.take, hours(p.hours), p.withinTarget])
  }
}
