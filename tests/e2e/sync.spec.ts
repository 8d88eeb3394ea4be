/**
 * Two installations (two hub processes with their own data folders, standing in for two desktops) share a
 * folder: a receipt posted in one appears in the other's stock grid after sync-now in both. Both also opened a point
 * under the same code, and changed the same depot's keeper, while apart: the second installation keeps both points
 * and lists the clash and the concurrent edit for its planners, in words.
 */
import { expect, test, type APIRequestContext } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { lotIdFor } from '../../core/common/ids'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ReceiptPage } from './pages/ReceiptPage'
import { StockPage } from './pages/StockPage'
import { SyncPage } from './pages/SyncPage'
import { LoginPage } from './pages/LoginPage'
import { apiCall, freshLot, receiveViaApi, startSecondHub, TENT, YUEYANG_DEPOT, YUEYANG_DEPOT_ID } from './support'

const SECOND_PORT = Number(process.env.E2E_PORT ?? 5199) + 1
const secondBase = `http://127.0.0.1:${SECOND_PORT}`
let second: ChildProcess
let shared: string

test.beforeAll(async () => {
  test.setTimeout(180_000)
  shared = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-e2e-share-'))
  second = await startSecondHub(SECOND_PORT)
})

test.afterAll(async () => {
  if (second?.pid) second.kill('SIGTERM')
  fs.rmSync(shared, { recursive: true, force: true })
})

