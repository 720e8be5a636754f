import { describe, expect, it } from 'vitest'
import {
  addYears,
  ageOn,
  civilFromDays,
  daysFromCivil,
  excelSerialToIso,
  isIsoDate,
  isValidDate,
  parseLooseDate,
  parseYearMonth,
  todayIso,
} from '../../../src/core/shared/dates'

function date(raw: Parameters<typeof parseLooseDate>[0]): string {
  const result = parseLooseDate(raw)
  if (!result.ok) throw new Error(`${String(raw)}: ${result.reason}`)
  return result.date
}

function reason(raw: Parameters<typeof parseLooseDate>[0]): string {
  const result = parseLooseDate(raw)
  if (result.ok) throw new Error(`${String(raw)} parsed as ${result.date}`)
  return result.reason
}

function month(raw: Parameters<typeof parseYearMonth>[0]): string {
  const result = parseYearMonth(raw)
  if (!result.ok) throw new Error(`${String(raw)}: ${result.reason}`)
  return result.month
}

describe('isValidDate and isIsoDate', () => {
  it('follows the Gregorian leap-year rule', () => {
    expect(isValidDate(2000, 2, 29)).toBe(true)
    expect(isValidDate(2024, 2, 29)).toBe(true)
    expect(isValidDate(1900, 2, 29)).toBe(false)
    expect(isValidDate(2023, 2, 29)).toBe(false)
    expect(isValidDate(2100, 2, 29)).toBe(false)
  })

  it('knows the length of every month', () => {
    expect(isValidDate(2015, 4, 31)).toBe(false)
    expect(isValidDate(2015, 12, 31)).toBe(true)
    expect(isValidDate(2015, 13, 1)).toBe(false)
    expect(isValidDate(2015, 0, 1)).toBe(false)
    expect(isValidDate(2015, 1, 0)).toBe(false)
    expect(isValidDate(2015.5, 1, 1)).toBe(false)
  })

  it('accepts only zero-padded real dates as ISO', () => {
    expect(isIsoDate('2000-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2015-3-2')).toBe(false)
    expect(isIsoDate('2015-03-02T00:00:00Z')).toBe(false)
    expect(isIsoDate(20150302)).toBe(false)
  })
})

describe('ageOn', () => {
  it('counts completed years around a birthday', () => {
    expect(ageOn('2007-06-15', '2025-06-14')).toBe(17)
    expect(ageOn('2007-06-15', '2025-06-15')).toBe(18)
    expect(ageOn('2007-06-15', '2025-06-16')).toBe(18)
    expect(ageOn('2007-12-31', '2025-01-01')).toBe(17)
    expect(ageOn('2015-03-02', '2015-03-02')).toBe(0)
  })

  it('makes a Feb 29 child a year older on Mar 1 in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19)
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20)
  })

  it('is negative before the birth', () => {
    expect(ageOn('2015-03-02', '2015-03-01')).toBe(-1)
  })

  it('treats a malformed date as a programming error', () => {
    expect(() => ageOn('2015/03/02', '2025-01-01')).toThrow(RangeError)
    expect(() => ageOn('2015-02-30', '2025-01-01')).toThrow(RangeError)
  })
})

describe('addYears', () => {
  it('keeps the calendar day', () => {
    expect(addYears('2007-06-15', 18)).toBe('2025-06-15')
    expect(addYears('2025-06-15', -18)).toBe('2007-06-15')
  })

  it('moves Feb 29 to Feb 28 in common years only', () => {
    expect(addYears('2008-02-29', 18)).toBe('2026-02-28')
    expect(addYears('2008-02-29', 20)).toBe('2028-02-29')
  })
})

describe('todayIso', () => {
  it('uses the local calendar date', () => {
    expect(todayIso(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05')
    expect(todayIso(new Date(2024, 1, 29, 0, 0))).toBe('2024-02-29')
    expect(isIsoDate(todayIso())).toBe(true)
  })
})

describe('day arithmetic', () => {
  it('round-trips across centuries and leap days', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0)
    expect(civilFromDays(0)).toEqual([1970, 1, 1])
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2)
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1)
    for (let day = daysFromCivil(1899, 1, 1); day < daysFromCivil(2101, 1, 1); day += 37) {
      const [y, m, d] = civilFromDays(day)
      expect(isValidDate(y, m, d)).toBe(true)
      expect(daysFromCivil(y, m, d)).toBe(day)
    }
  })
})

