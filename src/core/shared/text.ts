/**
 * Text clean-up for what townships type into spreadsheets: full-width characters from Chinese
 * input methods, ideographic and non-breaking spaces, stray zero-width characters from web pages.
 */
import { toHalfWidth } from '../../contract/text'

// Zero-width characters are invisible in Excel but make two equal-looking names differ.
const ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF]/g
// JS \s already covers U+3000, U+00A0 and the other Unicode spaces.
const WHITESPACE_RUN = /\s+/g

// Defined in the contract, where the interface can use it too.
export { toHalfWidth }

/** Half-width, whitespace runs collapsed to one space, trimmed. Tolerates null from sheet cells. */
export function normaliseText(s: string | null | undefined): string {
  if (s == null) return ''
  return toHalfWidth(String(s)).replace(ZERO_WIDTH, '').replace(WHITESPACE_RUN, ' ').trim()
}

// Look-alikes of the middle dot that separates parts of Uyghur, Tibetan and foreign names.
const MIDDLE_DOT_VARIANTS = /[•・‧･∙⋅]/g
const HAN = '\\p{Script=Han}'
// An ASCII full stop between two Han characters ("买买提.艾力") is a typed middle dot; elsewhere we leave it.
const DOT_BETWEEN_HAN = new RegExp(`(?<=${HAN})\\.(?=${HAN})`, 'gu')

/**
 * Chinese names contain no spaces, so every space is a typing artefact ("张　三" → "张三").
 * The middle dot of minority names is kept, with its variants unified to "·" (U+00B7).
 */
export function normaliseName(s: string | null | undefined): string {
  return normaliseText(s)
    .replace(/ /g, '')
    .replace(MIDDLE_DOT_VARIANTS, '·')
    .replace(DOT_BETWEEN_HAN, '·')
}

export function isBlank(s: string | null | undefined): boolean {
  return normaliseText(s) === ''
}

/** Half-width, without spaces or dashes; a "+86" prefix on a mobile number is dropped. */
export function normalisePhone(s: string | null | undefined): string {
  const compact = normaliseText(s).replace(/[\s\-‐‑‒–—―−]/g, '')
  const international = /^\+?86(1\d{10})$/.exec(compact)
  return international ? international[1]! : compact
}

export type PhoneCheck =
  | { ok: true; phone: string; kind: 'mobile' | 'landline' }
  | { ok: false; reason: string }

/**
 * Accepts 11-digit mobiles (1[3-9]…) and landlines: a 3–4 digit area code and a 7–8 digit local
 * number, with or without the dash ("0710-1234567", "07101234567").
 */
export function checkPhone(s: string | null | undefined): PhoneCheck {
  const phone = normalisePhone(s)
  if (!phone) return { ok: false, reason: '联系电话为空，请填写11位手机号或带区号的固定电话。' }
  if (/^1[3-9]\d{9}$/.test(phone)) return { ok: true, phone, kind: 'mobile' }
  if (isLandline(phone)) return { ok: true, phone, kind: 'landline' }
  if (/^1\d*$/.test(phone)) {
    return {
      ok: false,
      reason: `手机号「${phone}」不正确：手机号应为11位、以13–19开头（现为${phone.length}位），请核对。`,
    }
  }
  if (/^[2-9]\d{6,7}$/.test(phone)) {
    return { ok: false, reason: `固定电话「${phone}」缺少区号，请写成“区号-号码”，如 0710-1234567。` }
  }
  return {
    ok: false,
    reason: `联系电话「${phone}」格式不正确：请填写11位手机号，或带区号的固定电话（如 0710-1234567）。`,
  }
}

function isLandline(phone: string): boolean {
  // Once the dash is gone the split is ambiguous, but the numbering plan settles it: the only
  // 3-digit area codes are 010 and 02x, every other area code has 4 digits (0310–0999).
  return /^(?:010|02\d)\d{7,8}$/.test(phone) || /^0[3-9]\d{2}\d{7,8}$/.test(phone)
}
