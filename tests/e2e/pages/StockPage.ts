/** 库存: filters and the paged grid. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export class StockPage {
  readonly grid: Locator
  readonly total: Locator
  readonly search: Locator
  constructor(readonly page: Page) {
    this.grid = page.getByTestId('stock-grid')
    this.total = page.getByTestId('stock-total')
    this.search = page.getByTestId('filter-search').locator('input')
  }

  async open() {
    await this.page.goto('./#/stock')
    await expect(this.total).toHaveAttribute('data-total', /\d+/)
  }

  async filterSite(name: string) {
    await pickOption(this.page, this.page.getByTestId('filter-site'), name, name)
  }

  async searchFor(text: string) {
    await this.search.fill(text)
    await this.search.press('Enter')
  }

  async expectTotal(n: number) {
    await expect(this.total).toHaveAttribute('data-total', String(n))
  }

  async totalRows(): Promise<number> {
    return Number(await this.total.getAttribute('data-total'))
  }

  row(index: number): Locator {
    return this.grid.locator(`.ag-row[row-index="${index}"]`)
  }

  cell(index: number, colId: string): Locator {
    return this.row(index).locator(`.ag-cell[col-id="${colId}"]`)
  }

  /** Drags the grid's scrollbar to the end, as a person would to see the last rows. */
  async scrollToBottom() {
    await this.grid.locator('.ag-body-vertical-scroll-viewport').evaluate((el) => { el.scrollTop = el.scrollHeight })
  }
}
