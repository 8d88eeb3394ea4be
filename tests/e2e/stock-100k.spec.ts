import { expect, test } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { StockPage } from './pages/StockPage'
import { apiCall } from './support'

const DISTRICT_DEPOT = 'D-310117-01'

test('with over 100 000 balances the grid loads pages on demand and reaches the last row', async ({ page, request }) => {
  // Posting 100 000 lots is ordinary work for the hub, but on a loaded CI machine it takes a while.
  test.setTimeout(300_000)
  // 20 receipts of 5 000 lines: 100 000 more site × item × lot balances at the district depot.
  const items = (await apiCall<Array<{ id: string }>>(request, 'catalogue.items', {})).map((i) => i.id)
  for (let k = 0; k < 20; k++) {
    const lines = Array.from({ length: 5000 }, (_, j) => ({
      itemId: items[j % items.length], lotNo: `BULK${k}-${j}`, expiryDate: `20${30 + (j % 5)}-0${1 + (j % 9)}-15`, quantity: 1 + (j % 50),
    }))
    await apiCall(request, 'stock.receive', { id: randomUUID(), siteId: DISTRICT_DEPOT, docDate: '2026-01-05', lines })
  }
  const { total } = await apiCall<{ total: number }>(request, 'stock.balances', { limit: 1 })
  expect(total).toBeGreaterThan(100_000)

  const pageRequests: number[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('api/stock.balances')) pageRequests.push((JSON.parse(r.postData() ?? '{}') as { limit?: number }).limit ?? 0)
  })
  const stock = new StockPage(page)
  await stock.open()
  await stock.expectTotal(total)
  await expect(stock.cell(0, 'quantity')).not.toBeEmpty()

  // How fast is a matter for bench/, not for a test: here only that the last row arrives.
  await stock.scrollToBottom()
  await expect(stock.row(total - 1).locator('.ag-cell[col-id="quantity"]')).not.toBeEmpty({ timeout: 30_000 })
  // Only a few pages were asked for, none of them big: the grid never loads everything.
  expect(pageRequests.length).toBeLessThan(10)
  expect(Math.max(...pageRequests)).toBeLessThanOrEqual(500)
})
