import { expect, test } from '@playwright/test'
import { NetworkPage } from './pages/NetworkPage'
import { YUEYANG_DEPOT, apiCall } from './support'

test('储备网络 shows 松江区 with its 20 streets/towns and 386 communities (383 count for coverage)', async ({ page }) => {
  const net = new NetworkPage(page)
  await net.open()

  await expect(net.tree.getByTestId('district-node')).toHaveText('松江区')
  await expect(net.summary).toContainText('街镇 20 个')
  // All 386 of the division data; the three 虚拟社区 placeholders under special zones do not count for coverage.
  await expect(net.summary).toContainText('村居 386 个（3 个虚拟社区不计覆盖）')
  await expect(net.summary).toHaveText(/已覆盖 \d+ 个 \(\d+(\.\d)?%\)/)

  // Twenty street/town nodes are rendered, and their counted communities add up to 383.
  await expect(net.streets).toHaveCount(20)
  await expect(net.streets.filter({ hasText: '岳阳街道' })).toHaveCount(1)
  await expect(net.streets.filter({ hasText: '泗泾镇' })).toHaveCount(1)
  const counts = await net.streetCounts()
  expect(counts.reduce((s, c) => s + c.total, 0)).toBe(383)
  const covered = counts.reduce((s, c) => s + c.covered, 0)
  await expect(net.summary).toContainText(`已覆盖 ${covered} 个`)

  // Nothing below the streets is rendered until a street is opened.
  await expect(net.communities()).toHaveCount(0)
  await net.expandStreet('岳阳街道')
  const yueyang = counts[(await net.streets.allInnerTexts()).findIndex((t) => t.includes('岳阳街道'))]
  await expect(net.communities()).toHaveCount(yueyang.total)
  await expect(net.communities().filter({ hasText: '龙潭社区居委会' })).toHaveCount(1)
  await expect(net.communities().filter({ hasText: '醉白池社区居委会' })).toHaveCount(1)
  // Communities without an active site are marked.
  const uncovered = yueyang.total - yueyang.covered
  await expect(net.communities().filter({ hasText: '未覆盖' })).toHaveCount(uncovered)
  await expect(net.tree.locator('[data-covered="no"]')).toHaveCount(uncovered)

  // Selecting the street depot shows its details.
  await net.selectSite(YUEYANG_DEPOT)
  await expect(page.getByTestId('site-details-name')).toHaveText(YUEYANG_DEPOT)
  await expect(net.details).toContainText('街镇储备库')
  await expect(net.details).toContainText('JZ-001')
})

test('the network search finds a community and opens its street', async ({ page }) => {
  const net = new NetworkPage(page)
  await net.open()
  await net.search.fill('醉白池')
  await expect(net.communities()).toHaveCount(1)
  await expect(net.communities()).toHaveText(/醉白池社区居委会/)
  await expect(net.streets).toHaveCount(1)
  await expect(net.streets).toContainText('岳阳街道')
})

test('a planner imports 浦东新区 from the bundled division data; Songjiang stays current', async ({ page, request }) => {
  const net = new NetworkPage(page)
  await net.open()
  await page.getByTestId('district-import').click()
  await page.getByTestId('district-select').click()
  await page.keyboard.type('浦东')
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '310115 上海市浦东新区' }).click()
  await page.locator('.ant-modal').getByText('导入后切换为当前区').click() // untick: stay on Songjiang
  await page.getByTestId('district-import-run').click()
  await expect(page.getByText(/已导入浦东新区：街镇 \d+ 个，村居 \d+ 个/)).toBeVisible()
  await expect(net.tree.getByTestId('district-node')).toHaveText('松江区')
  const regions = await apiCall<Array<{ code: string; level: string }>>(request, 'catalogue.regions', {})
  expect(regions.filter((r: { code: string; level: string }) => r.level === 'community' && r.code.startsWith('310115')).length).toBeGreaterThan(1000)
})
