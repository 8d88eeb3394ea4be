/** 覆盖与达标 → 物资达标. */
import type { Locator, Page } from '@playwright/test'

export class CompliancePage {
  readonly rate: Locator
  readonly ratePhysical: Locator
  readonly heat: Locator
  readonly rule: Locator
  readonly detail: Locator
  constructor(readonly page: Page) {
    this.rate = page.getByTestId('compliance-rate')
    this.ratePhysical = page.getByTestId('compliance-rate-physical')
    this.heat = page.getByTestId('compliance-heat')
    this.rule = page.getByTestId('compliance-rule')
    this.detail = page.getByTestId('compliance-detail')
  }
  async open() {
    await this.page.goto('./#/coverage')
    await this.page.getByRole('tab', { name: '物资达标' }).click()
  }
  async setRule(label: '100%' | '50%' | '不计入') { await this.rule.getByText(label, { exact: true }).click() }
  siteRow(name: string): Locator { return this.heat.locator('tr.ant-table-row').filter({ hasText: name }) }
  async openSite(name: string) { await this.siteRow(name).getByTestId('heat-site').click() }
  detailRow(item: string): Locator { return this.detail.locator('tr.ant-table-row').filter({ hasText: item }) }
  async closeDetail() { await this.page.locator('.ant-drawer-close').click() }
}
