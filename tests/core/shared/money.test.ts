import { describe, expect, it } from 'vitest'
import {
  RMB_CAPITAL_MAX_FEN,
  formatYuan,
  formatYuanCompact,
  formatYuanGrouped,
  parseYuan,
  rmbCapital,
} from '../../../src/core/shared/money'
import * as contractMoney from '../../../src/contract/money'
import { readYuan, yuanAsNumber } from '../../../src/contract/money'
import { amountRule, fenOfChecked, readAmount, yuan } from '../../../src/renderer/components/money'

describe('formatYuan', () => {
  it('writes two decimals without separators', () => {
    expect(formatYuan(120000)).toBe('1200.00')
    expect(formatYuan(0)).toBe('0.00')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(50)).toBe('0.50')
    expect(formatYuan(123456789)).toBe('1234567.89')
  })

  it('keeps the sign of a negative amount', () => {
    expect(formatYuan(-1250)).toBe('-12.50')
    expect(formatYuan(-5)).toBe('-0.05')
  })

  it('refuses fractions of a fen', () => {
    expect(() => formatYuan(12.5)).toThrow(RangeError)
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError)
  })
})

describe('formatYuanGrouped', () => {
  it('groups thousands', () => {
    expect(formatYuanGrouped(120000)).toBe('1,200.00')
    expect(formatYuanGrouped(99999)).toBe('999.99')
    expect(formatYuanGrouped(100000)).toBe('1,000.00')
    expect(formatYuanGrouped(123456789012)).toBe('1,234,567,890.12')
    expect(formatYuanGrouped(-123456789)).toBe('-1,234,567.89')
    expect(formatYuanGrouped(0)).toBe('0.00')
  })
})

describe('formatYuanCompact', () => {
  it('drops .00 from whole amounts only', () => {
    expect(formatYuanCompact(120000)).toBe('1200')
    expect(formatYuanCompact(120050)).toBe('1200.50')
    expect(formatYuanCompact(120005)).toBe('1200.05')
    expect(formatYuanCompact(0)).toBe('0')
  })
})

describe('parseYuan', () => {
  it('reads what clerks type', () => {
    expect(parseYuan('1200')).toBe(120000)
    expect(parseYuan('1,200.5')).toBe(120050)
    expect(parseYuan('１２００元')).toBe(120000)
    expect(parseYuan('80.00')).toBe(8000)
    expect(parseYuan(' 80 ')).toBe(8000)
    expect(parseYuan('￥1,200.00')).toBe(120000)
    expect(parseYuan('¥60')).toBe(6000)
    expect(parseYuan('￥ 60 元')).toBe(6000)
    expect(parseYuan('１，２００．５０元')).toBe(120050)
    expect(parseYuan('0')).toBe(0)
    expect(parseYuan('007.5')).toBe(750)
  })

  it('is exact where float multiplication is not', () => {
    expect(0.29 * 100).not.toBe(29)
    expect(parseYuan('0.29')).toBe(29)
    expect(parseYuan('1.15')).toBe(115)
    expect(parseYuan('4833.57')).toBe(483357)
    for (let fen = 0; fen < 100_000; fen += 7) {
      expect(parseYuan(formatYuan(fen))).toBe(fen)
    }
  })

  it('round-trips with the grouped format', () => {
    for (const fen of [0, 1, 99, 100000, 123456789, 99999999999]) {
      expect(parseYuan(formatYuanGrouped(fen))).toBe(fen)
    }
  })

  it('returns null for anything that is not a plain non-negative amount', () => {
    for (const bad of [
      '',
      '   ',
      '元',
      '-12',
      '12.345',
      '1.2.3',
      '.5',
      '5.',
      '1,20',
      '12,00.00',
      '1,2000',
      'abc',
      '12a',
      '1e3',
      '壹仟元',
      '12 00',
      'NaN',
      '99999999999999',
    ]) {
      expect(parseYuan(bad), bad).toBeNull()
    }
  })
})

function refusal(text: string, options?: { maxFen?: number }): string {
  const reading = readYuan(text, options)
  if (reading.ok) throw new Error(`${text} was read as ${reading.fen} fen`)
  return reading.reason
}

