import { expect, test } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { ReceiptPage } from './pages/ReceiptPage'
import { apiCall, freshLot, TENT } from './support'

type SiteRow = { id: string; name: string; tier: string; status: string }

test('the receipt form warns at a site being counted, and posts nothing when the keeper declines', async ({ page, request }) => {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  const site = sites.filter((s) => s.tier === 'community' && s.status === 'active')[10]
  const count = await apiCall<{ id: string }>(request, 'stocktake.open', { id: randomUUID(), siteId: site.id })
  try {
    const lot = freshLot('E2E-OC')
    const receipt = new ReceiptPage(page)
    await receipt.open()
    await receipt.selectSite(site.name)
    await expect(page.getByTestId('open-count-warning')).toContainText(`${site.name} 正在盘点`)
    await receipt.fillLine(0, { item: TENT.search, itemLabel: TENT.label, lotNo: lot, quantity: 5 })
    const asked = page.waitForEvent('dialog')
    await receipt.post()
    const dialog = await asked
    expect(dialog.message()).toBe('该储备点有未完成的盘点，仍要过账吗？')
    await dialog.dismiss()
    await expect(receipt.docNo).toHaveCount(0)
    const balances = await apiCall<{ total: number }>(request, 'stock.balances', { siteId: site.id, search: lot, limit: 1 })
    expect(balances.total).toBe(0)
  } finally {
    await apiCall(request, 'stocktake.cancel', { stocktakeId: count.id })
  }
})
