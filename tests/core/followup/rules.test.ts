import { describe, expect, it } from 'vitest'
import {
  addQuarters,
  ageOutBirthRange,
  agesOutWithin,
  dueQuarter,
  extensionOutlook,
  overallLevel,
  quarterDeadline,
  quarterEnd,
  quarterName,
  quarterOf,
  quarterStart,
  ratePercent,
  reviewQuarterProblem,
  staleOn,
  turnsAgeOn,
} from '../../../src/core/followup/rules'
import { addDays } from '../../../src/core/shared/dates'

describe('quarters', () => {
  it('places days in quarters at the boundaries', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1')
    expect(quarterOf('2026-03-31')).toBe('2026-Q1')
    expect(quarterOf('2026-04-01')).toBe('2026-Q2')
    expect(quarterOf('2026-09-30')).toBe('2026-Q3')
    expect(quarterOf('2026-12-31')).toBe('2026-Q4')
  })
  it('knows where quarters start and end, leap years included', () => {
    expect([quarterStart('2024-Q1'), quarterEnd('2024-Q1')]).toEqual(['2024-01-01', '2024-03-31'])
    expect(quarterEnd('2026-Q2')).toBe('2026-06-30')
    expect(quarterEnd('2026-Q4')).toBe('2026-12-31')
    expect(addQuarters('2026-Q1', -1)).toBe('2025-Q4')
    expect(addQuarters('2025-Q4', 1)).toBe('2026-Q1')
    expect(addQuarters('2026-Q2', 7)).toBe('2028-Q1')
    expect(quarterName('2026-Q3')).toBe('2026年第3季度')
  })
  it('puts the deadline N days after the quarter end', () => {
    expect(quarterDeadline('2026-Q1', 15)).toBe('2026-04-15')
    expect(quarterDeadline('2025-Q4', 15)).toBe('2026-01-15')
    expect(quarterDeadline('2024-Q4', 60)).toBe('2025-03-01')
  })
  it('makes a quarter due the day after its deadline', () => {
    expect(dueQuarter('2026-04-15', 15)).toBe('2025-Q4')
    expect(dueQuarter('2026-04-16', 15)).toBe('2026-Q1')
    expect(dueQuarter('2026-01-01', 15)).toBe('2025-Q3')
    expect(dueQuarter('2026-01-16', 15)).toBe('2025-Q4')
    expect(dueQuarter('2026-12-31', 15)).toBe('2026-Q3')
    // a grace longer than a quarter's first month still moves one quarter at a time
    expect(dueQuarter('2026-05-29', 60)).toBe('2025-Q4')
    expect(dueQuarter('2026-05-31', 60)).toBe('2026-Q1')
  })
})

describe('stale files', () => {
  const facts = { status: 'active' as const, lastReviewedOn: '2026-03-20', registeredOn: '2025-01-01' }
  it('is fresh on the deadline day and stale the day after, when the due quarter has no review', () => {
    expect(staleOn({ ...facts, lastReviewedOn: '2025-12-20' }, '2026-04-15', 15).stale).toBe(false)
    const late = staleOn({ ...facts, lastReviewedOn: '2025-12-20' }, '2026-04-16', 15)
    expect(late).toEqual({ stale: true, dueQuarter: '2026-Q1', overdueSince: '2026-04-16' })
  })
  it('counts a review dated in the due quarter or later, including the grace days', () => {
    expect(staleOn(facts, '2026-04-16', 15).stale).toBe(false)
    expect(staleOn({ ...facts, lastReviewedOn: '2026-01-01' }, '2026-06-30', 15).stale).toBe(false)
    expect(staleOn({ ...facts, lastReviewedOn: '2026-04-10' }, '2026-04-16', 15).stale).toBe(false)
    expect(staleOn({ ...facts, lastReviewedOn: '2025-12-31' }, '2026-04-16', 15).stale).toBe(true)
  })
  it('never reviewed is stale; registered after the due quarter ended or exited is not', () => {
    expect(staleOn({ ...facts, lastReviewedOn: null }, '2026-04-16', 15).stale).toBe(true)
    expect(staleOn({ ...facts, lastReviewedOn: null, registeredOn: '2026-03-31' }, '2026-04-16', 15).stale).toBe(true)
    expect(staleOn({ ...facts, lastReviewedOn: null, registeredOn: '2026-04-01' }, '2026-04-16', 15).stale).toBe(false)
    expect(staleOn({ ...facts, status: 'exited', lastReviewedOn: null }, '2026-04-16', 15).stale).toBe(false)
  })
  it('follows the setting', () => {
    expect(staleOn({ ...facts, lastReviewedOn: '2025-12-01' }, '2026-04-20', 30).stale).toBe(false)
    expect(staleOn({ ...facts, lastReviewedOn: '2025-12-01' }, '2026-05-01', 30).stale).toBe(true)
  })
})

