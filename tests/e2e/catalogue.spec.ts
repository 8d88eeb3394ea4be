import { expect, test } from '@playwright/test'
import { pickOption } from './pages/antd'
import { CompliancePage } from './pages/CompliancePage'
import { apiCall } from './support'

test('a planner adds an item and a district target for it; the district depot is short of it', async ({ page }) => {
  await page.goto('./#/catalogue')
  await page.getByTestId('item-new').click()
  const item = page.getByTestId('item-form')
  await item.getByTestId('item-code').fill('SP-901')
  await item.getByTestId('item-name').fill('净水片')
  await pickOption(page, item.getByTestId('item-category'), '食品', '食品饮水')
  await item.getByTestId('item-unit').fill('盒')
  await page.getByTestId('item-save').click()
  await expect(item).toBeHidden()
  await expect(page.getByTestId('items-table')).toContainText('净水片')

  // A code already used is refused on the field.
  await page.getByTestId('item-new').click()
  await item.getByTestId('item-code').fill('SH-001')
  await item.getByTestId('item-name').fill('重复')
  await pickOption(page, item.getByTestId('item-category'), '生活', '生活类')
  await item.getByTestId('item-unit').fill('顶')
  await page.getByTestId('item-save').click()
  await expect(item).toContainText('物资编码 SH-001 已被「帐篷」使用')
  // Close the form as a person would, and only go on once it is gone (Escape could land in an open dropdown).
  await page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal-close').click()
  await expect(item).toBeHidden()

  await page.getByRole('tab', { name: '储备标准' }).click()
  await page.getByTestId('target-new').click()
  const target = page.getByTestId('target-form')
  await target.locator('.ant-select').first().click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '区级储备库' }).click()
  await pickOption(page, target.getByTestId('target-item'), 'SP-901', 'SP-901 净水片')
  await target.locator('input[data-testid="target-quantity"], [data-testid="target-quantity"] input').first().fill('12')
  await page.getByTestId('target-save').click()
  await expect(target).toBeHidden()
  await expect(page.getByTestId('targets-table')).toContainText('SP-901 净水片')

  const comp = new CompliancePage(page)
  await comp.open()
  await comp.openSite('松江区救灾物资储备库')
  await expect(comp.detailRow('SP-901')).toContainText('12 盒')
  await expect(comp.detailRow('SP-901').locator('.ant-tag', { hasText: /^差/ })).toHaveText('差 12')
})

test('populations pasted from Excel are stored; a bad line is named and nothing changes', async ({ page, request }) => {
  await page.goto('./#/catalogue')
  await page.getByRole('tab', { name: '区域人口' }).click()
  await page.getByTestId('population-paste').click()
  await page.getByTestId('population-text').fill('310117001001\t龙潭社区居委会\t4,321\n310117001002\t醉白池\t三千')
  await page.getByTestId('population-import').click()
  await expect(page.locator('.ant-modal')).toContainText('第 2 行无法识别')
  let regions = await apiCall<Array<{ code: string; population: number | null }>>(request, 'catalogue.regions', {})
  const before = regions.find((r) => r.code === '310117001001')!.population
  expect(before).not.toBe(4321)
  await page.getByTestId('population-text').fill('310117001001\t龙潭社区居委会\t4,321\n310117001002\t醉白池\t2800')
  await page.getByTestId('population-import').click()
  await expect(page.getByText('已更新 2 个区域的人口')).toBeVisible()
  regions = await apiCall(request, 'catalogue.regions', {})
  expect(regions.find((r) => r.code === '310117001001')!.population).toBe(4321)
  expect(regions.find((r) => r.code === '310117001002')!.population).toBe(2800)
})

test('the annual plan is costed, a planner changes a quantity and exports it', async ({ page }) => {
  await page.goto('./#/catalogue')
  await page.getByRole('tab', { name: '年度计划' }).click()
  const table = page.getByTestId('plan-table')
  const rows = table.locator('tr.ant-table-row')
  await expect(rows.first()).toBeVisible()
  const total = async () => Number((await page.getByTestId('plan-total').locator('.ant-statistic-content-value').innerText()).replace(/[^\d.]/g, ''))
  const before = await total()
  const first = rows.first()
  const price = Number((await first.locator('td').nth(10).innerText()).replace(/,/g, ''))
  const input = first.locator('input[data-testid="plan-quantity"], [data-testid="plan-quantity"] input').first()
  const quantity = Number(await input.inputValue())
  await input.fill(String(quantity + 3))
  await input.press('Tab')
  await expect(first.getByText('已调整')).toBeVisible()
  await expect.poll(total).toBeCloseTo(before + 3 * price, 2)
  const lineCount = await rows.count()

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plan-export').click()])
  expect(download.suggestedFilename()).toMatch(/^松江区\d{4}年度应急物资购置计划\.xlsx$/)
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(await download.path())
  const ws = wb.getWorksheet('购置计划')!
  expect(String(ws.getCell('A1').value)).toMatch(/^松江区\d{4}年度应急物资需求和购置计划$/)
  expect(ws.rowCount - 3).toBeGreaterThanOrEqual(lineCount) // the grid shows 50 lines a page; the file has them all
  expect(ws.getCell(3, 11).value).toBe(quantity + 3)
  const totalCell = ws.getCell(ws.rowCount, 13).value as { result: number }
  expect(totalCell.result).toBeCloseTo(before + 3 * price, 2)
})
