/** The catalogue's 国家分类 tab: the tree by GB/T 38565 class and the import of the class table. */
import { expect, type Locator, type Page } from '@playwright/test'

export class CodeTreePage {
  readonly tree: Locator
  readonly preview: Locator
  constructor(private readonly page: Page) {
    this.tree = page.getByTestId('code-tree')
    this.preview = page.getByTestId('code-import-preview')
  }

  async open() {
    await this.page.goto('./#/catalogue')
    await this.page.reload() // fresh data when the catalogue was already open
    await this.page.getByRole('tab', { name: '国家分类' }).click()
    await expect(this.tree).toBeVisible()
  }

  node(code: string): Locator { return this.page.getByTestId(`code-node-${code}`) }
  item(code: string): Locator { return this.page.getByTestId(`code-item-${code}`) }

  /** Expands a class by clicking the switcher of its row (again, if the click landed while the tree was still opening). */
  async expand(code: string) {
    const row = this.tree.locator('.ant-tree-treenode:not(.ant-tree-treenode-motion)', { has: this.node(code) })
    await expect(async () => {
      if (await row.locator('.ant-tree-switcher_close').count()) await row.locator('.ant-tree-switcher_close').click()
      await expect(row.locator('.ant-tree-switcher_open')).toBeVisible({ timeout: 1000 })
    }).toPass({ timeout: 10_000 })
  }

  async startImport() {
    await this.page.getByTestId('code-import-open').click()
  }

  async choose(name: string, bytes: Buffer, mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
    const chooser = this.page.waitForEvent('filechooser')
    await this.page.getByTestId('code-import-file').click()
    await (await chooser).setFiles({ name, mimeType, buffer: bytes })
    await expect(this.preview).toBeVisible()
  }

  get post(): Locator { return this.page.getByTestId('code-import-post') }
}
