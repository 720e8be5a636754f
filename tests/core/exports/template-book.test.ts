import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TEMPLATE_ROWS, writeTemplate } from '../../../src/core/exports/template-book'
import { fieldsOf } from '../../../src/core/sheets/fields'
import { listCategories, saveCategory } from '../../../src/core/registry/categories-service'
import { createDivision, retireDivision } from '../../../src/core/registry/divisions-service'
import { demoRegistry, type TempRegistry } from '../../support/temp-registry'
import { readBook, rowValues, validationAt } from './read-book'

let reg: TempRegistry
beforeEach(async () => {
  reg = await demoRegistry()
})
afterEach(() => reg.cleanup())

const LAST = 3 + TEMPLATE_ROWS

function township(name: string): string {
  return reg.ctx.sqlite.prepare("SELECT code FROM divisions WHERE name = ? AND level = 'township'").pluck().get(name) as string
}

function villagesOf(code: string): string[] {
  return reg.ctx.sqlite
    .prepare("SELECT name FROM divisions WHERE parent_code = ? AND retired_on IS NULL ORDER BY code")
    .pluck()
    .all(code) as string[]
}

/** Column letter of a header label on the template's row 3. */
function letterOf(ws: import('exceljs').Worksheet, label: string): string {
  const header = rowValues(ws, 3) as string[]
  const index = header.indexOf(label)
  expect(index).toBeGreaterThanOrEqual(0)
  return ws.getColumn(index + 1).letter
}

describe('the children template for one township', () => {
  it('has the header, the township prefilled and text formats on the number columns', async () => {
    const code = township('城关镇')
    const out = join(reg.folder, 'template.xlsx')
    await writeTemplate(reg.ctx, { kind: 'children', townshipCode: code }, out)
    const book = await readBook(out)
    expect(book.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ['困境儿童名单', 'visible'],
      ['填表说明', 'visible'],
      ['选项', 'hidden'],
    ])
    const ws = book.getWorksheet('困境儿童名单')!
    expect(ws.getCell('A1').value).toBe('示范区城关镇困境儿童名单')
    expect(String(ws.getCell('A2').value)).toMatch(/^填报单位：城关镇\s+填报日期：/)
    expect(rowValues(ws, 3)).toEqual(['序号', ...fieldsOf('children').map((f) => f.label)])
    const town = letterOf(ws, '乡镇（街道）')
    expect(ws.getCell(`${town}4`).value).toBe('城关镇')
    expect(ws.getCell(`${town}${LAST}`).value).toBe('城关镇')
    expect(ws.getCell(`${town}${LAST + 1}`).value).toBeNull()
    for (const label of ['身份证号', '监护人电话', '银行账号', '出生日期', '登记日期']) {
      const letter = letterOf(ws, label)
      expect(ws.getCell(`${letter}4`).numFmt).toBe('@')
      expect(ws.getCell(`${letter}${LAST}`).numFmt).toBe('@')
    }
    expect(ws.getCell(`${letterOf(ws, '姓名')}4`).numFmt).not.toBe('@')
    expect(ws.getCell(`${letterOf(ws, '姓名')}${LAST}`).border?.bottom?.style).toBe('thin')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
  })

  it('offers dropdowns: 性别 strictly, 困境类型 without refusing free text, villages from the hidden sheet', async () => {
    const code = township('城关镇')
    const out = join(reg.folder, 'template.xlsx')
    await writeTemplate(reg.ctx, { kind: 'children', townshipCode: code }, out)
    const book = await readBook(out)
    const ws = book.getWorksheet('困境儿童名单')!

    for (const row of [4, LAST]) {
      const sex = validationAt(ws, `${letterOf(ws, '性别')}${row}`)
      expect(sex).toMatchObject({ type: 'list', formulae: ['"男,女"'], showErrorMessage: true })
    }
    expect(validationAt(ws, `${letterOf(ws, '性别')}${LAST + 1}`)).toBeUndefined()

    const options = book.getWorksheet('选项')!
    const optionColumn = (formula: unknown) => {
      const match = /^'选项'!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(String(formula))
      expect(match).not.toBeNull()
      const [, letter, last] = match!
      return Array.from({ length: Number(last) - 1 }, (_, i) => options.getCell(`${letter}${i + 2}`).value)
    }

    const categories = validationAt(ws, `${letterOf(ws, '困境类型')}4`)!
    expect(categories.type).toBe('list')
    expect(categories.showErrorMessage).toBeFalsy()
    expect(categories.errorStyle).toBe('information')
    expect(optionColumn(categories.formulae![0])).toEqual(listCategories(reg.ctx).map((c) => c.name))

    const village = validationAt(ws, `${letterOf(ws, '村（社区）')}${LAST}`)!
    expect(village.type).toBe('list')
    expect(optionColumn(village.formulae![0])).toEqual(villagesOf(code))
    expect(villagesOf(code)).toContain('东街社区')
  })

  it('explains every column, the date formats, several categories and their aliases', async () => {
    saveCategory(reg.ctx, { name: '隔代抚养儿童', dimension: 'guardianship', aliases: ['隔代抚养'] })
    const out = join(reg.folder, 'template.xlsx')
    await writeTemplate(reg.ctx, { kind: 'children', townshipCode: township('青山乡') }, out)
    const guide = (await readBook(out)).getWorksheet('填表说明')!
    const texts: string[] = []
    guide.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))))
    const all = texts.join('\n')
    for (const field of fieldsOf('children')) expect(texts).toContain(field.label)
    expect(texts.filter((t) => t === '必填')).toHaveLength(fieldsOf('children').filter((f) => f.required).length)
    expect(all).toContain('2015-03-02')
    expect(all).toContain('2015.3.2')
    expect(all).toContain('「、」分隔')
    expect(all).toContain('不会被拒绝')
    expect(texts).toContain('隔代抚养儿童')
    expect(texts).toContain('隔代抚养')
    expect(texts).toContain('事实无人抚养, 事实孤儿'.replace(', ', '、'))
  })

  it('gives every column of every sheet kind a hint on how to fill it', async () => {
    for (const kind of ['divisions', 'supervisors', 'directors', 'children', 'reviews', 'visits'] as const) {
      const out = join(reg.folder, `${kind}.xlsx`)
      await writeTemplate(reg.ctx, { kind }, out)
      const guide = (await readBook(out)).getWorksheet('填表说明')!
      for (const field of fieldsOf(kind)) {
        let hint: unknown = null
        guide.eachRow((row) => {
          if (row.getCell(1).value === field.label && (row.getCell(2).value === '必填' || row.getCell(2).value === '选填')) hint = row.getCell(3).value
        })
        expect(String(hint ?? ''), `${kind}.${field.key}`).not.toBe('')
      }
    }
  })

  it('leaves a retired village out of the dropdown', async () => {
    const code = township('白沙街道')
    const added = createDivision(reg.ctx, { level: 'village', parentCode: code, name: '旧村' })
    expect(added.ok).toBe(true)
    if (!added.ok) return
    expect(retireDivision(reg.ctx, { code: added.value.code, on: reg.ctx.today() }).ok).toBe(true)
    const out = join(reg.folder, 'template.xlsx')
    await writeTemplate(reg.ctx, { kind: 'children', townshipCode: code }, out)
    const options = (await readBook(out)).getWorksheet('选项')!
    const values: unknown[] = []
    options.eachRow((row) => row.eachCell((cell) => values.push(cell.value)))
    expect(values).not.toContain('旧村')
    expect(values).toContain('桥头村')
  })
})

