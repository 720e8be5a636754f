/**
 * Case follow-up rules: quarters and their deadlines, when a child's file is stale, when a child comes of age, and
 * delivery rates. Pure functions over ISO dates ('YYYY-MM-DD', which compare correctly as text); no IO.
 */
import { addDays, daysInMonth, formatIsoDate, isIsoDate } from '../shared/dates'
import { dateOfTurning } from '../shared/months'

/** Days after a quarter's end by which its reviews must be in, unless the bureau sets otherwise. */
export const DEFAULT_REVIEW_DEADLINE_DAYS = 15
/** The age at which a child leaves the registry. */
export const ADULT_AGE = 18
/** How far ahead the dashboard looks for children coming of age. */
export const AGE_OUT_WINDOW_DAYS = 90

/** 'YYYY-Qn' */
export type Quarter = string

const QUARTER = /^(\d{4})-Q([1-4])$/

export function isQuarter(value: unknown): value is Quarter {
  return typeof value === 'string' && QUARTER.test(value)
}

function splitQuarter(quarter: Quarter): [number, number] {
  const match = QUARTER.exec(quarter)
  if (!match) throw new Error(`not a quarter: ${quarter}`)
  return [Number(match[1]), Number(match[2])]
}

/** The quarter a day falls in: 2026-03-31 → 2026-Q1, 2026-04-01 → 2026-Q2. */
export function quarterOf(date: string): Quarter {
  const year = date.slice(0, 4)
  const month = Number(date.slice(5, 7))
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`
}

export function quarterStart(quarter: Quarter): string {
  const [year, q] = splitQuarter(quarter)
  return formatIsoDate(year, (q - 1) * 3 + 1, 1)
}

export function quarterEnd(quarter: Quarter): string {
  const [year, q] = splitQuarter(quarter)
  const month = q * 3
  return formatIsoDate(year, month, daysInMonth(year, month))
}

export function addQuarters(quarter: Quarter, n: number): Quarter {
  const [year, q] = splitQuarter(quarter)
  const index = year * 4 + (q - 1) + n
  return `${String(Math.floor(index / 4)).padStart(4, '0')}-Q${(index % 4) + 1}`
}

/** The last day a quarter's reviews count as on time: its end plus the bureau's grace days. */
export function quarterDeadline(quarter: Quarter, deadlineDays: number): string {
  return addDays(quarterEnd(quarter), deadlineDays)
}

/** 2026-Q1 → 2026年第1季度 */
export function quarterName(quarter: Quarter): string {
  const [year, q] = splitQuarter(quarter)
  return `${year}年第${q}季度`
}

/**
 * The latest quarter whose deadline has passed on `asOf` (the deadline day itself still belongs to the directors):
 * on 2026-04-15 with 15 grace days that is 2025-Q4; on 2026-04-16 it is 2026-Q1.
 */
export function dueQuarter(asOf: string, deadlineDays: number): Quarter {
  let quarter = addQuarters(quarterOf(asOf), -1)
  while (quarterDeadline(quarter, deadlineDays) >= asOf) quarter = addQuarters(quarter, -1)
  return quarter
}

export interface StaleFacts {
  status: 'active' | 'exited'
  /** the date of the child's latest review, null when never reviewed */
  lastReviewedOn: string | null
  /** the day the child entered the registry (registered_on, else the day the record was made) */
  registeredOn: string
}

export type StaleCheck =
  | { stale: false; dueQuarter: Quarter }
  | { stale: true; dueQuarter: Quarter; /** the first day the file was overdue */ overdueSince: string }

/**
 * A file is stale when the quarter due on `asOf` has no review: no review dated in that quarter or later. A child
 * registered after that quarter ended owes nothing yet; an exited child owes nothing.
 */
export function staleOn(facts: StaleFacts, asOf: string, deadlineDays: number): StaleCheck {
  const due = dueQuarter(asOf, deadlineDays)
  if (facts.status !== 'active') return { stale: false, dueQuarter: due }
  if (facts.registeredOn > quarterEnd(due)) return { stale: false, dueQuarter: due }
  if (facts.lastReviewedOn !== null && facts.lastReviewedOn >= quarterStart(due)) return { stale: false, dueQuarter: due }
  return { stale: true, dueQuarter: due, overdueSince: addDays(quarterDeadline(due, deadlineDays), 1) }
}

/** The bounds the stale query uses: reviewed on or after `reviewedFrom`, and registered on or before `registeredBy`. */
export function staleBounds(asOf: string, deadlineDays: number): { dueQuarter: Quarter; reviewedFrom: string; registeredBy: string; deadline: string } {
  const due = dueQuarter(asOf, deadlineDays)
  return { dueQuarter: due, reviewedFrom: quarterStart(due), registeredBy: quarterEnd(due), deadline: quarterDeadline(due, deadlineDays) }
}

/** The day a child born on `birthDate` turns `age` (18 unless said): the roster's own rule, 29 February included. */
export function turnsAgeOn(birthDate: string, age = ADULT_AGE): string {
  return dateOfTurning(birthDate, age)
}

/** Whether a child turns 18 after `asOf` and no later than `windowDays` days after it. */
export function agesOutWithin(birthDate: string, asOf: string, windowDays = AGE_OUT_WINDOW_DAYS): boolean {
  const turns = turnsAgeOn(birthDate)
  return turns > asOf && turns <= addDays(asOf, windowDays)
}

/**
 * Birth dates to ask the database for, so that every child who ages out within the window is among them (the exact
 * test is agesOutWithin): a day's margin either side covers 29 February.
 */
export function ageOutBirthRange(asOf: string, windowDays = AGE_OUT_WINDOW_DAYS): { from: string; to: string } {
  const shift = (iso: string) => {
    const year = Number(iso.slice(0, 4)) - ADULT_AGE
    const month = Number(iso.slice(5, 7))
    return formatIsoDate(year, month, Math.min(Number(iso.slice(8, 10)), daysInMonth(year, month)))
  }
  return { from: addDays(shift(asOf), -1), to: addDays(shift(addDays(asOf, windowDays)), 1) }
}

export type ExtensionOutlook = 'applies' | 'needs-document' | 'none'

/**
 * What happens to support when the child turns 18: a programme with a school extension keeps paying while proof of
 * enrolment covers the day after the birthday ('applies'); without such proof it 'needs-document'; 'none' when no
 * programme of the child's has an extension.
 */
export function extensionOutlook(hasExtensionProgramme: boolean, schoolEnrolmentUntil: string | null, turnsOn: string): ExtensionOutlook {
  if (!hasExtensionProgramme) return 'none'
  return schoolEnrolmentUntil !== null && schoolEnrolmentUntil >= turnsOn ? 'applies' : 'needs-document'
}

/** received / needed as a percentage with one decimal; null when nobody needed it (no rate, not 0%). */
export function ratePercent(done: number, of: number): number | null {
  if (of <= 0) return null
  return Math.round((done / of) * 1000) / 10
}

export const LEVELS = ['general', 'key', 'urgent'] as const
export type Level = (typeof LEVELS)[number]

/** The highest of the three dimensions' levels, null when none was given. */
export function overallLevel(levels: (Level | null)[]): Level | null {
  let best = -1
  for (const level of levels) if (level) best = Math.max(best, LEVELS.indexOf(level))
  return best < 0 ? null : LEVELS[best]!
}

/** A review's quarter must be one the review date can speak for: not a later one, and not one before the date's. */
export function reviewQuarterProblem(quarter: Quarter, reviewedOn: string): string | null {
  if (!isIsoDate(reviewedOn)) return '日期无效'
  if (reviewedOn < quarterStart(quarter)) {
    return `${quarterName(quarter)}从 ${quarterStart(quarter)} 开始，更新日期 ${reviewedOn} 早于该季度，请核对季度或日期。`
  }
  if (quarterOf(reviewedOn) !== quarter && addQuarters(quarterOf(reviewedOn), -1) !== quarter) {
    return `更新日期 ${reviewedOn} 距${quarterName(quarter)}已超过一个季度，应记入${quarterName(quarterOf(reviewedOn))}。`
  }
  return null
}
