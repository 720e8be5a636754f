import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { expect, test } from './host-fixture'
import { choose } from './ui'

const SHOTS = 'test-results/screens'

test('the staffing table: read on the page, a township opened, exported and read back, printed', async ({ page, demoApp }) => {
  await page.goto(demoApp.url)
  await page.getByRole('menuitem', { name: '队伍与配比' }).click()
  const table = page.locator('.ant-table').first()
  const rows = table.locator('tbody tr.ant-table-row')
  await expect(rows).toHaveCount(3)
  const total = table.locator('.ant-table-summary tr')
  await expect(total).toContainText('合计（3个乡镇/街道）')
  const onPage = async (row: ReturnType<typeof rows.nth>) => (await row.locator('td').allInnerTexts()).map((t) => t.trim())
  const first = await onPage(rows.nth(0))
  const summed = await onPage(total)
  await page.screenshot({ path: `${SHOTS}/20-staffing.png`, fullPage: true })

  // A township opens on its villages: the one without a director says so, and its people with their loads.
  await page.getByLabel(`查看${first[0]}的村和人员`).click()
  const drawer = page.getByRole('dialog')
  await expect(drawer).toContainText(`${first[0]}：村/社区与人员`)
  await expect(drawer.getByText(/空缺（(从未配备|.* 起)）/)).toHaveCount(Number(first[7] === '—' ? 0 : first[7]!.split('、').length))
  await expect(drawer.getByRole('heading', { name: `儿童主任（${first[3]} 人）` })).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/21-staffing-township.png`, fullPage: true })
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByLabel('Close')).first().click()

  // The exported workbook carries the same figures as the page.
  const folder = mkdtempSync(join(tmpdir(), 'cwr-e2e-staffing-'))
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出统计表' }).click()])
  expect(download.suggestedFilename()).toMatch(/^示范区儿童督导员、儿童主任配备情况统计表-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const saved = join(folder, download.suggestedFilename())
  await download.saveAs(saved)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(saved)
  const sheet = book.getWorksheet('配备情况统计表')!
  expect(sheet.getCell('A1').value).toBe('示范区儿童督导员、儿童主任配备情况统计表')
  const cells = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1, 9).map((v) => String(v))
  expect(cells(5).slice(1, 6)).toEqual(first.slice(0, 5))
  expect(cells(8)[0]).toBe('合计')
  expect(cells(8).slice(2, 6)).toEqual(summed.slice(1, 5))

  // On paper only the sheet shows: title, unit, the rows and the signature line, no menu.
  await page.emulateMedia({ media: 'print' })
  const sheetOnPaper = page.getByTestId('staffing-print')
  await expect(sheetOnPaper).toBeVisible()
  await expect(sheetOnPaper).toContainText('示范区儿童督导员、儿童主任配备情况统计表')
  await expect(sheetOnPaper.locator('tbody tr')).toHaveCount(4)
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeHidden()
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true })
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  await page.emulateMedia({ media: 'screen' })
})

test('a director covering a neighbour village and a training recorded show in the staffing figures', async ({ page, demoApp }) => {
  await page.goto(`${demoApp.url}#/workforce`)
  const noDirector = page.locator('.ant-statistic').filter({ hasText: '无儿童主任的村' })
  await expect(noDirector).toHaveText('无儿童主任的村3个')
  await page.getByRole('tab', { name: '人员结构' }).click()
  const trainedRow = page.getByRole('row', { name: /近12个月参加培训/ }).first()
  const trainedBefore = Number((await trainedRow.textContent())!.match(/近12个月参加培训(\d+) 人/)![1])

  await page.getByRole('menuitem', { name: '儿童主任' }).click()
  const row = page.getByRole('row', { name: /北关村/ })
  await row.getByRole('button', { name: '编辑' }).click()
  const dialog = page.getByRole('dialog')
  await choose(page, '兼管村/社区', '河口村')
  await page.keyboard.press('Escape')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('row', { name: /北关村/ })).toContainText('兼管1村')

  await page.getByRole('row', { name: /北关村/ }).getByLabel(/的培训记录$/).click()
  const trainings = page.getByRole('dialog')
  await trainings.getByLabel('培训日期').fill(new Date().toISOString().slice(0, 10))
  await trainings.getByLabel('培训日期').press('Enter')
  await trainings.getByLabel('培训内容').fill('儿童主任业务培训')
  await trainings.getByLabel('学时').fill('1.5')
  await trainings.getByRole('button', { name: '登记' }).click()
  await expect(trainings.getByRole('row', { name: /儿童主任业务培训/ })).toContainText('1.5')
  await trainings.getByRole('button', { name: 'Close' }).or(trainings.getByLabel('Close')).first().click()
  // 北关村's director was last trained more than a year ago in the demo: this one is the first in 12 months.
  await expect(page.getByRole('row', { name: /北关村/ })).toContainText('2次')

  await page.getByRole('menuitem', { name: '队伍与配比' }).click()
  await expect(noDirector).toHaveText('无儿童主任的村2个')
  await page.getByRole('tab', { name: '覆盖缺口' }).click()
  await expect(page.getByText(/兼管 河口村/)).toBeVisible()
  await page.getByRole('tab', { name: '人员结构' }).click()
  await expect(page.getByRole('row', { name: /近12个月参加培训/ }).first()).toContainText(`${trainedBefore + 1} 人`)
  await page.screenshot({ path: `${SHOTS}/22-staffing-people.png`, fullPage: true })
})
