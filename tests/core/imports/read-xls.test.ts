import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readWorkbookBuffer } from '../../../src/core/imports/read-workbook'
import type { ReadResult, WorkbookData } from '../../../src/core/imports/workbook'
import { excel95GbkBuffer, makeTempDir, readInTimeZone, xlsBuffer, type XlsSheetSpec } from '../../fixtures/sheet-builders'

function workbookOf(result: ReadResult): WorkbookData {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`)
  return result.workbook
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d))

let temp: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  temp = await makeTempDir()
})
afterAll(async () => {
  await temp.cleanup()
})

const township: XlsSheetSpec[] = [
  {
    name: '困境儿童',
    rows: [
      ['城关镇困境儿童花名册'],
      ['序号', '姓名', '身份证号', '出生日期', '是否低保', '补贴金额'],
      [1, '张三', '430102201503021234', { date: [2015, 3, 2] }, true, { number: 1200, format: '#,##0.00"元"' }],
      null,
      null,
      [2, '李四', 430102201503021250, { date: [2012, 7, 19], format: 'yyyy"年"m"月"d"日"' }, false, 600],
      ['东街社区', '王五', '  ', { date: [2016, 11, 30], format: 'yyyy/m/d' }],
      [null, '赵六'],
      ['   '],
    ],
    merges: ['A1:D1', 'A7:A8'],
  },
  { name: '填表说明', rows: [['请按模板填写']], hidden: 1 },
  { name: '字典', rows: [['孤儿']], hidden: 2 },
]

describe('readWorkbook on a legacy .xls (BIFF8)', () => {
  it('returns exact cells with the Excel row numbers, blank rows skipped', async () => {
    const book = workbookOf(await readWorkbookBuffer(xlsBuffer(township), '城关镇.xls'))
    expect(book.format).toBe('xls')
    expect(book.sheets[0]?.rows).toEqual([
      { row: 1, cells: ['城关镇困境儿童花名册'] },
      { row: 2, cells: ['序号', '姓名', '身份证号', '出生日期', '是否低保', '补贴金额'] },
      { row: 3, cells: [1, '张三', '430102201503021234', utc(2015, 3, 2), true, 1200] },
      { row: 6, cells: [2, '李四', 430102201503021250, utc(2012, 7, 19), false, 600] },
      { row: 7, cells: ['东街社区', '王五', '  ', utc(2016, 11, 30)] },
      { row: 8, cells: [null, '赵六'] },
    ])
  })

  it('converts merges to 1-based inclusive ranges', async () => {
    const book = workbookOf(await readWorkbookBuffer(xlsBuffer(township), '城关镇.xls'))
    expect(book.sheets[0]?.merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 4 },
      { top: 7, left: 1, bottom: 8, right: 1 },
    ])
  })

  it('flags hidden and very hidden sheets', async () => {
    const book = workbookOf(await readWorkbookBuffer(xlsBuffer(township), '城关镇.xls'))
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['困境儿童', false],
      ['填表说明', true],
      ['字典', true],
    ])
  })

  it('dispatches by content: an .xls renamed .xlsx still reads', async () => {
    const book = workbookOf(await readWorkbookBuffer(xlsBuffer(township), '城关镇.xlsx'))
    expect(book.format).toBe('xls')
  })

  it('decodes an Excel 95 workbook written in GBK', async () => {
    const buffer = excel95GbkBuffer({
      name: '困境儿童',
      rows: [
        ['姓名', '出生日期'],
        ['张三', { date: [2015, 3, 2] }],
      ],
    })
    const book = workbookOf(await readWorkbookBuffer(buffer, '老表格.xls'))
    expect(book.sheets.map((s) => s.name)).toEqual(['困境儿童'])
    expect(book.sheets[0]?.rows).toEqual([
      { row: 1, cells: ['姓名', '出生日期'] },
      { row: 2, cells: ['张三', utc(2015, 3, 2)] },
    ])
  })
})

describe('.xls dates do not depend on the time zone of the machine', () => {
  it.each(['Asia/Shanghai', 'America/Los_Angeles'])('reads 2015-03-02 as 2015-03-02 in %s', async (timeZone) => {
    const path = join(temp.dir, `dates-${timeZone.replace('/', '-')}.xls`)
    await writeFile(
      path,
      xlsBuffer([
        {
          name: 'S',
          rows: [
            ['出生日期'],
            [{ date: [2015, 3, 2] }],
            [{ date: [2012, 7, 19], format: 'yyyy"年"m"月"d"日"' }],
            [{ number: 42065.5, format: 'yyyy-mm-dd hh:mm' }],
          ],
        },
      ]),
    )
    const { timeZone: seen, result } = await readInTimeZone(path, timeZone)
    expect(seen).toBe(timeZone)
    expect(result).toMatchObject({
      ok: true,
      workbook: {
        sheets: [
          {
            rows: [
              { row: 1, cells: ['出生日期'] },
              { row: 2, cells: ['2015-03-02T00:00:00.000Z'] },
              { row: 3, cells: ['2012-07-19T00:00:00.000Z'] },
              { row: 4, cells: ['2015-03-02T12:00:00.000Z'] },
            ],
          },
        ],
      },
    })
  })
})
