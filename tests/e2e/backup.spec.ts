import { expect, test } from '@playwright/test'

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
