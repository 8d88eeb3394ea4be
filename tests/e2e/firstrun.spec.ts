/**
 * The first run (issue 19), one test per way, each on its own hub process started on an empty data folder
 * (E2E_SEED=ask): 试用演示数据 (the demo, marked in the header); 新建本区储备网络 for 310115 浦东新区 with its first
 * administrator and no stock; and an office joining that district's hub with a device token, signing in, seeing the
 * district's sites and posting a receipt that reaches the hub. Each installation gets its own browser context
 * (cookies do not tell ports apart).
 */
import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import type { ChildProcess } from 'node:child_process'
import { pickOption } from './pages/antd'
import { LoginPage } from './pages/LoginPage'
import { NetworkPage } from './pages/NetworkPage'
import { ReceiptPage } from './pages/ReceiptPage'
import { apiCall, freshLot, startSecondHub } from './support'

const PORT = Number(process.env.E2E_PORT ?? 5199)
const OFFICE_PORT = PORT + 1
const DISTRICT_PORT = PORT + 2
const base = (port: number) => `http://127.0.0.1:${port}`
const hubs: ChildProcess[] = []
const contexts: BrowserContext[] = []

async function fresh(browser: Browser, port: number) {
  const context = await browser.newContext({ baseURL: `${base(port)}/`, storageState: { cookies: [], origins: [] } })
  contexts.push(context)
  return context.newPage()
}
const stop = (hub: ChildProcess) => new Promise<void>((resolve) => {
  if (hub.exitCode !== null) return resolve()
  hub.once('exit', () => resolve())
  hub.kill('SIGTERM')
})

test.describe.configure({ mode: 'serial' })

test.afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close()
  for (const h of hubs.splice(0)) await stop(h)
})

const ADMIN = { name: '王建国', username: 'wang.pd', password: 'Pudong2026x' }

