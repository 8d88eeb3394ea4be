import { expect, test } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { ReceiptPage } from './pages/ReceiptPage'
import { apiCall, freshLot, TENT } from './support'

type SiteRow = { id: string; name: string; tier: string; status: string }

test('a receipt at a site being counted warns when the site is chosen and asks before posting', async ({ page, request }) => {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  const site = sites.filter((s) => s.tier === 'street' && s.status === 'active').at(-4)!
  const count = await apiCall<{ id: string }>(request, 'stocktake.open', { id: randomUUID(), siteId: site.id })
  try {
    const receipt = new ReceiptPage(page)
    await receipt.open()
    const asked = page.waitForRequest((r) => r.url().includes('stocktake.openAt'))
    await receipt.selectSite(site.name)
    await asked
    await expect(page.getByTestId('open-count-warning')).toContainText(`${site.name} 正在盘点`)
    // Another site, not being counted: the warning goes (the query follows the chosen site); back again: it returns.
    const other = sites.filter((s) => s.tier === 'street' && s.status === 'active').at(-5)!
    await receipt.selectSite(other.name)
    await expect(page.getByTestId('open-count-warning')).toHaveCount(0)
    await receipt.selectSite(site.name)
    await expect(page.getByTestId('open-count-warning')).toContainText(`${site.name} 正在盘点`)

    const lot = freshLot('E2E-OC')
    await receipt.fillLine(0, { item: TENT.search, itemLabel: TENT.label, lotNo: lot, expiryDate: '2031-12-31', quantity: 3 })
    // The keeper first says no: nothing is posted.
    const questions: string[] = []
    page.once('dialog', (d) => { questions.push(d.message()); void d.dismiss() })
    await receipt.post()
    await expect.poll(() => questions).toEqual(['该储备点有未完成的盘点，仍要过账吗？'])
    await expect(receipt.docNo).toHaveCount(0)
    // Then yes: it posts.
    page.once('dialog', (d) => { questions.push(d.message()); void d.accept() })
    await receipt.post()
    await expect(receipt.docNo).toHaveText(/已过账，单号 RK\d{8}-/)
    expect(questions).toHaveLength(2)
  } finally {
    await apiCall(request, 'stocktake.cancel', { stocktakeId: count.id })
  }
})

test('the warning also shows at a community reserve point being counted', async ({ page, request }) => {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  const site = sites.filter((s) => s.tier === 'community' && s.status === 'active')[10]
  const count = await apiCall<{ id: string }>(request, 'stocktake.open', { id: randomUUID(), siteId: site.id })
  try {
    const receipt = new ReceiptPage(page)
    await receipt.open()
    const asked = page.waitForRequest((r) => r.url().includes('stocktake.openAt'))
    await receipt.selectSite(site.name)
    expect((await asked).postDataJSON()).toEqual({ siteId: site.id })
    await expect(page.getByTestId('open-count-warning')).toContainText(`${site.name} 正在盘点`)
  } finally {
    await apiCall(request, 'stocktake.cancel', { stocktakeId: count.id })
  }
})
