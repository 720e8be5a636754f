import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Worksheet } from 'exceljs'
import { rmbCapital } from '../../../src/core/shared/money'
import { DEFAULT_ROWS_PER_PAGE, periodText, ROSTER_COLUMNS, rosterPages, rosterTitle } from '../../../src/core/subsidies/pages'
import { tempRegistry, type TempRegistry } from '../../support/temp-registry'
import { mergesOf, readBook, rowValues } from '../exports/read-book'
import { addChild, call, makePlace, saveDownload, valueOf, type MadeChild } from './support'

describe('rosterPages: one pagination for the print view and the workbook', () => {
  const lines = (amounts: number[]) => amounts.map((totalFen, i) => ({ seq: i + 1, totalFen }))

  it('cuts the lines into pages with their 本页小计, which add up to the total', () => {
    const amounts = Array.from({ length: 45 }, (_, i) => 120000 + i * 101)
    const paged = rosterPages({ lines: lines(amounts) }, 20)
    expect(paged.pages.map((p) => p.lines.length)).toEqual([20, 20, 5])
    expect(paged.pages.map((p) => p.number)).toEqual([1, 2, 3])
    expect(paged.pages[2]!.lines[0]!.seq).toBe(41)
    const total = amounts.reduce((a, b) => a + b, 0)
    expect(paged.totalFen).toBe(total)
    expect(paged.pages.reduce((sum, p) => sum + p.subtotalFen, 0)).toBe(total)
    expect(paged.pages[0]!.subtotalFen).toBe(amounts.slice(0, 20).reduce((a, b) => a + b, 0))
    expect(paged.pages[0]!.subtotalCapital).toBe(rmbCapital(paged.pages[0]!.subtotalFen))
    expect(paged.totalCapital).toBe(rmbCapital(total))
  })

  it('prints an empty roster as one empty page totalling 零元整, and refuses a nonsense page size', () => {
    const paged = rosterPages({ lines: [] }, DEFAULT_ROWS_PER_PAGE)
    expect(paged.pages).toEqual([{ number: 1, lines: [], subtotalFen: 0, subtotalCapital: '零元整' }])
    expect(paged.totalCapital).toBe('零元整')
    expect(rosterPages({ lines: lines([1, 2, 3, 4]) }, 2).pages).toHaveLength(2)
    for (const bad of [0, -1, 1.5, NaN]) expect(() => rosterPages({ lines: [] }, bad)).toThrow(RangeError)
  })

  it('names the months as bureaus do', () => {
    expect(periodText('2026-11', 1)).toBe('2026年11月')
    expect(periodText('2026-10', 3)).toBe('2026年10月至12月')
    expect(periodText('2026-11', 3)).toBe('2026年11月至2027年1月')
    expect(rosterTitle({ districtName: '示范区', programmeName: '孤儿基本生活费', firstMonth: '2026-01', months: 1, status: 'locked' })).toBe(
      '示范区2026年1月孤儿基本生活费发放花名册',
    )
  })
})

