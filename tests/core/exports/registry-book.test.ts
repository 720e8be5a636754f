import { join } from 'node:path'
import { existsSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { safeSheetName } from '../../../src/core/sheets/book-style'
import {
  childSourceKeys,
  exportChildren,
  exportDirectors,
  exportSupervisors,
  staffSourceKeys,
} from '../../../src/core/exports/registry-book'
import { fieldsOf } from '../../../src/core/sheets/fields'
import { exitChild } from '../../../src/core/registry/children-service'
import { DIRECTOR, updateStaff } from '../../../src/core/registry/staff-service'
import { maskIdNumber, maskPhone } from '../../../src/core/shared/id-number'
import { demoRegistry, type TempRegistry } from '../../support/temp-registry'
import { dataRows, mergesOf, readBook, rowValues } from './read-book'

let reg: TempRegistry
beforeEach(async () => {
  reg = await demoRegistry()
})
afterEach(() => reg.cleanup())

const CHILD_HEADER = ['序号', ...fieldsOf('children').map((f) => f.label)]
const column = (label: string) => CHILD_HEADER.indexOf(label)

interface ExpectedChild {
  id: number
  township: string
  village: string
  name: string
  sex: string
  id_number: string
  birth_date: string
  guardian_phone: string
  bank_account: string
}

function activeChildren(ctx: TempRegistry['ctx']): ExpectedChild[] {
  return ctx.sqlite
    .prepare(
      `SELECT c.id, t.name AS township, v.name AS village, c.name, c.sex, c.id_number, c.birth_date,
              c.guardian_phone, c.bank_account
         FROM children c JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code
        WHERE c.status = 'active' ORDER BY t.code, c.id`,
    )
    .all() as ExpectedChild[]
}

function townships(ctx: TempRegistry['ctx']): { code: string; name: string }[] {
  return ctx.sqlite
    .prepare("SELECT code, name FROM divisions WHERE level = 'township' ORDER BY code")
    .all() as { code: string; name: string }[]
}

describe('the children register', () => {
  it('has one sheet per township with the title, unit line and the importer’s labels', async () => {
    const out = join(reg.folder, 'children.xlsx')
    const result = await exportChildren(reg.ctx, { fullNumbers: false }, out)
    const book = await readBook(out)
    expect(book.worksheets.map((ws) => ws.name)).toEqual(townships(reg.ctx).map((t) => t.name))
    expect(result.rows).toBe(activeChildren(reg.ctx).length)
    for (const ws of book.worksheets) {
      expect(ws.getCell('A1').value).toBe('示范区困境儿童名册')
      expect(mergesOf(ws)).toContain(`A1:${ws.getColumn(CHILD_HEADER.length).letter}1`)
      expect(ws.getCell('A2').value).toBe(`填报单位：示范区民政局    导出日期：${reg.ctx.today()}`)
      expect(rowValues(ws, 3)).toEqual(CHILD_HEADER)
      expect(ws.getCell('B3').font?.bold).toBe(true)
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '3:3' })
      expect(ws.getCell('G4').border?.top?.style).toBe('thin')
    }
  })

  it('writes one row per active child in id order, with names, 男/女 and joined categories', async () => {
    const out = join(reg.folder, 'children.xlsx')
    await exportChildren(reg.ctx, { fullNumbers: false }, out)
    const book = await readBook(out)
    const expected = activeChildren(reg.ctx)
    for (const ws of book.worksheets) {
      const mine = expected.filter((c) => c.township === ws.name)
      const rows = dataRows(ws)
      expect(rows).toHaveLength(mine.length)
      mine.forEach((child, i) => {
        const values = rowValues(ws, rows[i]!, CHILD_HEADER.length)
        expect(values[0]).toBe(i + 1)
        expect(values[column('乡镇（街道）')]).toBe(child.township)
        expect(values[column('村（社区）')]).toBe(child.village)
        expect(values[column('姓名')]).toBe(child.name)
        expect(values[column('性别')]).toBe(child.sex === 'M' ? '男' : '女')
        expect(values[column('出生日期')]).toBe(child.birth_date)
        expect(values[column('身份证号')]).toBe(maskIdNumber(child.id_number))
        expect(values[column('监护人电话')]).toBe(maskPhone(child.guardian_phone))
        expect(values[column('银行账号')]).toBe(maskIdNumber(child.bank_account))
        expect(values[column('登记日期')]).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      })
    }
    // The demo has children of two types: dictionary order, joined with 、.
    const all = book.worksheets.flatMap((ws) => dataRows(ws).map((r) => ws.getRow(r).getCell(column('困境类型') + 1).value))
    expect(all).toContain('残疾儿童、低保家庭儿童')
    expect(all.every((v) => typeof v === 'string' && v.length > 0)).toBe(true)
  })

  it('writes IDs, phones and accounts as text cells, whole only when asked', async () => {
    const masked = join(reg.folder, 'masked.xlsx')
    const whole = join(reg.folder, 'whole.xlsx')
    await exportChildren(reg.ctx, { fullNumbers: false }, masked)
    await exportChildren(reg.ctx, { fullNumbers: true }, whole)
    const expected = activeChildren(reg.ctx)
    const wholeBook = await readBook(whole)
    const ids = wholeBook.worksheets.flatMap((ws) =>
      dataRows(ws).map((r) => ws.getRow(r).getCell(column('身份证号') + 1)),
    )
    expect(ids.map((c) => c.value)).toEqual(expected.map((c) => c.id_number))
    for (const cell of ids) {
      expect(typeof cell.value).toBe('string')
      expect(cell.numFmt).toBe('@')
    }
    const first = wholeBook.worksheets[0]!.getRow(4)
    expect(first.getCell(column('监护人电话') + 1).value).toBe(expected[0]!.guardian_phone)
    expect(first.getCell(column('银行账号') + 1).value).toBe(expected[0]!.bank_account)
    expect(first.getCell(column('银行账号') + 1).numFmt).toBe('@')

    const maskedBook = await readBook(masked)
    for (const ws of maskedBook.worksheets) {
      for (const r of dataRows(ws)) {
        const id = ws.getRow(r).getCell(column('身份证号') + 1)
        expect(id.value).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
        expect(id.numFmt).toBe('@')
        expect(ws.getRow(r).getCell(column('监护人电话') + 1).value).toMatch(/^1\d{2}\*{4}\d{4}$/)
      }
    }
  })

  it('leaves out children who have exited, and exports one township on its own', async () => {
    const [gone] = activeChildren(reg.ctx)
    expect(exitChild(reg.ctx, { id: gone!.id, reason: 'moved_away', date: reg.ctx.today() }).ok).toBe(true)
    const town = townships(reg.ctx)[0]!
    const out = join(reg.folder, 'one.xlsx')
    const result = await exportChildren(reg.ctx, { townshipCode: town.code, fullNumbers: true }, out)
    const book = await readBook(out)
    expect(book.worksheets.map((ws) => ws.name)).toEqual([town.name])
    const expected = activeChildren(reg.ctx).filter((c) => c.township === town.name)
    expect(result.rows).toBe(expected.length)
    const ws = book.worksheets[0]!
    const ids = dataRows(ws).map((r) => ws.getRow(r).getCell(column('身份证号') + 1).value)
    expect(ids).toEqual(expected.map((c) => c.id_number))
    expect(ids).not.toContain(gone!.id_number)
  })

  it('refuses an unknown township without leaving a file behind', async () => {
    const out = join(reg.folder, 'none.xlsx')
    await expect(exportChildren(reg.ctx, { townshipCode: '420102999000', fullNumbers: false }, out)).rejects.toThrow()
    expect(existsSync(out)).toBe(false)
  })

  it('fills every column the importer knows', () => {
    for (const field of fieldsOf('children')) expect(childSourceKeys()).toContain(field.key)
    for (const kind of ['supervisors', 'directors'] as const) {
      for (const field of fieldsOf(kind)) expect(staffSourceKeys()).toContain(field.key)
    }
  })
})

