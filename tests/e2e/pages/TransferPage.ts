/** 调拨单 as a keeper fills it in: from site (the header's site), to site, lines as on the 出库单. */
import { pickOption } from './antd'
import { DocumentFormPage } from './DocumentFormPage'

export class TransferPage extends DocumentFormPage {
  protected readonly route = 'transfer'

  async selectDestination(name: string) {
    await pickOption(this.page, this.page.getByTestId('doc-to-site'), name, name)
  }

  async fillLine(i: number, item: string, itemLabel: string, quantity: number) {
    await pickOption(this.page, this.page.getByTestId(`line-${i}-item`), item, itemLabel)
    await this.page.getByTestId(`line-${i}-quantity`).fill(String(quantity))
  }
}
