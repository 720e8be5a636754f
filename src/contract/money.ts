/**
 * Money is an integer number of fen (分) from the database to the edge of the UI. Binary floats cannot hold 0.29
 * exactly, so nothing here multiplies a decimal by 100: amounts are read and written digit by digit. Here, at the
 * bottom of the tree, so the interface reads what a clerk types with the same parser the services use.
 */
import { toHalfWidth } from './text'

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`)
}

function splitFen(fen: number): { sign: string; yuan: number; cents: number } {
  assertFen(fen)
  const abs = Math.abs(fen)
  return { sign: fen < 0 ? '-' : '', yuan: Math.floor(abs / 100), cents: abs % 100 }
}

/** "1200.00", "-12.50": the form clerks type and spreadsheets keep. */
export function formatYuan(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen)
  return `${sign}${yuan}.${String(cents).padStart(2, '0')}`
}

/** "1,200.00": printed totals, where long numbers must be readable at a glance. */
export function formatYuanGrouped(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen)
  const grouped = String(yuan).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${sign}${grouped}.${String(cents).padStart(2, '0')}`
}

/**
 * Yuan as a JS number, for a spreadsheet cell or a chart axis that wants one: the number nearest the decimal
 * the fen digits spell, never a product that rounding could move.
 */
export function yuanAsNumber(fen: number): number {
  return Number(formatYuan(fen))
}

/** "1200" when whole, "1200.50" otherwise: amounts inside sentences such as a roster line's rule. */
export function formatYuanCompact(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen)
  return cents === 0 ? `${sign}${yuan}` : `${sign}${yuan}.${String(cents).padStart(2, '0')}`
}

// Commas are accepted only where thousands separators belong: "1,20" may be a decimal comma and
// guessing would move the amount by a factor of ten.
const AMOUNT = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/
const TOO_PRECISE = /^[\d,]+\.\d{3,}$/
// 13 integer digits keep every result below Number.MAX_SAFE_INTEGER fen.
const MAX_INTEGER_DIGITS = 13
const EXAMPLE = '如 1200、1200.50 或 1,200.50'

export type YuanReading = { ok: true; fen: number } | { ok: false; reason: string }

/**
 * Fen from what a clerk types: "1200", "1,200.5", "１２００元", "￥80.00". Anything that is not a non-negative
 * amount with at most two decimals is refused with the reason in words, so a typo is never read as money
 * (and 1.005 is not rounded to 1.01 behind the clerk's back).
 */
export function readYuan(text: string, options: { maxFen?: number } = {}): YuanReading {
  // Spaces inside the number are refused: "12 00" is more likely a typo than a separator.
  const compact = toHalfWidth(text)
    .replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, '')
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
  if (compact === '') return { ok: false, reason: `请填写金额（元），${EXAMPLE}。` }
  if (/^[-−]/.test(compact)) return { ok: false, reason: `金额「${text.trim()}」不能为负数。` }
  if (TOO_PRECISE.test(compact)) return { ok: false, reason: `金额「${text.trim()}」最多两位小数（精确到分），${EXAMPLE}。` }
  const match = AMOUNT.exec(compact)
  if (!match) return { ok: false, reason: `「${text.trim()}」不是有效的金额，${EXAMPLE}。` }
  const digits = match[1]!.replace(/,/g, '').replace(/^0+(?=\d)/, '')
  if (digits.length > MAX_INTEGER_DIGITS) return { ok: false, reason: `金额「${text.trim()}」过大，请核对。` }
  const decimals = (match[2] ?? '').padEnd(2, '0')
  const fen = Number(digits) * 100 + Number(decimals)
  if (options.maxFen !== undefined && fen > options.maxFen) {
    return { ok: false, reason: `金额「${text.trim()}」超过上限 ${formatYuanGrouped(options.maxFen)} 元，请核对。` }
  }
  return { ok: true, fen }
}

/** readYuan without the reason: the fen, or null for anything that is not an amount. */
export function parseYuan(text: string): number | null {
  const reading = readYuan(text)
  return reading.ok ? reading.fen : null
}
