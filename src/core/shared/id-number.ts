/**
 * Citizen identity numbers (公民身份号码) per GB 11643-1999: 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
 */
import { formatIsoDate, isIsoDate, isValidDate } from './dates'
import { normalisePhone, toHalfWidth } from './text'

export type IdFailureCode =
  | 'empty'
  | 'length'
  | 'chars'
  | 'scientific'
  | 'region'
  | 'birth_date'
  | 'future'
  | 'check_digit'

export type IdCheck =
  | { ok: true; idNumber: string; birthDate: string; sex: 'M' | 'F'; regionCode: string }
  | { ok: false; reason: string; code: IdFailureCode }

// Province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao included as the standard lists them).
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
])

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

/** Trims and removes every kind of space, full-width to half-width, lower-case x to X. */
export function normaliseIdNumber(raw: string | null | undefined): string {
  if (raw == null) return ''
  return toHalfWidth(String(raw))
    .replace(/[\s\u200B\u200C\u200D\u2060\uFEFF]/g, '')
    .toUpperCase()
}

/** The check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits, got ${JSON.stringify(first17)}`)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

export function checkIdNumber(raw: string | null | undefined, today: string): IdCheck {
  if (!isIsoDate(today)) throw new RangeError(`today must be an ISO date, got ${JSON.stringify(today)}`)
  const id = normaliseIdNumber(raw)
  if (!id) return fail('empty', '身份证号为空，请填写18位公民身份号码。')

  if (/E\+?\d/.test(id) && /^[\d.]+E/.test(id)) {
    return fail(
      'scientific',
      `身份证号「${id}」被Excel变成了科学计数法数字，后几位已经丢失，无法还原。` +
        '请把该列单元格格式设为「文本」，再重新录入完整的18位号码。',
    )
  }

  const length = [...id].length
  if (length === 15 && /^\d{15}$/.test(id)) {
    return fail(
      'length',
      '身份证号为15位，是第一代身份证的旧号码，本系统不接受。请填写现行的18位公民身份号码（可在户口簿或新身份证上查到）。',
    )
  }
  if (length !== 18) {
    return fail('length', `身份证号应为18位，现为${length}位，请核对是否多输或漏输。`)
  }

  if (!/^\d{17}[\dX]$/.test(id)) {
    const chars = [...id]
    const position = chars.findIndex((c, i) => (i < 17 ? !/\d/.test(c) : !/[\dX]/.test(c)))
    return fail(
      'chars',
      `身份证号第${position + 1}位「${chars[position]}」不正确：前17位只能是数字，第18位是数字或X。请核对。`,
    )
  }

  const province = id.slice(0, 2)
  if (!PROVINCE_CODES.has(province)) {
    return fail('region', `身份证号前两位「${province}」不是有效的省份代码，请核对号码开头是否输错。`)
  }

  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const digits = id.slice(6, 14)
  if (!isValidDate(y, m, d)) {
    return fail('birth_date', `身份证号第7–14位的出生日期「${digits}」不是有效日期，请核对。`)
  }
  if (y < 1900) {
    return fail('birth_date', `身份证号中的出生日期「${digits}」早于1900年，请核对第7–14位。`)
  }
  const birthDate = formatIsoDate(y, m, d)
  if (birthDate > today) {
    return fail('future', `身份证号中的出生日期${birthDate}晚于今天，请核对第7–14位。`)
  }

  const expected = idCheckDigit(id.slice(0, 17))
  if (id[17] !== expected) {
    return fail(
      'check_digit',
      `身份证号校验码不对：按前17位计算，第18位校验码应为${expected}，现为${id[17]}。号码很可能有一位输错或两位颠倒，请与户口簿或身份证逐位核对。`,
    )
  }

  return {
    ok: true,
    idNumber: id,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
    regionCode: id.slice(0, 6),
  }
}

function fail(code: IdFailureCode, reason: string): IdCheck {
  return { ok: false, code, reason }
}

/**
 * Builds a valid number for tests and generated data. The parity of the sequence decides the sex:
 * odd is male.
 */
export function makeIdNumber(region6: string, birthDate: string, seq3: string | number): string {
  if (!/^\d{6}$/.test(region6)) throw new RangeError(`region must be 6 digits, got ${JSON.stringify(region6)}`)
  const compact = birthDate.replace(/-/g, '')
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(compact)
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`birth date must be a real date, got ${JSON.stringify(birthDate)}`)
  }
  const seq = String(seq3).padStart(3, '0')
  if (!/^\d{3}$/.test(seq)) throw new RangeError(`sequence must be 0–999, got ${JSON.stringify(seq3)}`)
  const first17 = region6 + compact + seq
  return first17 + idCheckDigit(first17)
}

/** "4201**********1234": enough to tell records apart on screen without exposing the number. */
export function maskIdNumber(id: string | null | undefined): string {
  const s = (id ?? '').trim()
  if (s.length > 8) return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4)
  // Keeping four at each end would reveal a short value whole.
  if (s.length > 2) return '*'.repeat(s.length - 2) + s.slice(-2)
  return '*'.repeat(s.length)
}

/** "138****5678" for mobiles; other numbers keep only their last four digits. */
export function maskPhone(phone: string | null | undefined): string {
  const s = normalisePhone(phone)
  if (/^1\d{10}$/.test(s)) return s.slice(0, 3) + '****' + s.slice(-4)
  if (s.length > 4) return '*'.repeat(s.length - 4) + s.slice(-4)
  return '*'.repeat(s.length)
}
