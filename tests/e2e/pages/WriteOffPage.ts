/** 报损单 with the street depot's 报废 requests and their approval (issue 18). */
import { expect, type Locator } from '@playwright/test'
import { pickOption } from './antd'
import { DocumentFormPage } from './DocumentFormPage'

export class WriteOffPage extends DocumentFormPage {
  protected readonly route = 'writeoff'

  async fillLine(i: number, item: string, itemLabel: string, quantity: number, lotNo: string) {
    await pickOption(this.page, this.page.getByTestId(`line-${i}-item`), item, itemLabel)
    await this.page.getByTestId(`line-${i}-quantity`).fill(String(quantity))
    await pickOption(this.page, this.page.getByTestId(`line-${i}-lotselect`), lotNo, new RegExp(lotNo))
  }

  async reason(text: string) { await this.page.getByTestId('doc-reason').fill(text) }

  get requests(): Locator { return this.page.getByTestId('writeoff-request-table') }
  request(reason: string): Locator { return this.requests.locator('tr.ant-table-row', { hasText: reason }) }

  async approve(reason: string) {
    await this.request(reason).locator('[data-testid^="writeoff-approve-"]').click()
    await this.page.getByTestId('writeoff-approve-ok').click()
    await expect(this.page.getByText(/已批准，报废单 BF/)).toBeVisible()
  }
}
