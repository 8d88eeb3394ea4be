/** 数据同步: the folder setting, sync-now and the state it shows. */
import { expect, type Page } from '@playwright/test'

export class SyncPage {
  constructor(readonly page: Page) {}

  async open(base?: string) {
    await this.page.goto(`${base ?? '.'}/#/sync`)
    await expect(this.page.getByTestId('sync-page')).toBeVisible()
  }

  async setFolder(folder: string) {
    await this.page.getByTestId('sync-folder').fill(folder)
    await this.page.getByTestId('sync-save').click()
    await expect(this.page.getByText('已保存同步文件夹')).toBeVisible()
  }

  /** Sync now and wait for the result message. */
  async syncNow() {
    await this.page.getByTestId('sync-now').click()
    await expect(this.page.getByText(/同步完成：收到 \d+ 条，写出 \d+ 条/).last()).toBeVisible({ timeout: 60_000 })
    await expect(this.page.getByTestId('sync-pending')).toHaveText('0')
  }
}
