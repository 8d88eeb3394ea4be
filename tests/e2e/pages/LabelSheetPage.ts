/** The printable label sheet (#/labels?…) as a keeper sees it: one card per label with its QR code and text. */
import type { Locator, Page } from '@playwright/test'

export class LabelSheetPage {
  readonly sheet: Locator
  readonly labels: Locator
  readonly heading: Locator
  readonly printButton: Locator
  constructor(readonly page: Page) {
    this.sheet = page.getByTestId('label-sheet')
    this.labels = page.getByTestId('label')
    this.heading = page.getByTestId('labels-heading')
    this.printButton = page.getByTestId('labels-print')
  }

  /** The label whose printed code (the QR's content) is exactly `code`. */
  label(code: string): Locator {
    return this.labels.filter({ has: this.page.getByTestId('label-code').getByText(code, { exact: true }) })
  }

  /** The QR code of a label, drawn as inline SVG. */
  qr(label: Locator): Locator {
    return label.getByTestId('label-qr').locator('svg')
  }
}
