import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readWorkbook, readWorkbookBuffer } from '../../../src/core/imports/read-workbook'
import type { Cell, ReadResult, SheetData, SheetRow, WorkbookData } from '../../../src/core/imports/workbook'
import {
  makeTempDir,
  rawXlsx,
  rawXlsxParts,
  readInTimeZone,
  sheetXml,
  stylesXml,
  writeXlsx,
  xlsxBuffer,
  zipParts,
} from '../../fixtures/sheet-builders'
import { directorsPerTownshipWorkbook, divisionsWorkbook, messyChildrenWorkbook } from '../../fixtures/township-sheets'

function workbookOf(result: ReadResult): WorkbookData {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`)
  return result.workbook
}

function sheetOf(result: ReadResult, index = 0): SheetData {
  const sheet = workbookOf(result).sheets[index]
  if (!sheet) throw new Error(`no sheet ${index}`)
  return sheet
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d))

let temp: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  temp = await makeTempDir()
})
afterAll(async () => {
  await temp.cleanup()
})

describe('readWorkbook on an .xlsx written by exceljs', () => {
  const township = () =>
    xlsxBuffer([
      {
        name: '困境儿童',
        rows: [
          ['城关镇困境儿童花名册'],
          ['序号', '姓名', '身份证号', '出生日期', '是否低保', '金额'],
          [1, '张三', '430102201503021234', utc(2015, 3, 2), true, { formula: 'A3*1200', result: 1200 }],
          null,
          null,
          [
            2,
            { richText: [{ text: '李' }, { text: '四', font: { bold: true } }] },
            430102201503021250,
            { formula: 'DATE(2012,7,19)', result: utc(2012, 7, 19) },
            false,
            { formula: 'NA()', result: { error: '#N/A' } },
          ],
          [3, { text: '王五', hyperlink: 'http://example.com/' }, '  ', { formula: 'D3', date1904: false }, { error: '#REF!' }, { formula: 'B3&""', result: '张三' }],
          ['   ', '\u3000'],
          ['东街社区', '赵六'],
          [undefined, '钱七'],
          ['合计', undefined, undefined, undefined, undefined, { sharedFormula: 'F3', result: 2400 }],
        ],
        merges: ['A1:D1', 'A9:A10'],
        formats: { D6: 'yyyy"年"m"月"d"日"' },
      },
      { name: '填表说明', state: 'hidden', rows: [['请按模板填写']] },
      { name: '字典', state: 'veryHidden', rows: [['孤儿']] },
      { name: 'A&B <名单>', rows: [] },
    ])

  it('keeps the Excel row numbers, skipping blank and whitespace-only rows', async () => {
    const sheet = sheetOf(await readWorkbookBuffer(await township(), '城关镇.xlsx'))
    expect(sheet.rows.map((r) => r.row)).toEqual([1, 2, 3, 6, 7, 9, 10, 11])
  })

  it('returns exact cells: cached formula results, rich text, hyperlink text, errors as null', async () => {
    const sheet = sheetOf(await readWorkbookBuffer(await township(), '城关镇.xlsx'))
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['城关镇困境儿童花名册'] },
      { row: 2, cells: ['序号', '姓名', '身份证号', '出生日期', '是否低保', '金额'] },
      { row: 3, cells: [1, '张三', '430102201503021234', utc(2015, 3, 2), true, 1200] },
      // an ID Excel stored as a number stays a number; the #N/A result is null, so the row ends at 是否低保
      { row: 6, cells: [2, '李四', 430102201503021250, utc(2012, 7, 19), false] },
      // a formula without a cached result is null; whitespace is kept as typed
      { row: 7, cells: [3, '王五', '  ', null, null, '张三'] },
      { row: 9, cells: ['东街社区', '赵六'] },
      // the hidden part of the merged village cell is empty, not a copy of 东街社区
      { row: 10, cells: [null, '钱七'] },
      { row: 11, cells: ['合计', null, null, null, null, 2400] },
    ])
  })

  it('reports merges 1-based and inclusive', async () => {
    const sheet = sheetOf(await readWorkbookBuffer(await township(), '城关镇.xlsx'))
    expect(sheet.merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 4 },
      { top: 9, left: 1, bottom: 10, right: 1 },
    ])
  })

  it('returns every sheet in tab order, hidden and very hidden ones flagged', async () => {
    const book = workbookOf(await readWorkbookBuffer(await township(), '城关镇.xlsx'))
    expect(book.format).toBe('xlsx')
    expect(book.fileName).toBe('城关镇.xlsx')
    expect(book.sheets.map((s) => [s.name, s.hidden, s.rows.length])).toEqual([
      ['困境儿童', false, 8],
      ['填表说明', true, 1],
      ['字典', true, 1],
      ['A&B <名单>', false, 0],
    ])
  })

  it('reads from a path, taking the file name from it', async () => {
    const path = await writeXlsx(join(temp.dir, '东街社区.xlsx'), [{ name: 'Sheet1', rows: [['姓名'], ['张三']] }])
    const book = workbookOf(await readWorkbook(path))
    expect(book.fileName).toBe('东街社区.xlsx')
    expect(book.sheets[0]?.rows).toEqual([
      { row: 1, cells: ['姓名'] },
      { row: 2, cells: ['张三'] },
    ])
  })

  it('dispatches by content: an .xlsx renamed .xls or without extension still reads', async () => {
    const buffer = await xlsxBuffer([{ name: 'S', rows: [['张三']] }])
    for (const name of ['城关镇.xls', '城关镇', '城关镇.csv']) {
      expect(sheetOf(await readWorkbookBuffer(buffer, name)).rows).toEqual([{ row: 1, cells: ['张三'] }])
    }
  })

  it('never splits a Chinese character across the chunks a big part is inflated in', async () => {
    // unique strings: the shared-strings part is ~1 MB, so hundreds of 64 KB chunk boundaries fall inside characters
    const names = Array.from({ length: 20_000 }, (_v, i) => `困境儿童姓名${i}号·监护人张${'三'.repeat(i % 7)}`)
    const sheet = sheetOf(
      await readWorkbookBuffer(await xlsxBuffer([{ name: 'S', rows: names.map((n, i) => [n, `第${i}行`]) }]), 'a.xlsx'),
    )
    expect(sheet.rows).toHaveLength(names.length)
    sheet.rows.forEach((row, i) => {
      expect(row.cells).toEqual([names[i], `第${i}行`])
    })
  })
})

describe('readWorkbook on hand-written SpreadsheetML', () => {
  it('turns the zh-CN built-in date formats (ids 27–36, 50–58) and custom date formats into dates', async () => {
    // cellXfs: 0 general, 1 fill, 2 id 14, 3 id 31, 4 id 57, 5 id 58, 6 custom 176, 7 custom 177 (money), 8 id 49 (text)
    const styles = stylesXml([14, 31, 57, 58, 176, 177, 49], {
      176: 'yyyy"年"m"月"d"日";@',
      177: '#,##0.00"元";[Red]-#,##0.00"元"',
    })
    const row = [2, 3, 4, 5, 6, 7, 8].map((s, i) => `<c r="${'ABCDEFG'[i]}1" s="${s}"><v>42065</v></c>`).join('')
    const buffer = await rawXlsx({ sheets: [{ name: 'S', xml: sheetXml(`<row r="1">${row}</row>`) }], styles })
    expect(sheetOf(await readWorkbookBuffer(buffer, 'a.xlsx')).rows[0]?.cells).toEqual([
      utc(2015, 3, 2),
      utc(2015, 3, 2),
      utc(2015, 3, 2),
      utc(2015, 3, 2),
      utc(2015, 3, 2),
      42065,
      42065,
    ])
  })

  it('honours the 1904 date system and keeps the time of day', async () => {
    const styles = stylesXml([14, 22])
    const xml = sheetXml('<row r="1"><c r="A1" s="2"><v>40603</v></c><c r="B1" s="3"><v>40603.75</v></c></row>')
    const buffer = await rawXlsx({ sheets: [{ name: 'S', xml }], styles, date1904: true })
    expect(sheetOf(await readWorkbookBuffer(buffer, 'a.xlsx')).rows[0]?.cells).toEqual([
      utc(2015, 3, 2),
      new Date(Date.UTC(2015, 2, 2, 18, 0, 0)),
    ])
  })

  it('reads inline strings, t="d" dates, booleans, errors, entities, _xHHHH_ escapes and skips phonetic runs', async () => {
    const shared = [
      '<si><t>张三</t></si>',
      '<si><r><t>李</t></r><r><rPr><b/></rPr><t xml:space="preserve">四 </t></r><rPh sb="0" eb="1"><t>リ</t></rPh></si>',
      '<si><t>A&amp;B &lt;村&gt; &#x4E2D;&#25991;</t></si>',
      '<si><t>第一行_x000D_\n第二行 _x005F_x0041_</t></si>',
    ]
    const xml = sheetXml(
      '<row r="2">' +
        '<c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c>' +
        '</row><row r="4">' +
        '<c r="A4" t="inlineStr"><is><t>王五</t></is></c>' +
        '<c r="B4" t="d"><v>2015-03-02T00:00:00</v></c>' +
        '<c r="C4" t="b"><v>1</v></c><c r="D4" t="b"><v>0</v></c>' +
        '<c r="E4" t="e"><v>#DIV/0!</v></c>' +
        '<c r="F4" t="str"><f>A4&amp;"村"</f><v>王五村</v></c>' +
        '<c r="G4"><f>1/0</f></c>' +
        '<c r="H4"><v>0012</v></c>' +
        '<c r="I4"><![CDATA[ignored]]></c>' +
        '</row>',
    )
    const buffer = await rawXlsx({ sheets: [{ name: 'S', xml }], sharedStrings: shared })
    expect(sheetOf(await readWorkbookBuffer(buffer, 'a.xlsx')).rows).toEqual([
      { row: 2, cells: ['张三', '李四 ', 'A&B <村> 中文', '第一行\r\n第二行 _x0041_'] },
      { row: 4, cells: ['王五', utc(2015, 3, 2), true, false, null, '王五村', null, 12] },
    ])
  })

  it('reads styled empty cells as empty, whatever value came before them', async () => {
    // what Excel writes for a template with borders: every cell of the table present, most of them without a value
    const xml = sheetXml(
      '<row r="4"><c r="A4" s="1"/><c r="B4" s="1" t="inlineStr"><is><t>城关镇</t></is></c><c r="C4" s="1"/>' +
        '<c r="H4" s="1" t="inlineStr"><is><t>孤儿</t></is></c><c r="I4" s="1"/><c r="J4" s="1"/></row>' +
        '<row r="5"><c r="A5" s="1"/><c r="B5" s="1"/><c r="H5" s="1"/></row>' +
        '<row r="6"><c r="A6" s="1"/><c r="B6" s="1" t="inlineStr"><is><t>城关镇</t></is></c><c r="H6" s="1"/></row>',
    )
    const sheet = sheetOf(await readWorkbookBuffer(await rawXlsx({ sheets: [{ name: 'S', xml }] }), 'a.xlsx'))
    expect(sheet.rows).toEqual([
      { row: 4, cells: [null, '城关镇', null, null, null, null, null, '孤儿'] },
      { row: 6, cells: [null, '城关镇'] },
    ])
  })

  it('reads parts written with a namespace prefix and cells or rows without references', async () => {
    const xml = sheetXml(
      '<x:row><x:c t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>身份证号</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c t="inlineStr"><x:is><x:t>张三</x:t></x:is></x:c><x:c r="C2"><x:v>7</x:v></x:c><x:c><x:v>8</x:v></x:c></x:row>',
      { prefix: 'x', merges: ['A1:B1'] },
    )
    const sheet = sheetOf(await readWorkbookBuffer(await rawXlsx({ sheets: [{ name: 'S', xml }] }), 'a.xlsx'))
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['姓名', '身份证号'] },
      { row: 2, cells: ['张三', null, 7, 8] },
    ])
    expect(sheet.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }])
  })

  it('reads stored (uncompressed) zips and sheets with a UTF-8 BOM', async () => {
    const xml = '\uFEFF' + sheetXml('<row r="3"><c r="B3" t="inlineStr"><is><t>张三</t></is></c></row>')
    const buffer = await rawXlsx({ sheets: [{ name: 'S', xml }], store: true })
    expect(sheetOf(await readWorkbookBuffer(buffer, 'a.xlsx')).rows).toEqual([{ row: 3, cells: [null, '张三'] }])
  })

  it('skips chart sheets and reports hidden states from workbook.xml', async () => {
    const parts = rawXlsxParts({
      sheets: [
        { name: '名单', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') },
        { name: '说明', xml: sheetXml('<row r="1"><c r="A1"><v>2</v></c></row>'), state: 'veryHidden' },
      ],
    })
    parts['xl/workbook.xml'] = String(parts['xl/workbook.xml']).replace(
      '</sheets>',
      '<sheet name="图表" sheetId="9" r:id="rId99"/></sheets>',
    )
    parts['xl/_rels/workbook.xml.rels'] = String(parts['xl/_rels/workbook.xml.rels']).replace(
      '</Relationships>',
      '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" ' +
        'Target="chartsheets/sheet1.xml"/></Relationships>',
    )
    parts['xl/chartsheets/sheet1.xml'] = '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    const book = workbookOf(await readWorkbookBuffer(await zipParts(parts), 'a.xlsx'))
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['名单', false],
      ['说明', true],
    ])
  })

  it('finds the workbook where _rels/.rels says it is, and sheets by absolute targets', async () => {
    const parts = rawXlsxParts({
      sheets: [{ name: '名单', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>张三</t></is></c></row>') }],
    })
    const moved: Record<string, string | Buffer> = {}
    for (const [path, content] of Object.entries(parts)) {
      if (path === 'xl/workbook.xml') moved['xl/workbook2.xml'] = content
      else if (path === 'xl/_rels/workbook.xml.rels') {
        moved['xl/_rels/workbook2.xml.rels'] = String(content).replace('Target="worksheets/', 'Target="/xl/worksheets/')
      } else if (path === '_rels/.rels') moved[path] = String(content).replace('xl/workbook.xml', '/xl/workbook2.xml')
      else moved[path] = content
    }
    expect(sheetOf(await readWorkbookBuffer(await zipParts(moved), 'a.xlsx')).rows).toEqual([{ row: 1, cells: ['张三'] }])
  })

  it('reads number formats with > inside their quoted attribute, and single-quoted attributes', async () => {
    const styles = stylesXml([176, 177], { 176: '[>=100000]#,##0.0,,"万";0', 177: "yyyy'年'm'月'" })
    const xml = sheetXml("<row r='1'><c r='A1' s='2'><v>120000</v></c><c r='B1' s='3'><v>42065</v></c></row>")
    const buffer = await rawXlsx({ sheets: [{ name: 'S', xml }], styles })
    expect(sheetOf(await readWorkbookBuffer(buffer, 'a.xlsx')).rows).toEqual([{ row: 1, cells: [120000, utc(2015, 3, 2)] }])
  })

  it('says so when a workbook has no worksheets', async () => {
    const buffer = await rawXlsx({ sheets: [] })
    expect(await readWorkbookBuffer(buffer, '空表.xlsx')).toEqual({
      ok: false,
      message: '文件「空表.xlsx」里没有任何工作表，请确认文件内容是否完整。',
    })
  })
})

describe('dates do not depend on the time zone of the machine', () => {
  it.each(['Asia/Shanghai', 'America/Los_Angeles'])('reads 2015-03-02 as 2015-03-02 in %s', async (timeZone) => {
    const path = await writeXlsx(join(temp.dir, `dates-${timeZone.replace('/', '-')}.xlsx`), [
      {
        name: 'S',
        rows: [['出生日期'], [utc(2015, 3, 2)], [{ formula: 'DATE(2012,7,19)', result: utc(2012, 7, 19) }]],
        formats: { A2: 'yyyy"年"m"月"d"日"', A3: 'yyyy-mm-dd' },
      },
    ])
    const { timeZone: seen, offsetMinutes, result } = await readInTimeZone(path, timeZone)
    expect(seen).toBe(timeZone)
    expect(offsetMinutes).toBe(timeZone === 'Asia/Shanghai' ? -480 : 480)
    expect(result).toEqual({
      ok: true,
      workbook: {
        fileName: `dates-${timeZone.replace('/', '-')}.xlsx`,
        format: 'xlsx',
        sheets: [
          {
            name: 'S',
            hidden: false,
            merges: [],
            rows: [
              { row: 1, cells: ['出生日期'] },
              { row: 2, cells: ['2015-03-02T00:00:00.000Z'] },
              { row: 3, cells: ['2012-07-19T00:00:00.000Z'] },
            ],
          },
        ],
      },
    })
  })
})

/**
 * The same file through exceljs's whole-file reader, reduced to the contract by hand: the two readers must agree on
 * every cell of files exceljs reads correctly (no zh-CN built-in date formats, no streaming).
 */
async function viaExcelJS(buffer: Buffer): Promise<{ name: string; hidden: boolean; rows: SheetRow[] }[]> {
  const workbook = new ExcelJS.Workbook()
  // exceljs types its input as the old Buffer; the bytes are the same
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  const plain = (cell: ExcelJS.Cell): Cell => {
    if (cell.type === ExcelJS.ValueType.Merge) return null
    const value = cell.value
    if (value === null || value === undefined) return null
    if (value instanceof Date || typeof value !== 'object') return value === '' ? null : value
    if ('formula' in value || 'sharedFormula' in value) {
      const result = value.result
      if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date))) return null
      return result
    }
    if ('richText' in value) return value.richText.map((run) => run.text).join('')
    if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : null
    return null
  }
  return workbook.worksheets.map((sheet) => {
    const rows: SheetRow[] = []
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Cell[] = []
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        while (cells.length < column - 1) cells.push(null)
        cells[column - 1] = plain(cell)
      })
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop()
      if (cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''))) rows.push({ row: rowNumber, cells })
    })
    return { name: sheet.name, hidden: sheet.state !== 'visible', rows }
  })
}

describe('agreement with exceljs on files it reads correctly', () => {
  it.each([
    ['the messy children list', messyChildrenWorkbook],
    ['directors per township', directorsPerTownshipWorkbook],
    ['the divisions list', divisionsWorkbook],
  ])('reads %s cell for cell like exceljs', async (_what, build) => {
    const path = join(temp.dir, `${_what}.xlsx`)
    await build(path)
    const buffer = await readFile(path)
    const ours = workbookOf(await readWorkbookBuffer(buffer, 'a.xlsx')).sheets.map(({ name, hidden, rows }) => ({
      name,
      hidden,
      rows,
    }))
    expect(ours).toEqual(await viaExcelJS(buffer))
  })

  it('reads a bordered template (every cell present, styled, mostly empty) like exceljs', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('困境儿童名单')
    const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' } }
    for (let r = 1; r <= 300; r++) {
      for (let c = 1; c <= 15; c++) sheet.getCell(r, c).border = border
      sheet.getCell(r, 2).value = '城关镇'
      if (r % 37 === 0) sheet.getCell(r, 4).value = `儿童${r}`
      if (r % 53 === 0) sheet.getCell(r, 15).value = { formula: `D${r}&"备注"`, result: `儿童${r}备注` }
    }
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
    const ours = workbookOf(await readWorkbookBuffer(buffer, 'a.xlsx')).sheets.map(({ name, hidden, rows }) => ({
      name,
      hidden,
      rows,
    }))
    expect(ours).toEqual(await viaExcelJS(buffer))
    expect(ours[0]?.rows[36]).toEqual({ row: 37, cells: [null, '城关镇', null, '儿童37'] })
  })
})
