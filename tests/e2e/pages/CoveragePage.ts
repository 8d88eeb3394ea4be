/** 覆盖与达标 → 村居覆盖: the figures, the chart, the uncovered list and its export. */
import type { Locator, Page } from '@playwright/test'

export class CoveragePage {
  readonly rate: Locator
  readonly covered: Locator
  readonly uncoveredCount: Locator
  readonly uncovered: Locator
  readonly chart: Locator
  readonly exportButton: Locator
  readonly asOf: Locator
  constructor(readonly page: Page) {
    this.rate = page.getByTestId('coverage-rate')
    this.covered = page.getByTestId('coverage-covered')
    this.uncoveredCount = page.getByTestId('coverage-uncovered-count')
    this.uncovered = page.getByTestId('coverage-uncovered')
    this.chart = page.getByTestId('coverage-chart')
    this.exportButton = page.getByTestId('coverage-export')
    this.asOf = page.getByTestId('coverage-as-of')
  }
  async open() { await this.page.goto('./#/coverage') }

  /** A Statistic's number as a person reads it. */
  async number(stat: Locator): Promise<number> {
    return Number((await stat.locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''))
  }
  uncoveredRows(): Locator { return this.uncovered.locator('tbody tr.ant-table-row') }
  async openPointForRow(i: number) { await this.uncoveredRows().nth(i).getByTestId('coverage-open-point').click() }

  async setAsOf(date: string) {
    await this.asOf.click()
    await this.page.keyboard.press('ControlOrMeta+a')
    await this.page.keyboard.type(date)
    await this.page.keyboard.press('Enter')
  }
}