test('试用演示数据: an empty installation asks, starts the demo, and the header says it is a demo', async ({ browser }) => {
  test.setTimeout(240_000)
  const hub = await startSecondHub(OFFICE_PORT, { E2E_SEED: 'ask' })
  hubs.push(hub)
  const page = await fresh(browser, OFFICE_PORT)
  await page.goto('./')
  await expect(page.getByTestId('firstrun')).toContainText('首次使用：选择开始方式')
  await expect(page.getByTestId('firstrun-demo')).toContainText('正式使用须在新的数据目录重新开始')
  await page.getByTestId('firstrun-demo-start').click()
  await expect(page.getByTestId('firstrun-demo-done')).toContainText('admin / Admin2026', { timeout: 60_000 })
  await page.getByTestId('firstrun-demo-continue').click()
  const login = new LoginPage(page)
  await expect(login.submit).toBeVisible()
  await login.signIn('admin', 'Admin2026')
  await expect(page.getByTestId('user-menu')).toBeVisible()
  await expect(page.getByTestId('demo-badge')).toHaveText('演示数据')
  await page.screenshot({ path: 'test-results/e2e/firstrun-demo.png' })
  // the choice is final: the api refuses another
  expect(await (await page.request.post('api/firstrun.newDistrict', {
    data: { areaCode: '310115', username: 'x1', displayName: 'x', password: 'Abcdefg123' },
    headers: { 'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'reserve_csrf')?.value ?? '' },
  })).json()).toMatchObject({ ok: false, error: { code: 'FIRSTRUN_DONE' } })
  await stop(hub)
})

test('新建本区储备网络: 310115 浦东新区, its first administrator, no stock, first steps on the dashboard', async ({ browser }) => {
  test.setTimeout(180_000)
  hubs.push(await startSecondHub(DISTRICT_PORT, { E2E_SEED: 'ask' }))
  const page = await fresh(browser, DISTRICT_PORT)
  await page.goto('./')
  const form = page.getByTestId('firstrun-new')
  await pickOption(page, page.getByTestId('firstrun-district'), '浦东', /^浦东新区（310115/)
  await form.getByTestId('firstrun-new-name').fill(ADMIN.name)
  await form.getByTestId('firstrun-new-username').fill(ADMIN.username)
  await form.getByTestId('firstrun-new-password').fill(ADMIN.password)
  await form.getByTestId('firstrun-new-confirm').fill(ADMIN.password)
  await page.getByTestId('firstrun-new-submit').click()
  await expect(page.getByTestId('user-menu')).toContainText(ADMIN.name)
  await expect(page.getByTestId('demo-badge')).toHaveCount(0)
  const steps = page.getByTestId('first-steps')
  await expect(steps).toContainText('导入或添加库点')
  await expect(steps).toContainText('导入期初库存')
  await expect(steps).toContainText('设置人口')
  await expect(steps).toContainText('核对储备目标')
  await page.screenshot({ path: 'test-results/e2e/firstrun-new-district.png', fullPage: true })
  await page.getByTestId('first-step-targets-checked').click()
  await expect(page.getByTestId('first-step-targets')).toHaveAttribute('data-done', 'yes')
  // no stock, no sites, no demo accounts: only the administrator just made
  const at = base(DISTRICT_PORT)
  expect((await apiCall<{ rows: unknown[] }>(page.request, 'stock.balances', {}, at)).rows).toHaveLength(0)
  expect(await apiCall<unknown[]>(page.request, 'network.sites', {}, at)).toHaveLength(0)
  expect((await apiCall<Array<{ username: string }>>(page.request, 'users.list', {}, at)).map((u) => u.username)).toEqual([ADMIN.username])
  const tree = await apiCall<{ totals: { streets: number } }>(page.request, 'network.tree', {}, at)
  expect(tree.totals.streets).toBeGreaterThan(30)
})

test('加入已有网络: an office joins the district hub with a device token, signs in, sees the sites, and its receipt reaches the hub', async ({ browser }) => {
  test.setTimeout(240_000)
  const district = base(DISTRICT_PORT)
  // the district hub (the previous test's): its administrator opens a depot and issues a device token for it
  const admin = await fresh(browser, DISTRICT_PORT)
  await admin.goto('./')
  const login = new LoginPage(admin)
  await expect(login.submit).toBeVisible()
  await login.signIn(ADMIN.username, ADMIN.password)
  await expect(admin.getByTestId('user-menu')).toBeVisible()
  const site = await apiCall<{ id: string }>(admin.request, 'network.openSite', {
    code: 'PD-ZJ-01', name: '张江镇应急物资储备库', tier: 'street', regionCode: '310115125000', ownership: 'self',
  }, district)
  const device = await apiCall<{ token: string }>(admin.request, 'sync.registerDevice', { name: '张江镇储备库', scopeKind: 'site', scopeRef: site.id }, district)

  // the new office: an empty installation of its own
  hubs.push(await startSecondHub(OFFICE_PORT, { E2E_SEED: 'ask' }))
  const page = await fresh(browser, OFFICE_PORT)
  await page.goto('./')
  const join = page.getByTestId('firstrun-join')
  await join.getByTestId('firstrun-join-url').fill(`${district}/`)
  await join.getByTestId('firstrun-join-token').fill(`  ${device.token} `)
  await page.getByTestId('firstrun-join-submit').click()
  const office = page.getByTestId('firstrun-office')
  await expect(office).toContainText('已收到 浦东新区 的储备网络', { timeout: 60_000 })
  await pickOption(page, office.getByTestId('firstrun-office-ref'), '张江', '张江镇应急物资储备库')
  await office.getByTestId('firstrun-office-name').fill('张江镇库管员')
  await office.getByTestId('firstrun-office-username').fill('zhang')
  await office.getByTestId('firstrun-office-password').fill('Zhangjiang1')
  await office.getByTestId('firstrun-office-confirm').fill('Zhangjiang1')
  await page.getByTestId('firstrun-office-submit').click()
  await expect(page.getByTestId('user-menu')).toContainText('张江镇库管员')

  // the district's sites are here
  const network = new NetworkPage(page)
  await network.open()
  await expect(network.summary).toContainText('街镇 42 个')
  await network.expandStreet('张江镇')
  await expect(network.tree.getByTestId('site-node').filter({ hasText: '张江镇应急物资储备库' })).toBeVisible()

  // a receipt at the office, then sync now: it reaches the hub
  const lot = freshLot('E2E-JOIN')
  const receipt = new ReceiptPage(page)
  await receipt.open()
  await receipt.selectSite('张江镇应急物资储备库')
  await receipt.fillLine(0, { item: 'SH-001', itemLabel: 'SH-001 帐篷', lotNo: lot, productionDate: '2026-01-05', expiryDate: '2031-12-31', quantity: 12 })
  await receipt.post()
  await expect(receipt.docNo).toHaveText(/已过账，单号 RK\d{8}-/)
  await page.goto('./#/sync')
  await page.getByTestId('sync-now').click()
  await expect(page.getByTestId('sync-hub-result')).toContainText('同步完成', { timeout: 60_000 })
  const balances = await apiCall<{ rows: Array<{ lotNo: string; quantity: number; siteId: string }> }>(admin.request, 'stock.balances', { siteId: site.id }, district)
  expect(balances.rows.filter((r) => r.lotNo === lot).map((r) => r.quantity)).toEqual([12])
  // the office's account stayed at the office
  expect((await apiCall<Array<{ username: string }>>(admin.request, 'users.list', {}, district)).map((u) => u.username)).toEqual([ADMIN.username])
})
