import type { Fill, Font, Style, Worksheet } from 'exceljs'
import type { Cell } from '../imports/workbook'
import { BODY_FONT, displayWidth, HEADER_FILL, safeSheetName, TEXT_FORMAT, TITLE_STYLE, wrappedHeight } from '../sheets/book-style'
import { newBook } from '../sheets/books'

export interface RejectedRow {
  /** the row number the township sees in its own file */
  row: number
  /** the row's cells as read, 0-based by column */
  cells: Cell[]
  reasons: string[]
}

export interface ErrorSheet {
  /** the township's sheet name */
  name: string
  /** the township's own header rows (title rows included if it had them), values only */
  headerRows: Cell[][]
  rows: RejectedRow[]
}

export interface ErrorWorkbookInput {
  fileName: string
  sheets: ErrorSheet[]
}

export const GUIDE_SHEET = '说明'
export const REASON_HEADER = '错误说明'

/**
 * Columns holding numbers that Excel would mangle (18-digit IDs lose their last digits, leading
 * zeros vanish): matched on the header, since the township names its columns its own way.
 */
const ID_LIKE = /身份证|号码|账号|卡号|电话|代码/

const REASON_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } }
const REASON_FONT: Partial<Font> = { ...BODY_FONT, color: { argb: 'FF9C0006' } }
const REASON_STYLE: Partial<Style> = {
  font: REASON_FONT,
  fill: REASON_FILL,
  alignment: { vertical: 'top', wrapText: true },
}
const REASON_HEADER_STYLE: Partial<Style> = {
  font: { ...REASON_FONT, bold: true },
  fill: REASON_FILL,
  alignment: { horizontal: 'center', vertical: 'middle' },
}
const HEADER_CELL_STYLE: Partial<Style> = {
  font: { ...BODY_FONT, bold: true },
  fill: HEADER_FILL,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
}
const TEXT_STYLE: Partial<Style> = { font: BODY_FONT, numFmt: TEXT_FORMAT, alignment: { vertical: 'top' } }
const DATE_STYLE: Partial<Style> = { font: BODY_FONT, numFmt: 'yyyy-mm-dd', alignment: { vertical: 'top' } }
const PLAIN_STYLE: Partial<Style> = { font: BODY_FONT, alignment: { vertical: 'top' } }

function cellText(value: Cell): string {
  if (value == null) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value)
}

/** What the clerk reads in the 错误说明 column: where the row was, then every reason. */
export function reasonText(row: RejectedRow): string {
  return `第${row.row}行：${row.reasons.join('；')}`
}

/** For each column, whether its header (all header rows together) names an ID-like number. */
export function idLikeColumns(headerRows: Cell[][], width: number): boolean[] {
  return Array.from({ length: width }, (_, col) =>
    ID_LIKE.test(headerRows.map((cells) => cellText(cells[col] ?? null)).join('')),
  )
}

/**
 * The rows a township must correct, in its own columns, each with its reasons, plus a first sheet
 * saying what to do. Values only: the township's formats and merges are not reproduced.
 */
export async function writeErrorWorkbook(input: ErrorWorkbookInput, out: string): Promise<void> {
  const workbook = newBook()
  const taken = new Set<string>()
  const guide = workbook.addWorksheet(safeSheetName(GUIDE_SHEET, taken))
  const sheets = input.sheets.filter((s) => s.rows.length > 0)
  const written = sheets.map((sheet) => {
    const name = safeSheetName(sheet.name, taken)
    writeRejectedSheet(workbook.addWorksheet(name), sheet)
    return { name, original: sheet.name, count: sheet.rows.length }
  })
  writeGuide(guide, input.fileName, written)
  await workbook.xlsx.writeFile(out)
}

function writeRejectedSheet(ws: Worksheet, sheet: ErrorSheet): void {
  const width = Math.max(0, ...sheet.headerRows.map((r) => r.length), ...sheet.rows.map((r) => r.cells.length))
  const reasonColumn = width + 1
  const idLike = idLikeColumns(sheet.headerRows, width)
  // A sheet whose header was not found still needs a line naming the added column.
  const headerRows = sheet.headerRows.length > 0 ? sheet.headerRows : [[]]

  headerRows.forEach((cells, r) => {
    const row = ws.getRow(r + 1)
    cells.forEach((value, c) => {
      if (value == null || value === '') return
      const cell = row.getCell(c + 1)
      cell.value = value
      cell.style = value instanceof Date ? { ...HEADER_CELL_STYLE, numFmt: 'yyyy-mm-dd' } : HEADER_CELL_STYLE
    })
  })
  const reasonHeader = ws.getCell(headerRows.length, reasonColumn)
  reasonHeader.value = REASON_HEADER
  reasonHeader.style = REASON_HEADER_STYLE

  sheet.rows.forEach((rejected, r) => {
    const row = ws.getRow(headerRows.length + 1 + r)
    rejected.cells.forEach((value, c) => {
      if (value == null || value === '') return
      const cell = row.getCell(c + 1)
      if (idLike[c] && !(value instanceof Date)) {
        cell.value = String(value)
        cell.style = TEXT_STYLE
      } else {
        cell.value = value
        cell.style = value instanceof Date ? DATE_STYLE : PLAIN_STYLE
      }
    })
    const reason = row.getCell(reasonColumn)
    reason.value = reasonText(rejected)
    reason.style = REASON_STYLE
  })

  for (let c = 1; c <= width; c++) {
    const longest = Math.max(
      4,
      ...headerRows.map((cells) => displayWidth(cellText(cells[c - 1] ?? null))),
      ...sheet.rows.map((r) => displayWidth(cellText(r.cells[c - 1] ?? null))),
    )
    ws.getColumn(c).width = Math.min(30, longest + 2)
    if (idLike[c - 1]) ws.getColumn(c).numFmt = TEXT_FORMAT
  }
  ws.getColumn(reasonColumn).width = 60
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRows.length }]
}

function writeGuide(
  ws: Worksheet,
  fileName: string,
  written: { name: string; original: string; count: number }[],
): void {
  const total = written.reduce((sum, s) => sum + s.count, 0)
  ws.getColumn(1).width = 100
  const wrap: Partial<Style> = { font: BODY_FONT, alignment: { vertical: 'top', wrapText: true } }
  const lines = [
    `原文件：${fileName}`,
    `共有 ${total} 行未能导入，分布在：${written.map((s) => `「${s.original}」${s.count} 行`).join('、') || '（无）'}。`,
    `后面各工作表按原表的列列出了这些行，最后一列「${REASON_HEADER}」写明了每行的问题和改法，「第N行」是该行在原表中的行号。`,
    '请在原表中逐行改正后，将整张表重新发送给区民政局（改正后整表重新发送）。已经正确的行一并发送即可，不会重复登记。',
    '身份证号、电话、账号等列请设为「文本」格式再录入，以免Excel把号码变成科学计数法而丢失末几位。',
  ]
  const title = ws.getCell(1, 1)
  title.value = '退回说明'
  title.style = { ...TITLE_STYLE, alignment: { horizontal: 'left', vertical: 'middle' } }
  ws.getRow(1).height = 30
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 3, 1)
    cell.value = line
    cell.style = wrap
    ws.getRow(i + 3).height = wrappedHeight(line, 95)
  })
}
