/** Helpers for antd widgets as a person uses them: click, type, pick. */
import { expect, type Locator, type Page } from '@playwright/test'

/** Opens an antd Select, types to search, and clicks the option whose text is exactly `option`. */
export async function pickOption(page: Page, select: Locator, search: string, option: string | RegExp) {
  await select.click()
  await page.keyboard.type(search)
  const opt = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option }).first()
  await expect(opt).toBeVisible()
  await opt.click()
}
