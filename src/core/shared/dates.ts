/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Birthdays and ages are pure calendar arithmetic:
 * a Date in the machine's time zone could move a birthday by one day.
 */
import { toHalfWidth } from './text'

export type LooseDate = { ok: true; date: string } | { ok: false; reason: string }
export type LooseYearMonth = { ok: true; month: string } | { ok: false; reason: string }

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// Invisible characters pasted from web pages would otherwise make a date unreadable.
const ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF]/g

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  )
}

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false
  const m = ISO_DATE.exec(s)
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

export function formatIsoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function splitIso(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso)
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    // Callers pass dates that were already validated; anything else is a programming error.
    throw new RangeError(`not an ISO date: ${JSON.stringify(iso)}`)
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

/**
 * Completed years on `onDate`. Comparing (month, day) pairs makes a Feb 29 child one year older
 * on Mar 1 in common years, since (2, 28) < (2, 29). Negative when onDate precedes the birth.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = splitIso(birthDate)
  const [oy, om, od] = splitIso(onDate)
  let age = oy - by
  if (om < bm || (om === bm && od < bd)) age -= 1
  return age
}

/** Same calendar day n years later (or earlier); Feb 29 lands on Feb 28 in common years. */
export function addYears(iso: string, n: number): string {
  const [y, m, d] = splitIso(iso)
  const year = y + n
  return formatIsoDate(year, m, Math.min(d, daysInMonth(year, m)))
}

/** The calendar day n days later (or earlier). */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = splitIso(iso)
  return formatIsoDate(...civilFromDays(daysFromCivil(y, m, d) + n))
}

/** The clerk's "today": the local calendar date of this machine, deliberately not UTC. */
export function todayIso(now: Date = new Date()): string {
  return formatIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate())
}

// Days from 1970-01-01 to a civil date and back, in pure integer arithmetic (proleptic Gregorian).
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d]
}

const DAYS_1899_12_31 = daysFromCivil(1899, 12, 31)
// The last serial Excel can display (9999-12-31).
const MAX_EXCEL_SERIAL = 2958465

/**
 * Excel's 1900 date system counts 1900-01-01 as 1 and, copying a Lotus 1-2-3 bug, has a
 * 1900-02-29 at serial 60; every serial after it is one day ahead of the real count.
 */
export function excelSerialToIso(serial: number): LooseDate {
  const whole = Math.floor(serial)
  if (!Number.isFinite(serial) || whole < 1 || whole > MAX_EXCEL_SERIAL) {
    return { ok: false, reason: `数字「${serial}」不是有效的Excel日期。${FORMATS_HINT}` }
  }
  if (whole === 60) {
    return {
      ok: false,
      reason: 'Excel日期序号60对应的1900年2月29日并不存在（Excel的历史错误），请填写正确日期。',
    }
  }
  const [y, m, d] = civilFromDays(DAYS_1899_12_31 + (whole < 60 ? whole : whole - 1))
  return { ok: true, date: formatIsoDate(y, m, d) }
}

const FORMATS_HINT = '可接受的写法：2015-03-02、2015-3-2、2015.3.2、2015/3/2、2015年3月2日、20150302。'
const DATE_SEPARATED = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/
// Exports and CSVs often carry a midnight time ("2015/3/2 0:00:00"); the time is not part of a date.
const TRAILING_TIME = /(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/
// A cell read as text can still hold a serial; only five digits are taken as one, since shorter
// numbers ("2015") are far more likely to be something else.
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/

function fromParts(y: number, m: number, d: number, shown: string): LooseDate {
  if (isValidDate(y, m, d)) return { ok: true, date: formatIsoDate(y, m, d) }
  if (m >= 1 && m <= 12 && y >= 1) {
    return {
      ok: false,
      reason: `日期「${shown}」不存在：${y}年${m}月只有${daysInMonth(y, m)}天，请核对。`,
    }
  }
  return { ok: false, reason: `日期「${shown}」中的月份「${m}」不正确（应为1–12），请核对。` }
}

/**
 * Reads a date the way townships write it. Date objects are expected as exceljs returns them,
 * at UTC midnight, so their UTC fields are the calendar date that was in the cell.
 */
export function parseLooseDate(raw: string | number | Date | null | undefined): LooseDate {
  if (raw == null) return { ok: false, reason: `日期为空。${FORMATS_HINT}` }
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: `日期无效。${FORMATS_HINT}` }
    return fromParts(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), raw.toISOString())
  }
  if (typeof raw === 'number') {
    // A number typed as 20150302 arrives as a number, not a serial (serials stop at 2958465).
    if (Number.isInteger(raw) && raw >= 10000101 && raw <= 99991231) return parseLooseDate(String(raw))
    return excelSerialToIso(raw)
  }
  const text = toHalfWidth(raw).replace(ZERO_WIDTH, '').trim()
  if (!text) return { ok: false, reason: `日期为空。${FORMATS_HINT}` }
  const withoutTime = text.replace(TRAILING_TIME, '')
  const parts = DATE_SEPARATED.exec(withoutTime) ?? DATE_COMPACT.exec(withoutTime)
  if (parts) return fromParts(Number(parts[1]), Number(parts[2]), Number(parts[3]), text)
  if (SERIAL_TEXT.test(withoutTime)) return excelSerialToIso(Number(withoutTime))
  if (/[Ee]\+?\d+$/.test(withoutTime)) {
    return {
      ok: false,
      reason: `日期「${text}」被Excel转成了科学计数法数字，无法还原，请把该列设为「文本」后重新填写。${FORMATS_HINT}`,
    }
  }
  return { ok: false, reason: `无法识别日期「${text}」。${FORMATS_HINT}` }
}

