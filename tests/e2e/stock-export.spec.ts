import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import { readXlsxRows } from '../../core/common/xlsx'
import { pickOption } from './pages/antd'
import { freshLot, receiveViaApi, TENT, YUEYANG_DEPOT, YUEYANG_DEPOT_ID } from './support'

test('the stock grid exports every row matching its filters to xlsx, with the grid\'s columns', async ({ page, request }) => {
  const lot = freshLot('E2E-XP')
  await receiveViaApi(request, YUEYANG_DEPOT_ID, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-02-28', quantity: 7 }])
  await page.goto('./#/stock')
  await pickOption(page, page.getByTestId('filter-site'), YUEYANG_DEPOT, YUEYANG_DEPOT)
  await expect(page.getByTestId('stock-total')).not.toHaveAttribute('data-total', '')
  const total = Number(await page.getByTestId('stock-total').getAttribute('data-total'))
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stock-export').click()])
  const rows = await readXlsxRows(fs.readFileSync((await download.path())!))
  const header = rows.findIndex((r) => r.includes('批次'))
  expect(header).toBeGreaterThanOrEqual(0)
  const body = rows.slice(header + 1)
  expect(body).toHaveLength(total)
  const siteCol = rows[header].indexOf('储备点')
  const lotCol = rows[header].indexOf('批次')
  const qtyCol = rows[header].indexOf('数量')
  expect(body.every((r) => r[siteCol] === YUEYANG_DEPOT)).toBe(true)
  expect(body.find((r) => r[lotCol] === lot)?.[qtyCol]).toBe(7)
})
