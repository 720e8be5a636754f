/**
 * The 发放花名册 as a bureau files it: title, unit and date, the header repeated on every printed
 * page, a 本页小计 after every page of lines (with a manual page break, so Excel's pages are the
 * print view's pages), 合计 in figures and in 人民币大写, and 制表人 / 审核人 / 负责人 at the foot.
 * Written with exceljs' streaming writer, one shared style object per kind of cell, so 100,000
 * lines cost little more than the cells themselves. Knows nothing of the database.
 */
import type { PayeeLine, RosterExcluded } from '../../contract'
import type { Style, Worksheet } from 'exceljs'
import {
  BODY_FONT,
  BODY_STYLES,
  DATED_STYLE,
  HEADER_STYLE,
  landscapePageSetup,
  PAGE_FOOTER,
  SUBTITLE_STYLE,
  THIN_BORDER,
  TITLE_STYLE,
} from '../sheets/book-style'
import { newStreamingBook } from '../sheets/books'
import { pendingBytes, zipPacer, type SheetStream } from '../sheets/register-writer'
import { formatYuan, yuanAsNumber } from '../shared/money'
import { DRAFT_WATERMARK, rosterColumns, rosterPages, SIGNATURES } from './pages'

export type BookLine = Pick<
  PayeeLine,
  'township' | 'village' | 'name' | 'idNumber' | 'category' | 'standardFen' | 'monthCount' | 'totalFen' | 'guardian' | 'bankAccount' | 'rule' | 'backPayMonths' | 'backPayFen'
>

export type BookExcluded = Pick<RosterExcluded, 'township' | 'village' | 'name' | 'idNumber' | 'reason' | 'owedFen'>

export interface RosterBookInput {
  title: string
  unit: string
  date: string
  status: 'draft' | 'locked'
  period: 'month' | 'year'
  rowsPerPage: number
  lines: BookLine[]
  excluded: BookExcluded[]
}

const HEADER_ROW = 3
const WIDTH = 12
const WIDTHS = [6, 12, 14, 10, 22, 14, 11, 6, 12, 10, 24, 14]
const MONEY_FORMAT = '#,##0.00'
const DATA_ROW_HEIGHT = 20

const center = { horizontal: 'center', vertical: 'middle' } as const
const left = { vertical: 'middle' } as const
const right = { horizontal: 'right', vertical: 'middle' } as const

// One object per kind of cell: exceljs caches a style's id per object.
const S = {
  ...BODY_STYLES,
  money: { font: BODY_FONT, border: THIN_BORDER, numFmt: MONEY_FORMAT, alignment: right },
  count: { font: BODY_FONT, border: THIN_BORDER, alignment: center },
  wrap: { font: BODY_FONT, border: THIN_BORDER, alignment: { vertical: 'middle', wrapText: true } },
  totalLabel: { font: { ...BODY_FONT, bold: true }, border: THIN_BORDER, alignment: center },
  totalMoney: { font: { ...BODY_FONT, bold: true }, border: THIN_BORDER, numFmt: MONEY_FORMAT, alignment: right },
  totalText: { font: { ...BODY_FONT, bold: true }, border: THIN_BORDER, alignment: left },
  foot: { font: BODY_FONT, alignment: left },
} satisfies Record<string, Partial<Style>>

const LINE_STYLES: Partial<Style>[] = [S.index, S.plain, S.plain, S.plain, S.text, S.plain, S.money, S.count, S.money, S.plain, S.text, S.plain]
const EMPTY_ROW_STYLE: Partial<Style> = Object.freeze({})

/** Yuan as a spreadsheet number: exact fen digits, read by Excel as the decimal it prints. */
const yuan = yuanAsNumber

function headerFooter(status: 'draft' | 'locked') {
  if (status === 'locked') return { oddFooter: `&C${PAGE_FOOTER}` }
  return { oddHeader: `&C&24${DRAFT_WATERMARK}`, oddFooter: `&L${DRAFT_WATERMARK}&C${PAGE_FOOTER}&R${DRAFT_WATERMARK}` }
}

const letter = (column: number) => String.fromCharCode(64 + column)

/**
 * What mergeCells does, without its check against every merge made before: that check makes a
 * merge per page cost the square of the pages. Rows here never overlap, each merge is its own row.
 */
function mergeInRow(ws: Worksheet, row: number, from: number, to: number): void {
  const master = ws.getCell(row, from)
  for (let column = from + 1; column <= to; column++) ws.getCell(row, column).merge(master)
  const ref = `${letter(from)}${row}:${letter(to)}${row}`
  ;(ws as unknown as { _merges: unknown[] })._merges.push({ toString: () => ref, intersects: () => false })
}

/** A sheet whose rows go to the file as they are made; yields now and then so the zip keeps up. */
class SheetWriter {
  private next = 1
  /** gives the zip a turn now and then, and waits while too much waits for it */
  readonly breathe: () => Promise<void>

  constructor(readonly ws: Worksheet) {
    const stream = (ws as unknown as { stream: SheetStream }).stream
    this.breathe = zipPacer(() => pendingBytes(stream))
  }

  get rowNumber(): number {
    return this.next
  }

