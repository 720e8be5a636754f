/**
 * Money is an integer number of fen (分) from the database to the edge of the UI. Reading and writing yuan
 * text lives in the contract (the interface uses it too); the 人民币大写 of vouchers and totals is here.
 */
export {
  formatYuan,
  formatYuanCompact,
  formatYuanGrouped,
  parseYuan,
  readYuan,
  yuanAsNumber,
  type YuanReading,
} from '../../contract/money'

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
