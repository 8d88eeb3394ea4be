/** 出库单 as a keeper fills it in. */
import type { Locator } from '@playwright/test'
import { pickOption } from './antd'
import { DocumentFormPage } from './DocumentFormPage'

export class IssuePage extends DocumentFormPage {
  protected readonly route = 'issue'

  async fillLine(i: number, item: string, itemLabel: string, quantity: number) {
    await pickOption(this.page, this.page.getByTestId(`line-${i}-item`), item, itemLabel)
    await this.page.getByTestId(`line-${i}-quantity`).fill(String(quantity))
  }

  fefo(i: number): Locator {
    return this.page.getByTestId(`line-${i}-fefo`)
  }

  lineRow(i: number): Locator {
    return this.page.getByTestId('issue-lines').locator('tr.ant-table-row').nth(i)
  }
}
