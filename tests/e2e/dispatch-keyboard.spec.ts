/**
 * 调度 by keyboard alone, incident → request → order → approve → print: after the first navigation the test uses
 * nothing but page.keyboard (no click, no fill), asserting on the way where the focus is. It counts the keys pressed
 * and the characters typed and writes them, with the time the path took, to BENCHMARKS.md (its own marked section).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { readXlsxRows } from '../../core/common/xlsx'
import { apiCall, freshLot, receiveViaApi } from './support'

const DISTRICT_ID = 'D-310117-01'
/** Today where the browser is (the e2e config runs it in Asia/Shanghai), as the form prints it. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())

/** page.keyboard with a tally: keys pressed (Tab, Enter, arrows, chords count one each) and characters typed. */
class Keys {
  pressed = 0
  typed = 0
  constructor(readonly page: Page) {}
  async press(key: string) { this.pressed++; await this.page.keyboard.press(key) }
  async type(text: string) { this.typed += [...text].length; await this.page.keyboard.type(text) }
  /** Tab (or Shift+Tab) until `target` has the focus. */
  async tabTo(target: Locator, max = 40, key = 'Tab') {
    for (let i = 0; i < max; i++) {
      await this.press(key)
      if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return
    }
    await expect(target).toBeFocused()
  }
  /** Types into the focused Select and picks the first match with Enter. */
  async typeAndPick(text: string) {
    await this.type(text)
    const options = this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    await expect(options.first()).toBeVisible()
    await this.press('Enter')
    await expect(options).toHaveCount(0)
  }
}

/** Puts the marked keyboard section into BENCHMARKS.md in place of the last one (or at the end), leaving the rest alone. */
export function withKeyboardSection(md: string, section: string): string {
  const marked = /<!-- keyboard:start -->[\s\S]*?<!-- keyboard:end -->\n?/
  return marked.test(md) ? md.replace(marked, section) : `${md.trimEnd()}\n\n${section}`
}

