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