describe('readYuan: one parser for the services and the interface', () => {
  it('is the parser core re-exports, not a copy', () => {
    expect(parseYuan).toBe(contractMoney.parseYuan)
    expect(formatYuan).toBe(contractMoney.formatYuan)
    expect(yuan).toBe(contractMoney.formatYuanGrouped)
  })

  it('reads grouped, full-width and currency-marked amounts to exact fen', () => {
    expect(readYuan('1,200.50')).toEqual({ ok: true, fen: 120050 })
    expect(readYuan('１２００．５０')).toEqual({ ok: true, fen: 120050 })
    expect(readYuan('１，２００．５元')).toEqual({ ok: true, fen: 120050 })
    expect(readYuan('￥0.29')).toEqual({ ok: true, fen: 29 })
  })

  it('adds 0.1 and 0.2 to exactly 0.3, where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    const sum = parseYuan('0.1')! + parseYuan('0.2')!
    expect(sum).toBe(30)
    expect(sum).toBe(parseYuan('0.3'))
    expect(formatYuan(sum)).toBe('0.30')
  })

  it('refuses 1.005 instead of rounding it, and says why', () => {
    expect(Math.round(1.005 * 100)).toBe(100) // what the float conversion it replaces made of it
    expect(refusal('1.005')).toBe('金额「1.005」最多两位小数（精确到分），如 1200、1200.50 或 1,200.50。')
    expect(refusal('１２．３４５')).toContain('最多两位小数')
    expect(refusal('1,200.505')).toContain('最多两位小数')
  })

  it('refuses negative, empty and malformed amounts with a message that names them', () => {
    expect(refusal('-5')).toBe('金额「-5」不能为负数。')
    expect(refusal('－５')).toBe('金额「－５」不能为负数。')
    expect(refusal('   ')).toBe('请填写金额（元），如 1200、1200.50 或 1,200.50。')
    expect(refusal('1,20')).toBe('「1,20」不是有效的金额，如 1200、1200.50 或 1,200.50。')
    expect(refusal('12a')).toContain('「12a」不是有效的金额')
    expect(refusal('99999999999999')).toBe('金额「99999999999999」过大，请核对。')
  })

  it('holds to an upper limit when asked, the limit itself allowed', () => {
    expect(readYuan('1,000,000', { maxFen: 100_000_000 })).toEqual({ ok: true, fen: 100_000_000 })
    expect(refusal('1000000.01', { maxFen: 100_000_000 })).toBe('金额「1000000.01」超过上限 1,000,000.00 元，请核对。')
  })

  it('gives a spreadsheet or chart the number the fen digits spell', () => {
    expect(yuanAsNumber(29)).toBe(0.29)
    expect(yuanAsNumber(120050)).toBe(1200.5)
    expect(yuanAsNumber(-5)).toBe(-0.05)
  })
})

describe('money fields of the interface', () => {
  const validate = (value: string | undefined) =>
    (amountRule as { validator: (rule: unknown, value: string | undefined) => Promise<void> }).validator({}, value)

  it('passes a typed amount and gives its fen', async () => {
    await expect(validate('1,300.00')).resolves.toBeUndefined()
    expect(fenOfChecked('1,300.00')).toBe(130000)
    expect(readAmount('1000000')).toEqual({ ok: true, fen: 100_000_000 })
  })

  it("refuses what the parser refuses, with the parser's reason as the field's message", async () => {
    await expect(validate('1.005')).rejects.toThrow('金额「1.005」最多两位小数')
    await expect(validate('')).rejects.toThrow('请填写金额')
    await expect(validate(undefined)).rejects.toThrow('请填写金额')
    await expect(validate('2000000')).rejects.toThrow('超过上限 1,000,000.00 元')
    expect(() => fenOfChecked('-1')).toThrow('not checked')
  })
})

