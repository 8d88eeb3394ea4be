/** 储备网络 as a person sees it: the summary line, the tree, the details panel. */
import type { Locator, Page } from '@playwright/test'

export class NetworkPage {
  readonly summary: Locator
  readonly tree: Locator
  readonly streets: Locator
  readonly details: Locator
  readonly search: Locator
  constructor(readonly page: Page) {
    this.summary = page.getByTestId('network-summary')
    this.tree = page.getByTestId('network-tree')
    this.streets = this.tree.getByTestId('street-node')
    this.details = page.getByTestId('site-details')
    this.search = page.getByTestId('network-search').locator('input')
  }

  async open() {
    await this.page.goto('./#/network')
  }

  /** The rendered tree row (treenode) of a street. */
  streetRow(name: string): Locator {
    return this.tree.locator('.ant-tree-treenode').filter({ has: this.page.getByTestId('street-node').filter({ hasText: name }) })
  }

  async expandStreet(name: string) {
    await this.streetRow(name).locator('.ant-tree-switcher').click()
  }

  /** "covered/total" shown next to each street, as numbers. */
  async streetCounts(): Promise<Array<{ covered: number; total: number }>> {
    const metas = await this.streets.locator('.net-meta').allInnerTexts()
    return metas.map((m) => { const [c, t] = m.split('/').map(Number); return { covered: c, total: t } })
  }

  communities(): Locator {
    return this.tree.getByTestId('community-node')
  }

  async selectSite(name: string) {
    await this.tree.getByTestId('site-node').filter({ hasText: name }).first().click()
  }
}
