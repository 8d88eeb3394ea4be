import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { CoveragePage } from './pages/CoveragePage'
import { NetworkPage } from './pages/NetworkPage'
import { SiteFormDialog } from './pages/SiteFormDialog'

test('a planner sees the uncovered communities, opens a point for one and sees coverage rise', async ({ page }) => {
  const cov = new CoveragePage(page)
  await cov.open()
  await expect(cov.chart.locator('canvas')).toBeVisible()
  const uncoveredBefore = await cov.number(cov.uncoveredCount)
  const coveredBefore = await cov.number(cov.covered)
  expect(uncoveredBefore).toBeGreaterThan(0)
  expect(coveredBefore + uncoveredBefore).toBe(383)
  await expect(cov.covered).toContainText('/ 383')

  const first = cov.uncoveredRows().first()
  const community = (await first.locator('td').nth(1).innerText()).trim()
  const code = (await first.locator('td').nth(2).innerText()).trim()
  await cov.openPointForRow(0)
  const form = new SiteFormDialog(page)
  // Prefilled for that community: a community point that serves it.
  await expect(form.field('site-name')).toHaveValue(/应急物资储备点$/)
  await expect(form.field('site-serves')).toContainText(community)
  await form.fill({ code: `CJ-E2E-${code.slice(6)}`, keeper: '王芳', phone: '13912345678' })
  await form.save()
  await form.expectClosed()

  await expect(cov.uncoveredCount.locator('.ant-statistic-content-value')).toHaveText(String(uncoveredBefore - 1))
  await expect(cov.covered.locator('.ant-statistic-content-value')).toHaveText(String(coveredBefore + 1))
  await expect(cov.uncovered).not.toContainText(code)

  // The same community is covered in the network tree, and the new point is there with its keeper.
  const net = new NetworkPage(page)
  await net.open()
  await net.search.fill(community)
  await expect(net.communities().filter({ hasText: community })).toHaveAttribute('data-covered', 'yes')
  await net.communities().filter({ hasText: community }).click()
  await page.getByTestId('community-details').locator('.ant-list-item a').first().click()
  await expect(net.details).toContainText('王芳')
  await expect(net.details).toContainText('社区储备点')
})

test('coverage on a past date, before the demo points opened, is zero', async ({ page }) => {
  const cov = new CoveragePage(page)
  await cov.open()
  await expect(cov.rate.locator('.ant-statistic-content-value')).not.toHaveText('0')
  await cov.setAsOf('2021-01-31')
  await expect(cov.covered.locator('.ant-statistic-content-value')).toHaveText('0')
  await expect(cov.uncoveredCount.locator('.ant-statistic-content-value')).toHaveText('383')
})

test('the uncovered list downloads as an Excel file with one row per community', async ({ page }) => {
  const cov = new CoveragePage(page)
  await cov.open()
  const n = await cov.number(cov.uncoveredCount)
  const [download] = await Promise.all([page.waitForEvent('download'), cov.exportButton.click()])
  expect(download.suggestedFilename()).toMatch(/^松江区未覆盖村居_\d{4}-\d{2}-\d{2}\.xlsx$/)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(await download.path())
  const ws = wb.getWorksheet('未覆盖村居')!
  expect(String(ws.getCell('A1').value)).toContain('松江区未覆盖村居清单')
  expect(ws.rowCount).toBe(n + 2)
  expect(ws.getRow(3).getCell(2).value).toBe('松江区')
})

test('a planner edits a site and closes it; its community becomes uncovered', async ({ page }) => {
  const net = new NetworkPage(page)
  await net.open()
  await net.expandStreet('岳阳街道')
  const covered = net.communities().and(page.locator('[data-covered="yes"]'))
  const name = (await covered.first().innerText()).trim()
  await net.search.fill(name)
  await net.communities().filter({ hasText: name }).click()
  const point = page.getByTestId('community-details').locator('.ant-list-item a').first()
  const pointName = (await point.innerText()).trim()
  await point.click()
  await page.getByTestId('site-edit').click()
  const form = new SiteFormDialog(page)
  await form.fill({ keeper: '李敏', capacity: '30平方米' })
  await form.save()
  await form.expectClosed()
  await expect(net.details).toContainText('李敏')
  await expect(net.details).toContainText('30平方米')

  await page.getByTestId('site-close').click()
  await page.getByTestId('site-close-reason').fill('场地改造')
  await page.getByTestId('site-date-ok').click()
  await expect(net.details).toContainText('停用')
  await expect(page.getByTestId('site-reopen')).toBeVisible()
  // If this was the only point serving the community, it is now uncovered.
  await net.tree.getByTestId('community-node').filter({ hasText: name }).click()
  const others = page.getByTestId('community-details').locator('.ant-list-item')
  if (await others.count() === 0) await expect(net.communities().filter({ hasText: name })).toHaveAttribute('data-covered', 'no')
  await expect(page.getByTestId('community-details')).not.toContainText(pointName)
})
