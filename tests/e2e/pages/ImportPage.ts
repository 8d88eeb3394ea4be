/** Excel 导入 as a keeper does it: pick the site, choose a file, read the preview, post when it is clean. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export class ImportPage {
  readonly summary: Locator
  readonly grid: Locator
  readonly postButton: Locator
  readonly docNo: Locator
  constructor(readonly page: Page) {
    this.summary = page.getByTestId('import-summary')
    this.grid = page.getByTestId('import-grid')
    this.postButton = page.getByTestId('import-post')
    this.docNo = page.getByTestId('doc-no')
  }

  async open() {
    await this.page.goto('./#/import')
    await expect(this.page.getByTestId('import-page')).toBeVisible()
  }

  async pickSite(name: string) {
    await pickOption(this.page, this.page.getByTestId('import-site'), name, name)
  }

  /** Chooses a file through the upload button's file dialog. */
  async choose(name: string, bytes: Buffer, mimeType = 'text/csv') {
    const chooser = this.page.waitForEvent('filechooser')
    await this.page.getByTestId('import-choose').click()
    await (await chooser).setFiles({ name, mimeType, buffer: bytes })
    await expect(this.summary).toBeVisible()
  }

  row(fileRow: number): Locator {
    return this.grid.locator(`.ag-row[row-id="${fileRow}"]`)
  }

  /** The file's column `index` (0-based) in the preview row for file row `fileRow`. */
  cell(fileRow: number, index: number): Locator {
    return this.row(fileRow).locator(`.ag-cell[col-id="c${index}"]`)
  }

  problems(fileRow: number): Locator {
    return this.row(fileRow).locator('.ag-cell[col-id="problems"]')
  }
}
