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

  /** The devices card (hub administrators only). */
  get devices() { return this.page.getByTestId('sync-devices') }
  deviceRow(name: string) { return this.devices.locator('tr').filter({ hasText: name }) }

  /**
   * Registers a device: its name, and its scope picked in the network tree (type to search, click the node whose
   * text is `node`). Returns the token the hub shows once, and closes that dialog.
   */
  async registerDevice(name: string, search: string, node: string): Promise<string> {
    await this.page.getByTestId('device-name').fill(name)
    await this.pickScope(search, node)
    await this.page.getByTestId('device-register').click()
    const token = this.page.getByTestId('device-token')
    await expect(token).toContainText(/^rn_/)
    const text = (await token.textContent())!.trim()
    await this.page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click()
    await expect(token).toBeHidden()
    return text
  }

  async pickScope(search: string, node: string) {
    await this.devices.getByTestId('device-scope').click()
    await this.page.keyboard.type(search)
    const option = this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper')
      .filter({ hasText: node }).first()
    await expect(option).toBeVisible()
    await option.click()
  }
}