// Known pairs, written out by hand from the People's Bank rules and bank practice.
const CAPITALS: [number, string][] = [
  [0, '零元整'],
  [1, '壹分'],
  [5, '伍分'],
  [10, '壹角'],
  [50, '伍角'],
  [55, '伍角伍分'],
  [100, '壹元整'],
  [105, '壹元零伍分'],
  [150, '壹元伍角'],
  [1000, '壹拾元整'],
  [1050, '壹拾元伍角'],
  [1005, '壹拾元零伍分'],
  [1100, '壹拾壹元整'],
  [2000, '贰拾元整'],
  [6000, '陆拾元整'],
  [8000, '捌拾元整'],
  [10000, '壹佰元整'],
  [10100, '壹佰零壹元整'],
  [11000, '壹佰壹拾元整'],
  [30000, '叁佰元整'],
  [100000, '壹仟元整'],
  [100100, '壹仟零壹元整'],
  [100500, '壹仟零伍元整'],
  [100550, '壹仟零伍元伍角'],
  [101000, '壹仟零壹拾元整'],
  [120000, '壹仟贰佰元整'],
  [360000, '叁仟陆佰元整'],
  [168032, '壹仟陆佰捌拾元叁角贰分'],
  [483300, '肆仟捌佰叁拾叁元整'],
  [1000000, '壹万元整'],
  [1000100, '壹万零壹元整'],
  [1200000, '壹万贰仟元整'],
  [10000000, '壹拾万元整'],
  [10001000, '壹拾万零壹拾元整'],
  // The rules allow 壹拾万柒仟元… or 壹拾万零柒仟元…; we always read the zero 万 digit.
  [10700053, '壹拾万零柒仟元伍角叁分'],
  [100000000, '壹佰万元整'],
  [100000100, '壹佰万零壹元整'],
  [100100000, '壹佰万零壹仟元整'],
  [101000000, '壹佰零壹万元整'],
  [325004700, '叁佰贰拾伍万零肆拾柒元整'],
  [1010000000, '壹仟零壹拾万元整'],
  [1000100000, '壹仟万零壹仟元整'],
  [10000000000, '壹亿元整'],
  [10000000100, '壹亿零壹元整'],
  [11000000000, '壹亿壹仟万元整'],
  [10100000000, '壹亿零壹佰万元整'],
  [10001000000, '壹亿零壹万元整'],
  [10000010000, '壹亿零壹佰元整'],
  [10010010000, '壹亿零壹拾万零壹佰元整'],
  [99999999999, '玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  [90000000009, '玖亿元零玖分'],
  [12345678910, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角'],
]

describe('rmbCapital', () => {
  it.each(CAPITALS)('%i fen → %s', (fen, capital) => {
    expect(rmbCapital(fen)).toBe(capital)
  })

  it('knows at least forty amounts', () => {
    expect(CAPITALS.length).toBeGreaterThanOrEqual(40)
  })

  it('throws outside 0 to 999,999,999.99 yuan and for fractions of a fen', () => {
    expect(() => rmbCapital(-1)).toThrow(RangeError)
    expect(() => rmbCapital(RMB_CAPITAL_MAX_FEN + 1)).toThrow(RangeError)
    expect(() => rmbCapital(0.5)).toThrow(RangeError)
    expect(() => rmbCapital(Number.NaN)).toThrow(RangeError)
    expect(() => rmbCapital(Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(rmbCapital(RMB_CAPITAL_MAX_FEN)).toMatch(/^玖亿/)
  })
})

// A reader of capitals that shares no code with rmbCapital: it adds up digit × place within a
// section and multiplies sections by 万 and 亿, ignoring 零, so it checks values, not spelling.
const DIGIT_VALUE: Record<string, number> = {
  零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
}
const PLACE_VALUE: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 }

function readSection(text: string): number {
  let total = 0
  let pending = 0
  for (const ch of text) {
    if (ch in DIGIT_VALUE) pending = DIGIT_VALUE[ch]!
    else if (ch in PLACE_VALUE) {
      if (pending === 0) throw new Error(`place without digit in ${text}`)
      total += pending * PLACE_VALUE[ch]!
      pending = 0
    } else throw new Error(`unexpected ${ch} in ${text}`)
  }
  return total + pending
}

function readCapital(capital: string): number {
  const m = /^(?:(.*)元)?(?:整|(?:([壹贰叁肆伍陆柒捌玖])角)?(?:零?([壹贰叁肆伍陆柒捌玖])分)?)$/.exec(capital)
  if (!m) throw new Error(`cannot read ${capital}`)
  let yuan = 0
  let rest = m[1] ?? ''
  if (rest === '零') rest = ''
  const yi = rest.split('亿')
  if (yi.length === 2) {
    yuan += readSection(yi[0]!) * 100_000_000
    rest = yi[1]!
  }
  const wan = rest.split('万')
  if (wan.length === 2) {
    yuan += readSection(wan[0]!) * 10_000
    rest = wan[1]!
  }
  yuan += readSection(rest)
  const jiao = m[2] ? DIGIT_VALUE[m[2]]! : 0
  const fen = m[3] ? DIGIT_VALUE[m[3]]! : 0
  return yuan * 100 + jiao * 10 + fen
}

// Deterministic, so a failure can be reproduced from the seed.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Amounts rich in zeros, where the 零 rules bite: each digit is zero half the time. */
function sparseAmount(random: () => number): number {
  const length = 1 + Math.floor(random() * 11)
  let n = 0
  for (let i = 0; i < length; i++) n = n * 10 + (random() < 0.5 ? 0 : 1 + Math.floor(random() * 9))
  return n
}

describe('rmbCapital, checked by reading it back', () => {
  it('the reader agrees with the known pairs', () => {
    for (const [fen, capital] of CAPITALS) expect(readCapital(capital)).toBe(fen)
  })

  it('every random amount reads back to itself and follows the zero rules', () => {
    const random = mulberry32(20260101)
    for (let i = 0; i < 20_000; i++) {
      const fen =
        i % 2 === 0 ? sparseAmount(random) : Math.floor(random() * (RMB_CAPITAL_MAX_FEN + 1))
      const capital = rmbCapital(fen)
      expect(readCapital(capital), `${fen} → ${capital}`).toBe(fen)
      if (fen === 0) continue
      expect(capital, `${fen}`).not.toMatch(/零零|零[元万亿整角]|^零|[拾佰仟万亿零]$/)
      expect(capital, `${fen}`).not.toMatch(/^[拾佰仟万亿元]/)
      expect(capital.endsWith('整')).toBe(fen % 100 === 0)
    }
  })
})