describe('coming of age', () => {
  it('turns 18 on the birthday; a 29 February child on 1 March of a common year', () => {
    expect(turnsAgeOn('2008-05-20')).toBe('2026-05-20')
    expect(turnsAgeOn('2008-02-29')).toBe('2026-03-01')
    expect(turnsAgeOn('2012-02-29', 16)).toBe('2028-02-29')
  })
  it('finds the children within the window, ends included as the window says', () => {
    expect(agesOutWithin('2008-11-24', '2026-11-23')).toBe(true)
    expect(agesOutWithin('2008-11-23', '2026-11-23')).toBe(false) // turns 18 today: already of age
    expect(agesOutWithin(addDays('2008-11-23', 90), '2026-11-23')).toBe(true)
    expect(agesOutWithin(addDays('2008-11-23', 91), '2026-11-23')).toBe(false)
    expect(agesOutWithin('2008-02-29', '2026-02-28', 1)).toBe(true)
    expect(agesOutWithin('2008-02-29', '2026-03-01', 90)).toBe(false)
  })
  it('asks the database for a birth range that holds every such child', () => {
    for (const asOf of ['2026-11-23', '2026-02-28', '2026-03-01', '2025-12-01', '2027-12-01']) {
      const range = ageOutBirthRange(asOf)
      for (let d = -400; d < 400; d++) {
        const birth = addDays(addDays(asOf, -18 * 365 - 4), d)
        if (agesOutWithin(birth, asOf)) expect(birth >= range.from && birth <= range.to, `${asOf} ${birth}`).toBe(true)
      }
    }
  })
  it('says whether a school extension applies', () => {
    expect(extensionOutlook(false, '2027-07-31', '2026-12-01')).toBe('none')
    expect(extensionOutlook(true, null, '2026-12-01')).toBe('needs-document')
    expect(extensionOutlook(true, '2026-11-30', '2026-12-01')).toBe('needs-document')
    expect(extensionOutlook(true, '2026-12-01', '2026-12-01')).toBe('applies')
  })
})

describe('rates and levels', () => {
  it('has no rate when nobody needed the service', () => {
    expect(ratePercent(0, 0)).toBeNull()
    expect(ratePercent(3, 0)).toBeNull()
    expect(ratePercent(0, 5)).toBe(0)
    expect(ratePercent(2, 3)).toBe(66.7)
    expect(ratePercent(1, 8)).toBe(12.5)
    expect(ratePercent(5, 5)).toBe(100)
  })
  it('takes the highest level', () => {
    expect(overallLevel([null, null, null])).toBeNull()
    expect(overallLevel(['general', null, 'key'])).toBe('key')
    expect(overallLevel(['urgent', 'general', 'key'])).toBe('urgent')
  })
  it('accepts a review for its own quarter or, late, for the one before', () => {
    expect(reviewQuarterProblem('2026-Q1', '2026-02-10')).toBeNull()
    expect(reviewQuarterProblem('2026-Q1', '2026-04-10')).toBeNull()
    expect(reviewQuarterProblem('2026-Q2', '2026-03-31')).toMatch(/早于该季度/)
    expect(reviewQuarterProblem('2025-Q4', '2026-04-10')).toMatch(/超过一个季度/)
  })
})
