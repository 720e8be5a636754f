import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { idLikeColumns, writeErrorWorkbook, type ErrorWorkbookInput } from '../../../src/core/exports/error-book'
import { readBook, rowValues } from './read-book'

let folder: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-error-book-'))
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

/** A township's sheet with a title row and a two-level header, as townships really send them. */
const INPUT: ErrorWorkbookInput = {
  fileName: '青山乡困境儿童名单（2026年11月）.xlsx',
  sheets: [
    {
      name: '青山乡',
      headerRows: [
        ['青山乡困境儿童花名册', null, null, null, null, null],
        ['序号', '村别', '儿童信息', null, '监护人信息', null],
        [null, null, '姓名', '身份证号码', '姓名', '联系电话'],
      ],
      rows: [
        {
          row: 5,
          cells: ['1', '青山村', '王小明', 420102201503021234, '王大明', 13812345678],
          reasons: ['身份证号码：校验码不对', '困境类型：未填写'],
        },
        {
          row: 9,
          cells: [5, '石门村', '李花', '42010220160101002X', null, null],
          reasons: ['石门村不属于青山乡'],
        },
      ],
    },
    { name: '空表', headerRows: [['姓名']], rows: [] },
  ],
}

describe('the error workbook sent back to a township', () => {
  it('starts with 说明: how many rows, from which file, and what to do', async () => {
    const out = join(folder, 'errors.xlsx')
    await writeErrorWorkbook(INPUT, out)
    const book = await readBook(out)
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['说明', '青山乡'])
    const texts: string[] = []
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))))
    const all = texts.join('\n')
    expect(all).toContain(INPUT.fileName)
    expect(all).toContain('共有 2 行')
    expect(all).toContain('改正后整表重新发送')
  })

  it('copies the township’s own header rows and adds 错误说明 with the reasons', async () => {
    const out = join(folder, 'errors.xlsx')
    await writeErrorWorkbook(INPUT, out)
    const ws = (await readBook(out)).getWorksheet('青山乡')!
    expect(rowValues(ws, 1, 7)).toEqual(['青山乡困境儿童花名册', null, null, null, null, null, null])
    expect(rowValues(ws, 2, 7)).toEqual(['序号', '村别', '儿童信息', null, '监护人信息', null, null])
    expect(rowValues(ws, 3, 7)).toEqual([null, null, '姓名', '身份证号码', '姓名', '联系电话', '错误说明'])
    expect(ws.getCell('G4').value).toBe('第5行：身份证号码：校验码不对；困境类型：未填写')
    expect(ws.getCell('G5').value).toBe('第9行：石门村不属于青山乡')
    expect(ws.getCell('G4').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } })
    expect(ws.getCell('G3').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } })
    expect(ws.getCell('G4').alignment?.wrapText).toBe(true)
    expect(ws.getColumn(7).width).toBeGreaterThanOrEqual(50)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
  })

  it('writes ID-like columns as text so the township sees its numbers whole', async () => {
    const out = join(folder, 'errors.xlsx')
    await writeErrorWorkbook(INPUT, out)
    const ws = (await readBook(out)).getWorksheet('青山乡')!
    expect(ws.getCell('D4').value).toBe(String(420102201503021234))
    expect(ws.getCell('D4').numFmt).toBe('@')
    expect(ws.getCell('F4').value).toBe('13812345678')
    expect(ws.getCell('F4').numFmt).toBe('@')
    expect(ws.getCell('D5').value).toBe('42010220160101002X')
    expect(ws.getCell('A5').value).toBe(5)
    expect(ws.getCell('C4').numFmt).not.toBe('@')
  })

  it('keeps cells beyond the header, and dates as dates', async () => {
    const out = join(folder, 'errors.xlsx')
    const born = new Date(Date.UTC(2016, 0, 1))
    await writeErrorWorkbook(
      {
        fileName: 'b.xlsx',
        sheets: [
          {
            name: '白沙街道',
            headerRows: [['姓名', '出生日期']],
            rows: [{ row: 3, cells: ['李花', born, '多写的一格'], reasons: ['出生日期与身份证号不符'] }],
          },
        ],
      },
      out,
    )
    const ws = (await readBook(out)).getWorksheet('白沙街道')!
    expect((ws.getCell('B2').value as Date).toISOString().slice(0, 10)).toBe('2016-01-01')
    expect(ws.getCell('B2').numFmt).toBe('yyyy-mm-dd')
    // The row is one cell wider than the header: 错误说明 stands right of everything.
    expect(ws.getCell('C2').value).toBe('多写的一格')
    expect(ws.getCell('D1').value).toBe('错误说明')
    expect(ws.getCell('D2').value).toBe('第3行：出生日期与身份证号不符')
  })

  it('finds ID-like columns from any header row', () => {
    expect(idLikeColumns([[null, '监护人信息'], ['身份证号', '电话'], ['银行账号', '姓名']], 3)).toEqual([
      true,
      true,
      false,
    ])
  })

  it('gives a sheet that clashes with 说明 or breaks Excel’s rules a name Excel accepts', async () => {
    const out = join(folder, 'errors.xlsx')
    const row = { row: 4, cells: ['张三'], reasons: ['缺少身份证号'] }
    await writeErrorWorkbook(
      {
        fileName: 'a.xlsx',
        sheets: [
          { name: '说明', headerRows: [['姓名']], rows: [row] },
          { name: '城关/新区', headerRows: [], rows: [row] },
        ],
      },
      out,
    )
    const book = await readBook(out)
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['说明', '说明（2）', '城关／新区'])
    const headless = book.getWorksheet('城关／新区')!
    expect(rowValues(headless, 1, 2)).toEqual([null, '错误说明'])
    expect(rowValues(headless, 2, 2)).toEqual(['张三', '第4行：缺少身份证号'])
  })
})
