import type { Page } from '@playwright/test'
import { expect } from './host-fixture'

/** antd Select: open the one labelled `label`, type to narrow its (virtual) list, pick the option showing `option`. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true })
  const select = input.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]')
  // A click that lands while the list is still opening is lost under load: try again until the choice shows.
  await expect(async () => {
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) {
      await input.click()
      await page.keyboard.type(option)
    }
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click({ timeout: 2000 })
    await expect(select).toContainText(option, { timeout: 1000 })
  }).toPass({ timeout: 15_000 })
}
