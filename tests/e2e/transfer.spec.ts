import { expect, test } from '@playwright/test'
import { TransferPage } from './pages/TransferPage'
import { apiCall, freshLot, receiveViaApi, TENT } from './support'

type SiteRow = { id: string; name: string; tier: string; status: string }

test('a transfer posts 调出 and 调入 at once, and the stock card of each site shows it', async ({ page, request }) => {
  const sites = (await apiCall<SiteRow[]>(request, 'network.sites', {})).filter((s) => s.tier === 'street' && s.status === 'active')
  const [from, to] = [sites[sites.length - 3], sites[sites.length - 4]]
  const lot = freshLot('E2E-DB')
  await receiveViaApi(request, from.id, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-06-30', quantity: 9 }])

  const transfer = new TransferPage(page)
  await transfer.open()
  await transfer.selectSite(from.name)
  await transfer.selectDestination(to.name)
  await transfer.fillLine(0, TENT.search, TENT.label, 4)
  await page.getByTestId('transfer-lines').getByTestId('line-0-lotselect').click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: lot }).click()
  await transfer.post()
  await expect(transfer.docNo).toHaveText(/已过账，单号 DC\d{8}-/)
  await expect(page.getByTestId('transfer-in-no')).toContainText(/调入 DR\d{8}-/)

  const card = await apiCall<{ rows: Array<{ docType: string; lotNo: string; inQty: number }> }>(request, 'stock.card', { siteId: to.id, itemId: TENT.id })
  expect(card.rows.filter((r) => r.lotNo === lot)).toEqual([expect.objectContaining({ docType: 'transfer_in', inQty: 4 })])
})
