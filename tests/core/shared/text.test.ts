import { describe, expect, it } from 'vitest'
import {
  checkPhone,
  isBlank,
  normaliseName,
  normalisePhone,
  normaliseText,
  toHalfWidth,
} from '../../../src/core/shared/text'

describe('toHalfWidth', () => {
  it('maps the whole full-width ASCII range and the ideographic space', () => {
    expect(toHalfWidth('１２３ＡＢＣａｂｃ！～')).toBe('123ABCabc!~')
    expect(toHalfWidth('（１）、，；／')).toBe('(1)、,;/')
    expect(toHalfWidth('张\u3000三')).toBe('张 三')
  })

  it('leaves Chinese text and ASCII alone', () => {
    expect(toHalfWidth('困境儿童 abc 123')).toBe('困境儿童 abc 123')
    expect(toHalfWidth('')).toBe('')
  })
})

describe('normaliseText', () => {
  it('collapses every kind of whitespace run into one space and trims', () => {
    expect(normaliseText('  湖北省\u3000\u3000武汉市\t江岸区\r\n幸福村 \u00A0 ')).toBe('湖北省 武汉市 江岸区 幸福村')
  })

  it('drops zero-width characters', () => {
    expect(normaliseText('张\u200B三\uFEFF')).toBe('张三')
  })

  it('turns null and undefined into an empty string', () => {
    expect(normaliseText(null)).toBe('')
    expect(normaliseText(undefined)).toBe('')
  })
})

describe('normaliseName', () => {
  it('removes all spaces, since Chinese names have none', () => {
    expect(normaliseName('张　三')).toBe('张三')
    expect(normaliseName(' 欧 阳 娜娜 ')).toBe('欧阳娜娜')
  })

  it('keeps the middle dot of minority names and unifies its variants', () => {
    expect(normaliseName('阿卜杜·热合曼')).toBe('阿卜杜·热合曼')
    for (const dot of ['•', '・', '‧', '･', '∙', '⋅']) {
      expect(normaliseName(`阿卜杜${dot}热合曼`), dot).toBe('阿卜杜·热合曼')
    }
    expect(normaliseName('阿卜杜 · 热合曼')).toBe('阿卜杜·热合曼')
  })

  it('reads a full stop between Chinese characters as a middle dot', () => {
    expect(normaliseName('买买提.艾力')).toBe('买买提·艾力')
    expect(normaliseName('买买提．艾力')).toBe('买买提·艾力')
    expect(normaliseName('A.B')).toBe('A.B')
  })
})

describe('isBlank', () => {
  it('sees through every kind of space', () => {
    expect(isBlank('')).toBe(true)
    expect(isBlank(' \u3000\u00A0\t\n')).toBe(true)
    expect(isBlank(null)).toBe(true)
    expect(isBlank(undefined)).toBe(true)
    expect(isBlank(' 张 ')).toBe(false)
  })
})

describe('normalisePhone', () => {
  it('strips spaces and dashes and converts full-width digits', () => {
    expect(normalisePhone('138 1234 5678')).toBe('13812345678')
    expect(normalisePhone('138-1234-5678')).toBe('13812345678')
    expect(normalisePhone('１３８１２３４５６７８')).toBe('13812345678')
    expect(normalisePhone('0710－1234567')).toBe('07101234567')
    expect(normalisePhone('0710—1234567')).toBe('07101234567')
  })

  it('drops the country code of a mobile', () => {
    expect(normalisePhone('+86 138 1234 5678')).toBe('13812345678')
    expect(normalisePhone('8613812345678')).toBe('13812345678')
  })
})

describe('checkPhone', () => {
  it('accepts mobiles starting 13 to 19', () => {
    for (const p of ['13012345678', '14512345678', '15912345678', '16612345678', '17712345678', '18812345678', '19912345678']) {
      expect(checkPhone(p), p).toEqual({ ok: true, phone: p, kind: 'mobile' })
    }
    expect(checkPhone('138 1234 5678')).toEqual({ ok: true, phone: '13812345678', kind: 'mobile' })
  })

  it('accepts landlines with a 3 or 4 digit area code, dash or not', () => {
    for (const p of ['0710-1234567', '07101234567', '027-87654321', '02787654321', '0710-12345678', '010-1234567']) {
      const result = checkPhone(p)
      expect(result.ok && result.kind, p).toBe('landline')
    }
  })

  it('rejects a short or long mobile and says how many digits it has', () => {
    const short = checkPhone('1381234567')
    expect(short.ok).toBe(false)
    if (!short.ok) expect(short.reason).toContain('现为10位')
    const long = checkPhone('138123456789')
    expect(long.ok).toBe(false)
    if (!long.ok) expect(long.reason).toContain('11位')
    expect(checkPhone('12812345678').ok).toBe(false)
  })

  it('asks for the area code of a bare local number', () => {
    const result = checkPhone('8765432')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toContain('区号')
    // Local numbers never start with 1, so seven digits starting with 1 are a short mobile.
    const mobile = checkPhone('1381234')
    if (!mobile.ok) expect(mobile.reason).toContain('手机号')
  })

  it('rejects other values with a Chinese reason', () => {
    for (const p of ['', '无', 'abc', '0710-123456', '0710-123456789', '071-1234567', '00861234567', '0110-1234567']) {
      const result = checkPhone(p)
      expect(result.ok, p).toBe(false)
      if (!result.ok) expect(result.reason).toMatch(/电话|手机/)
    }
  })
})