const MONTH_FORMATS_HINT = '可接受的写法：1968-05、1968.05、1968.5、1968/5、1968年5月、196805。'
const YEAR_MONTH_SEPARATED = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$/
const YEAR_MONTH_COMPACT = /^(\d{4})(\d{2})$/

function monthFromParts(y: number, m: number, shown: string): LooseYearMonth {
  if (y >= 1 && m >= 1 && m <= 12) {
    return { ok: true, month: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}` }
  }
  return { ok: false, reason: `出生年月「${shown}」中的月份「${m}」不正确（应为1–12），请核对。` }
}

/** 出生年月 as written on staff forms → 'YYYY-MM'. Full dates are accepted and cut to the month. */
export function parseYearMonth(raw: string | number | Date | null | undefined): LooseYearMonth {
  if (raw == null) return { ok: false, reason: `出生年月为空。${MONTH_FORMATS_HINT}` }
  if (raw instanceof Date) {
    const date = parseLooseDate(raw)
    return date.ok ? { ok: true, month: date.date.slice(0, 7) } : date
  }
  if (typeof raw === 'number') return yearMonthFromNumber(raw)
  const text = toHalfWidth(raw).replace(ZERO_WIDTH, '').trim()
  if (!text) return { ok: false, reason: `出生年月为空。${MONTH_FORMATS_HINT}` }
  const parts = YEAR_MONTH_SEPARATED.exec(text) ?? YEAR_MONTH_COMPACT.exec(text)
  if (parts) return monthFromParts(Number(parts[1]), Number(parts[2]), text)
  const date = parseLooseDate(text)
  if (date.ok) return { ok: true, month: date.date.slice(0, 7) }
  return { ok: false, reason: `无法识别出生年月「${text}」。${MONTH_FORMATS_HINT}` }
}

function yearMonthFromNumber(raw: number): LooseYearMonth {
  const shown = String(raw)
  if (Number.isInteger(raw) && raw >= 100001 && raw <= 999912) return parseYearMonth(shown)
  if (Number.isInteger(raw) && raw >= 10000101 && raw <= 99991231) return parseYearMonth(shown)
  if (raw >= 1000 && raw < 10000) {
    const year = Math.floor(raw)
    if (Number.isInteger(raw)) {
      return { ok: false, reason: `出生年月「${shown}」只有年份，请补上月份。${MONTH_FORMATS_HINT}` }
    }
    // Excel keeps 1968.05 as the number 1968.05 but 1968.10 as 1968.1, the same number as
    // 1968.1 meaning January, so a single decimal 1 cannot be decided here.
    const decimals = shown.split('.')[1] ?? ''
    if (decimals === '1') {
      return {
        ok: false,
        reason: `出生年月「${shown}」无法确定是${year}年1月还是10月（Excel会把${year}.10存成${year}.1）。请把该列设为「文本」后写成 ${year}-01 或 ${year}-10。`,
      }
    }
    if (decimals.length <= 2) return monthFromParts(year, Number(decimals), shown)
    return { ok: false, reason: `无法识别出生年月「${shown}」。${MONTH_FORMATS_HINT}` }
  }
  // Anything else numeric is taken as an Excel date serial from an unformatted date cell.
  const date = excelSerialToIso(raw)
  if (date.ok) return { ok: true, month: date.date.slice(0, 7) }
  return { ok: false, reason: `无法识别出生年月「${shown}」。${MONTH_FORMATS_HINT}` }
}
