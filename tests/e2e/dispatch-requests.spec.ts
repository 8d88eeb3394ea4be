import { expect, test } from '@playwright/test'
import { DispatchPage } from './pages/DispatchPage'
import { apiCall, freshLot, receiveViaApi } from './support'

const DISTRICT_ID = 'D-310117-01'

test('a request keyed in, orders made from it in one click (one per source), approved, dispatched, received: the request shows fulfilled', async ({ page, request }) => {
  const sites = await apiCall<Array<{ id: string; name: string; tier: string; regionCode: string; status: string }>>(request, 'network.sites', {})
  const point = sites.find((s) => s.tier === 'community' && s.status === 'active' && s.regionCode.startsWith('310117001'))!
  // More water than any one site keeps: the plan needs several sources, nearest first.
  await receiveViaApi(request, DISTRICT_ID, [{ itemId: 'SP-001', lotNo: freshLot('E2E-RQ'), expiryDate: '2028-01-01', quantity: 100000 }])
  const d = new DispatchPage(page)
  await d.open()
  await d.openIncident(`暴雨E2E${Date.now().toString(36)}`)
  await d.tab('requests')

  // Keyboard only: the region has the focus; the destination site, then the lines.
  await expect(page.getByTestId('req-region').locator('input')).toBeFocused()
  await d.tabTo(page.getByTestId('req-site').locator('input'))
  await d.typeAndPick(point.name)
  await d.tabTo(page.getByTestId('req-address'))
  await d.tabTo(page.getByTestId('req-contact'))
  await page.keyboard.type('李主任 13800000000')
  await d.tabTo(page.getByTestId('rline-0-item').locator('input'))
  await d.typeAndPick('SH-001')
  await page.keyboard.press('Tab')
  await page.keyboard.type('3')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('rline-1-item').locator('input')).toBeFocused()
  await d.typeAndPick('SP-001')
  await page.keyboard.press('Tab')
  await page.keyboard.type('20000')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('request-saved')).toBeVisible()
  const requestNo = (await page.getByTestId('request-saved').textContent())!.match(/XQ\S+/)![0]
  const row = d.requestRow(requestNo)
  await expect(row.getByTestId('request-status')).toHaveText('待安排')
  await expect(row).toContainText('李主任')

  // One click: the suggestion becomes one draft per source, in the order the tiers offer them.
  const plan = await apiCall<Array<{ picks: Array<{ sourceName: string }> }>>(request, 'transfer.suggest', {
    toSiteId: point.id, lines: [{ itemId: 'SH-001', quantity: 3 }, { itemId: 'SP-001', quantity: 20000 }],
  })
  const sources = [...new Set(plan.flatMap((l) => l.picks.map((p) => p.sourceName)))]
  expect(sources.length).toBeGreaterThan(1)
  expect(sources).toContain('松江区救灾物资储备库')
  await row.getByTestId('make-orders').click()
  const result = page.getByTestId('make-orders-result')
  await expect(result).toContainText(`已按分配建议生成 ${sources.length} 张调拨单草稿`)
  const orderNos = (await result.textContent())!.match(/DB[^（\s]+/g)!
  expect(orderNos).toHaveLength(sources.length)
  for (const [i, s] of sources.entries()) await expect(result).toContainText(`${orderNos[i]}（${s}）`)
  await expect(row.getByTestId('make-orders')).toHaveCount(0)

  // The board lists the drafts; each goes approve → dispatch → receive.
  await d.tab('board')
  await expect(d.requestRow(requestNo, 'board-requests')).toBeVisible()
  for (const no of orderNos) {
    await expect(d.orderRow(no).getByTestId('order-state')).toHaveText('草稿')
    await d.runOrder(no, ['approve', 'dispatch', 'receive'])
    await expect(d.orderRow(no).getByTestId('order-state')).toHaveText('已签收')
  }
  // Fulfilled: gone from the board's open requests, shown fulfilled in the requests tab.
  await expect(d.requestRow(requestNo, 'board-requests')).toHaveCount(0)
  await d.tab('requests')
  await expect(d.requestRow(requestNo).getByTestId('request-status')).toHaveText('已满足')
  await expect(d.requestRow(requestNo)).toContainText('3/3')
  await expect(d.requestRow(requestNo)).toContainText('20000/20000')
  await page.screenshot({ path: 'test-results/dispatch-requests.png', fullPage: true })
})

