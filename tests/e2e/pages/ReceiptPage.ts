/** 入库单 as a keeper fills it in. */
import { pickOption } from './antd'
import { DocumentFormPage } from './DocumentFormPage'

export interface ReceiptLine { item: string; itemLabel: string; lotNo?: string; productionDate?: string; expiryDate?: string; quantity: number | string }

export class ReceiptPage extends DocumentFormPage {
  protected readonly route = 'receipt'

  async fillLine(i: number, l: ReceiptLine) {
    await pickOption(this.page, this.page.getByTestId(`line-${i}-item`), l.item, l.itemLabel)
    if (l.lotNo) await this.page.getByTestId(`line-${i}-lot`).fill(l.lotNo)
    if (l.productionDate) await this.page.getByTestId(`line-${i}-production`).fill(l.productionDate)
    if (l.expiryDate) await this.page.getByTestId(`line-${i}-expiry`).fill(l.expiryDate)
    await this.page.getByTestId(`line-${i}-quantity`).fill(String(l.quantity))
  }
}
