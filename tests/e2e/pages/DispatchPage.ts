/** 灾情调度 as a dispatcher uses it: the incident bar, the board, the order entry, the order drawer, the report. */
import { expect, type Locator, type Page } from '@playwright/test'

export class DispatchPage {
  readonly board: Locator
  readonly drawer: Locator
  readonly report: Locator
  constructor(readonly page: Page) {
    this.board = page.getByTestId('dispatch-board')
    this.drawer = page.getByTestId('order-drawer')
    this.report = page.getByTestId('incident-report')
  }

  async open() {
    await this.page.goto('./#/dispatch')
    await expect(this.page.getByTestId('dispatch-page')).toBeVisible()
  }

  async openIncident(name: string) {
    await this.page.getByTestId('incident-new').click()
    await this.page.getByTestId('incident-name').fill(name)
    await this.page.getByTestId('incident-save').click()
    await expect(this.page.getByTestId('incident-select')).toContainText(name)
  }

  async tab(name: 'board' | 'requests' | 'order' | 'report') {
    await this.page.getByTestId(`tab-${name}`).click()
  }

  /** Types into the focused Select and picks the first match with Enter. */
  async typeAndPick(text: string) {
    await this.page.keyboard.type(text)
    await expect(this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first()).toBeVisible()
    await this.page.keyboard.press('Enter')
    await expect(this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')).toHaveCount(0)
  }

  /** Presses Tab until `target` has the focus (keyboard only; antd widgets differ in how many stops they have). */
  async tabTo(target: Locator, max = 6) {
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press('Tab')
      if (await target.evaluate((el) => el === document.activeElement)) return
    }
    await expect(target).toBeFocused()
  }

  requestRow(requestNo: string, where: 'requests-list' | 'board-requests' = 'requests-list'): Locator {
    return this.page.getByTestId(where).getByTestId(`request-row-${requestNo}`)
  }

  /** Opens an order from the board, takes it through the given steps (all arriving), and closes the drawer. */
  async runOrder(orderNo: string, steps: Array<'approve' | 'dispatch' | 'receive'>) {
    await this.orderRow(orderNo).click()
    const next = { approve: '已审批', dispatch: '已发运', receive: '已签收' } as const
    for (const s of steps) {
      await this.action(s)
      await expect(this.drawer.getByTestId('drawer-state')).toHaveText(next[s])
    }
    await this.page.keyboard.press('Escape')
    await expect(this.drawer).toBeHidden()
  }

  orderRow(orderNo: string): Locator {
    return this.board.getByTestId(`order-row-${orderNo}`)
  }

  async action(name: 'approve' | 'dispatch' | 'receive' | 'close' | 'cancel') {
    await this.drawer.getByTestId(`act-${name}`).click()
  }
}
