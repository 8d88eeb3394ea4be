/**
 * The stock grid filters by one catalogue item (the api's itemId), not by a text match: 帐篷 is the tents only, never
 * 棉帐篷 as a search for "帐篷" would give; the export carries the same rows.
 */
import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import { readXlsxRows } from '../../core/common/xlsx'
import { pickOption } from './pages/antd'
import { apiCall, freshLot, receiveViaApi, TENT, YUEYANG_DEPOT, YUEYANG_DEPOT_ID } from './support'

test('the stock grid filters by site and by item through the api and exports exactly those rows', async ({ page, request }) => {
  const lot = freshLot('E2E-IF')
  await receiveViaApi(request, YUEYANG_DEPOT_ID, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-02-28', quantity: 9 }])
  const items = await apiCall<Array<{ id: string; name: string }>>(request, 'catalogue.items', {})
  const cotton = items.find((i) => i.name === '棉帐篷')
  if (cotton) await receiveViaApi(request, YUEYANG_DEPOT_ID, [{ itemId: cotton.id, lotNo: freshLot('E2E-IC'), expiryDate: '2031-02-28', quantity: 4 }])
  const expected = await apiCall<{ total: number }>(request, 'stock.balances', { siteId: YUEYANG_DEPOT_ID, itemId: TENT.id, limit: 1 })

  await page.goto('./#/stock')
  await pickOption(page, page.getByTestId('filter-site'), YUEYANG_DEPOT, YUEYANG_DEPOT)
  await pickOption(page, page.getByTestId('filter-item'), TENT.search, TENT.label)
  await expect(page.getByTestId('stock-total')).toHaveAttribute('data-total', String(expected.total))
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stock-export').click()])
  const rows = await readXlsxRows(fs.readFileSync((await download.path())!))
  const header = rows.findIndex((r) => r.includes('批次'))
  const body = rows.slice(header + 1)
  expect(body).toHaveLength(expected.total)
  const itemCol = rows[header].indexOf('物资')
  const siteCol = rows[header].indexOf('储备点')
  expect(body.every((r) => r[itemCol] === '帐篷' && r[siteCol] === YUEYANG_DEPOT)).toBe(true)
  expect(body.find((r) => r[rows[header].indexOf('批次')] === lot)?.[rows[header].indexOf('数量')]).toBe(9)
})
