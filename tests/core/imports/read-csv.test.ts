import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeText, detectSeparator, parseDelimited } from '../../../src/core/imports/read-csv'
import { readWorkbook, readWorkbookBuffer } from '../../../src/core/imports/read-workbook'
import type { ReadResult, SheetData } from '../../../src/core/imports/workbook'
import { csvBytes, makeTempDir, type CsvEncoding } from '../../fixtures/sheet-builders'

function sheetOf(result: ReadResult): SheetData {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`)
  expect(result.workbook.format).toBe('csv')
  expect(result.workbook.sheets).toHaveLength(1)
  const sheet = result.workbook.sheets[0]
  if (!sheet) throw new Error('no sheet')
  return sheet
}

const parse = (text: string, separator: ',' | '\t' = ',') => parseDelimited(text, separator, () => 'too many', 1000)

let temp: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  temp = await makeTempDir()
})
afterAll(async () => {
  await temp.cleanup()
})

const TOWNSHIP_CSV =
  '乡镇（街道）,村（社区）,姓名,身份证号,出生日期,备注\r\n' +
  '城关镇,东街社区,张三,430102201503021234,2015-03-02,\r\n' +
  '\r\n' +
  '城关镇,"西街社区",李四,04301022012071912X,2012年7月19日,"住址：解放路12号,3栋"\r\n' +
  '城关镇,南街社区,"王""小""五",430102201611300011,2016.11.30,"父母外出务工\r\n由祖母照看"\r\n'

const EXPECTED_ROWS = [
  { row: 1, cells: ['乡镇（街道）', '村（社区）', '姓名', '身份证号', '出生日期', '备注'] },
  { row: 2, cells: ['城关镇', '东街社区', '张三', '430102201503021234', '2015-03-02'] },
  { row: 4, cells: ['城关镇', '西街社区', '李四', '04301022012071912X', '2012年7月19日', '住址：解放路12号,3栋'] },
  { row: 5, cells: ['城关镇', '南街社区', '王"小"五', '430102201611300011', '2016.11.30', '父母外出务工\r\n由祖母照看'] },
]

describe('readWorkbook on CSV files', () => {
  it.each<CsvEncoding>(['utf8', 'utf8-bom', 'gbk', 'gb18030'])('reads a township list saved as %s', async (encoding) => {
    const sheet = sheetOf(await readWorkbookBuffer(csvBytes(TOWNSHIP_CSV, encoding), '城关镇困境儿童.csv'))
    expect(sheet).toEqual({ name: '城关镇困境儿童', hidden: false, merges: [], rows: EXPECTED_ROWS })
  })

  it("reads Excel's “Unicode 文本” (UTF-16LE with BOM, tab separated) saved as .txt", async () => {
    const text = '姓名\t身份证号\t备注\r\n张三\t430102201503021234\t"含,逗号"\r\n李四\t\t\r\n'
    const sheet = sheetOf(await readWorkbookBuffer(csvBytes(text, 'utf16le-bom'), '名单.txt'))
    expect(sheet.name).toBe('名单')
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['姓名', '身份证号', '备注'] },
      { row: 2, cells: ['张三', '430102201503021234', '含,逗号'] },
      { row: 3, cells: ['李四'] },
    ])
  })

  it('decodes GB18030 four-byte characters (rare characters in names) exactly', async () => {
    const text = '姓名\n䶮\n𠮷丽\n'
    const sheet = sheetOf(await readWorkbookBuffer(csvBytes(text, 'gb18030'), 'a.csv'))
    expect(sheet.rows.map((r) => r.cells)).toEqual([['姓名'], ['䶮'], ['𠮷丽']])
  })

  it('keeps every cell as text: leading zeros, long digits, whitespace as typed', async () => {
    const sheet = sheetOf(await readWorkbookBuffer(csvBytes('0012, 6217000000000000001 ,TRUE,1.50\n', 'utf8'), 'a.csv'))
    expect(sheet.rows).toEqual([{ row: 1, cells: ['0012', ' 6217000000000000001 ', 'TRUE', '1.50'] }])
  })

  it('refuses text in an encoding it cannot read instead of importing mojibake', async () => {
    const bytes = Buffer.concat([csvBytes('姓名,备注\n张三,', 'gbk'), Buffer.from([0xff, 0xfe, 0x0a])])
    expect(await readWorkbookBuffer(bytes, '城关镇.csv')).toEqual({
      ok: false,
      message:
        '文件「城关镇.csv」的文字编码无法识别（读出来会是乱码）。请用 Excel 或 WPS 打开它，' +
        '“另存为”“CSV UTF-8（逗号分隔）”格式，或直接另存为 Excel 工作簿（.xlsx）后再导入。',
    })
  })

  it('reads from a path', async () => {
    const path = join(temp.dir, '东街.csv')
    await writeFile(path, csvBytes('姓名\n张三\n', 'gbk'))
    expect(sheetOf(await readWorkbook(path)).rows).toEqual([
      { row: 1, cells: ['姓名'] },
      { row: 2, cells: ['张三'] },
    ])
  })

  it('reads text only when the name says CSV or text; otherwise explains', async () => {
    expect(await readWorkbookBuffer(csvBytes('姓名,身份证号\n', 'utf8'), '城关镇.xlsx')).toEqual({
      ok: false,
      message:
        '文件「城关镇.xlsx」不是 Excel 表格（内容是纯文本）。如果它本来就是 CSV 文件，请把扩展名改为 .csv 后再导入；否则请确认附件是否选错。',
    })
  })

  it('refuses more rows than the limit', async () => {
    const text = 'a\n' + '1\n'.repeat(10)
    expect(await readWorkbookBuffer(csvBytes(text, 'utf8'), '大表.csv', { ...limits(), maxRows: 10 })).toEqual({
      ok: false,
      message: '文件「大表.csv」的工作表「大表」超过 10 行，请拆分后分批导入。',
    })
    expect(sheetOf(await readWorkbookBuffer(csvBytes(text, 'utf8'), '大表.csv', { ...limits(), maxRows: 11 })).rows).toHaveLength(11)
  })
})

function limits() {
  return { maxRows: 300_000, maxUncompressedBytes: 1024 * 1024 * 1024 }
}

describe('parseDelimited (RFC 4180 as Excel reads it)', () => {
  it('handles quotes, doubled quotes, separators and line breaks inside quotes', () => {
    expect(parse('"a,b","say ""hi""","line1\nline2"\nx,"",z')).toEqual([
      { row: 1, cells: ['a,b', 'say "hi"', 'line1\nline2'] },
      { row: 2, cells: ['x', null, 'z'] },
    ])
  })

  it('treats CRLF, LF and a lone CR as line ends, and a final line end as no extra row', () => {
    expect(parse('a\r\nb\nc\rd\r\n')).toEqual([
      { row: 1, cells: ['a'] },
      { row: 2, cells: ['b'] },
      { row: 3, cells: ['c'] },
      { row: 4, cells: ['d'] },
    ])
  })

  it('counts blank lines in the row numbers but returns no row for them, nor for whitespace-only ones', () => {
    expect(parse('a\n\n,,\n  \nb').map((r) => r.row)).toEqual([1, 5])
  })

  it('trims trailing empty fields, keeps inner ones', () => {
    expect(parse('a,,b,,\n')).toEqual([{ row: 1, cells: ['a', null, 'b'] }])
  })

  it('is lenient like Excel with a quote in mid-field, text after a closing quote, and an unclosed quote', () => {
    expect(parse('ab"c,"d"e,"unclosed\nstill')).toEqual([{ row: 1, cells: ['ab"c', 'de', 'unclosed\nstill'] }])
  })

  it('parses tab-separated text', () => {
    expect(parse('a\tb,c\t"d\te"\n', '\t')).toEqual([{ row: 1, cells: ['a', 'b,c', 'd\te'] }])
  })
})

describe('detectSeparator and decodeText', () => {
  it('picks tab when the first lines have more tabs than commas outside quotes', () => {
    expect(detectSeparator('姓名\t住址\n张三\t"解放路1号,2栋"\n')).toBe('\t')
    expect(detectSeparator('姓名,住址\n张三,"解放路\t1号"\n')).toBe(',')
    expect(detectSeparator('姓名\n张三\n')).toBe(',')
  })

  it('decodes UTF-8 with and without BOM, GBK, UTF-16 LE and BE with BOM', () => {
    expect(decodeText(csvBytes('张三', 'utf8'))).toBe('张三')
    expect(decodeText(csvBytes('张三', 'utf8-bom'))).toBe('张三')
    expect(decodeText(csvBytes('张三', 'gbk'))).toBe('张三')
    expect(decodeText(csvBytes('张三', 'utf16le-bom'))).toBe('张三')
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('张三', 'utf16le').swap16()]))).toBe('张三')
    expect(decodeText(Buffer.from([0x41, 0xff, 0x41]))).toBeNull()
  })
})
