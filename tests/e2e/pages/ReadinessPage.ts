/** 应急准备: the simulation form and its result, the norms table. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export class ReadinessPage {
  readonly form: Locator
  readonly result: Locator
  readonly readiness: Locator
  readonly table: Locator
  readonly error: Locator
  constructor(readonly page: Page) {
    this.form = page.getByTestId('simulate-form')
    this.result = page.getByTestId('sim-result')
    this.readiness = page.getByTestId('sim-readiness')
    this.table = page.getByTestId('sim-table')
    this.error = page.getByTestId('sim-error')
  }
  async open() { await this.page.goto('./#/readiness'); await expect(this.form).toBeVisible() }
  async pickType(type: string) { await pickOption(this.page, this.page.getByTestId('sim-type'), type, type) }
  async pickRegion(name: string) { await pickOption(this.page, this.page.getByTestId('sim-regions'), name, new RegExp(`^${name}$`)); await this.page.keyboard.press('Escape') }
  async flood(site: string) { await pickOption(this.page, this.page.getByTestId('sim-flooded'), site, site); await this.page.keyboard.press('Escape') }
  async typePopulation(text: string) { await this.page.getByTestId('sim-population').fill(text) }
  async run() { await this.page.getByTestId('sim-run').click() }
  /** The readiness figure as a number (percent). */
  async figure(): Promise<number> { return Number(await this.readiness.locator('.ant-statistic-content-value').innerText()) }
  rows(): Locator { return this.table.locator('tbody tr.ant-table-row') }
}
