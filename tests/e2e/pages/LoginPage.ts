/** The login page, and the user menu once signed in. */
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test'

export class LoginPage {
  readonly username: Locator
  readonly password: Locator
  readonly submit: Locator
  readonly error: Locator
  constructor(readonly page: Page) {
    this.username = page.getByTestId('login-username')
    this.password = page.getByTestId('login-password')
    this.submit = page.getByTestId('login-submit')
    this.error = page.getByTestId('login-error')
  }

  async open() {
    await this.page.goto('./')
    await expect(this.submit).toBeVisible()
  }

  async signIn(username: string, password: string) {
    await this.username.fill(username)
    await this.password.fill(password)
    await this.submit.click()
  }

  /**
   * A new page of `context` signed in as the administrator of another installation (a second hub at `base`). Cookies
   * do not tell ports apart, so this replaces the lane hub's session in that browser context.
   */
  static async adminAt(context: BrowserContext, base: string): Promise<Page> {
    const page = await context.newPage()
    await page.goto(`${base}/`)
    const login = new LoginPage(page)
    await expect(login.submit).toBeVisible()
    await login.signIn('admin', 'Admin2026')
    await expect(page.getByTestId('user-menu')).toBeVisible()
    return page
  }

  async signOut() {
    await this.page.getByTestId('user-menu').click()
    await this.page.getByTestId('menu-logout').click()
    await expect(this.submit).toBeVisible()
  }
}
