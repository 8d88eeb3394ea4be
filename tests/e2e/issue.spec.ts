import { expect, test } from '@playwright/test'
import { IssuePage } from './pages/IssuePage'
import { StockPage } from './pages/StockPage'
import { apiCall, freshLot, receiveViaApi, TENT, YUEYANG_DEPOT, YUEYANG_DEPOT_ID } from './support'

test('issuing more than is on hand shows 库存不足 and changes nothing', async ({ page, request }) => {
  const lot = freshLot('E2E-I')
  await receiveViaApi(request, YUEYANG_DEPOT_ID, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-06-30', quantity: 40 }])
  const before = await apiCall<unknown[]>(request, 'stock.documents', { siteId: YUEYANG_DEPOT_ID, limit: 500 })

  const issue = new IssuePage(page)
  await issue.open()
  await issue.selectSite(YUEYANG_DEPOT)
  await issue.fillLine(0, TENT.search, TENT.label, 500000)
  // The FEFO suggestion already says it is short.
  await expect(issue.fefo(0).getByTestId('fefo-short')).toBeVisible()
  await issue.post()

  await expect(issue.error).toContainText('库存不足')
  await expect(issue.error).toContainText(`${YUEYANG_DEPOT} 的 帐篷`)
  await expect(issue.error).toContainText('不能出库 500000 顶')
  await expect(issue.lineRow(0)).toHaveClass(/line-error/)
  await expect(issue.docNo).toHaveCount(0)
  const after = await apiCall<unknown[]>(request, 'stock.documents', { siteId: YUEYANG_DEPOT_ID, limit: 500 })
  expect(after.length).toBe(before.length)

  const stock = new StockPage(page)
  await stock.open()
  await stock.filterSite(YUEYANG_DEPOT)
  await stock.searchFor(lot)
  await stock.expectTotal(1)
  await expect(stock.cell(0, 'quantity')).toHaveText('40')
})

test('accepting the FEFO suggestion issues from the lot that expires first', async ({ page, request }) => {
  const early = freshLot('E2E-EA')
  const late = freshLot('E2E-LA')
  // A street depot with no tents of its own, so the FEFO order is only these two lots.
  const sites = await apiCall<Array<{ id: string; name: string; tier: string }>>(request, 'network.sites', {})
  let target: { id: string; name: string } | undefined
  for (const s of sites.filter((x) => x.tier === 'street')) {
    const plan = await apiCall<{ picks: unknown[]; expiredSkipped: number }>(request, 'stock.fefo', { siteId: s.id, itemId: TENT.id, quantity: 1 })
    if (plan.picks.length === 0 && plan.expiredSkipped === 0) { target = s; break }
  }
  expect(target, 'a street depot without tents').toBeDefined()
  if (!target) return
  await receiveViaApi(request, target.id, [
    { itemId: TENT.id, lotNo: late, expiryDate: '2033-01-01', quantity: 30 },
    { itemId: TENT.id, lotNo: early, expiryDate: '2030-01-01', quantity: 20 },
  ])

  const issue = new IssuePage(page)
  await issue.open()
  await issue.selectSite(target.name)
  await issue.fillLine(0, TENT.search, TENT.label, 25)
  const box = issue.fefo(0)
  await expect(box.locator('tbody tr')).toHaveCount(2)
  await expect(box.locator('tbody tr').first()).toContainText(early)
  await box.getByTestId('fefo-accept').click()
  await expect(box).toContainText('已采用建议（2 个批次）')
  await issue.post()
  await expect(issue.docNo).toHaveText(/已过账，单号 CK\d{8}-/)
  await expect(page.getByTestId(`after-qty-${late}`)).toHaveText('25')
  await expect(page.getByTestId(`after-qty-${early}`)).toHaveCount(0)
})
