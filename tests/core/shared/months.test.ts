import { describe, expect, it } from 'vitest'
import { ageOn, civilFromDays, daysFromCivil, formatIsoDate } from '../../../src/core/shared/dates'
import {
  addMonths,
  assertMonth,
  dateOfTurning,
  describeMonths,
  isMonth,
  monthEnd,
  monthOf,
  monthStart,
  monthsBetween,
  monthsOf,
  nextMonth,
} from '../../../src/core/shared/months'

function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const [yy, mm, dd] = civilFromDays(daysFromCivil(y, m, d) + n)
  return formatIsoDate(yy, mm, dd)
}

describe('months', () => {
  it('adds months across year ends, both ways', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2026-03', -15)).toBe('2024-12')
    expect(addMonths('2026-03', 0)).toBe('2026-03')
    expect(addMonths('2026-03', 22)).toBe('2028-01')
  })

  it('knows where a month starts and ends, leap years included', () => {
    expect(monthStart('2026-02')).toBe('2026-02-01')
    expect(monthEnd('2026-02')).toBe('2026-02-28')
    expect(monthEnd('2024-02')).toBe('2024-02-29')
    expect(monthEnd('2000-02')).toBe('2000-02-29')
    expect(monthEnd('2100-02')).toBe('2100-02-28')
    expect(monthEnd('2026-04')).toBe('2026-04-30')
    expect(monthEnd('2026-12')).toBe('2026-12-31')
  })

  it('lists months', () => {
    expect(monthsOf('2025-11', 3)).toEqual(['2025-11', '2025-12', '2026-01'])
    expect(monthsOf('2025-11', 0)).toEqual([])
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthsBetween('2026-02', '2026-02')).toEqual(['2026-02'])
    expect(monthsBetween('2026-02', '2026-01')).toEqual([])
  })

  it('refuses malformed months and dates as programming errors', () => {
    expect(isMonth('2026-01')).toBe(true)
    for (const bad of ['2026-13', '2026-1', '2026-00', '202601', '2026-01-01']) {
      expect(isMonth(bad), bad).toBe(false)
      expect(() => addMonths(bad, 1), bad).toThrow(RangeError)
    }
    expect(() => monthOf('2026-02-30')).toThrow(RangeError)
    expect(monthOf('2026-02-28')).toBe('2026-02')
  })

  it('describes months as ranges', () => {
    expect(describeMonths(['2025-12', '2025-11'])).toBe('2025-11—2025-12')
    expect(describeMonths(['2025-08', '2025-10', '2025-11', '2025-12', '2026-02'])).toBe(
      '2025-08、2025-10—2025-12、2026-02',
    )
    expect(describeMonths(['2026-01'])).toBe('2026-01')
    expect(describeMonths([])).toBe('')
  })
})

describe('dateOfTurning', () => {
  it('puts the 18th birthday of a 29 February child on 1 March in a common year, as ageOn does', () => {
    expect(dateOfTurning('2008-02-29', 18)).toBe('2026-03-01')
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
    expect(dateOfTurning('2008-02-29', 16)).toBe('2024-02-29')
    expect(dateOfTurning('2008-03-31', 18)).toBe('2026-03-31')
  })

  it('is the first day on which ageOn reaches the age, for many birth dates', () => {
    for (let day = daysFromCivil(2000, 1, 1); day < daysFromCivil(2012, 12, 31); day += 13) {
      const [y, m, d] = civilFromDays(day)
      const birth = formatIsoDate(y, m, d)
      for (const age of [16, 18, 22]) {
        const turned = dateOfTurning(birth, age)
        expect(ageOn(birth, turned), `${birth} ${age}`).toBe(age)
        expect(ageOn(birth, addDays(turned, -1)), `${birth} ${age}`).toBe(age - 1)
      }
    }
  })
})

describe('nextMonth and assertMonth', () => {
  it('gives the month after, across a year end, and the same answer when asked again', () => {
    expect(nextMonth('2025-12')).toBe('2026-01')
    expect(nextMonth('2025-12')).toBe('2026-01')
    expect(nextMonth('2026-02')).toBe(addMonths('2026-02', 1))
    expect(() => nextMonth('2026-13')).toThrow(RangeError)
  })

  it('refuses what is not a month', () => {
    expect(() => assertMonth('2026-11')).not.toThrow()
    for (const bad of ['2026-13', '2026-1', '0000-01', '2026-11-01']) expect(() => assertMonth(bad), bad).toThrow(RangeError)
  })
})

describe('month caches', () => {
  it('keeps the answers of its month and birthday caches right however often it is asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(monthEnd('2024-02')).toBe('2024-02-29')
      expect(monthStart('2026-11')).toBe('2026-11-01')
      expect(dateOfTurning('2008-02-29', 18)).toBe('2026-03-01')
      expect(dateOfTurning('2008-02-29', 16)).toBe('2024-02-29')
      expect(monthOf('2026-02-28')).toBe('2026-02')
      expect(() => monthOf('2026-02-30')).toThrow(RangeError)
      expect(() => monthEnd('2026-13')).toThrow(RangeError)
    }
  })
})
