/**
 * Signs in once as the demo's administrator through the real login page and keeps the browser's cookies (the
 * httpOnly session and the CSRF token) for the other specs of its lane (its own hub), which then start signed in.
 */
import { test as setup, expect } from '@playwright/test'
import { LoginPage } from '../pages/LoginPage'
import { adminState } from '../support'

setup('sign in as the demo administrator', async ({ page }) => {
  const login = new LoginPage(page)
  await login.open()
  await login.signIn('admin', 'Admin2026')
  await expect(page.getByTestId('user-name')).toHaveText('系统管理员')
  await page.context().storageState({ path: adminState(String(setup.info().project.metadata.lane)) })
})