  row(cells: (string | number | null)[], styles: Partial<Style>[] | Partial<Style>, height?: number, merges: [number, number][] = []) {
    const number = this.next++
    for (const [from, to] of merges) mergeInRow(this.ws, number, from, to)
    const row = this.ws.getRow(number)
    ;(row as unknown as { style: Partial<Style> }).style = EMPTY_ROW_STYLE
    if (height) row.height = height
    const width = Array.isArray(styles) ? styles.length : cells.length
    for (let i = 0; i < width; i++) {
      const cell = row.getCell(i + 1)
      const value = cells[i]
      if (value !== '' && value != null) cell.value = value
      cell.style = Array.isArray(styles) ? styles[i]! : styles
    }
    return row
  }
}

function titleRows(w: SheetWriter, title: string, unit: string, date: string, columns: string[]): void {
  const width = columns.length
  const half = Math.ceil(width / 2)
  w.row([title], [TITLE_STYLE], 32, [[1, width]]).commit()
  const unitRow = w.row([unit], [SUBTITLE_STYLE], 20, [[1, half], [half + 1, width]])
  const dateCell = unitRow.getCell(half + 1)
  dateCell.value = date
  dateCell.style = DATED_STYLE
  unitRow.commit()
  w.row(columns, HEADER_STYLE, 30).commit()
}

function sheetOptions(status: 'draft' | 'locked') {
  return {
    views: [{ state: 'frozen' as const, xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
    pageSetup: landscapePageSetup(HEADER_ROW),
    headerFooter: headerFooter(status),
  }
}

/** Writes the roster to `out` (.xlsx). */
export async function writeRosterBook(input: RosterBookInput, out: string): Promise<void> {
  const book = newStreamingBook(out)
  const columns = rosterColumns(input.period)
  const paged = rosterPages(input, input.rowsPerPage)

  // The roster itself.
  const ws = book.addWorksheet('发放花名册', sheetOptions(input.status))
  ws.columns = WIDTHS.map((width) => ({ width }))
  const w = new SheetWriter(ws)
  titleRows(w, input.title, input.unit, input.date, columns)
  let seq = 0
  const subtotalStyles = [S.totalLabel, S.totalLabel, S.totalLabel, S.totalLabel, S.totalLabel, S.totalLabel, S.totalLabel, S.totalLabel, S.totalMoney, S.totalText, S.totalText, S.totalText]
  for (const page of paged.pages) {
    for (const l of page.lines) {
      w.row(
        [++seq, l.township, l.village, l.name, l.idNumber, l.category, yuan(l.standardFen), l.monthCount, yuan(l.totalFen), l.guardian, l.bankAccount, null],
        LINE_STYLES,
        DATA_ROW_HEIGHT,
      ).commit()
      await w.breathe()
    }
    const subtotal = w.row(
      ['本页小计', null, null, null, null, null, null, null, yuan(page.subtotalFen), `人民币（大写）：${page.subtotalCapital}`],
      subtotalStyles,
      DATA_ROW_HEIGHT,
      [[1, 8], [10, WIDTH]],
    )
    if (page.number < paged.pages.length) subtotal.addPageBreak()
    subtotal.commit()
  }
  w.row(
    [`合计（${input.lines.length}人）`, null, null, null, null, null, null, null, yuan(paged.totalFen), `人民币（大写）：${paged.totalCapital}`],
    subtotalStyles,
    24,
    [[1, 8], [10, WIDTH]],
  ).commit()
  w.row([], [], 10).commit()
  w.row([SIGNATURES[0], null, null, null, SIGNATURES[1], null, null, null, SIGNATURES[2]], S.foot, 28, [[1, 4], [5, 8], [9, WIDTH]]).commit()
  ws.commit()

  // Every line's rule in words, back-pay marked: the roster explains itself.
  const rules = book.addWorksheet('计发依据', sheetOptions(input.status))
  rules.columns = [{ width: 6 }, { width: 10 }, { width: 22 }, { width: 12 }, { width: 22 }, { width: 80 }]
  const r = new SheetWriter(rules)
  titleRows(r, `${input.title}·计发依据`, input.unit, input.date, ['序号', '姓名', '身份证号', '金额(元)', '补发', '计发依据'])
  const ruleStyles = [S.index, S.plain, S.text, S.money, S.plain, S.wrap]
  seq = 0
  for (const l of input.lines) {
    const backPay = l.backPayMonths.length > 0 ? `补发${l.backPayMonths.length}个月 ${formatYuan(l.backPayFen)}元` : null
    r.row([++seq, l.name, l.idNumber, yuan(l.totalFen), backPay, l.rule], ruleStyles).commit()
    await r.breathe()
  }
  rules.commit()

  // Those left out, and why.
  const left = book.addWorksheet('未列入名单', sheetOptions(input.status))
  left.columns = [{ width: 6 }, { width: 12 }, { width: 14 }, { width: 10 }, { width: 22 }, { width: 60 }, { width: 14 }]
  const x = new SheetWriter(left)
  titleRows(x, `${input.title}·未列入名单`, input.unit, input.date, ['序号', '乡镇', '村', '姓名', '身份证号', '未列入原因', '应发未发(元)'])
  const excludedStyles = [S.index, S.plain, S.plain, S.plain, S.text, S.wrap, S.money]
  seq = 0
  for (const e of input.excluded) {
    x.row([++seq, e.township, e.village, e.name, e.idNumber, e.reason, e.owedFen > 0 ? yuan(e.owedFen) : null], excludedStyles).commit()
    await x.breathe()
  }
  left.commit()

  await book.commit()
}