describe('templates of the other kinds', () => {
  it('gives the district-wide directors template a township dropdown and the staff dropdowns', async () => {
    const out = join(reg.folder, 'directors.xlsx')
    await writeTemplate(reg.ctx, { kind: 'directors' }, out)
    const book = await readBook(out)
    const ws = book.getWorksheet('儿童主任名单')!
    expect(rowValues(ws, 3)).toEqual(['序号', ...fieldsOf('directors').map((f) => f.label)])
    expect(ws.getCell(`${letterOf(ws, '乡镇（街道）')}4`).value).toBeNull()
    const town = validationAt(ws, `${letterOf(ws, '乡镇（街道）')}4`)!
    expect(town.type).toBe('list')
    expect(String(town.formulae![0])).toMatch(/^'选项'!/)
    expect(validationAt(ws, `${letterOf(ws, '村（社区）')}4`)).toBeUndefined()
    expect(validationAt(ws, `${letterOf(ws, '专职/兼职')}4`)).toMatchObject({ formulae: ['"专职,兼职"'] })
    expect(validationAt(ws, `${letterOf(ws, '是否培训')}${LAST}`)).toMatchObject({ formulae: ['"是,否"'] })
    expect(ws.getCell(`${letterOf(ws, '联系电话')}4`).numFmt).toBe('@')
    expect(ws.getCell(`${letterOf(ws, '出生年月')}4`).numFmt).toBe('@')
    const options = book.getWorksheet('选项')!
    expect(options.state).toBe('hidden')
    expect(options.getCell('A2').value).toBe('城关镇')
  })

  it('gives a township’s directors template its villages', async () => {
    const code = township('青山乡')
    const out = join(reg.folder, 'directors.xlsx')
    await writeTemplate(reg.ctx, { kind: 'directors', townshipCode: code }, out)
    const book = await readBook(out)
    const ws = book.getWorksheet('儿童主任名单')!
    expect(ws.getCell(`${letterOf(ws, '乡镇（街道）')}4`).value).toBe('青山乡')
    const village = validationAt(ws, `${letterOf(ws, '村（社区）')}4`)!
    expect(village).toMatchObject({ type: 'list', errorStyle: 'warning' })
  })

  it('writes the supervisors and divisions templates with their own headers', async () => {
    const supervisors = join(reg.folder, 'supervisors.xlsx')
    await writeTemplate(reg.ctx, { kind: 'supervisors', townshipCode: township('城关镇') }, supervisors)
    const sws = (await readBook(supervisors)).getWorksheet('儿童督导员名单')!
    expect(rowValues(sws, 3)).toEqual(['序号', ...fieldsOf('supervisors').map((f) => f.label)])

    const divisions = join(reg.folder, 'divisions.xlsx')
    await writeTemplate(reg.ctx, { kind: 'divisions', townshipCode: township('城关镇') }, divisions)
    const book = await readBook(divisions)
    const ws = book.getWorksheet('区划名单')!
    expect(rowValues(ws, 3)).toEqual(fieldsOf('divisions').map((f) => f.label))
    expect(ws.getCell('A4').value).toBe('城关镇')
    expect(ws.getCell(`${letterOf(ws, '村代码')}4`).numFmt).toBe('@')
    expect(book.getWorksheet('选项')).toBeUndefined()
  })
})
