import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { parseYuan, yuanAsNumber } from '../../src/contract/money'
import { expect, test } from './host-fixture'
import { choose } from './ui'

const SHOTS = 'test-results/screens'

/** Pages in a PDF, by its page objects (not the /Pages tree node). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length
/** Fen from a shown amount, by the app's own parser (never a float times 100). */
function fen(text: string): number {
  const value = parseYuan(text)
  if (value === null) throw new Error(`not an amount: ${text}`)
  return value
}

test('a clerk adds a programme, generates a quarter, prints it page by page, locks it and exports it', async ({ page, demoApp }) => {
  await page.goto(`${demoApp.url}#/subsidies?tab=programmes`)
  await page.getByRole('button', { name: '新增补贴项目' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('项目名称').fill('困境家庭儿童关爱补助')
  await choose(page, '发放对象类别', '农村留守儿童')
  await choose(page, '发放对象类别', '低保家庭儿童')
  await page.keyboard.press('Escape')
  // An amount is read as typed, to the fen: a third decimal is refused with the reason, not rounded away.
  await dialog.getByLabel('第1期金额').fill('1.005')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByText('金额「1.005」最多两位小数（精确到分）')).toBeVisible()
  await dialog.getByLabel('第1期金额').fill('100')
  await dialog.getByLabel('第1期起始日期').fill('2020-01-01')
  await dialog.getByLabel('第1期起始日期').press('Enter')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('row', { name: /困境家庭儿童关爱补助/ })).toContainText('100.00 元/月')

  await page.getByRole('tab', { name: '发放花名册' }).click()
  await choose(page, '补贴项目', '困境家庭儿童关爱补助')
  await choose(page, '合并发放', '一季度（3个月）')
  await page.getByRole('button', { name: '生成' }).click()
  await expect(page).toHaveURL(/#\/subsidies\/rosters\/\d+$/)
  await expect(page.getByRole('heading', { name: /困境家庭儿童关爱补助发放花名册（草稿）/ })).toBeVisible()
  const count = Number((await page.getByRole('tab', { name: /发放名单/ }).textContent())!.match(/（(\d+)）/)![1])
  expect(count).toBeGreaterThan(20)
  const totalFen = fen((await page.getByTestId('roster-total').textContent())!)
  await page.screenshot({ path: `${SHOTS}/30-roster-draft.png`, fullPage: true })

  // Printed ten lines a sheet: each sheet closes with its own 本页小计, the sheets add up to the total, 草稿 on each.
  await choose(page, '打印每页行数', '每页 10 行')
  await page.emulateMedia({ media: 'print' })
  const sheets = page.getByTestId('roster-sheet')
  await expect(sheets).toHaveCount(Math.ceil(count / 10))
  let printed = 0
  for (let i = 0; i < Math.ceil(count / 10); i++) {
    const subtotal = sheets.nth(i).locator('tr.subtotal').first()
    await expect(subtotal).toContainText('本页小计')
    printed += fen((await subtotal.locator('td').nth(1).textContent())!)
    await expect(sheets.nth(i).locator('.watermark')).toHaveText('草稿')
  }
  expect(printed).toBe(totalFen)
  await expect(sheets.last()).toContainText('人民币（大写）')
  await expect(sheets.last()).toContainText('制表人')
  const pdf = await page.pdf({ preferCSSPageSize: true, path: `${SHOTS}/31-roster-draft.pdf` })
  expect(pdfPages(pdf)).toBe(Math.ceil(count / 10))
  await page.emulateMedia({ media: 'screen' })

  // Locked: no longer a draft, and the workbook says so too.
  await page.getByRole('button', { name: '锁定' }).click()
  await page.getByRole('dialog').getByRole('button', { name: '锁定' }).click()
  await expect(page.locator('.ant-tag', { hasText: '已锁定' })).toBeVisible()
  await expect(page.getByRole('button', { name: '重新生成' })).toHaveCount(0)
  const folder = mkdtempSync(join(tmpdir(), 'cwr-e2e-roster-'))
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()])
  const saved = join(folder, download.suggestedFilename())
  await download.saveAs(saved)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(saved)
  const sheet = book.worksheets[0]!
  const title = String(sheet.getCell('A1').value)
  expect(title).toContain('困境家庭儿童关爱补助发放花名册')
  expect(title).not.toContain('草稿')
  let totalRow = 0
  sheet.eachRow((row, n) => {
    if (String(row.getCell(1).value ?? '').startsWith('合计')) totalRow = n
  })
  expect(totalRow).toBeGreaterThan(0)
  const amounts = (sheet.getRow(totalRow).values as unknown[]).filter((v) => typeof v === 'number') as number[]
  expect(amounts).toContain(yuanAsNumber(totalFen))
})

test('a what-if standard is read from the typed yuan to the fen', async ({ page, demoApp }) => {
  await page.goto(`${demoApp.url}#/subsidies?tab=budget`)
  await expect(page.getByText('测算全年支出（元）')).toBeVisible()
  const amount = page.getByLabel('新标准（元）')
  await amount.fill('1.005')
  await expect(page.getByText('金额「1.005」最多两位小数（精确到分）')).toBeVisible()
  await amount.fill('２,０００.５０')
  await expect(page.getByText('起标准调整为 2000.50元/')).toBeVisible()
  await expect(page.getByText('最多两位小数')).toHaveCount(0)
  const rows = page.locator('.ant-table-tbody tr')
  await expect(rows).toHaveCount(12)
  for (let i = 0; i < 12; i++) {
    const cells = rows.nth(i).locator('td')
    const caseload = Number(await cells.nth(3).textContent())
    expect(fen((await cells.nth(4).textContent())!)).toBe(caseload * 200050)
  }
})
