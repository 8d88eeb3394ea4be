import { expect, test } from '@playwright/test'
import { apiCall, freshLot, receiveViaApi, TENT } from './support'

test('an administrator backs up now, sees the backup listed and checks it', async ({ page }) => {
  await page.goto('./#/backup')
  await expect(page.getByTestId('backup-page')).toBeVisible()
  const rows = page.getByTestId('backup-table').locator('tr.ant-table-row')
  const before = await rows.filter({ hasText: '手动' }).count()
  await page.getByTestId('backup-now').click()
  await expect(page.locator('.ant-message')).toContainText('已备份：manual-')
  await expect(rows.filter({ hasText: '手动' })).toHaveCount(before + 1)
  await rows.filter({ hasText: '手动' }).first().locator('[data-testid^="backup-check-"]').click()
  await expect(page.locator('.ant-message')).toContainText(/完整可用：\d+ 张单据，区划 310117000000/)
})

test('an administrator downloads a backup as 储备网络备份-<date>.db; a file that is not a backup is refused on upload', async ({ page }) => {
  await page.goto('./#/backup')
  await expect(page.getByTestId('backup-page')).toBeVisible()
  const download = page.waitForEvent('download')
  await page.getByTestId('backup-download').click()
  expect((await download).suggestedFilename()).toMatch(/^储备网络备份-\d{4}-\d{2}-\d{2}\.db$/)
  await page.getByTestId('backup-upload-input').setInputFiles({ name: 'junk.db', mimeType: 'application/octet-stream', buffer: Buffer.from('not a backup '.repeat(50)) })
  await expect(page.locator('.ant-message')).toContainText('备份文件不可用：不是 SQLite 数据库文件')
  await expect(page.getByTestId('backup-table')).not.toContainText('upload-')
  await page.screenshot({ path: 'test-results/e2e/backup-page.png' })
})

test('the restore dialog lists what was made after the backup and says it is lost unless it comes back by sync', async ({ page }) => {
  await page.goto('./#/backup')
  await expect(page.getByTestId('backup-page')).toBeVisible()
  await page.getByTestId('backup-now').click()
  await expect(page.locator('.ant-message')).toContainText('已备份：manual-')
  const name = (await page.locator('.ant-message').innerText()).match(/manual-[^\s，,）)]+\.db/)![0]
  const sites = await apiCall<Array<{ id: string; tier: string }>>(page.request, 'network.sites', {})
  await receiveViaApi(page.request, sites.find((s) => s.tier === 'district')!.id, [{ itemId: TENT.id, lotNo: freshLot('RST'), quantity: 1 }])
  await page.getByTestId(`backup-restore-${name}`).click()
  const dialog = page.locator('.ant-modal-confirm')
  await expect(dialog.getByTestId('backup-later')).toContainText('出入库单据：1 条')
  await expect(dialog.getByTestId('backup-later')).toContainText('下次同步时回到本机')
  await dialog.getByRole('button', { name: /取\s*消/ }).click()
  await expect(dialog).toHaveCount(0)
})
