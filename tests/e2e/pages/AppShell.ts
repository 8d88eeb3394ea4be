/** The frame around every page: side menu and language switch. */
import type { Locator, Page } from '@playwright/test'

export class AppShell {
  readonly menu: Locator
  constructor(readonly page: Page) {
    this.menu = page.getByTestId('main-menu')
  }

  async open(route = 'dashboard') {
    await this.page.goto(`./#/${route}`)
  }

  menuItem(label: string): Locator {
    return this.menu.getByRole('menuitem', { name: label, exact: true })
  }

  async navigate(label: string) {
    await this.menuItem(label).click()
  }

  async switchLanguage(label: '中文' | 'English') {
    await this.page.getByTestId('language-switch').getByText(label, { exact: true }).click()
  }
}
