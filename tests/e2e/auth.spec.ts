import { expect, test } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { LoginPage } from './pages/LoginPage'
import { ReceiptPage } from './pages/ReceiptPage'
import { YUEYANG_DEPOT } from './support'

// These tests sign in and out themselves, each in a fresh browser context (logging out here ends only this session).
test.use({ storageState: { cookies: [], origins: [] } })

const YONGFENG_DEPOT = '永丰街道应急物资储备库'
const YONGFENG_DEPOT_ID = 'S-310117002000'

test('without a session the app shows only the login page; a wrong password says so; logout returns to it', async ({ page }) => {
  const login = new LoginPage(page)
  await login.open()
  await expect(page.getByTestId('main-menu')).toHaveCount(0)
  await login.signIn('planner', 'Wrong2026')
  await expect(login.error).toHaveText('用户名或密码不正确')
  await expect(login.password).toHaveValue('')
  await login.signIn('planner', 'Plan2026')
  await expect(page.getByTestId('user-name')).toHaveText('区储备规划员')
  await expect(page.getByTestId('user-scope')).toHaveText('规划 · 全区')
  await expect(page.getByTestId('stat-sites')).toContainText('313')
  // the session cookie is not readable by the page's scripts
  expect(await page.evaluate(() => document.cookie)).not.toContain('reserve_sid')
  await login.signOut()
  await page.reload()
  await expect(login.submit).toBeVisible()
})

test('a keeper of 岳阳街道 is not offered another street\'s site, and the api refuses it', async ({ page }) => {
  const login = new LoginPage(page)
  await login.open()
  await login.signIn('keeper.yueyang', 'Keeper2026')
  await expect(page.getByTestId('user-scope')).toHaveText('库管员 · 岳阳街道')
  const receipt = new ReceiptPage(page)
  await receipt.open()
  await expect(await receipt.siteOptions('街道应急物资储备库')).toHaveText([YUEYANG_DEPOT])
  await page.keyboard.press('Escape')
  await page.reload()
  await expect(page.getByTestId('receipt-page')).toBeVisible()
  await expect(await receipt.siteOptions('永丰')).toHaveCount(0)
  await page.keyboard.press('Escape')
  // the same session, straight at the api (as a tampered page would)
  const csrf = (await page.context().cookies()).find((c) => c.name === 'reserve_csrf')!.value
  const res = await page.request.post('api/stock.receive', {
    headers: { 'x-csrf-token': csrf },
    data: { id: randomUUID(), siteId: YONGFENG_DEPOT_ID, docDate: '2026-01-05', lines: [{ itemId: 'SH-001', lotNo: 'E2E-OUT', quantity: 1 }] },
  })
  expect(res.status()).toBe(403)
  expect((await res.json()).error.message).toBe('无权执行此操作（不在管辖范围内）')
  // and the stock page shows only the keeper's street
  await page.goto('./#/stock')
  await expect(page.getByTestId('stock-page')).toBeVisible()
  await expect(page.getByText(YONGFENG_DEPOT)).toHaveCount(0)
})
