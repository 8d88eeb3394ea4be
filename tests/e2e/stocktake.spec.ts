import { expect, test } from '@playwright/test'
import { StocktakePage } from './pages/StocktakePage'
import { StockPage } from './pages/StockPage'
import { apiCall, freshLot, receiveViaApi, TENT } from './support'

type SiteRow = { id: string; name: string; tier: string; status: string }

/** A street depot no other spec posts at, so a count there stays this test's own. */
async function quietDepot(request: Parameters<typeof apiCall>[0], nth: number): Promise<SiteRow> {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  const streets = sites.filter((s) => s.tier === 'street' && s.status === 'active')
  return streets[streets.length - 1 - nth]
}

test('a keeper counts a site with one variance and sees the adjusted balance', async ({ page, request }) => {
  const site = await quietDepot(request, 0)
  const lot = freshLot('E2E-PD')
  await receiveViaApi(request, site.id, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-06-30', quantity: 40 }])

  const count = new StocktakePage(page)
  await count.open()
  await count.start(site.name)
  await expect(count.cell(lot, 'expected')).toHaveText('40')
  // The label's QR code, typed as a scanner types it, finds the line; the keeper types what is on the shelf.
  await count.scanAndCount(`WZ1|${TENT.id}|${lot}`, 37, '受潮霉变')
  await expect(count.cell(lot, 'counted')).toHaveText('37')
  await expect(count.row(lot).locator('.ag-cell.variance-minus')).toHaveText('-3')
  await count.post('年度盘点')
  // the site's other lines are not counted: posting asks first, naming how many (they keep their book quantity)
  await expect(page.getByTestId('uncounted-confirm')).toContainText('行未盘点')
  await page.getByRole('button', { name: '仍然过账' }).click()
  await expect(count.docNo).toHaveText(/盘点已过账，单号 PD\d{8}-/)
  await expect(page.getByTestId('count-status')).toHaveText('已过账')

  const stock = new StockPage(page)
  await stock.open()
  await stock.filterSite(site.name)
  await stock.searchFor(lot)
  await stock.expectTotal(1)
  await expect(stock.cell(0, 'quantity')).toHaveText('37')
})

test('a blind count shows no expected quantities, and a second count at the same site is refused', async ({ page, request }) => {
  const site = await quietDepot(request, 1)
  const count = new StocktakePage(page)
  await count.open()
  await count.start(site.name, true)
  await expect(count.headerNames()).toContainText(['实盘数量'])
  await expect(count.headerNames().filter({ hasText: '账面数量' })).toHaveCount(0)
  await expect(count.headerNames().filter({ hasText: '盈亏' })).toHaveCount(0)
  await page.getByRole('button', { name: '返回列表' }).click()
  await page.getByTestId('count-start').click()
  await expect(count.error).toContainText(`${site.name} 已有一个未完成的盘点`)
  // Tidy up: cancel the open count so later runs start clean.
  await page.getByTestId(`count-open-${site.id}`).first().click()
  await page.getByRole('button', { name: '作废盘点' }).click()
  await expect(page.getByTestId('stocktake-page')).toBeVisible()
})
