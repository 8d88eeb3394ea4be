/**
 * The stock forms as offices file them, read back from the PDF (pdftotext): a purchase 入库单 with 生产日期, 单价,
 * 金额 and 供货单位, a donation's 捐赠单位, and a 盘点单 with its 盘盈/盘亏 — each printed from its own print view
 * (#/print/<document id>), so nothing of the app frame is in the PDF. (出库单: print.spec.ts; 调拨单: dispatch-keyboard.spec.ts.)
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { apiCall, freshLot, TENT } from './support'

type SiteRow = { id: string; name: string; tier: string; status: string }

async function pdfText(page: Page, id: string, title: string): Promise<{ text: string; flat: string }> {
  await page.goto(`./#/print/${id}`)
  await expect(page.getByTestId('form-title')).toHaveText(title)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('print-now')).toBeHidden()
  const file = path.join(os.tmpdir(), `${id}.pdf`)
  fs.writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }))
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  fs.rmSync(file)
  await page.emulateMedia({ media: 'screen' })
  return { text, flat: text.replace(/\s+/g, '') }
}

test('a purchase 入库单 prints 生产日期, 单价 and 金额 and names the 供货单位; a donation names the 捐赠单位', async ({ page, request }) => {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  const site = sites.filter((s) => s.tier === 'community' && s.status === 'active')[12]
  const lot = freshLot('E2E-PF')
  const id = randomUUID()
  const r = await apiCall<{ docNo: string }>(request, 'stock.receive', {
    id, siteId: site.id, docDate: '2026-03-02', subtype: '采购入库', counterparty: '上海帐篷厂',
    lines: [{ itemId: TENT.id, lotNo: lot, productionDate: '2026-01-15', expiryDate: '2034-01-14', unitCost: 1280.5, quantity: 12 }],
  })
  const { text, flat } = await pdfText(page, id, '入库单')
  expect(text).toContain(r.docNo)
  for (const head of ['生产日期', '单价', '金额']) expect(flat).toContain(head)
  expect(flat).toContain('供货单位：上海帐篷厂')
  expect(flat).not.toContain('对方单位')
  expect(text).toContain('2026-01-15')
  expect(text).toContain('1,280.50')
  // 12 × 1 280.50 = 15 366.00, on the line and in the total
  expect(text.match(/15,366\.00/g)).toHaveLength(2)

  const gift = randomUUID()
  await apiCall(request, 'stock.receive', {
    id: gift, siteId: site.id, docDate: '2026-03-03', subtype: '捐赠入库', counterparty: '松江区红十字会',
    lines: [{ itemId: TENT.id, lotNo: freshLot('E2E-PG'), expiryDate: '2034-01-14', quantity: 2 }],
  })
  const donated = await pdfText(page, gift, '入库单')
  expect(donated.flat).toContain('捐赠单位：松江区红十字会')
  expect(donated.flat).not.toContain('供货单位')
})

test('a posted 盘点单 prints its number, site, the surplus with its sign and the signature lines', async ({ page, request }) => {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  const site = sites.filter((s) => s.tier === 'community' && s.status === 'active')[13]
  const lot = freshLot('E2E-PS')
  await apiCall(request, 'stock.receive', {
    id: randomUUID(), siteId: site.id, docDate: '2026-03-02', subtype: '采购入库',
    lines: [{ itemId: TENT.id, lotNo: lot, expiryDate: '2034-01-14', quantity: 5 }],
  })
  const opened = await apiCall<{ id: string }>(request, 'stocktake.open', { id: randomUUID(), siteId: site.id, blind: false })
  const sheet = await apiCall<{ lines: Array<{ lineNo: number; lotNo: string; expected: number | null }> }>(request, 'stocktake.get', { id: opened.id })
  // every line counted as booked, except the new lot: 2 more found than booked
  await apiCall(request, 'stocktake.save', {
    stocktakeId: opened.id,
    counts: sheet.lines.map((l) => ({ lineNo: l.lineNo, counted: (l.expected ?? 0) + (l.lotNo === lot ? 2 : 0), reason: l.lotNo === lot ? '复核多出' : null })),
  })
  const docId = randomUUID()
  const posted = await apiCall<{ docNo: string }>(request, 'stocktake.post', { stocktakeId: opened.id, id: docId, docDate: '2026-03-04', handledBy: '张保管' })
  const { text, flat } = await pdfText(page, docId, '盘点单')
  expect(text).toContain(posted.docNo)
  expect(flat).toContain(`储备点：${site.name}`)
  expect(flat).toContain('盘盈(+)/盘亏(−)')
  expect(text).toContain(lot)
  expect(text).toMatch(new RegExp(`${lot}.*\\+2`))
  for (const sign of ['经办人：张保管', '保管员', '负责人']) expect(flat).toContain(sign)
  for (const frame of ['目录与标准', 'Excel导入', '灾情调度', '数据同步']) expect(flat).not.toContain(frame)
})
