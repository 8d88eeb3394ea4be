/** 入库单 as a keeper fills it in. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export interface ReceiptLine { item: string; itemLabel: string; lotNo?: string; productionDate?: string; expiryDate?: string; quantity: number }

export class ReceiptPage {
  readonly docNo: Locator
  readonly error: Locator
  constructor(readonly page: Page) {
    this.docNo = page.getByTestId('doc-no')
    this.error = page.getByTestId('post-error')
  }

  async open() {
    await this.page.goto('./#/receipt')
    await expect(this.page.getByTestId('receipt-page')).toBeVisible()
  }

  async selectSite(name: string) {
    await pickOption(this.page, this.page.getByTestId('doc-site'), name, name)
  }

  async fillLine(i: number, l: ReceiptLine) {
    await pickOption(this.page, this.page.getByTestId(`line-${i}-item`), l.item, l.itemLabel)
    if (l.lotNo) await this.page.getByTestId(`line-${i}-lot`).fill(l.lotNo)
    if (l.productionDate) await this.page.getByTestId(`line-${i}-production`).fill(l.productionDate)
    if (l.expiryDate) await this.page.getByTestId(`line-${i}-expiry`).fill(l.expiryDate)
    await this.page.getByTestId(`line-${i}-quantity`).fill(String(l.quantity))
  }

  async post() {
    await this.page.getByTestId('post').click()
  }
}
