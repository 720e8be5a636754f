/**
 * Money is an integer number of fen (分) from the database to the edge of the UI. Binary floats
 * cannot hold 0.29 exactly, so nothing here multiplies a decimal by 100: amounts are read and
 * written digit by digit.
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

/** "1200" when whole, "1200.50" otherwise: amounts inside sentences such as a roster line's rule. */
export function formatYuanCompact(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen)
  return cents === 0 ? `${sign}${yuan}` : `${sign}${yuan}.${String(cents).padStart(2, '0')}`
}

// Commas are accepted only where thousands separators belong: "1,20" may be a decimal comma and
// guessing would move the amount by a factor of ten.
const AMOUNT = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/
// 13 integer digits keep every result below Number.MAX_SAFE_INTEGER fen.
const MAX_INTEGER_DIGITS = 13

/**
 * Fen from what a clerk types: "1200", "1,200.5", "１２００元", "￥80.00". Null for anything that
 * is not a non-negative amount with at most two decimals, so a typo is never read as money.
 */
export function parseYuan(text: string): number | null {
  // Spaces inside the number are refused: "12 00" is more likely a typo than a separator.
  const compact = toHalfWidth(text)
    .replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, '')
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
  const match = AMOUNT.exec(compact)
  if (!match) return null
  const digits = match[1]!.replace(/,/g, '').replace(/^0+(?=\d)/, '')
  if (digits.length > MAX_INTEGER_DIGITS) return null
  const decimals = (match[2] ?? '').padEnd(2, '0')
  return Number(digits) * 100 + Number(decimals)
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const
const PLACES = ['', '拾', '佰', '仟'] as const
// Index = group of four digits counted from 元 upwards.
const GROUPS = ['', '万', '亿'] as const
/** 999,999,999.99 yuan: the largest amount whose highest group is 亿 (no 万亿 needed). */
export const RMB_CAPITAL_MAX_FEN = 99_999_999_999

function digit(d: number): string {
  return DIGITS[d]!
}

/**
 * The integer part in capitals. One 零 stands for any run of zeros that has a non-zero digit on
 * both sides, even across a 万 or 亿 boundary (1,001,000 → 壹佰万零壹仟); zeros at the end say
 * nothing. Where the rules make that 零 optional (107,000 → 壹拾万[零]柒仟) we still write it, so
 * one rule covers every case. 拾 is always written with its digit (壹拾), as banks do, so no one can add a digit before it.
 */
function capitalInteger(yuan: number): string {
  const groups: number[] = []
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000)
  let out = ''
  let zeroPending = false
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!
    if (group === 0) {
      zeroPending = out !== ''
      continue
    }
    for (let place = 3; place >= 0; place--) {
      const d = Math.floor(group / 10 ** place) % 10
      if (d === 0) {
        if (out !== '') zeroPending = true
        continue
      }
      if (zeroPending) out += '零'
      zeroPending = false
      out += digit(d) + PLACES[place]!
    }
    out += GROUPS[g]!
  }
  return out
}

/**
 * 人民币大写 as written on vouchers and roster totals, following the People's Bank rules for
 * filling in capital amounts:
 * - 整 follows 元 when there are no 角 and 分 (壹仟贰佰元整). After 角 the rules allow 整 or
 *   nothing; we write nothing (伍拾元伍角), so that 整 always means "whole yuan".
 * - A zero 角 between 元 and a non-zero 分 is read as 零 (壹元零伍分).
 * - A zero 元 digit before a non-zero 角 may be written with or without 零; we leave it out
 *   (壹拾元伍角), the shorter form the rules show first.
 * - Below one yuan there is no 零元 prefix (伍分, 伍角); nothing at all is 零元整.
 */
export function rmbCapital(fen: number): string {
  if (!Number.isInteger(fen) || fen < 0 || fen > RMB_CAPITAL_MAX_FEN) {
    throw new RangeError(`rmbCapital: amount must be whole fen from 0 to ${RMB_CAPITAL_MAX_FEN}, got ${fen}`)
  }
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cents = fen % 10
  if (fen === 0) return '零元整'
  let out = yuan > 0 ? `${capitalInteger(yuan)}元` : ''
  if (jiao === 0 && cents === 0) return `${out}整`
  if (jiao > 0) out += `${digit(jiao)}角`
  else if (yuan > 0) out += '零'
  if (cents > 0) out += `${digit(cents)}分`
  return out
}
