import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { LoginPage } from './pages/LoginPage'
import { AuditPage, UsersPage } from './pages/UsersPage'
import { freshLot, YUEYANG_DEPOT } from './support'

test('an administrator creates a keeper; the keeper must change the temporary password; the audit shows both and exports them', async ({ page, browser }) => {
  const username = freshLot('k').toLowerCase()
  const users = new UsersPage(page)
  await users.open()
  await users.addKeeperAtSite({ username, name: '测试库管员', password: 'Temp2026', site: YUEYANG_DEPOT })
  await expect(users.row(username)).toContainText('库管员')
  await expect(users.row(username)).toContainText(YUEYANG_DEPOT)
  await expect(users.row(username)).toContainText('待改密码')

  // the new keeper, in a browser of their own
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } })
  const keeperPage = await context.newPage()
  const login = new LoginPage(keeperPage)
  await login.open()
  await login.signIn(username, 'Temp2026')
  await expect(keeperPage.getByTestId('change-password-form')).toBeVisible()
  await keeperPage.getByTestId('change-current').fill('Temp2026')
  await keeperPage.getByTestId('change-password').fill('Mine2026x')
  await keeperPage.getByTestId('change-confirm').fill('Mine2026x')
  await keeperPage.getByTestId('change-submit').click()
  await expect(keeperPage.getByTestId('user-name')).toHaveText('测试库管员')
  await expect(keeperPage.getByTestId('user-scope')).toHaveText(`库管员 · ${YUEYANG_DEPOT}`)
  // a keeper has no administration pages
  await expect(keeperPage.getByTestId('nav-users')).toHaveCount(0)
  await context.close()

  const audit = new AuditPage(page)
  await audit.open()
  await audit.searchAction('users.create')
  const created = audit.table.locator('tr.ant-table-row').filter({ hasText: username }).first()
  await expect(created).toContainText('系统管理员')
  await expect(created).toContainText('成功')
  // what was done, in words (the method name only as a tooltip)
  await expect(created.getByTestId('audit-action-words')).toHaveText('新建用户')
  await audit.searchAction('auth.changePassword')
  await expect(audit.table.locator('tr.ant-table-row').filter({ hasText: '测试库管员' }).first()).toBeVisible()

  const download = page.waitForEvent('download')
  await page.getByTestId('audit-export').click()
  const file = await (await download).path()
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.worksheets[0]
  expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['时间', '用户', '操作', '结果', '修改前', '修改后']))
  const rows = ws.getSheetValues().slice(2).map((r) => (r as unknown[]).join('|'))
  expect(rows.some((r) => r.includes('auth.changePassword') && r.includes('测试库管员'))).toBe(true)
})