test('a receipt made in one installation appears in the other after sync-now in both', async ({ page, context, request }) => {
  test.setTimeout(180_000)
  const lot = freshLot('E2E-SYNC')
  const dupCode = freshLot('E2E-DUP-')
  const point = (name: string) => ({ code: dupCode, name, tier: 'community', regionCode: '310117001001', ownership: 'self', serves: ['310117001001'] })
  await apiCall(request, 'network.openSite', point('同码测试点甲'))
  // and both change the keeper of the same depot before they sync: a concurrent edit
  const keeperA = freshLot('甲')
  const keeperB = freshLot('乙')
  await apiCall(request, 'network.updateSite', { id: YUEYANG_DEPOT_ID, keeper: keeperA })
  const receipt = new ReceiptPage(page)
  await receipt.open()
  await receipt.selectSite(YUEYANG_DEPOT)
  await receipt.fillLine(0, { item: TENT.search, itemLabel: TENT.label, lotNo: lot, productionDate: '2026-01-05', expiryDate: '2031-12-31', quantity: 37 })
  await receipt.post()
  await expect(receipt.docNo).toHaveText(/已过账，单号 RK\d{8}-/)

  const syncA = new SyncPage(page)
  await syncA.open()
  await syncA.setFolder(shared)
  await syncA.syncNow()

  // The second installation has its own accounts: sign in there as its administrator (the first installation's
  // page is done by now; its api calls go through `request`, which keeps its own cookies). The first page is closed
  // first: its alert poll (every 60 s) would carry the second hub's session cookie to the first hub, which clears it.
  await page.close()
  const other = await LoginPage.adminAt(context, secondBase)
  await apiCall(other.request, 'network.openSite', point('同码测试点乙'), secondBase)
  await apiCall(other.request, 'network.updateSite', { id: YUEYANG_DEPOT_ID, keeper: keeperB }, secondBase)
  const syncB = new SyncPage(other)
  await syncB.open(secondBase)
  await syncB.setFolder(shared)
  await syncB.syncNow()
  await other.screenshot({ path: 'test-results/e2e/sync-page-second.png', fullPage: true })
  // both points are kept; the clash is listed with a way to rename one, not a button that would hide it
  const clash = other.getByTestId('sync-conflicts').locator('tr').filter({ hasText: dupCode })
  await expect(clash).toContainText('储备点编码重复')
  await expect(clash).toContainText('同码测试点甲')
  await expect(clash).toContainText('同码测试点乙')
  // the concurrent edit reads as a sentence: which depot, which field, the value kept (the later edit) and the other
  const edit = other.getByTestId('sync-conflicts').locator('tr').filter({ hasText: keeperA })
  await expect(edit).toContainText(`储备点 ${YUEYANG_DEPOT} · 负责人：保留 ${keeperB}，未采用 ${keeperA}`)
  await clash.getByRole('button', { name: '去储备网络改编码' }).click()
  await expect(other).toHaveURL(/#\/network/)

  const stock = new StockPage(other)
  await other.goto(`${secondBase}/#/stock`)
  await expect(stock.total).toHaveAttribute('data-total', /\d+/)
  await stock.filterSite(YUEYANG_DEPOT)
  await stock.searchFor(lot)
  await stock.expectTotal(1)
  await expect(stock.cell(0, 'lotNo')).toHaveText(lot)
  await expect(stock.cell(0, 'quantity')).toHaveText('37')
  await expect(stock.cell(0, 'siteName')).toHaveText(YUEYANG_DEPOT)
})

test('an order received at both installations while apart: both receipts are kept, and a planner reverses the duplicate from the sync page', async ({ context, request }) => {
  test.setTimeout(180_000)
  const syncVia = async (req: APIRequestContext, base?: string) => {
    await apiCall(req, 'sync.setFolder', { folder: shared }, base)
    await apiCall(req, 'sync.now', {}, base)
    await expect.poll(async () => (await apiCall<{ folderJob: { running: boolean } | null }>(req, 'sync.overview', {}, base)).folderJob?.running ?? false,
      { timeout: 60_000 }).toBe(false)
  }
  // the first installation ships 5 tents from 岳阳's depot to a community point
  const lot = freshLot('E2E-DBL')
  await receiveViaApi(request, YUEYANG_DEPOT_ID, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-12-31', quantity: 20 }])
  const sites = await apiCall<Array<{ id: string; tier: string; status: string }>>(request, 'network.sites', {})
  const to = sites.find((s) => s.tier === 'community' && s.status === 'active')!.id
  const orderId = randomUUID()
  const order = await apiCall<{ orderNo: string }>(request, 'transfer.save', {
    id: orderId, fromSiteId: YUEYANG_DEPOT_ID, toSiteId: to, lines: [{ itemId: TENT.id, lotId: lotIdFor(TENT.id, lot), requested: 5 }],
  })
  for (const action of ['approve', 'dispatch'] as const) await apiCall(request, 'transfer.transition', { id: orderId, action })
  await syncVia(request)

  // the second installation gets the order on its way and signs for it; the first signs for it too, before they meet
  const other = await LoginPage.adminAt(context, secondBase)
  await syncVia(other.request, secondBase)
  await apiCall(other.request, 'transfer.transition', { id: orderId, action: 'receive' }, secondBase)
  await apiCall(request, 'transfer.transition', { id: orderId, action: 'receive' })
  await syncVia(request)
  await syncVia(other.request, secondBase)
  const heldAt = async () => (await apiCall<{ rows: Array<{ quantity: number }> }>(other.request, 'stock.balances', { siteId: to, search: lot, limit: 10 }, secondBase))
    .rows.reduce((n, r) => n + r.quantity, 0)
  expect(await heldAt()).toBe(10) // both 调入 posted: the facts each office recorded

  const sync = new SyncPage(other)
  await sync.open(secondBase)
  const row = other.getByTestId('sync-conflicts').locator('tr').filter({ hasText: order.orderNo })
  await expect(row.getByTestId('conflict-text')).toContainText(`调拨单 ${order.orderNo}：两处收货`)
  await row.getByTestId('conflict-reverse').click()
  await other.getByTestId('conflict-reverse-ok').click()
  await expect(other.getByText(/已冲销，冲销单 \S+；此项已标记处理/)).toBeVisible()
  await expect(other.getByTestId('sync-conflicts').locator('tr').filter({ hasText: order.orderNo })).toHaveCount(0)
  expect(await heldAt()).toBe(5) // received once, as it physically was
})