test('a dispatcher goes from a new incident to a printed, approved 调拨单 by keyboard alone; the PDF holds the form only', async ({ page, request }) => {
  const sites = await apiCall<Array<{ id: string; name: string; tier: string; regionCode: string; status: string }>>(request, 'network.sites', {})
  const point = sites.find((s) => s.tier === 'community' && s.status === 'active' && s.regionCode.startsWith('310117002'))!
  await receiveViaApi(request, DISTRICT_ID, [{ itemId: 'SH-001', lotNo: freshLot('E2E-KB'), expiryDate: '2031-01-01', quantity: 50 }])
  const me = await apiCall<{ user: { name: string } | null }>(request, 'auth.status', {})

  await page.goto('./#/dispatch')
  await expect(page.getByTestId('dispatch-page')).toBeVisible()
  const keys = new Keys(page)
  const started = Date.now()

  // 1. The incident: Tab to 新建灾情, Enter; the name has the focus; Enter saves it and makes it current.
  await keys.tabTo(page.getByTestId('incident-new'), 60)
  await keys.press('Enter')
  await expect(page.getByTestId('incident-name')).toBeFocused()
  const incident = `键盘E2E${Date.now().toString(36)}`
  await keys.type(incident)
  await keys.press('Enter')
  await expect(page.getByTestId('incident-select')).toContainText(incident)

  // 2. The request: to the tab bar, arrow to 需求申报, Enter; region has the focus, then the site and one line.
  const tabs = page.locator('.ant-tabs-nav [role="tab"]')
  await keys.tabTo(tabs.filter({ has: page.getByTestId('tab-board') }))
  await keys.press('ArrowRight')
  await keys.press('Enter')
  await expect(page.getByTestId('req-region').locator('input')).toBeFocused()
  await keys.tabTo(page.getByTestId('req-site').locator('input'), 6)
  await keys.typeAndPick(point.name)
  await keys.tabTo(page.getByTestId('rline-0-item').locator('input'), 10)
  await keys.typeAndPick('SH-001')
  await keys.press('Tab')
  await keys.type('3')
  await keys.press('Control+Enter')
  await expect(page.getByTestId('request-saved')).toBeVisible()
  const requestNo = (await page.getByTestId('request-saved').textContent())!.match(/XQ\S+/)![0]

  // 3. The order: Tab to the request's 生成调拨单 and Enter; one draft per source.
  const row = page.getByTestId('requests-list').getByTestId(`request-row-${requestNo}`)
  await keys.tabTo(row.getByTestId('make-orders'), 30)
  await keys.press('Enter')
  await expect(page.getByTestId('make-orders-result')).toContainText('调拨单草稿')
  const orderNo = (await page.getByTestId('make-orders-result').textContent())!.match(/DB[^（\s]+/)![0]

  // 4. Approve: back to the tab bar, arrow to 调度看板, Enter; Tab to the order (a focus ring shows), Enter opens it.
  await keys.tabTo(tabs.filter({ has: page.getByTestId('tab-requests') }), 60, 'Shift+Tab')
  await keys.press('ArrowLeft')
  await keys.press('Enter')
  const card = page.getByTestId('dispatch-board').getByTestId(`order-row-${orderNo}`)
  await expect(card).toBeVisible()
  await keys.tabTo(card, 40)
  await expect(card).toBeFocused()
  const ring = await card.evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(ring).toBe('solid')
  await keys.press('Enter')
  const drawer = page.getByTestId('order-drawer')
  await expect(drawer.getByTestId('drawer-order-no')).toHaveText(orderNo)
  await expect(drawer.getByTestId('act-approve')).toBeFocused()
  await keys.press('Enter')
  await expect(drawer.getByTestId('drawer-state')).toHaveText('已审批')

  // 5. Print: the focus is on 打印调拨单 (also Alt+P); Enter opens the order's own print view with 打印 focused.
  await expect(drawer.getByTestId('act-print')).toBeFocused()
  await keys.press('Enter')
  await expect(page.getByTestId('print-order')).toBeVisible()
  await expect(page.getByTestId('print-now')).toBeFocused()
  const seconds = (Date.now() - started) / 1000
  const pressed = keys.pressed
  const typed = keys.typed

  await expect(page.getByTestId('form-doc-no')).toHaveText(orderNo)
  await expect(page.getByTestId('form-approver')).toHaveText(me.user!.name)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('print-now')).toBeHidden()
  const file = path.join(os.tmpdir(), `${orderNo}-kb.pdf`)
  fs.writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }))
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  fs.rmSync(file)
  const flat = text.replace(/\s+/g, '')
  expect(flat).toContain('调拨单')
  expect(text).toContain(orderNo)
  expect(flat).toContain(`打印日期：${today()}`)
  expect(flat).toContain(`审批人：${me.user!.name}`)
  expect(flat).toContain(`审批日期：${today()}`)
  expect(flat).toContain(`调入方：${point.name}`)
  // the form only: no drawer close button, no board, no menu behind it
  expect(text).not.toContain('×')
  for (const behind of ['调度看板', '生成调拨单', '流转记录', '灾情调度', '签收记录']) expect(flat).not.toContain(behind)

  // Escape goes back to the board.
  await page.emulateMedia({ media: 'screen' })
  await keys.press('Escape')
  await expect(page.getByTestId('dispatch-page')).toBeVisible()

  // The board's orders to Excel, by keyboard too: the approved order is in the file as the board lists it.
  const exportButton = page.getByTestId('board-orders-export')
  await expect(exportButton).toBeVisible()
  await keys.tabTo(exportButton, 60)
  const [download] = await Promise.all([page.waitForEvent('download'), keys.press('Enter')])
  const rows = await readXlsxRows(fs.readFileSync((await download.path())!))
  const header = rows.findIndex((r) => r.includes('调拨单号'))
  expect(rows[header]).toEqual(['调拨单号', '状态', '调出', '调入', '行数', '发运', '实收', '在途物资', '超时'])
  const mine = rows.slice(header + 1).find((r) => r[0] === orderNo)
  expect(mine?.slice(1, 5)).toEqual(['已审批', expect.any(String), point.name, 1])

  const section = [
    '<!-- keyboard:start -->',
    '## Dispatch by keyboard (tests/e2e/dispatch-keyboard.spec.ts)',
    '',
    'Incident → request → order → approve → print view, keyboard only after the first navigation, in Chromium under',
    'Playwright on the e2e hub (wall time includes Playwright\'s round trips and the focus checks between keys).',
    '',
    '| keys pressed | characters typed | seconds |',
    '|---:|---:|---:|',
    `| ${pressed} | ${typed} | ${seconds.toFixed(1)} |`,
    '',
    `Run ${today()}.`,
    '<!-- keyboard:end -->',
    '',
  ].join('\n')
  const bench = path.join(__dirname, '..', '..', 'BENCHMARKS.md')
  fs.writeFileSync(bench, withKeyboardSection(fs.readFileSync(bench, 'utf8'), section))
  console.log(section)
})
