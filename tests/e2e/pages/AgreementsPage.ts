/** 协议储备: the agreements table, the partner and agreement forms. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export class AgreementsPage {
  readonly table: Locator
  readonly lapsing: Locator
  constructor(readonly page: Page) {
    this.table = page.getByTestId('agreements-table')
    this.lapsing = page.getByTestId('agreements-lapsing')
  }
  async open() { await this.page.goto('./#/agreements') }

  async addPartner(name: string, creditCode: string) {
    await this.page.getByTestId('partner-new').click()
    await this.page.getByTestId('partner-name').fill(name)
    await this.page.getByTestId('partner-credit-code').fill(creditCode)
    await this.page.getByTestId('partner-save').click()
  }
  partnerForm(): Locator { return this.page.getByTestId('partner-form') }

  async addMaterialsAgreement(a: { partner: string; no: string; validTo: string; tier: string; region: string; item: string; quantity: number }) {
    const p = this.page
    await p.getByTestId('agreement-new').click()
    const form = p.getByTestId('agreement-form')
    await pickOption(p, form.getByTestId('agreement-partner'), a.partner, a.partner)
    await form.getByTestId('agreement-no').fill(a.no)
    await this.setDate(form.getByTestId('agreement-valid-to'), a.validTo)
    await pickOption(p, form.getByTestId('agreement-tier'), '', a.tier)
    await pickOption(p, form.getByTestId('agreement-region'), a.region, a.region)
    await pickOption(p, form.getByTestId('agreement-line-item').first(), a.item, a.item)
    await form.locator('input[data-testid="agreement-line-quantity"], [data-testid="agreement-line-quantity"] input').first().fill(String(a.quantity))
    await p.getByTestId('agreement-save').click()
    await expect(form).toBeHidden()
  }

  private async setDate(picker: Locator, date: string) {
    await picker.click()
    await this.page.keyboard.press('ControlOrMeta+a')
    await this.page.keyboard.type(date)
    await this.page.keyboard.press('Enter')
  }
}
