import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { expect, test } from './host-fixture'

const SHOTS = 'test-results/screens'

interface DemoChild {
  id: number
  name: string
  id_number: string
  township: string
  village: string
}

/** Children of the demo registry, read from its file the way a township's clerk would copy them from a list. */
function demoChildren(db: string): DemoChild[] {
  const sqlite = new Database(db, { readonly: true })
  try {
    return sqlite
      .prepare(
        `SELECT c.id, c.name, c.id_number, t.name AS township, v.name AS village
           FROM children c JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code
          WHERE c.status = 'active' AND NOT EXISTS (SELECT 1 FROM visits x WHERE x.child_id = c.id)
          ORDER BY c.id`,
      )
      .all() as DemoChild[]
  } finally {
    sqlite.close()
  }
}

test('a visit with a risk flag raises the child on the dashboard until someone records what was done', async ({ page, demoApp }) => {
  const child = demoChildren(demoApp.db)[0]!
  await page.goto(demoApp.url)
  const risks = page.locator('.ant-card').filter({ hasText: '未处理的风险' })
  const badge = risks.locator('.ant-badge').first()
  const before = Number(await badge.textContent())
  await expect(risks).not.toContainText(child.name)

  await page.goto(`${demoApp.url}#/children/${child.id}`)
  await page.getByRole('tab', { name: /走访/ }).click()
  await page.getByRole('button', { name: '登记走访' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('走访人').fill('王芳')
  await dialog.getByLabel('走访发现').fill('放学后家中无人，祖母外出务工未归')
  await dialog.getByRole('radio', { name: '无监护人在家' }).check()
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('未处理风险 1')).toBeVisible()

  await page.getByRole('menuitem', { name: '首页' }).click()
  await expect(risks).toContainText(child.name)
  await expect(badge).toHaveText(String(before + 1))
  await page.screenshot({ path: `${SHOTS}/40-dashboard-risk.png`, fullPage: true })

  // Resolved from the follow-up page's list of open risks: the dashboard lets go of the child.
  await page.getByRole('menuitem', { name: '个案跟进' }).click()
  await page.getByRole('tab', { name: '走访与风险' }).click()
  await page.getByRole('row', { name: new RegExp(child.name) }).getByRole('button', { name: '登记处理' }).click()
  const resolve = page.getByRole('dialog')
  await resolve.getByLabel('处理人').fill('李督导')
  await resolve.getByLabel('处理措施').fill('已联系村委会安排临时照料，次日复访')
  await resolve.getByRole('button', { name: '登记处理' }).click()
  await expect(resolve).toBeHidden()
  await expect(page.getByRole('row', { name: new RegExp(child.name) })).toHaveCount(0)

  await page.getByRole('menuitem', { name: '首页' }).click()
  await expect(badge).toHaveText(String(before))
  await expect(risks).not.toContainText(child.name)
})

test("a township's quarterly updates import from its sheet and wait for the supervisor's check", async ({ page, demoApp }) => {
  const children = demoChildren(demoApp.db).slice(0, 3)
  const folder = mkdtempSync(join(tmpdir(), 'cwr-e2e-reviews-'))
  const file = join(folder, '城关镇第四季度信息更新表.xlsx')
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('更新表')
  sheet.addRow(['城关镇2026年第四季度困境儿童信息更新表'])
  sheet.mergeCells('A1:F1')
  sheet.addRow(['序号', '姓名', '身份证号', '更新日期', '更新人', '变化情况'])
  children.forEach((c, i) => sheet.addRow([i + 1, c.name, c.id_number, '2026-11-20', '王芳', i === 0 ? '监护人更换为祖父' : '无变化']))
  await book.xlsx.writeFile(file)

  await page.goto(demoApp.url)
  await page.getByRole('menuitem', { name: '导入' }).click()
  await page.locator('input[type=file]').setInputFiles(file)
  await expect(page.getByText('识别为')).toBeVisible()
  await expect(page.getByText('季度更新记录').first()).toBeVisible()
  const stats = page.getByRole('group', { name: '导入统计' })
  await expect(stats).toContainText('新增')
  await page.screenshot({ path: `${SHOTS}/41-import-reviews.png`, fullPage: true })
  await page.getByRole('button', { name: '导入', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: '导入', exact: true }).click()
  await expect(page.getByText(/已导入：新增 3/)).toBeVisible()

  await page.getByRole('menuitem', { name: '个案跟进' }).click()
  await page.getByRole('tab', { name: '更新审核' }).click()
  for (const c of children) await expect(page.getByRole('row', { name: new RegExp(`2026-Q4.*${c.name}`) })).toBeVisible()
  await page.getByLabel('审核人').fill('李督导')
  await page.getByRole('row', { name: new RegExp(`2026-Q4.*${children[0]!.name}`) }).getByRole('button', { name: '审核通过' }).click()
  await expect(page.getByRole('row', { name: new RegExp(`2026-Q4.*${children[0]!.name}`) })).toHaveCount(0)
})
