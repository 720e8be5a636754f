import type { Cell } from './workbook'

/**
 * Thrown inside a reader when the file must be refused; readWorkbook turns it into { ok: false, message }.
 * Deep code (a row counter in the middle of a sheet) can stop everything without threading results back up.
 */
export class ReadRefusal extends Error {
  constructor(readonly userMessage: string) {
    super(userMessage)
    this.name = 'ReadRefusal'
  }
}

/**
 * A copy of text cut from a bigger string. V8 lets a substring share its parent, so one kept cell value can keep a
 * whole chunk of XML or the whole text of a CSV alive; values kept for the length of an import must own their
 * characters. Below 13 characters V8 copies anyway.
 */
export function ownString(s: string): string {
  if (s.length < 13) return s
  return Buffer.from(s, 'utf16le').toString('utf16le')
}

/** Whitespace-only text counts as empty: a clerk cannot see it, so a row made only of it is a blank row. */
export function isBlank(value: Cell): boolean {
  if (value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  return false
}

/**
 * Empty text becomes null (a cell holding "" looks empty to the clerk, and exporters write such cells), trailing nulls
 * are dropped, and the answer is whether anything the clerk can see is left.
 */
export function finishCells(cells: Cell[]): boolean {
  let visible = false
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? null
    if (cell === '') cells[i] = null
    else if (!visible && !isBlank(cell)) visible = true
  }
  let end = cells.length
  while (end > 0 && cells[end - 1] === null) end--
  cells.length = end
  return visible
}

/**
 * Built-in number formats that are dates. A file refers to them by id only, without the format text, so a reader that
 * knows only the English table (14–22) turns every date a Chinese Excel or WPS formatted as 2015年3月2日 into a bare
 * number. Texts are the zh-CN ones (ECMA-376 Part 1, 18.8.30).
 */
export const BUILTIN_DATE_FORMATS: Readonly<Record<number, string>> = {
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mm:ss.0',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
}

const dateFormatCache = new Map<string, boolean>()

/**
 * Whether a number format shows a date or time, so the number underneath is an Excel serial. Quoted text, escapes,
 * padding and [..] sections (colours, locales, conditions) are removed first: 0.00"万元" or [Red]0 are not dates.
 */
export function isDateFormat(code: string | undefined | null): boolean {
  if (!code) return false
  const cached = dateFormatCache.get(code)
  if (cached !== undefined) return cached
  const firstSection = splitFirstSection(code)
  const bare = firstSection
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '')
  const result = /[ymdhsYMDHS]/.test(bare) || bare.includes('上午/下午')
  dateFormatCache.set(code, result)
  return result
}

function splitFirstSection(code: string): string {
  let inQuote = false
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]
    if (ch === '"') inQuote = !inQuote
    else if (ch === '\\') i++
    else if (ch === ';' && !inQuote) return code.slice(0, i)
  }
  return code
}

const MS_PER_DAY = 86_400_000
/** 1899-12-30, day 0 of the 1900 system once Excel's phantom 1900-02-29 is accounted for */
const EPOCH_1900 = Date.UTC(1899, 11, 30)
const EPOCH_1904 = Date.UTC(1904, 0, 1)
/** 9999-12-31, the last day Excel can show */
const MAX_SERIAL = 2_958_465

/**
 * An Excel serial as the wall-clock date and time the clerk typed, expressed as a UTC Date (a date alone → UTC
 * midnight), so that no machine's time zone can move a birthday by a day. Out-of-range serials stay numbers.
 */
export function serialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return null
  if (date1904) return new Date(EPOCH_1904 + Math.round(serial * MS_PER_DAY))
  // serials 1–60 count a 29 February 1900 that never was; shift them back onto the real calendar
  const days = serial >= 1 && serial < 61 ? serial + 1 : serial
  return new Date(EPOCH_1900 + Math.round(days * MS_PER_DAY))
}
