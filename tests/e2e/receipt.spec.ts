import { expect, test } from '@playwright/test'
import { ReceiptPage } from './pages/ReceiptPage'
import { StockPage } from './pages/StockPage'
import { apiCall, freshLot, TENT, YUEYANG_DEPOT, YUEYANG_DEPOT_ID } from './support'

test('receiving 100 顶 帐篷 at 岳阳街道 shows the new balance in the stock grid', async ({ page }) => {
  const lot = freshLot('E2E-R')
  const receipt = new ReceiptPage(page)
  await receipt.open()
  await receipt.selectSite(YUEYANG_DEPOT)
  await receipt.fillLine(0, { item: TENT.search, itemLabel: TENT.label, lotNo: lot, productionDate: '2026-01-05', expiryDate: '2031-12-31', quantity: 100 })
  await expect(page.getByTestId('line-unit').first()).toHaveText('顶')
  await receipt.post()

  await expect(receipt.docNo).toHaveText(/已过账，单号 RK\d{8}-/)
  await expect(page.getByTestId(`after-qty-${lot}`)).toHaveText('100')
  // The form is ready for the next document.
  await expect(page.getByTestId('line-0-lot')).toHaveValue('')

  const stock = new StockPage(page)
  await stock.open()
  await stock.filterSite(YUEYANG_DEPOT)
  await stock.searchFor(lot)
  await stock.expectTotal(1)
  await expect(stock.cell(0, 'siteName')).toHaveText(YUEYANG_DEPOT)
  await expect(stock.cell(0, 'itemName')).toHaveText('帐篷')
  await expect(stock.cell(0, 'lotNo')).toHaveText(lot)
  await expect(stock.cell(0, 'expiryDate')).toHaveText('2031-12-31')
  await expect(stock.cell(0, 'quantity')).toHaveText('100')
  await expect(stock.cell(0, 'unit')).toHaveText('顶')
})

test('a receipt the api refuses shows its message and marks the line and field', async ({ page }) => {
  const receipt = new ReceiptPage(page)
  await receipt.open()
  await receipt.selectSite(YUEYANG_DEPOT)
  // Expiry before production: the api names row 1 and the expiry field.
  await receipt.fillLine(0, { item: TENT.search, itemLabel: TENT.label, lotNo: freshLot('E2E-X'), productionDate: '2026-05-01', expiryDate: '2026-01-01', quantity: 5 })
  await receipt.post()
  await expect(receipt.error).toHaveText('有效期不能早于生产日期')
  await expect(page.getByTestId('receipt-lines').locator('tr.line-error')).toHaveCount(1)
  await expect(page.getByTestId('line-0-expiry')).toHaveClass(/ant-input-status-error/)
  await expect(receipt.docNo).toHaveCount(0)
})

test('keyboard entry: Tab walks the cells, expiry is suggested from shelf life, Enter adds a line', async ({ page }) => {
  const receipt = new ReceiptPage(page)
  await receipt.open()
  await receipt.selectSite(YUEYANG_DEPOT)
  const item = page.getByTestId('line-0-item')
  await item.click()
  await page.keyboard.type('SP-003')
  await page.keyboard.press('Enter')
  await expect(item).toContainText('SP-003 压缩饼干')
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('line-0-lot')).toBeFocused()
  await page.keyboard.type('KB-1')
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('line-0-production')).toBeFocused()
  await page.keyboard.type('20260105')
  await page.keyboard.press('Tab')
  // 压缩饼干 keeps 1 095 days; the date typed without dashes was normalised.
  await expect(page.getByTestId('line-0-production')).toHaveValue('2026-01-05')
  await expect(page.getByTestId('line-0-expiry')).toHaveValue('2029-01-04')
  await expect(page.getByTestId('receipt-lines')).toContainText('按保质期推算')
  await expect(page.getByTestId('line-0-expiry')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('line-0-quantity')).toBeFocused()
  await page.keyboard.type('12')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('receipt-lines').locator('tr.ant-table-row')).toHaveCount(2)
  await expect(page.getByTestId('line-1-item').locator('input')).toBeFocused()
  await expect(page.getByTestId('line-unit').first()).toHaveText('箱')
})

test('double-clicking 过账 posts the receipt once', async ({ page, request }) => {
  const before = await apiCall<unknown[]>(request, 'stock.documents', { siteId: YUEYANG_DEPOT_ID, limit: 500 })
  const lot = freshLot('E2E-D')
  const receipt = new ReceiptPage(page)
  await receipt.open()
  await receipt.selectSite(YUEYANG_DEPOT)
  await receipt.fillLine(0, { item: TENT.search, itemLabel: TENT.label, lotNo: lot, expiryDate: '2031-12-31', quantity: 7 })
  await page.getByTestId('post').dblclick()
  await expect(receipt.docNo).toHaveText(/^已过账，单号/)
  await expect(page.getByTestId(`after-qty-${lot}`)).toHaveText('7')
  const after = await apiCall<unknown[]>(request, 'stock.documents', { siteId: YUEYANG_DEPOT_ID, limit: 500 })
  expect(after.length).toBe(before.length + 1)
})