describe('Excel serials', () => {
  it('follows the 1900 date system with its fake 1900-02-29', () => {
    expect(excelSerialToIso(1)).toEqual({ ok: true, date: '1900-01-01' })
    expect(excelSerialToIso(59)).toEqual({ ok: true, date: '1900-02-28' })
    expect(excelSerialToIso(61)).toEqual({ ok: true, date: '1900-03-01' })
    expect(excelSerialToIso(42064)).toEqual({ ok: true, date: '2015-03-01' })
    expect(excelSerialToIso(42065)).toEqual({ ok: true, date: '2015-03-02' })
    expect(excelSerialToIso(43831)).toEqual({ ok: true, date: '2020-01-01' })
    expect(excelSerialToIso(2958465)).toEqual({ ok: true, date: '9999-12-31' })
  })

  it('refuses serial 60 and serials out of range', () => {
    const fake = excelSerialToIso(60)
    expect(fake.ok).toBe(false)
    if (!fake.ok) expect(fake.reason).toContain('1900年2月29日')
    expect(excelSerialToIso(0).ok).toBe(false)
    expect(excelSerialToIso(-5).ok).toBe(false)
    expect(excelSerialToIso(2958466).ok).toBe(false)
    expect(excelSerialToIso(Number.NaN).ok).toBe(false)
  })

  it('ignores the time of day in a fractional serial', () => {
    expect(excelSerialToIso(43831.75)).toEqual({ ok: true, date: '2020-01-01' })
  })
})

describe('parseLooseDate', () => {
  it('accepts the formats townships write', () => {
    for (const raw of [
      '2015-03-02',
      '2015-3-2',
      '2015.3.2',
      '2015.03.02',
      '2015/3/2',
      '2015年3月2日',
      '2015年03月02日',
      '2015 年 3 月 2 日',
      '2015年3月2',
      '20150302',
      ' 2015-03-02 ',
      '２０１５．３．２',
      '２０１５年３月２日',
      '2015/3/2 0:00:00',
      '2015-03-02 00:00',
      '2015-03-02T00:00:00.000Z',
    ]) {
      expect(date(raw), raw).toBe('2015-03-02')
    }
  })

  it('reads numbers as Excel serials, or as yyyymmdd when they look like one', () => {
    expect(date(42065)).toBe('2015-03-02')
    expect(date(20150302)).toBe('2015-03-02')
    expect(date('42065')).toBe('2015-03-02')
  })

  it('reads exceljs dates by their UTC fields', () => {
    expect(date(new Date(Date.UTC(2015, 2, 2)))).toBe('2015-03-02')
    expect(date(new Date(Date.UTC(2000, 1, 29)))).toBe('2000-02-29')
    expect(date(new Date('2015-03-02T23:30:00Z'))).toBe('2015-03-02')
    expect(reason(new Date(Number.NaN))).toContain('2015-03-02')
  })

  it('rejects dates that do not exist and says why', () => {
    expect(reason('2023-02-29')).toContain('2023年2月只有28天')
    expect(reason('1900.2.29')).toContain('只有28天')
    expect(reason('20150431')).toContain('只有30天')
    expect(reason('2015-13-01')).toContain('月份')
    expect(date('2000-02-29')).toBe('2000-02-29')
  })

  it('rejects other text, naming the accepted formats', () => {
    for (const raw of ['', '  ', '2015', '15.3.2', '3/2/2015', '二〇一五年三月二日', '不详', '2015-03']) {
      const r = reason(raw)
      expect(r, raw).toContain('2015年3月2日')
      expect(r, raw).toContain('20150302')
    }
    expect(reason(null)).toContain('为空')
  })

  it('explains scientific notation', () => {
    expect(reason('2.0150302E+7')).toContain('科学计数法')
  })
})

describe('parseYearMonth', () => {
  it('accepts the ways 出生年月 is written', () => {
    for (const raw of ['1968.05', '1968.5', '1968-05', '1968-5', '1968/5', '1968年5月', '1968年05月', '196805', '１９６８．０５', '1968-05-12', '1968年5月12日']) {
      expect(month(raw), raw).toBe('1968-05')
    }
    expect(month('1968.10')).toBe('1968-10')
    expect(month('1968.1')).toBe('1968-01')
  })

  it('reads numbers as Excel stores them', () => {
    expect(month(1968.05)).toBe('1968-05')
    expect(month(1968.5)).toBe('1968-05')
    expect(month(1968.12)).toBe('1968-12')
    expect(month(196805)).toBe('1968-05')
    expect(month(19680512)).toBe('1968-05')
    expect(month(24970)).toBe('1968-05')
    expect(month(new Date(Date.UTC(1968, 4, 1)))).toBe('1968-05')
  })

  it('refuses to guess whether the number 1968.1 was January or October', () => {
    const result = parseYearMonth(1968.1)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.reason).toContain('1968-01')
      expect(result.reason).toContain('1968-10')
    }
  })

  it('rejects bad months and unreadable values, naming the formats', () => {
    for (const raw of ['1968.13', '1968-00', '196813', '1968', '不详', '']) {
      const result = parseYearMonth(raw)
      expect(result.ok, raw).toBe(false)
    }
    const bad = parseYearMonth('不详')
    if (!bad.ok) expect(bad.reason).toContain('1968年5月')
    expect(parseYearMonth(1968).ok).toBe(false)
    expect(parseYearMonth(1968.123).ok).toBe(false)
  })
})
