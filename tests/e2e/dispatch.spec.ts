import { expect, test } from '@playwright/test'
import { DispatchPage } from './pages/DispatchPage'
import { apiCall, freshLot, receiveViaApi } from './support'

const DISTRICT = '松江区救灾物资储备库'
const DISTRICT_ID = 'D-310117-01'
const ITEMS = ['SH-001', 'SH-002', 'SH-003', 'SH-004', 'SH-006', 'SH-007', 'SH-008', 'JS-001', 'JS-002', 'SH-005']

test('a dispatcher opens an incident, keys a 10-line order without the mouse; it is dispatched, received 2 short with a reason, and the report shows it', async ({ page, request }) => {
  // The district depot holds a fresh lot of each item, expiring late, so FEFO takes these first or others — totals are what count.
  await receiveViaApi(request, DISTRICT_ID, ITEMS.map((itemId) => ({ itemId, lotNo: freshLot('E2E-D'), quantity: 500 })))
  const sites = await apiCall<Array<{ id: string; name: string; tier: string; regionCode: string; status: string }>>(request, 'network.sites', {})
  const point = sites.find((s) => s.tier === 'community' && s.status === 'active' && s.regionCode.startsWith('310117001'))!

  const d = new DispatchPage(page)
  await d.open()
  const incident = `台风E2E${Date.now().toString(36)}`
  await d.openIncident(incident)
  await d.tab('order')

  // Keyboard only from here: the source has the focus when the form opens.
  await expect(page.getByTestId('order-from').locator('input')).toBeFocused()
  await d.typeAndPick(DISTRICT)
  await d.tabTo(page.getByTestId('order-to').locator('input'))
  await d.typeAndPick(point.name)
  await expect(page.getByTestId('order-to')).toContainText(point.name)
  await d.tabTo(page.getByTestId('order-vehicle'))
  await page.keyboard.type('沪A-E2E01')
  await page.keyboard.press('Tab') // driver
  await page.keyboard.type('王师傅')
  await d.tabTo(page.getByTestId('oline-0-item').locator('input'))
  for (let i = 0; i < ITEMS.length; i++) {
    await expect(page.getByTestId(`oline-${i}-item`).locator('input')).toBeFocused()
    await d.typeAndPick(ITEMS[i])
    await page.keyboard.press('Tab')
    await page.keyboard.type(String(10 + i))
    if (i < ITEMS.length - 1) await page.keyboard.press('Enter')
  }
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('order-saved')).toBeVisible()
  const orderNo = (await page.getByTestId('order-saved').textContent())!.match(/DB\S+/)![0]

  // The board shows it approved; the source keeper dispatches it, the destination receives 2 fewer tents, damaged.
  await d.tab('board')
  await expect(d.orderRow(orderNo).getByTestId('order-state')).toHaveText('已审批')
  await d.orderRow(orderNo).click()
  await expect(d.drawer.getByTestId('drawer-lines').locator('tr.ant-table-row')).toHaveCount(10)
  await d.action('dispatch')
  await expect(d.drawer.getByTestId('drawer-state')).toHaveText('已发运')
  // Line 1 is the tents (FEFO may have split them over lots): 2 fewer than that line shipped arrive.
  const shipped1 = Number(await d.drawer.getByTestId('drawer-lines').locator('tr.ant-table-row').first().locator('td').nth(5).textContent())
  await d.drawer.locator('[data-testid="receive-1"] input, input[data-testid="receive-1"]').fill(String(shipped1 - 2))
  await d.action('receive')
  await expect(d.drawer.getByTestId('drawer-error')).toContainText('请选择原因')
  await d.drawer.getByTestId('reason-1').click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '破损' }).click()
  await d.action('receive')
  await expect(d.drawer.getByTestId('drawer-state')).toHaveText('部分签收')
  await page.keyboard.press('Escape')

  await d.tab('report')
  const tent = d.report.getByTestId('report-items').locator('tr.ant-table-row').filter({ hasText: '帐篷' }).filter({ hasNotText: '棉帐篷' })
  // item, requested, sent, received, shortfall, in transit, consumed, returned
  await expect(tent.locator('td')).toHaveText(['帐篷', '0', '10', '8', '2', '0', '0', '0'])
  await expect(d.report.getByTestId('report-shortfalls')).toContainText('破损')
  await page.screenshot({ path: 'test-results/dispatch-report.png', fullPage: true })
})
