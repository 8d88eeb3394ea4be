import { expect, test, type Page } from '@playwright/test'
import { pickOption } from './pages/antd'
import { LabelSheetPage } from './pages/LabelSheetPage'
import { NetworkPage } from './pages/NetworkPage'
import { apiCall, freshLot, receiveViaApi, TENT, YUEYANG_DEPOT, YUEYANG_DEPOT_ID } from './support'

type SiteRow = { id: string; code: string; name: string; tier: string; status: string }

/** Anything the page's Content-Security-Policy refused (an eval, an inline script) shows up as a console error. */
function cspViolations(page: Page): string[] {
  const seen: string[] = []
  page.on('console', (m) => { if (/Content Security Policy|unsafe-eval/i.test(m.text())) seen.push(m.text()) })
  return seen
}

test('a keeper prints QR labels for the lots of an item at a site from the stock card', async ({ page, request }) => {
  const violations = cspViolations(page)
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  const site = sites.filter((s) => s.tier === 'community' && s.status === 'active')[11]
  const lot = freshLot('E2E-LB')
  await receiveViaApi(request, site.id, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-06-30', quantity: 4 }])

  await page.goto('./#/stockcard')
  await pickOption(page, page.getByTestId('card-site'), site.name, site.name)
  await pickOption(page, page.getByTestId('card-item'), TENT.search, TENT.label)
  await page.getByTestId('card-labels').click()

  const sheet = new LabelSheetPage(page)
  await expect(sheet.heading).toContainText(site.name)
  const label = sheet.label(`WZ1|${TENT.id}|${lot}`)
  await expect(label).toHaveCount(1)
  await expect(label.getByTestId('label-title')).toHaveText('帐篷')
  await expect(label).toContainText(`编码：${TENT.id}`)
  await expect(label).toContainText(`批次：${lot}`)
  await expect(label).toContainText('有效期至：2031-06-30')
  // the QR is drawn (inline SVG with modules), from the label's code
  await expect(sheet.qr(label)).toHaveCount(1)
  expect(await sheet.qr(label).locator('path').count()).toBeGreaterThan(0)
  await expect(label.getByTestId('label-qr')).toHaveAttribute('data-code', `WZ1|${TENT.id}|${lot}`)
  // every label on the sheet is of this item at this site
  for (const code of await sheet.labels.getByTestId('label-code').allInnerTexts()) expect(code).toMatch(new RegExp(`^WZ1\\|${TENT.id}\\|`))

  // printing keeps the labels and drops the toolbar
  await page.emulateMedia({ media: 'print' })
  await expect(sheet.printButton).toBeHidden()
  await expect(label).toBeVisible()
  expect(violations).toEqual([])
})

test('the stock page prints the labels of the chosen site, and the network page a site label', async ({ page, request }) => {
  const violations = cspViolations(page)
  const lot = freshLot('E2E-LS')
  await receiveViaApi(request, YUEYANG_DEPOT_ID, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2030-01-31', quantity: 2 }])

  await page.goto('./#/stock')
  await expect(page.getByTestId('stock-labels')).toBeDisabled()
  await pickOption(page, page.getByTestId('filter-site'), YUEYANG_DEPOT, YUEYANG_DEPOT)
  await page.getByTestId('stock-labels').click()
  const sheet = new LabelSheetPage(page)
  await expect(sheet.heading).toContainText(YUEYANG_DEPOT)
  await expect(sheet.label(`WZ1|${TENT.id}|${lot}`)).toContainText('有效期至：2030-01-31')

  const site = (await apiCall<SiteRow[]>(request, 'network.sites', {})).find((s) => s.id === YUEYANG_DEPOT_ID)!
  const network = new NetworkPage(page)
  await network.open()
  await network.expandStreet('岳阳街道')
  await network.selectSite(YUEYANG_DEPOT)
  await page.getByTestId('site-label').click()
  await expect(sheet.labels).toHaveCount(1)
  const label = sheet.label(`WZ1S|${site.code}`)
  await expect(label.getByTestId('label-title')).toHaveText(YUEYANG_DEPOT)
  await expect(label).toContainText(`代码：${site.code}`)
  await expect(sheet.qr(label)).toHaveCount(1)
  expect(violations).toEqual([])
})
