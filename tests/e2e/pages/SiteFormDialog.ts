/** The 新建/编辑储备点 dialog. */
import { expect, type Locator, type Page } from '@playwright/test'

export class SiteFormDialog {
  readonly root: Locator
  constructor(readonly page: Page) {
    this.root = page.locator('.ant-modal').filter({ has: page.getByTestId('site-form') })
  }
  field(testId: string): Locator { return this.root.getByTestId(testId) }
  async fill(values: { code?: string; name?: string; keeper?: string; phone?: string; capacity?: string }) {
    for (const [k, v] of Object.entries(values)) if (v !== undefined) await this.field(`site-${k}`).fill(v)
  }
  async save() {
    await this.root.getByTestId('site-form-save').click()
  }
  async expectClosed() { await expect(this.root).toBeHidden() }
}
