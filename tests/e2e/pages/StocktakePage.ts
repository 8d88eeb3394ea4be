/** 盘点 as a keeper does it: start a count at a site, find a lot by scanning its label, type the count, post. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export class StocktakePage {
  readonly sheet: Locator
  readonly docNo: Locator
  readonly error: Locator
  constructor(readonly page: Page) {
    this.sheet = page.getByTestId('count-sheet')
    this.docNo = page.getByTestId('doc-no')
    this.error = page.getByTestId('count-error')
  }

  async open() {
    await this.page.goto('./#/stocktake')
    await expect(this.page.getByTestId('stocktake-page')).toBeVisible()
  }

  async start(siteName: string, blind = false) {
    await pickOption(this.page, this.page.getByTestId('count-site'), siteName, siteName)
    if (blind) await this.page.getByTestId('count-blind').check()
    await this.page.getByTestId('count-start').click()
    await expect(this.sheet).toBeVisible()
  }

  /** Types the code into the scan box as a keyboard-wedge scanner does (characters, then Enter), then the count. */
  async scanAndCount(code: string, counted: number, reason?: string) {
    const scan = this.page.getByTestId('count-scan').locator('input')
    await scan.click()
    await this.page.keyboard.type(code)
    await this.page.keyboard.press('Enter')
    const editor = this.sheet.locator('.ag-cell-inline-editing input')
    await expect(editor).toBeFocused()
    await this.page.keyboard.type(String(counted))
    await this.page.keyboard.press('Tab')
    if (reason) {
      await this.page.keyboard.press('Enter')
      await this.page.keyboard.type(reason)
      await this.page.keyboard.press('Tab')
    }
  }

  row(lotNo: string): Locator {
    return this.sheet.locator('.ag-row').filter({ hasText: lotNo })
  }

  cell(lotNo: string, colId: string): Locator {
    return this.row(lotNo).locator(`.ag-cell[col-id="${colId}"]`)
  }

  headerNames(): Locator {
    return this.sheet.locator('.ag-header-cell-text')
  }

  async post(reason?: string) {
    if (reason) await this.page.getByTestId('count-reason').fill(reason)
    await this.page.getByTestId('count-post').click()
  }
}
