import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import ExcelJS from 'exceljs'
import { DispatchPage } from './pages/DispatchPage'
import { apiCall, freshLot, receiveViaApi } from './support'

const DISTRICT_ID = 'D-310117-01'
const TENT_ROW = ['帐篷', '0', '20', '18', '2', '0', '0', '5']
const WATER_ROW = ['饮用水', '0', '50', '50', '0', '0', '30', '0']

test('returns and write-offs keyed against the incident; the report, its Excel file and its PDF say the same', async ({ page, request }, info) => {
  const sites = await apiCall<Array<{ id: string; name: string; tier: string; regionCode: string; status: string }>>(request, 'network.sites', {})
  const point = sites.find((s) => s.tier === 'community' && s.status === 'active' && s.regionCode.startsWith('310117003'))!
  const stamp = Date.now().toString(36)
  const incidentId = `inc-rep-${stamp}`
  const incidentName = `内涝报告E2E${stamp}`
  await receiveViaApi(request, DISTRICT_ID, [
    { itemId: 'SH-001', lotNo: freshLot('E2E-RT'), quantity: 100 }, { itemId: 'SP-001', lotNo: freshLot('E2E-RW'), expiryDate: '2028-01-01', quantity: 100 },
  ])
  await apiCall(request, 'incident.save', { id: incidentId, name: incidentName, type: '暴雨内涝', level: 'III', startedAt: '2026-06-01' })
  await apiCall(request, 'incident.setCurrent', { id: incidentId })
  const orderId = `order-rep-${stamp}`
  await apiCall(request, 'transfer.save', { id: orderId, incidentId, fromSiteId: DISTRICT_ID, toSiteId: point.id, lines: [{ itemId: 'SH-001', requested: 20 }, { itemId: 'SP-001', requested: 50 }] })
  for (const action of ['approve', 'dispatch'] as const) await apiCall(request, 'transfer.transition', { id: orderId, action })
  const order = await apiCall<{ lines: Array<{ lineNo: number; itemId: string; shipped: number }> }>(request, 'transfer.get', { id: orderId })
  const tentLine = order.lines.find((l) => l.itemId === 'SH-001' && l.shipped >= 2)!
  await apiCall(request, 'transfer.transition', { id: orderId, action: 'receive', lines: [{ lineNo: tentLine.lineNo, received: tentLine.shipped - 2, reason: 'lost' }] })

  const d = new DispatchPage(page)
  await d.open()
  await d.tab('report')
  const form = page.getByTestId('recovery-form')
  // 核销: 30 cases of water used up at the community point — keyboard from the site on.
  await form.getByTestId('recovery-kind').getByText('核销').click()
  await form.getByTestId('recovery-site').click()
  await d.typeAndPick(point.name)
  await d.tabTo(form.getByTestId('vline-0-item').locator('input'), 8)
  await d.typeAndPick('SP-001')
  await page.keyboard.press('Tab')
  await page.keyboard.type('30')
  await page.keyboard.press('Control+Enter')
  await expect(form.getByTestId('recovery-posted')).toContainText('已过账')
  // 回收入库: 5 tents back into the district depot; a consumable cannot be returned (not offered).
  await form.getByTestId('recovery-kind').getByText('回收入库').click()
  await form.getByTestId('recovery-site').click()
  await d.typeAndPick('松江区救灾物资储备库')
  await form.getByTestId('vline-0-item').click()
  await page.keyboard.type('SP-001')
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')).toHaveCount(0)
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Backspace')
  await d.typeAndPick('SH-001')
  await form.getByTestId('vline-0-lot').fill('RET-01')
  await form.locator('input[data-testid="vline-0-quantity"], [data-testid="vline-0-quantity"] input').fill('5')
  await form.getByTestId('recovery-post').click()
  await expect(form.getByTestId('recovery-posted')).toContainText('已过账')

  // The report on screen: item, requested, sent, received, shortfall, in transit, consumed, returned.
  const rows = d.report.getByTestId('report-items').locator('tr.ant-table-row')
  await expect(rows.filter({ hasText: '帐篷' }).filter({ hasNotText: '棉帐篷' }).locator('td')).toHaveText(TENT_ROW)
  await expect(rows.filter({ hasText: '饮用水' }).locator('td')).toHaveText(WATER_ROW)
  await expect(d.report.getByTestId('report-shortfalls')).toContainText('丢失')

  // Excel: the same numbers, read back with exceljs.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()])
  expect(download.suggestedFilename()).toBe(`${incidentName}-物资使用报告.xlsx`)
  const file = info.outputPath('report.xlsx')
  await download.saveAs(file)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const sheet = wb.getWorksheet('物资使用情况')!
  const values = (name: string) => {
    let found: string[] | undefined
    sheet.eachRow((r) => { const v = (r.values as unknown[]).slice(1).map(String); if (v[0] === name) found = v })
    return found
  }
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['物资', '申请', '调出', '实收', '短缺', '在途物资', '核销', '回收'])
  expect(values('帐篷')).toEqual(TENT_ROW)
  expect(values('饮用水')).toEqual(WATER_ROW)
  expect(wb.worksheets.map((w) => w.name)).toEqual(['物资使用情况', '物资来源', '送达时效', '补库清单', '准时率'])
  // late stays late: each delivery keeps its due and delivered time and how late it was
  expect(wb.getWorksheet('送达时效')!.getRow(1).values).toEqual(expect.arrayContaining(['承诺到达', '送达时间', '迟到（分钟）']))

  // PDF (the print view): the incident, the section titles and the same rows; the forms and buttons are not printed.
  const pdf = info.outputPath('report.pdf')
  await page.pdf({ path: pdf, format: 'A4', landscape: true })
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
  expect(text).toContain(incidentName)
  for (const title of ['物资使用情况', '物资来源', '送达时效', '短缺记录', '补库清单']) expect(text).toContain(title)
  expect(text).toMatch(new RegExp(TENT_ROW.join('\\s+')))
  expect(text).toMatch(new RegExp(WATER_ROW.join('\\s+')))
  expect(text).toContain('丢失')
  expect(text).not.toContain('导出 Excel')
  expect(text).not.toContain('过账（Ctrl+Enter）')
  await page.screenshot({ path: 'test-results/dispatch-recovery.png', fullPage: true })
})
