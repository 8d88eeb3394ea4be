/**
 * Issue 18: 报废 at a street depot takes effect only when the district approves — the keeper's form sends a request
 * (stock unchanged), the approver sees the lot and reason and approves, the stock goes, the report lists it by reason.
 */
import { expect, test } from '@playwright/test'
import { WriteOffPage } from './pages/WriteOffPage'
import { apiCall, freshLot, receiveViaApi, TENT, YUEYANG_DEPOT, YUEYANG_DEPOT_ID } from './support'

test('a street depot\'s 报废 is requested, approved by the district, then leaves stock and shows in the report by reason', async ({ page, request }) => {
  const lot = freshLot('E2E-BF')
  await receiveViaApi(request, YUEYANG_DEPOT_ID, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-06-30', quantity: 12 }])
  const reason = `霉变破损 ${lot}`
  const held = async () => (await apiCall<{ rows: Array<{ lotNo: string; quantity: number }> }>(request, 'stock.balances', { siteId: YUEYANG_DEPOT_ID, search: lot })).rows
    .filter((r) => r.lotNo === lot).reduce((n, r) => n + r.quantity, 0)

  const w = new WriteOffPage(page)
  await w.open()
  await w.selectSite(YUEYANG_DEPOT)
  await expect(page.getByTestId('writeoff-street-notice')).toContainText('街道储备库的报废须经区级审批')
  await w.fillLine(0, TENT.search, TENT.label, 5, lot)
  await w.reason(reason)
  await w.post()
  await expect(page.getByTestId('writeoff-requested')).toContainText('报废申请已提交，待区级审批')
  expect(await held()).toBe(12)

  // the approver sees the lot, the quantity, the balance and the reason
  const row = w.request(reason)
  await expect(row).toContainText(YUEYANG_DEPOT)
  await expect(row).toContainText('待审批')
  const lines = w.requests.locator('tr.ant-table-expanded-row', { hasText: lot })
  await expect(lines).toContainText('SH-001 帐篷')
  await expect(lines).toContainText('5 顶')
  await expect(lines).toContainText('12 顶')
  await w.approve(reason)
  expect(await held()).toBe(7)

  await page.getByTestId('writeoff-status').getByText('已批准').click()
  await expect(w.request(reason)).toContainText('已批准')
  await expect(page.getByTestId('writeoff-report')).toContainText(reason)
})
