import ExcelJS from 'exceljs'
import type { Worksheet } from 'exceljs'
import { DATED_STYLE, NOTE_STYLE, SUBTITLE_STYLE, TITLE_STYLE } from './book-style'

/** Excel shows it as the file's author: a bureau can tell our files from hand-made ones. */
export const BOOK_CREATOR = '儿童福利台账'

/** A workbook built in memory, for the small books (templates, statistics, error reports). */
export function newBook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook()
  book.creator = BOOK_CREATOR
  return book
}

/**
 * A workbook whose rows go to `out` as they are committed, for the books that grow with the district
 * (registers, rosters): styles kept, no shared strings table held in memory to the end.
 */
export function newStreamingBook(out: string): ExcelJS.stream.xlsx.WorkbookWriter {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false })
  book.creator = BOOK_CREATOR
  return book
}

export interface StatisticsHead {
  title: string
  /** 填报单位, on the left half of row 2 */
  unit: string
  /** the date or period, on the right half of row 2 */
  dated: string
  /** how the figures were counted, in small grey type across row 3 */
  note: string
  /** row 3's height where the note needs more than one line */
  noteHeight?: number
}

/** Rows 1–3 of a statistics table (配备情况, 分类统计 …) across its `width` columns. */
export function writeStatisticsHead(sheet: Worksheet, width: number, head: StatisticsHead): void {
  sheet.mergeCells(1, 1, 1, width)
  Object.assign(sheet.getCell(1, 1), { value: head.title, style: TITLE_STYLE })
  sheet.getRow(1).height = 32
  const half = Math.max(1, Math.floor(width / 2))
  sheet.mergeCells(2, 1, 2, half)
  Object.assign(sheet.getCell(2, 1), { value: head.unit, style: SUBTITLE_STYLE })
  if (half + 1 <= width) {
    sheet.mergeCells(2, half + 1, 2, width)
    Object.assign(sheet.getCell(2, half + 1), { value: head.dated, style: DATED_STYLE })
  }
  sheet.mergeCells(3, 1, 3, width)
  Object.assign(sheet.getCell(3, 1), { value: head.note, style: NOTE_STYLE })
  if (head.noteHeight) sheet.getRow(3).height = head.noteHeight
}
