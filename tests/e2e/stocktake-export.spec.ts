import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import { readXlsxRows } from '../../core/common/xlsx'
import { StocktakePage } from './pages/StocktakePage'
import { apiCall, freshLot, receiveViaApi, TENT } from './support'

type SiteRow = { id: string; name: string; tier: string; status: string }

test('the count sheet exports to xlsx exactly the columns and the filtered rows it shows', async ({ page, request }) => {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  const site = sites.filter((s) => s.tier === 'street' && s.status === 'active').at(-3)!
  const a = freshLot('E2E-CXA')
  const b = freshLot('E2E-CXB')
  await receiveViaApi(request, site.id, [
    { itemId: TENT.id, lotNo: a, expiryDate: '2031-03-31', quantity: 12 },
    { itemId: TENT.id, lotNo: b, expiryDate: '2032-03-31', quantity: 5 },
  ])
  const count = new StocktakePage(page)
  await count.open()
  await count.start(site.name)
  await count.scanAndCount(a, 10)

  // Filtered to one lot: the workbook holds that one line under the grid's headers, values as the grid shows them.
  await page.getByTestId('count-filter').fill(a)
  await expect(count.sheet.locator('.ag-row')).toHaveCount(1)
  const headers = (await count.headerNames().allInnerTexts()).map((h) => h.trim())
  const shown = (await count.row(a).locator('.ag-cell').allInnerTexts()).map((v) => v.trim())
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('count-export').click()])
  const rows = await readXlsxRows(fs.readFileSync((await download.path())!))
  const header = rows.findIndex((r) => r[0] === '#')
  expect(rows[header]).toEqual(headers)
  const body = rows.slice(header + 1)
  expect(body).toHaveLength(1)
  expect(body[0].map((v) => (v == null ? '' : String(v)))).toEqual(shown)
  expect(body[0][headers.indexOf('账面数量')]).toBe(12)
  expect(body[0][headers.indexOf('实盘数量')]).toBe(10)
  expect(body[0][headers.indexOf('盈亏')]).toBe(-2)

  // Unfiltered: every line of the count, as many as the sheet says it has.
  await page.getByTestId('count-filter').fill('')
  const progress = await page.getByTestId('count-progress').innerText()
  const total = Number(/\/ (\d+)/.exec(progress)![1])
  const [all] = await Promise.all([page.waitForEvent('download'), page.getByTestId('count-export').click()])
  const allRows = await readXlsxRows(fs.readFileSync((await all.path())!))
  const lotCol = headers.indexOf('批次')
  const allBody = allRows.slice(allRows.findIndex((r) => r[0] === '#') + 1)
  expect(allBody).toHaveLength(total)
  expect(allBody.map((r) => r[lotCol])).toEqual(expect.arrayContaining([a, b]))

  await page.getByRole('button', { name: '作废盘点' }).click()
  await expect(page.getByTestId('stocktake-page')).toBeVisible()
})
