/** What every document form (入库单, 出库单 …) has: its route, the site, the post button, the result or error. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export abstract class DocumentFormPage {
  readonly docNo: Locator
  readonly error: Locator
  protected abstract readonly route: string

  constructor(readonly page: Page) {
    this.docNo = page.getByTestId('doc-no')
    this.error = page.getByTestId('post-error')
  }

  async open() {
    await this.page.goto(`./#/${this.route}`)
    await expect(this.page.getByTestId(`${this.route}-page`)).toBeVisible()
  }

  async selectSite(name: string) {
    await pickOption(this.page, this.page.getByTestId('doc-site'), name, name)
  }

  /** Opens the site picker, types a search and returns the options it offers (close it with Escape). */
  async siteOptions(search: string): Promise<Locator> {
    await this.page.getByTestId('doc-site').click()
    await this.page.keyboard.type(search)
    const list = this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    await expect(list).toBeVisible()
    return list.locator('.ant-select-item-option')
  }

  /** Puts the cursor in a field and types as a keyboard-wedge scanner does: fast keystrokes, then Enter. */
  async scan(field: Locator, code: string) {
    await field.click()
    await this.page.keyboard.type(code, { delay: 5 })
    await this.page.keyboard.press('Enter')
  }

  async post() {
    await this.page.getByTestId('post').click()
  }
}
