import { makeIdNumber } from '../../src/core/shared/id-number'
import { expect, test } from './host-fixture'
import { choose } from './ui'

const SHOTS = 'test-results/screens'

test('a clerk sets up divisions, registers a child, fixes a wrong ID, finds and edits the child', async ({ page, app }) => {
  const goodId = makeIdNumber('420102', '2016-05-20', 31)
  const wrongDigit = goodId[17] === '1' ? '2' : '1'
  const badId = goodId.slice(0, 17) + wrongDigit

  await page.goto(app.url)
  await expect(page.getByText('去设置区划')).toBeVisible()
  await page.getByRole('menuitem', { name: '区划' }).click()

  // The district, then a township and a village under it.
  await page.getByLabel('区/县名称').fill('江岸区')
  await page.getByLabel('区划代码').fill('420102')
  await page.getByRole('button', { name: '保存' }).click()
  await page.getByRole('button', { name: '新增乡镇/街道' }).last().click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('名称').fill('城关镇')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('row', { name: /城关镇/ })).toBeVisible()
  await page.getByRole('row', { name: /城关镇/ }).getByRole('button', { name: '新增村/社区' }).click()
  await dialog.getByLabel('名称').fill('东街社区')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('row', { name: /东街社区/ })).toBeVisible()
  await expect(page.getByRole('row', { name: /东街社区/ })).toContainText('临时代码')
  await page.screenshot({ path: `${SHOTS}/01-divisions.png`, fullPage: true })

  // A child with a mistyped check digit: the message says so under the ID field and nothing is saved.
  await page.getByRole('menuitem', { name: '困境儿童' }).click()
  await page.getByRole('button', { name: '新增儿童' }).click()
  await page.getByLabel('姓名', { exact: true }).fill('张小明')
  await page.getByLabel('身份证号').fill(badId)
  await choose(page, '乡镇/街道', '城关镇')
  await choose(page, '村/社区', '东街社区')
  await choose(page, '困境类型', '农村留守儿童')
  await page.keyboard.press('Escape')
  await page.getByLabel('监护人姓名').fill('张大山')
  await page.getByLabel('监护人电话').fill('13800138000')
  await page.getByRole('button', { name: '保存' }).click()
  const idField = page.locator('.ant-form-item').filter({ has: page.getByLabel('身份证号') })
  await expect(idField.locator('.ant-form-item-explain-error')).toContainText(`第18位校验码应为${goodId[17]}`)
  await page.screenshot({ path: `${SHOTS}/02-wrong-check-digit.png`, fullPage: true })

  // Fixed, it saves and opens the child's file with the whole number.
  await page.getByLabel('身份证号').fill(goodId)
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('已保存')).toBeVisible()
  await expect(page.getByText(goodId)).toBeVisible()
  await expect(page.getByText('2016-05-20')).toBeVisible()

  // Found by pinyin initials; the list shows the ID masked, never whole.
  await page.getByRole('menuitem', { name: '困境儿童' }).click()
  await page.getByLabel('搜索儿童').fill('zxm')
  const row = page.locator('tr.ant-table-row', { hasText: '张小明' })
  await expect(row).toBeVisible()
  await expect(row).toContainText(`${goodId.slice(0, 4)}**********${goodId.slice(-4)}`)
  await expect(row).toContainText('138****8000')
  await expect(page.getByText(goodId)).toHaveCount(0)
  await page.screenshot({ path: `${SHOTS}/03-list-search.png`, fullPage: true })

  // Edit the guardian's phone: saved, and the history says what changed (masked).
  await row.getByText('张小明').click()
  await page.getByRole('button', { name: '编辑' }).click()
  await page.getByLabel('监护人电话').fill('13900139000')
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('已保存').last()).toBeVisible()
  await expect(page.getByText('13900139000')).toBeVisible()
  await expect(page.getByText('监护人电话：138****8000 → 139****9000')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/04-child-file.png`, fullPage: true })
})

test('the home page counts the demo district, and filters narrow the list', async ({ page, demoApp }) => {
  const summary = await page.request
    .post(`http://127.0.0.1:${demoApp.port}/api/dashboard.summary`, {
      headers: { 'x-cwr-token': demoApp.token, 'content-type': 'application/json' },
      data: {},
    })
    .then((r) => r.json())
  const totals = summary.result.totals as { children: number; villagesWithoutDirector: number }
  await page.goto(demoApp.url)
  await expect(page.getByText('示范区')).toBeVisible()
  await expect(page.locator('.ant-statistic', { hasText: '困境儿童' })).toContainText(String(totals.children))
  await expect(page.locator('.ant-statistic', { hasText: '无儿童主任的村' })).toContainText(String(totals.villagesWithoutDirector))
  await page.screenshot({ path: `${SHOTS}/05-home.png`, fullPage: true })

  await page.getByRole('menuitem', { name: '困境儿童' }).click()
  await expect(page.locator('.ant-pagination-total-text')).toHaveText(`共 ${totals.children} 人`)
  await choose(page, '乡镇/街道', '青山乡')
  const rows = page.locator('tr.ant-table-row')
  await expect(rows.first()).toContainText('青山乡')
  for (const text of await rows.allInnerTexts()) expect(text).toContain('青山乡')
  // The token was taken out of the address bar once read.
  expect(page.url()).not.toContain('token=')
  await page.screenshot({ path: `${SHOTS}/06-list-filtered.png`, fullPage: true })

  // The staffing table is computed from the same registry: three townships, three villages without a director.
  await page.getByRole('menuitem', { name: '队伍与配比' }).click()
  const total = page.locator('.ant-table-summary')
  await expect(total).toContainText('合计（3个乡镇/街道）')
  await expect(total).toContainText(`${totals.villagesWithoutDirector} 个村`)
  await expect(total).toContainText(String(totals.children))
  await page.screenshot({ path: `${SHOTS}/08-staffing.png`, fullPage: true })
})

test('the bureau adds its own category with an alias, and picks it for a child', async ({ page, demoApp }) => {
  await page.goto(demoApp.url)
  await page.getByRole('menuitem', { name: '类型字典' }).click()
  await page.getByRole('button', { name: '新增类型' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('类型名称').fill('隔代抚养儿童')
  await dialog.getByLabel('别名').fill('隔代抚养')
  await dialog.getByLabel('别名').press('Enter')
  await dialog.getByRole('button', { name: '保存' }).click()
  const row = page.locator('tr.ant-table-row', { hasText: '隔代抚养儿童' })
  await expect(row).toContainText('本局新增')
  await expect(row).toContainText('隔代抚养')
  await page.screenshot({ path: `${SHOTS}/07-categories.png`, fullPage: true })

  // A built-in type keeps its name: the field is locked in its form.
  await page.locator('tr.ant-table-row', { hasText: '孤儿' }).first().getByRole('button', { name: '修改' }).click()
  await expect(dialog.getByLabel('类型名称')).toBeDisabled()
  await dialog.getByRole('button', { name: '取消' }).click()

  await page.getByRole('menuitem', { name: '困境儿童' }).click()
  await page.getByRole('button', { name: '新增儿童' }).click()
  await choose(page, '困境类型', '隔代抚养儿童')
  await expect(page.locator('.ant-select-selection-item', { hasText: '隔代抚养儿童' })).toBeVisible()
})