test('a draft made from a request is overridden line by line before approval; the request then lacks the difference', async ({ page, request }) => {
  const sites = await apiCall<Array<{ id: string; name: string; tier: string; regionCode: string; status: string }>>(request, 'network.sites', {})
  const point = sites.find((s) => s.tier === 'community' && s.status === 'active' && s.regionCode.startsWith('310117002'))!
  const incidentId = `inc-e2e-${Date.now().toString(36)}`
  await apiCall(request, 'incident.save', { id: incidentId, name: `火灾E2E${Date.now().toString(36)}`, type: '火灾', startedAt: '2026-06-01' })
  await apiCall(request, 'incident.setCurrent', { id: incidentId })
  const req = await apiCall<{ requestNo: string }>(request, 'request.save', { id: `req-${incidentId}`, incidentId, destinationSiteId: point.id, lines: [{ itemId: 'SH-001', quantity: 2 }] })
  const made = await apiCall<{ orders: Array<{ orderNo: string }> }>(request, 'request.makeOrders', { requestId: `req-${incidentId}`, batchId: `batch-${incidentId}` })
  const d = new DispatchPage(page)
  await d.open()
  await d.orderRow(made.orders[0].orderNo).click()
  const first = d.drawer.getByTestId('drawer-lines').locator('tr.ant-table-row').first()
  await expect(first.locator('td').nth(4).locator('input')).toHaveValue('2')
  await first.locator('td').nth(4).locator('input').fill('1')
  await d.drawer.getByTestId('drawer-vehicle').fill('沪B-12345')
  await d.drawer.getByTestId('act-save-lines').click()
  await expect(d.drawer.getByTestId('drawer-saved')).toBeVisible()
  await expect(first.locator('td').nth(4).locator('input')).toHaveValue('1')
  await d.action('approve')
  await expect(d.drawer.getByTestId('drawer-state')).toHaveText('已审批')
  await expect(d.drawer).toContainText('沪B-12345')
  await page.keyboard.press('Escape')
  // The request still has a button: one more tent is not on any order.
  await d.tab('requests')
  await expect(d.requestRow(req.requestNo).getByTestId('make-orders')).toBeVisible()
})

test('the open board picks up an order another dispatcher made, without a reload', async ({ page, request }) => {
  const sites = await apiCall<Array<{ id: string; name: string; tier: string; regionCode: string; status: string }>>(request, 'network.sites', {})
  const point = sites.find((s) => s.tier === 'community' && s.status === 'active' && s.regionCode.startsWith('310117004'))!
  const incidentId = `inc-live-${Date.now().toString(36)}`
  await apiCall(request, 'incident.save', { id: incidentId, name: `看板E2E${Date.now().toString(36)}`, type: '台风', startedAt: '2026-06-01' })
  await apiCall(request, 'incident.setCurrent', { id: incidentId })
  const d = new DispatchPage(page)
  await d.open()
  await expect(d.board.getByTestId('board-orders')).toBeVisible()
  // Someone else (another window, the hub, a sync) adds an order; the board shows it on its next refresh.
  const saved = await apiCall<{ orderNo: string }>(request, 'transfer.save', {
    id: `order-live-${Date.now().toString(36)}`, incidentId, fromSiteId: 'D-310117-01', toSiteId: point.id, lines: [{ itemId: 'SH-001', requested: 1 }],
  })
  await expect(d.orderRow(saved.orderNo).getByTestId('order-state')).toHaveText('草稿', { timeout: 15_000 })
  await page.screenshot({ path: 'test-results/dispatch-board-live.png', fullPage: true })
})
