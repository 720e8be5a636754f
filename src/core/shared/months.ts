/**
 * Calendar months as strings, 'YYYY-MM' (and the days that bound them, 'YYYY-MM-DD'): both compare
 * correctly as text, so months are sorted, bounded and looked up without Date objects or time zones.
 * A malformed month or date here is a programming error (input is checked at the edge) and throws.
 */
import { daysInMonth, formatIsoDate, isIsoDate, isLeapYear } from './dates'

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export function isMonth(s: unknown): s is string {
  return typeof s === 'string' && MONTH.test(s) && s >= '0001-01'
}

/**
 * A roster asks the same few questions of every child (where does this month start and end, when
 * does a child born on this day turn 18): the answers are kept, so 100,000 children cost 100,000
 * lookups, not 100,000 parses. Only valid input is kept; a cache that grows past its limit starts over.
 */
const CACHE_LIMIT = 20_000

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(key, value)
  return value
}

const monthParts = new Map<string, [number, number]>()

function splitMonth(month: string): [number, number] {
  const known = monthParts.get(month)
  if (known) return known
  if (!isMonth(month)) throw new RangeError(`not a month (YYYY-MM): ${JSON.stringify(month)}`)
  return remember(monthParts, month, [Number(month.slice(0, 4)), Number(month.slice(5, 7))])
}

/** Throws a RangeError unless `month` is a 'YYYY-MM' month. */
export function assertMonth(month: string): void {
  splitMonth(month)
}

function splitDate(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${JSON.stringify(date)}`)
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))]
}

const monthsOfDates = new Map<string, string>()

export function monthOf(date: string): string {
  const known = monthsOfDates.get(date)
  if (known !== undefined) return known
  splitDate(date)
  return remember(monthsOfDates, date, date.slice(0, 7))
}

export function addMonths(month: string, n: number): string {
  const [y, m] = splitMonth(month)
  const index = y * 12 + (m - 1) + n
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

const nextMonths = new Map<string, string>()

/** addMonths(month, 1), kept: asked of every child's approval month on every roster. */
export function nextMonth(month: string): string {
  return nextMonths.get(month) ?? remember(nextMonths, month, addMonths(month, 1))
}

const starts = new Map<string, string>()
const ends = new Map<string, string>()

export function monthStart(month: string): string {
  const known = starts.get(month)
  if (known !== undefined) return known
  splitMonth(month)
  return remember(starts, month, `${month}-01`)
}

export function monthEnd(month: string): string {
  const known = ends.get(month)
  if (known !== undefined) return known
  const [y, m] = splitMonth(month)
  return remember(ends, month, formatIsoDate(y, m, daysInMonth(y, m)))
}

export function monthsOf(first: string, count: number): string[] {
  splitMonth(first)
  return Array.from({ length: Math.max(0, count) }, (_, i) => addMonths(first, i))
}

/** Inclusive; empty when last precedes first. */
export function monthsBetween(first: string, last: string): string[] {
  const [fy, fm] = splitMonth(first)
  const [ly, lm] = splitMonth(last)
  return monthsOf(first, (ly - fy) * 12 + (lm - fm) + 1)
}

/** age → birth date → the day of turning that age */
const turnings = new Map<number, Map<string, string>>()

/**
 * The day a child reaches `age`, consistent with ageOn: a child born on 29 February turns a year
 * older on 1 March in common years (not on 28 February, which addYears would give).
 */
export function dateOfTurning(birthDate: string, age: number): string {
  let byBirth = turnings.get(age)
  if (!byBirth) turnings.set(age, (byBirth = new Map()))
  const known = byBirth.get(birthDate)
  if (known !== undefined) return known
  const [y, m, d] = splitDate(birthDate)
  const year = y + age
  if (m === 2 && d === 29 && !isLeapYear(year)) return remember(byBirth, birthDate, formatIsoDate(year, 3, 1))
  return remember(byBirth, birthDate, formatIsoDate(year, m, d))
}

/** "2025-11—2025-12、2026-02": consecutive months collapse into a range. */
export function describeMonths(months: string[]): string {
  const sorted = [...new Set(months)].sort()
  const parts: string[] = []
  let i = 0
  while (i < sorted.length) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === addMonths(sorted[j]!, 1)) j++
    parts.push(i === j ? sorted[i]! : `${sorted[i]}—${sorted[j]}`)
    i = j + 1
  }
  return parts.join('、')
}
