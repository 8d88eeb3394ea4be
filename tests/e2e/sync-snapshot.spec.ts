/**
 * A first sync from a snapshot, as an administrator sees it: a new installation (its own hub process, the reference
 * network only, its own administrator) syncs with a folder where the district office published a snapshot. The page shows the sync's
 * result and that it started from the snapshot with this installation's changes merged; the administrator is still
 * signed in afterwards, and the district office's stock is there.
 */
import { expect, test } from '@playwright/test'
import { execFileSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LoginPage } from './pages/LoginPage'
import { SyncPage } from './pages/SyncPage'
import { StockPage } from './pages/StockPage'
import { startSecondHub } from './support'

const PORT = Number(process.env.E2E_PORT ?? 5199) + 2
const base = `http://127.0.0.1:${PORT}`
let hub: ChildProcess
let shared: string

test.beforeAll(async () => {
  test.setTimeout(240_000)
  shared = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-e2e-snapshot-'))
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/make-snapshot.ts', shared, '200'], { encoding: 'utf8' })
  expect(out).toContain('published 201')
  hub = await startSecondHub(PORT, { RESERVE_SNAPSHOT_BOOTSTRAP_AFTER: '50', E2E_SEED: 'reference' })
})

test.afterAll(async () => {
  if (hub?.pid) hub.kill('SIGTERM')
  fs.rmSync(shared, { recursive: true, force: true })
})

test('the first sync starts from the snapshot; the page says so and nobody is signed out', async ({ context }) => {
  test.setTimeout(180_000)
  const page = await LoginPage.adminAt(context, base)

  const sync = new SyncPage(page)
  await sync.open(base)
  await sync.setFolder(shared)
  await sync.syncNow()
  await expect(page.getByTestId('sync-folder-bootstrap')).toContainText(/首次同步从共享文件夹中的快照开始（201 条变更），本机原有的 \d+ 条变更已重新合并；本机账户和登录状态保持不变/)
  await expect(page.getByTestId('sync-folder-result')).toContainText(/同步完成：收到 201 条，写出 \d+ 条/)
  await expect(page.getByTestId('sync-state')).toContainText(/已收到待应用（需升级或等待关联数据）：?0本机编号/)
  await page.screenshot({ path: 'test-results/e2e/sync-snapshot.png', fullPage: true })

  // still signed in after the database was swapped, and the district office's receipts are in the stock
  await page.reload()
  await expect(page.getByTestId('user-menu')).toBeVisible()
  const stock = new StockPage(page)
  await page.goto(`${base}/#/stock`)
  await expect(stock.total).toHaveAttribute('data-total', /\d+/)
  await stock.searchFor('SNAP-199')
  await stock.expectTotal(1)
  await expect(stock.cell(0, 'siteName')).toHaveText('快照测试储备库')
})
