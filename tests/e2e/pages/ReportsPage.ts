/** 逐级上报: the due list, the submitted list, and the review of a street's report. */
import { expect, type Locator, type Page } from '@playwright/test'

export class ReportsPage {
  readonly expected: Locator
  readonly submitted: Locator
  constructor(readonly page: Page) {
    this.expected = page.getByTestId('reports-expected')
    this.submitted = page.getByTestId('reports-submitted')
  }

  /** (Re)opens the page: a page mounts afresh on every visit, so it shows what the hub holds now. */
  async open() {
    if (this.page.url().includes('#/reports')) await this.page.goto('./#/dashboard')
    await this.page.goto('./#/reports')
    await expect(this.page.getByTestId('reports-page')).toBeVisible()
  }

  async tab(name: '应报与逾期' | '已报送') {
    await this.page.getByRole('tab', { name }).click()
  }

  /** Opens the preview of a report due and submits it. */
  async previewAndSubmit(kind: string, subject: string, expectInTable: string) {
    await this.expected.getByTestId(`report-preview-${kind}-${subject}`).click()
    await expect(this.page.getByTestId('report-table')).toContainText(expectInTable)
    await this.page.getByTestId('report-submit').click()
    await expect(this.submitted).toBeVisible()
  }

  row(text: string, version: number): Locator {
    return this.submitted.locator('tr.ant-table-row').filter({ hasText: text }).filter({ has: this.page.locator('td', { hasText: new RegExp(`^${version}$`) }) })
  }
}
