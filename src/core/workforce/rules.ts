import { ageOn } from '../shared/dates'

/** Mean, median and maximum of a list of loads; a list with nothing in it has none of them. */
export interface Spread {
  mean: number | null
  median: number | null
  max: number | null
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: null, median: null, max: null }
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  const sum = sorted.reduce((n, v) => n + v, 0)
  return { mean: oneDecimal(sum / sorted.length), median: oneDecimal(median), max: sorted[sorted.length - 1]! }
}

/** A share in percent with one decimal; 0 of 0 is no share at all. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : oneDecimal((part * 100) / whole)
}

export interface Bucket {
  label: string
  count: number
}

/** Upper bounds are exclusive: [30, 40) is 30–39岁. The last bucket is open. */
const AGE_BOUNDS = [30, 40, 50, 60, 70] as const

export function ageBuckets(ages: readonly (number | null)[]): Bucket[] {
  const labels = ['30岁以下', '30–39岁', '40–49岁', '50–59岁', '60–69岁', '70岁及以上']
  const counts = labels.map(() => 0)
  let unknown = 0
  for (const age of ages) {
    if (age === null) unknown++
    else counts[AGE_BOUNDS.filter((bound) => age >= bound).length]!++
  }
  const buckets = labels.map((label, i) => ({ label, count: counts[i]! }))
  return unknown ? [...buckets, { label: '未填出生日期', count: unknown }] : buckets
}

const TENURE_BOUNDS = [1, 3, 5, 10] as const

export function tenureBuckets(years: readonly (number | null)[]): Bucket[] {
  const labels = ['不满1年', '1–2年', '3–4年', '5–9年', '10年及以上']
  const counts = labels.map(() => 0)
  let unknown = 0
  for (const y of years) {
    if (y === null) unknown++
    else counts[TENURE_BOUNDS.filter((bound) => y >= bound).length]!++
  }
  const buckets = labels.map((label, i) => ({ label, count: counts[i]! }))
  return unknown ? [...buckets, { label: '未填任职时间', count: unknown }] : buckets
}

/** Completed years between two days, or null when the first is unknown. */
export function yearsBetween(from: string | null, to: string): number | null {
  return from ? Math.max(0, ageOn(from, to)) : null
}

/** Counts of a text field, most frequent first; blanks are counted under `blank`. */
export function tally(values: readonly string[], blank: string): Bucket[] {
  const counts = new Map<string, number>()
  for (const raw of values) {
    const key = raw.trim() || blank
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh'))
}

/**
 * Child service centres at one per N villages, planned township by township: a centre serves villages of one
 * township, so a township with 7 villages at N = 5 needs 2.
 */
export function centresNeeded(villagesPerTownship: readonly number[], villagesPerCentre: number): number {
  return villagesPerTownship.reduce((n, villages) => n + Math.ceil(villages / villagesPerCentre), 0)
}