describe('the roster workbook, read back', () => {
  let reg: TempRegistry
  let children: MadeChild[]
  let rosterId: number

  beforeEach(async () => {
    reg = await tempRegistry()
    const place = await makePlace(reg.ctx)
    children = []
    // Twelve payees at a standard with fen in it, so the sums are checked digit by digit.
    for (let i = 0; i < 12; i++) {
      children.push(
        await addChild(reg.ctx, {
          name: `测试${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`,
          village: place.villages[i % 3]!,
          categories: ['unsupported'],
          registeredOn: '2026-01-10',
          bankAccount: `62170000123456${String(i).padStart(5, '0')}`,
        }),
      )
    }
    await addChild(reg.ctx, { name: '无账号', village: place.villages[0]!, categories: ['unsupported'], registeredOn: '2026-01-10', bankAccount: '' })
    const unsupported = (await call(reg.ctx, 'programmes.list', {})).find((p) => p.code === 'unsupported-basic')!
    valueOf(await call(reg.ctx, 'programmes.save', { ...unsupported, standards: [{ amountFen: 120050, effectiveFrom: '2020-01-01', effectiveTo: null, group: null }] }))
    rosterId = valueOf(await call(reg.ctx, 'rosters.generate', { programme: 'unsupported-basic', month: '2026-11', months: 1 })).id
  })
  afterEach(() => reg?.cleanup())

  async function exportBook(fullNumbers: boolean, rowsPerPage: number, name: string) {
    const download = await call(reg.ctx, 'rosters.export', { id: rosterId, fullNumbers, rowsPerPage })
    expect(download.fileName).toMatch(/发放花名册.*\.xlsx$/)
    return readBook(saveDownload(reg.folder, download, name))
  }

  const rowsWhere = (ws: Worksheet, test: (first: unknown) => boolean): number[] => {
    const found: number[] = []
    ws.eachRow((row, number) => {
      if (test(row.getCell(1).value)) found.push(number)
    })
    return found
  }

  it('has the bureau’s layout: title, unit and date, header, lines, page subtotals, 合计 in capitals, signatures', async () => {
    const book = await exportBook(true, 5, 'draft.xlsx')
    const file = join(reg.folder, 'draft.xlsx')
    expect(book.worksheets.map((w) => w.name)).toEqual(['发放花名册', '计发依据', '未列入名单'])
    const ws = book.getWorksheet('发放花名册')!
    expect(ws.getCell('A1').value).toBe('示范区2026年11月事实无人抚养儿童基本生活补贴发放花名册（草稿）')
    expect(ws.getCell('A2').value).toBe('填报单位：示范区民政局')
    expect(ws.getCell('G2').value).toBe('制表日期：2026年11月23日')
    expect(rowValues(ws, 3, 12)).toEqual([...ROSTER_COLUMNS])

    const lineRows = rowsWhere(ws, (v) => typeof v === 'number')
    expect(lineRows).toHaveLength(12)
    const total = 12 * 120050
    lineRows.forEach((r, i) => {
      const values = rowValues(ws, r, 12)
      expect(values[0]).toBe(i + 1)
      expect(values[1]).toBe('城关镇')
      expect(values[5]).toBe('事实无人抚养儿童')
      expect(values[6]).toBe(1200.5)
      expect(values[7]).toBe(1)
      expect(values[8]).toBe(1200.5)
      expect(values[11]).toBeNull()
      // ID and account numbers are text, whole, never numbers Excel would round.
      for (const column of ['E', 'K']) {
        const cell = ws.getCell(`${column}${r}`)
        expect(typeof cell.value, column).toBe('string')
        expect(cell.numFmt, column).toBe('@')
      }
    })
    const ids = lineRows.map((r) => ws.getCell(`E${r}`).value)
    expect(ids.sort()).toEqual(children.map((c) => c.idNumber).sort())
    expect(lineRows.map((r) => ws.getCell(`K${r}`).value).sort()).toEqual(children.map((c) => c.bankAccount).sort())

    // 本页小计 after every 5 lines (5, 5, 2), each the sum of its page, with a page break after all but the last.
    const subtotalRows = rowsWhere(ws, (v) => v === '本页小计')
    expect(subtotalRows).toHaveLength(3)
    let start = 4
    let sumOfPages = 0
    for (const r of subtotalRows) {
      const pageFen = Math.round(lineRows.filter((l) => l >= start && l < r).reduce((sum, l) => sum + (ws.getCell(`I${l}`).value as number) * 100, 0))
      const subtotalFen = Math.round((ws.getCell(`I${r}`).value as number) * 100)
      expect(subtotalFen).toBe(pageFen)
      expect(ws.getCell(`J${r}`).value).toBe(`人民币（大写）：${rmbCapital(subtotalFen)}`)
      sumOfPages += subtotalFen
      start = r + 1
    }
    expect(sumOfPages).toBe(total)
    // exceljs does not read page breaks back: the sheet's XML is read for them.
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('xl/worksheets/sheet1.xml')!.async('string')
    const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]))
    expect(breaks).toEqual(subtotalRows.slice(0, -1))

    const [totalRow] = rowsWhere(ws, (v) => typeof v === 'string' && v.startsWith('合计'))
    expect(totalRow).toBe(subtotalRows.at(-1)! + 1)
    expect(ws.getCell(`A${totalRow}`).value).toBe('合计（12人）')
    expect(Math.round((ws.getCell(`I${totalRow}`).value as number) * 100)).toBe(total)
    expect(ws.getCell(`J${totalRow}`).value).toBe(`人民币（大写）：${rmbCapital(total)}`)
    expect(rmbCapital(total)).toBe('壹万肆仟肆佰零陆元整')
    const foot = totalRow! + 2
    expect(['A', 'E', 'I'].map((c) => ws.getCell(`${c}${foot}`).value)).toEqual(['制表人：', '审核人：', '负责人：'])
    expect(mergesOf(ws)).toEqual(expect.arrayContaining(['A1:L1', `A${subtotalRows[0]}:H${subtotalRows[0]}`, `J${totalRow}:L${totalRow}`]))

    // A4 landscape, the header row on every printed page, a draft marked on every page.
    expect(ws.pageSetup.paperSize).toBe(9)
    expect(ws.pageSetup.orientation).toBe('landscape')
    expect(ws.pageSetup.printTitlesRow).toBe('3:3')
    expect(ws.headerFooter.oddHeader).toContain('草稿')
    expect(ws.headerFooter.oddFooter).toContain('草稿')
  })

  it('explains every line and lists those left out', async () => {
    const book = await exportBook(false, 20, 'masked.xlsx')
    const rules = book.getWorksheet('计发依据')!
    expect(rowValues(rules, 3, 6)).toEqual(['序号', '姓名', '身份证号', '金额(元)', '补发', '计发依据'])
    expect(rules.getCell('F4').value).toBe('事实无人抚养儿童基本生活补贴 1200.50元/月 × 1月（2020-01-01 起标准）')
    const left = book.getWorksheet('未列入名单')!
    expect(rowValues(left, 4, 7)).toEqual([1, '城关镇', '东街社区', '无账号', expect.stringMatching(/^4201\*+\d{3}[\dX]$/), '缺少银行账号', 1200.5])
    // Masked unless full numbers were asked for: no whole ID or account anywhere.
    const ws = book.getWorksheet('发放花名册')!
    const cells: string[] = []
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))))
    for (const c of children) {
      expect(cells).not.toContain(c.idNumber)
      expect(cells).not.toContain(c.bankAccount)
    }
    expect(String(ws.getCell('E4').value)).toMatch(/^4201\*{10}\d{3}[\dX]$/)
  })

  it('once locked, loses the 草稿 marks and keeps its content', async () => {
    const draft = await exportBook(true, 20, 'before.xlsx')
    valueOf(await call(reg.ctx, 'rosters.lock', { id: rosterId }))
    const locked = await exportBook(true, 20, 'after.xlsx')
    const ws = locked.getWorksheet('发放花名册')!
    expect(ws.getCell('A1').value).toBe('示范区2026年11月事实无人抚养儿童基本生活补贴发放花名册')
    expect(ws.headerFooter.oddHeader ?? '').not.toContain('草稿')
    expect(ws.headerFooter.oddFooter).not.toContain('草稿')
    const body = (w: Worksheet) => Array.from({ length: 12 }, (_, i) => rowValues(w, 4 + i, 12))
    expect(body(ws)).toEqual(body(draft.getWorksheet('发放花名册')!))
  })

  it('rosters.pages gives the print view the same pages, subtotals and total', async () => {
    const pages = await call(reg.ctx, 'rosters.pages', { id: rosterId, rowsPerPage: 5 })
    expect(pages.title).toBe('示范区2026年11月事实无人抚养儿童基本生活补贴发放花名册（草稿）')
    expect(pages.watermark).toBe('草稿')
    expect(pages.unit).toBe('填报单位：示范区民政局')
    expect(pages.date).toBe('制表日期：2026年11月23日')
    expect(pages.columns).toEqual([...ROSTER_COLUMNS])
    expect(pages.signatures).toEqual(['制表人：', '审核人：', '负责人：'])
    expect(pages.pages.map((p) => p.lines.length)).toEqual([5, 5, 2])
    expect(pages.pages.map((p) => p.subtotalFen)).toEqual([5 * 120050, 5 * 120050, 2 * 120050])
    expect(pages.totalFen).toBe(12 * 120050)
    expect(pages.totalCapital).toBe('壹万肆仟肆佰零陆元整')
    expect(pages.pages[2]!.subtotalCapital).toBe('贰仟肆佰零壹元整')
    expect(pages.pages[0]!.lines[0]!.idNumber).toContain('*')
  })
})
