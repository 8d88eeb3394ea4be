import { expect, test } from '@playwright/test'
import { StockPage } from './pages/StockPage'
import { apiCall } from './support'

test('the stock grid pages through every balance, filters by expiry and marks expired rows', async ({ page, request }) => {
  const all = await apiCall<{ total: number }>(request, 'stock.balances', { limit: 1 })
  const expired = await apiCall<{ total: number }>(request, 'stock.balances', { limit: 1, expiry: 'expired' })
  expect(expired.total).toBeGreaterThan(0)

  const stock = new StockPage(page)
  await stock.open()
  await stock.expectTotal(all.total)
  await expect(stock.total).toContainText(`共 ${all.total.toLocaleString('zh-CN')} 条`)
  await expect(stock.grid.locator('.ag-header-cell-text')).toHaveText(
    ['储备点', '物资编码', '物资', '类别', '批次', '生产日期', '有效期至', '剩余天数', '数量', '单位'])
  await expect(stock.row(0)).toBeVisible()
  await expect(page.getByTestId('expiry-legend')).toContainText('已过期')

  await page.getByTestId('filter-expiry').getByText('已过期', { exact: true }).click()
  await stock.expectTotal(expired.total)
  await expect(stock.row(0)).toHaveClass(/row-expired/)
  await expect(stock.cell(0, 'daysToExpiry').getByTestId('tag-expired')).toHaveText('已过期')
  expect(Number(await stock.cell(0, 'daysToExpiry').getByTestId('days').innerText())).toBeLessThan(0)

  await page.getByTestId('filter-expiry').getByText('全部', { exact: true }).click()
  await stock.expectTotal(all.total)
  await page.waitForTimeout(300)
  await page.screenshot({ path: 'test-results/stock-page.png' })
})

test('sorting by quantity asks the server for the order', async ({ page, request }) => {
  const smallest = await apiCall<{ rows: Array<{ quantity: number }> }>(request, 'stock.balances', { limit: 1, sort: { field: 'quantity', dir: 'asc' } })
  const largest = await apiCall<{ rows: Array<{ quantity: number }> }>(request, 'stock.balances', { limit: 1, sort: { field: 'quantity', dir: 'desc' } })
  const stock = new StockPage(page)
  await stock.open()
  await stock.grid.locator('.ag-header-cell[col-id="quantity"]').click()
  await expect(stock.grid.locator('.ag-header-cell[col-id="quantity"]')).toHaveAttribute('aria-sort', 'ascending')
  // The first row becomes the smallest balance there is (the server sorted all rows, not just the loaded page).
  await expect(stock.cell(0, 'quantity')).toHaveText(String(smallest.rows[0].quantity))
  const q5 = Number((await stock.cell(5, 'quantity').innerText()).replace(/,/g, ''))
  expect(q5).toBeGreaterThanOrEqual(smallest.rows[0].quantity)
  await stock.grid.locator('.ag-header-cell[col-id="quantity"]').click()
  await expect(stock.grid.locator('.ag-header-cell[col-id="quantity"]')).toHaveAttribute('aria-sort', 'descending')
  await expect(stock.cell(0, 'quantity')).toHaveText(largest.rows[0].quantity.toLocaleString('zh-CN'))
})