describe('the staff registers', () => {
  it('lists the supervisors in post with the importer’s labels', async () => {
    const out = join(reg.folder, 'supervisors.xlsx')
    const result = await exportSupervisors(reg.ctx, out)
    const ws = (await readBook(out)).worksheets[0]!
    expect(ws.name).toBe('儿童督导员名单')
    expect(ws.getCell('A1').value).toBe('示范区儿童督导员名册')
    expect(rowValues(ws, 3)).toEqual(['序号', ...fieldsOf('supervisors').map((f) => f.label)])
    expect(result.rows).toBe(3)
    expect(dataRows(ws).map((r) => ws.getRow(r).getCell(2).value)).toEqual(townships(reg.ctx).map((t) => t.name))
    const header = rowValues(ws, 3) as string[]
    const at = (label: string) => ws.getRow(4).getCell(header.indexOf(label) + 1)
    expect(at('性别').value).toMatch(/^[男女]$/)
    expect(at('出生年月').value).toMatch(/^\d{4}-\d{2}$/)
    expect(at('联系电话').value).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(at('联系电话').numFmt).toBe('@')
    expect(at('专职/兼职').value).toBe('兼职')
    expect(at('是否培训').value).toMatch(/^[是否]$/)
    expect(at('任职时间').value).toMatch(/^\d{4}-03-01$/)
    const education = reg.ctx.sqlite
      .prepare('SELECT education FROM supervisors ORDER BY township_code LIMIT 1')
      .pluck()
      .get() as string
    expect(at('文化程度').value).toBe(education || null)
  })

  it('lists directors in post only, phones whole when asked, and reads 文化程度 once the column exists', async () => {
    const directors = reg.ctx.sqlite.prepare('SELECT * FROM directors ORDER BY id').all() as {
      id: number
      village_code: string
      name: string
      sex: 'M' | 'F'
      phone: string
      start_date: string
    }[]
    expect(directors).toHaveLength(9)
    const leaving = directors[0]!
    const ended = updateStaff(reg.ctx, DIRECTOR, {
      id: leaving.id,
      divisionCode: leaving.village_code,
      name: leaving.name,
      sex: leaving.sex,
      birthDate: '',
      phone: leaving.phone,
      partTime: true,
      concurrentPost: '',
      education: '',
      trained: false,
      startDate: leaving.start_date,
      endDate: leaving.start_date,
      notes: '',
    })
    expect(ended.ok).toBe(true)
    const columns = reg.ctx.sqlite.prepare('PRAGMA table_info(directors)').all() as { name: string }[]
    if (!columns.some((c) => c.name === 'education')) reg.ctx.sqlite.exec('ALTER TABLE directors ADD COLUMN education TEXT')
    reg.ctx.sqlite.prepare("UPDATE directors SET education = '高中'").run()

    const out = join(reg.folder, 'directors.xlsx')
    const result = await exportDirectors(reg.ctx, out, { fullNumbers: true })
    const ws = (await readBook(out)).worksheets[0]!
    const header = rowValues(ws, 3) as string[]
    expect(header).toEqual(['序号', ...fieldsOf('directors').map((f) => f.label)])
    expect(result.rows).toBe(8)
    const rows = dataRows(ws)
    expect(rows).toHaveLength(8)
    const phones = rows.map((r) => ws.getRow(r).getCell(header.indexOf('联系电话') + 1).value)
    const inPost = directors.filter((d) => d.id !== leaving.id).sort((a, b) => a.village_code.localeCompare(b.village_code))
    expect(phones).toEqual(inPost.map((d) => d.phone))
    expect(phones).not.toContain(leaving.phone)
    expect(ws.getRow(4).getCell(header.indexOf('文化程度') + 1).value).toBe('高中')
    expect(ws.getRow(4).getCell(header.indexOf('村（社区）') + 1).value).toBeTruthy()
  })
})

describe('sheet names', () => {
  it('obey Excel’s rules and stay unique', () => {
    const taken = new Set<string>()
    expect(safeSheetName('城关/新区[一]', taken)).toBe('城关／新区【一】')
    const long = '很长很长的名字'.repeat(6)
    const first = safeSheetName(long, taken)
    const second = safeSheetName(long, taken)
    expect(Array.from(first)).toHaveLength(31)
    expect(Array.from(second).length).toBeLessThanOrEqual(31)
    expect(second).not.toBe(first)
    expect(safeSheetName("'说明'", taken)).toBe('说明')
    expect(safeSheetName('说明', taken)).toBe('说明（2）')
    expect(safeSheetName('  ', taken)).toBe('工作表')
  })
})
