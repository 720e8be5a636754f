import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { writeStaffingBook } from '../../../src/core/exports/staffing-book'
import { getDistrict } from '../../../src/core/registry/divisions-service'
import { workforceOverview } from '../../../src/core/workforce/overview'
import { demoRegistry, type TempRegistry } from '../../support/temp-registry'
import { mergesOf, readBook, rowValues } from './read-book'

let reg: TempRegistry
beforeEach(async () => {
  reg = await demoRegistry()
})
afterEach(() => reg.cleanup())

it('writes the staffing table as bureaus file it, and reads back the same figures', async () => {
  const date = reg.ctx.today()
  const overview = workforceOverview(reg.ctx, date, 5)
  const district = getDistrict(reg.ctx)!.name
  const out = join(reg.folder, 'staffing.xlsx')
  await writeStaffingBook(overview, district, out)

  const book = await readBook(out)
  const sheet = book.getWorksheet('配备情况统计表')!
  expect(sheet.getCell('A1').value).toBe(`${district}儿童督导员、儿童主任配备情况统计表`)
  expect(sheet.getCell('A2').value).toBe(`填报单位：${district}民政局`)
  expect(String(sheet.getCell('E2').value)).toMatch(/^统计日期：\d{4}年\d{1,2}月\d{1,2}日$/)
  expect(rowValues(sheet, 4, 8)).toEqual(['序号', '乡镇（街道）', '村（社区）数', '儿童督导员数', '儿童主任数', '困境儿童数', '每名儿童主任服务儿童数', '无儿童主任的村（社区）'])

  const { townships, district: total } = overview.table
  townships.forEach((t, i) => {
    const values = rowValues(sheet, 5 + i, 8)
    expect(values.slice(0, 6)).toEqual([i + 1, t.name, t.villages, t.supervisors, t.directors, t.children])
    expect(values[7]).toBe(t.villagesWithoutDirector.join('、') || '—')
  })
  const totalRow = 5 + townships.length
  const sums = rowValues(sheet, totalRow, 8)
  expect(sums[0]).toBe('合计')
  expect(sums.slice(2, 6)).toEqual([total.villages, total.supervisors, total.directors, total.children])
  // The 合计 row adds up the township rows above it.
  for (const [col, key] of [[2, 'villages'], [3, 'supervisors'], [4, 'directors'], [5, 'children']] as const) {
    expect(sums[col]).toBe(townships.reduce((n, t) => n + t[key], 0))
  }
  expect(mergesOf(sheet)).toEqual(expect.arrayContaining(['A1:H1', `A${totalRow}:B${totalRow}`]))
  expect(sheet.getCell(totalRow, 3).border?.top?.style).toBe('thin')
  expect(sheet.getCell(totalRow, 3).font?.bold).toBe(true)
  expect(String(rowValues(sheet, totalRow + 2, 8)[0])).toBe('填表人：')
  expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, printTitlesRow: '4:4' })

  const gaps = book.getWorksheet('无儿童主任的村')!
  expect(overview.coverage.villagesWithoutDirector.length).toBeGreaterThan(0)
  overview.coverage.villagesWithoutDirector.forEach((v, i) => {
    expect(rowValues(gaps, 4 + i, 6)).toEqual([i + 1, v.township, v.village, v.code, v.children, v.vacantSince ?? '从未配备'])
  })
})
