/** 预警: kind tags, site filter, grid, export. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export class AlertsPage {
  readonly grid: Locator
  readonly shown: Locator
  constructor(readonly page: Page) {
    this.grid = page.getByTestId('alert-grid')
    this.shown = page.getByTestId('alert-shown')
  }

  async open() {
    await this.page.goto('./#/alerts')
    await expect(this.page.getByTestId('alerts-page')).toBeVisible()
  }

  async filterSite(name: string) {
    await pickOption(this.page, this.page.getByTestId('alert-site'), name, name)
  }

  kindTag(kind: string): Locator {
    return this.page.getByTestId(`alert-kind-${kind}`)
  }

  row(lotNo: string): Locator {
    return this.grid.locator('.ag-row').filter({ hasText: lotNo })
  }

  cell(lotNo: string, colId: string): Locator {
    return this.row(lotNo).locator(`.ag-cell[col-id="${colId}"]`)
  }

  /** Clicks export and returns the downloaded file's path. */
  async export(): Promise<string> {
    const download = this.page.waitForEvent('download')
    await this.page.getByTestId('alert-export').click()
    return (await (await download).path())!
  }
}
