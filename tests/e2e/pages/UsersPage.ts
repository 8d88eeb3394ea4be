/** 用户与权限 and 审计日志 as an administrator uses them. */
import { expect, type Locator, type Page } from '@playwright/test'
import { pickOption } from './antd'

export class UsersPage {
  readonly table: Locator
  constructor(readonly page: Page) {
    this.table = page.getByTestId('users-table')
  }

  async open() {
    await this.page.goto('./#/users')
    await expect(this.page.getByTestId('users-page')).toBeVisible()
  }

  row(username: string): Locator {
    return this.table.locator('tr').filter({ has: this.page.getByRole('cell', { name: username, exact: true }) })
  }

  async addKeeperAtSite(u: { username: string; name: string; password: string; site: string }) {
    await this.page.getByTestId('user-add').click()
    await this.page.getByTestId('user-username').fill(u.username)
    await this.page.getByTestId('user-displayname').fill(u.name)
    await this.page.getByTestId('user-password').fill(u.password)
    await pickOption(this.page, this.page.getByTestId('user-scope-site'), u.site, u.site)
    await this.page.getByTestId('user-save').click()
    await expect(this.row(u.username)).toBeVisible()
  }
}

export class AuditPage {
  readonly table: Locator
  constructor(readonly page: Page) {
    this.table = page.getByTestId('audit-table')
  }

  async open() {
    await this.page.goto('./#/audit')
    await expect(this.page.getByTestId('audit-page')).toBeVisible()
  }

  async searchAction(action: string) {
    await this.page.getByTestId('audit-action').fill(action)
    await this.page.getByTestId('audit-query').click()
  }
}
