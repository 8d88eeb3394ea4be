/** 出库单 as a keeper fills it in. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export class IssuePage {
  readonly docNo: Locator
  readonly error: Locator
  constructor(readonly page: Page) {
    this.docNo = page.getByTestId('doc-no')
    this.error = page.getByTestId('post-error')
  }

  async open() {
    await this.page.goto('./#/issue')
    await expect(this.page.getByTestId('issue-page')).toBeVisible()
  }

  async selectSite(name: string) {
    await pickOption(this.page, this.page.getByTestId('doc-site'), name, name)
  }

  async fillLine(i: number, item: string, itemLabel: string, quantity: number) {
    await pickOption(this.page, this.page.getByTestId(`line-${i}-item`), item, itemLabel)
    await this.page.getByTestId(`line-${i}-quantity`).fill(String(quantity))
  }

  fefo(i: number): Locator {
    return this.page.getByTestId(`line-${i}-fefo`)
  }

  lineRow(i: number): Locator {
    return this.page.getByTestId('issue-lines').locator('tr.ant-table-row').nth(i)
  }

  async post() {
    await this.page.getByTestId('post').click()
  }
}
