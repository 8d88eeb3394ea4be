import { expect, test } from '@playwright/test'
import { AppShell } from './pages/AppShell'
import { IssuePage } from './pages/IssuePage'
import { apiCall } from './support'

const LATER = ['设置']

test('the menu reaches every area, and unbuilt areas say they arrive in a later version', async ({ page, request }) => {
  // every area of the menu in turn (21 of them): on a loaded shared machine that outlasts the default 60 s
  test.setTimeout(150_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  const shell = new AppShell(page)
  await shell.open()
  // 313 in the demo, plus any site another spec opened on this hub before
  const tree = await apiCall<{ totals: { sites: number } }>(request, 'network.tree', {})
  expect(tree.totals.sites).toBeGreaterThanOrEqual(313)
  await expect(page.getByTestId('stat-sites')).toContainText(String(tree.totals.sites))
  for (const label of LATER) {
    await shell.navigate(label)
    await expect(page.getByTestId('later-title')).toHaveText(`${label} 将在后续版本中提供`)
    await expect(page.getByTestId('later-text')).toContainText(`${label}：`)
    await expect(page.locator('.ant-alert-error')).toHaveCount(0)
  }
  for (const [label, testId] of [['总览', 'dashboard'], ['储备网络', 'network-page'], ['库存', 'stock-page'], ['入库', 'receipt-page'], ['出库', 'issue-page'], ['调拨', 'transfer-page'], ['报损', 'writeoff-page'], ['盘点', 'stocktake-page'], ['台账', 'stockcard-page'], ['Excel 导入', 'import-page'], ['预警', 'alerts-page'], ['目录与标准', 'catalogue-page'], ['覆盖与达标', 'coverage-page'], ['协议储备', 'agreements-page'], ['灾情调度', 'dispatch-page'], ['应急准备', 'readiness-page'], ['数据同步', 'sync-page'], ['用户与权限', 'users-page'], ['审计日志', 'audit-page'], ['备份与恢复', 'backup-page']]) {
    await shell.navigate(label)
    await expect(page.getByTestId(testId)).toBeVisible()
    await expect(page.getByTestId('later-page')).toHaveCount(0)
  }
  expect(errors).toEqual([])
})

test('switching to English shows English menu labels and is remembered', async ({ page }) => {
  const shell = new AppShell(page)
  await shell.open()
  await expect(shell.menuItem('库存')).toBeVisible()
  await shell.switchLanguage('English')
  for (const label of ['Dashboard', 'Network', 'Stock', 'Receipt', 'Issue', 'Dispatch', 'Settings']) {
    await expect(shell.menuItem(label)).toBeVisible()
  }
  await expect(shell.menuItem('库存')).toHaveCount(0)
  await page.reload()
  await expect(shell.menuItem('Stock')).toBeVisible()
  await shell.navigate('Settings')
  await expect(page.getByTestId('later-title')).toHaveText('Settings arrives in a later version')
  await shell.switchLanguage('中文')
  await expect(shell.menuItem('灾情调度')).toBeVisible()
})

test('api errors follow the chosen language', async ({ page }) => {
  const shell = new AppShell(page)
  await shell.open('issue')
  await shell.switchLanguage('English')
  const issue = new IssuePage(page)
  await issue.selectSite('岳阳街道应急物资储备库')
  await issue.fillLine(0, 'SH-001', 'SH-001 帐篷', 900000)
  await issue.post()
  await expect(issue.error).toContainText('Not enough stock')
})
