import { describe, expect, it } from 'vitest'
import { addDays } from '../../../src/core/shared/dates'
import {
  checkProgrammes,
  directorLine,
  directorMonth,
  eligibleMonth,
  payable,
  resolveExclusions,
  rosterEntry,
  rosterLine,
  standardFor,
  type ChildFacts,
  type DirectorFacts,
  type MonthEligibility,
  type Programme,
} from '../../../src/core/subsidies/rules'

const ORPHAN: Programme = {
  code: 'orphan-basic',
  name: '孤儿基本生活费',
  kind: 'child',
  categories: ['orphan'],
  excludedBy: [],
  ageLimit: 18,
  extension: { untilAge: 22, needs: 'school-enrolment' },
  startRule: 'month-after-registration',
  endRule: 'month-of-exit',
  standards: [
    { amountFen: 120000, effectiveFrom: '2025-01-01', effectiveTo: '2026-01-31' },
    { amountFen: 130000, effectiveFrom: '2026-02-01', effectiveTo: null },
  ],
}

const UNSUPPORTED: Programme = {
  code: 'unsupported-basic',
  name: '事实无人抚养儿童基本生活补贴',
  kind: 'child',
  categories: ['unsupported'],
  excludedBy: ['orphan-basic'],
  ageLimit: 18,
  extension: null,
  startRule: 'month-after-registration',
  endRule: 'month-of-exit',
  standards: [
    { amountFen: 100000, effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' },
    { amountFen: 120000, effectiveFrom: '2026-01-01', effectiveTo: null },
  ],
}

const DIRECTOR_SUBSIDY: Programme = {
  code: 'director',
  name: '儿童主任补贴',
  kind: 'director',
  categories: [],
  excludedBy: [],
  ageLimit: null,
  startRule: 'month-of-registration',
  endRule: 'month-of-exit',
  standards: [
    { amountFen: 6000, effectiveFrom: '2024-01-01', effectiveTo: '2025-12-31' },
    { amountFen: 8000, effectiveFrom: '2026-01-01', effectiveTo: null },
  ],
}

const PROGRAMMES = [ORPHAN, UNSUPPORTED, DIRECTOR_SUBSIDY]
const Q1 = ['2026-01', '2026-02', '2026-03']

function child(overrides: Partial<ChildFacts> = {}): ChildFacts {
  return {
    id: 1,
    name: '张三',
    birthDate: '2015-06-15',
    status: 'active',
    exitDate: null,
    exitReason: null,
    approvedOn: '2024-12-10',
    categories: [{ code: 'unsupported', since: '2024-12-10', until: null }],
    hasBankAccount: true,
    group: null,
    schoolEnrolmentUntil: null,
    ...overrides,
  }
}

function orphanChild(overrides: Partial<ChildFacts> = {}): ChildFacts {
  return child({ categories: [{ code: 'orphan', since: '2024-12-10', until: null }], ...overrides })
}

function reasonOf(e: MonthEligibility | undefined): string {
  if (!e || e.ok) throw new Error(`expected a reason, got ${JSON.stringify(e)}`)
  return e.reason
}

function amountOf(e: MonthEligibility | undefined): number {
  if (!e || !e.ok) throw new Error(`expected eligibility, got ${JSON.stringify(e)}`)
  return e.standard.amountFen
}

function line(result: ReturnType<typeof rosterLine>) {
  if (!result.ok) throw new Error(`expected a line, got: ${result.reason}`)
  return result
}

describe('eligibleMonth: age', () => {
  it('pays through the month of the 18th birthday, born mid-month', () => {
    const c = child({ birthDate: '2008-03-15' })
    expect(amountOf(eligibleMonth(UNSUPPORTED, c, '2026-03'))).toBe(120000)
    expect(reasonOf(eligibleMonth(UNSUPPORTED, c, '2026-04'))).toBe('已满18周岁（2026-03-15 满18岁）')
  })

  it('pays the birthday month in full when the birthday is on the 1st', () => {
    const c = child({ birthDate: '2008-03-01' })
    expect(eligibleMonth(UNSUPPORTED, c, '2026-03').ok).toBe(true)
    expect(reasonOf(eligibleMonth(UNSUPPORTED, c, '2026-04'))).toBe('已满18周岁（2026-03-01 满18岁）')
  })

  it('pays the birthday month when the birthday is on its last day, and not the next', () => {
    const c = child({ birthDate: '2008-03-31' })
    expect(eligibleMonth(UNSUPPORTED, c, '2026-03').ok).toBe(true)
    expect(reasonOf(eligibleMonth(UNSUPPORTED, c, '2026-04'))).toBe('已满18周岁（2026-03-31 满18岁）')
    const february = child({ birthDate: '2008-02-28' })
    expect(eligibleMonth(UNSUPPORTED, february, '2026-02').ok).toBe(true)
    expect(eligibleMonth(UNSUPPORTED, february, '2026-03').ok).toBe(false)
  })

  it('pays a 29 February child through March in a common year, since the 18th birthday is 1 March', () => {
    const c = child({ birthDate: '2008-02-29' })
    expect(eligibleMonth(UNSUPPORTED, c, '2026-02').ok).toBe(true)
    expect(eligibleMonth(UNSUPPORTED, c, '2026-03').ok).toBe(true)
    expect(reasonOf(eligibleMonth(UNSUPPORTED, c, '2026-04'))).toBe('已满18周岁（2026-03-01 满18岁）')
  })

  it('has no age limit when ageLimit is null', () => {
    const noLimit: Programme = { ...UNSUPPORTED, ageLimit: null }
    const adult = child({ birthDate: '1990-01-01' })
    expect(eligibleMonth(noLimit, adult, '2026-06').ok).toBe(true)
    expect(eligibleMonth(UNSUPPORTED, adult, '2026-06').ok).toBe(false)
  })

  it('extends an orphan at school past 18 while enrolment covers the 1st of the month', () => {
    const c = orphanChild({ birthDate: '2008-03-15', schoolEnrolmentUntil: '2027-07-31' })
    const april = eligibleMonth(ORPHAN, c, '2026-04')
    expect(april).toMatchObject({ ok: true, extended: true, category: 'orphan' })
    expect(eligibleMonth(ORPHAN, c, '2026-03')).toMatchObject({ ok: true, extended: false })
    expect(eligibleMonth(ORPHAN, c, '2027-07').ok).toBe(true)
    expect(reasonOf(eligibleMonth(ORPHAN, c, '2027-08'))).toBe(
      '已满18周岁（2026-03-15 满18岁），在校就读证明有效期至 2027-07-31',
    )
  })

  it('counts enrolment proof ending on the 1st as covering that month', () => {
    const c = orphanChild({ birthDate: '2008-03-15', schoolEnrolmentUntil: '2026-04-01' })
    expect(eligibleMonth(ORPHAN, c, '2026-04').ok).toBe(true)
    expect(eligibleMonth(ORPHAN, c, '2026-05').ok).toBe(false)
  })

  it('stops the extension without proof of enrolment', () => {
    const c = orphanChild({ birthDate: '2008-03-15', schoolEnrolmentUntil: null })
    expect(reasonOf(eligibleMonth(ORPHAN, c, '2026-04'))).toBe('已满18周岁（2026-03-15 满18岁），无在校就读证明')
  })

  it('ends the extension with the month the child turns untilAge, enrolment or not', () => {
    const c = orphanChild({ birthDate: '2008-03-15', schoolEnrolmentUntil: '2031-07-31' })
    expect(eligibleMonth(ORPHAN, c, '2030-03').ok).toBe(true)
    expect(reasonOf(eligibleMonth(ORPHAN, c, '2030-04'))).toBe(
      '已满22周岁（2030-03-15 满22岁），在校延长保障已结束',
    )
  })

  it('does not extend a programme without an extension rule', () => {
    const c = child({ birthDate: '2008-03-15', schoolEnrolmentUntil: '2027-07-31' })
    expect(reasonOf(eligibleMonth(UNSUPPORTED, c, '2026-04'))).toBe('已满18周岁（2026-03-15 满18岁）')
  })

  it('says so for months before birth', () => {
    const baby = child({ birthDate: '2026-02-20', approvedOn: '2025-12-01' })
    expect(reasonOf(eligibleMonth(UNSUPPORTED, baby, '2026-01'))).toBe('当月尚未出生（2026-02-20 出生）')
    expect(eligibleMonth(UNSUPPORTED, baby, '2026-02').ok).toBe(true)
  })
})

describe('eligibleMonth: registration and exit', () => {
  it('starts the month after approval by default, even when approved on the last day', () => {
    const c = child({ approvedOn: '2026-03-10', categories: [{ code: 'unsupported', since: '2026-03-10', until: null }] })
    expect(reasonOf(eligibleMonth(UNSUPPORTED, c, '2026-03'))).toBe('尚未到起付月（2026-03-10 认定，次月起发放）')
    expect(eligibleMonth(UNSUPPORTED, c, '2026-04').ok).toBe(true)
    const lastDay = child({ approvedOn: '2026-03-31' })
    expect(eligibleMonth(UNSUPPORTED, lastDay, '2026-03').ok).toBe(false)
    expect(eligibleMonth(UNSUPPORTED, lastDay, '2026-04').ok).toBe(true)
  })

  it('starts in the month of approval under month-of-registration', () => {
    const sameMonth: Programme = { ...UNSUPPORTED, startRule: 'month-of-registration' }
    const c = child({ approvedOn: '2026-03-10', categories: [{ code: 'unsupported', since: '2026-03-10', until: null }] })
    expect(eligibleMonth(sameMonth, c, '2026-03').ok).toBe(true)
    expect(reasonOf(eligibleMonth(sameMonth, c, '2026-02'))).toBe('尚未到起付月（2026-03-10 认定，当月起发放）')
  })

  it('pays nothing without an approval date', () => {
    expect(reasonOf(eligibleMonth(UNSUPPORTED, child({ approvedOn: null }), '2026-03'))).toBe('尚未认定（缺少认定日期）')
  })

  it('pays through the month of exit and stops the month after', () => {
    const c = child({ status: 'exited', exitDate: '2026-02-10', exitReason: 'deceased' })
    expect(eligibleMonth(UNSUPPORTED, c, '2026-02').ok).toBe(true)
    expect(reasonOf(eligibleMonth(UNSUPPORTED, c, '2026-03'))).toBe('已退出（2026-02-10 死亡）')
  })

  it('pays one month more under month-after-exit', () => {
    const oneMore: Programme = { ...UNSUPPORTED, endRule: 'month-after-exit' }
    const c = child({ status: 'exited', exitDate: '2026-02-10', exitReason: 'moved_away' })
    expect(eligibleMonth(oneMore, c, '2026-03').ok).toBe(true)
    expect(reasonOf(eligibleMonth(oneMore, c, '2026-04'))).toBe('已退出（2026-02-10 迁出本区）')
  })

  it('shows exit reasons written as words, or none', () => {
    const words = child({ status: 'exited', exitDate: '2026-02-10', exitReason: '被收养' })
    expect(reasonOf(eligibleMonth(UNSUPPORTED, words, '2026-03'))).toBe('已退出（2026-02-10 被收养）')
    const none = child({ status: 'exited', exitDate: '2026-02-10', exitReason: null })
    expect(reasonOf(eligibleMonth(UNSUPPORTED, none, '2026-03'))).toBe('已退出（2026-02-10 退出）')
    const undated = child({ status: 'exited', exitDate: null, exitReason: 'deceased' })
    expect(reasonOf(eligibleMonth(UNSUPPORTED, undated, '2026-01'))).toBe('已退出（死亡，缺少退出日期）')
  })

  it('ignores a stale exit date on a child who is active again', () => {
    const back = child({ status: 'active', exitDate: '2025-06-30' })
    expect(eligibleMonth(UNSUPPORTED, back, '2026-03').ok).toBe(true)
  })
})

describe('eligibleMonth: categories', () => {
  it('needs one of the programme categories', () => {
    const c = child({ categories: [{ code: 'disabled', since: null, until: null }] })
    expect(reasonOf(eligibleMonth(UNSUPPORTED, c, '2026-01'))).toBe('不属于本项目类别')
  })

  it('counts a category for every month its period touches', () => {
    const ended = child({ categories: [{ code: 'unsupported', since: '2025-06-01', until: '2026-01-31' }] })
    expect(eligibleMonth(UNSUPPORTED, ended, '2026-01').ok).toBe(true)
    expect(reasonOf(eligibleMonth(UNSUPPORTED, ended, '2026-02'))).toBe(
      '当月不在本项目类别期间（2025-06-01 至 2026-01-31）',
    )
    const endsOnFirst = child({ categories: [{ code: 'unsupported', since: null, until: '2026-02-01' }] })
    expect(eligibleMonth(UNSUPPORTED, endsOnFirst, '2026-02').ok).toBe(true)
    const startsLate = child({ categories: [{ code: 'unsupported', since: '2026-02-20', until: null }] })
    expect(eligibleMonth(UNSUPPORTED, startsLate, '2026-02').ok).toBe(true)
    expect(reasonOf(eligibleMonth(UNSUPPORTED, startsLate, '2026-01'))).toBe('当月不在本项目类别期间（2026-02-20 起）')
  })

  it('names a month by the category held on its 1st when one programme covers both', () => {
    const both: Programme = { ...UNSUPPORTED, code: 'basic', categories: ['unsupported', 'orphan'], excludedBy: [] }
    const c = child({
      categories: [
        { code: 'orphan', since: '2024-12-10', until: '2026-02-14' },
        { code: 'unsupported', since: '2026-02-15', until: null },
      ],
    })
    expect(eligibleMonth(both, c, '2026-02')).toMatchObject({ ok: true, category: 'orphan' })
    expect(eligibleMonth(both, c, '2026-03')).toMatchObject({ ok: true, category: 'unsupported' })
    const starting = child({
      categories: [
        { code: 'orphan', since: '2026-02-10', until: null },
        { code: 'unsupported', since: '2026-02-20', until: null },
      ],
    })
    // Neither is held on the 1st: the programme's own order decides.
    expect(eligibleMonth(both, starting, '2026-02')).toMatchObject({ ok: true, category: 'unsupported' })
  })
})

describe('standards', () => {
  it('takes the standard in force on the 1st of the month', () => {
    const midMonth: Programme = {
      ...UNSUPPORTED,
      standards: [
        { amountFen: 120000, effectiveFrom: '2025-01-01', effectiveTo: '2026-02-14' },
        { amountFen: 130000, effectiveFrom: '2026-02-15', effectiveTo: null },
      ],
    }
    expect(amountOf(eligibleMonth(midMonth, child(), '2026-02'))).toBe(120000)
    expect(amountOf(eligibleMonth(midMonth, child(), '2026-03'))).toBe(130000)
  })

  it('says when no standard is in force', () => {
    const early = child({ approvedOn: '2024-06-01', categories: [{ code: 'unsupported', since: null, until: null }] })
    expect(reasonOf(eligibleMonth(UNSUPPORTED, early, '2024-12'))).toBe('当月无有效标准')
    const closed: Programme = {
      ...UNSUPPORTED,
      standards: [{ amountFen: 120000, effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' }],
    }
    expect(reasonOf(eligibleMonth(closed, child(), '2026-01'))).toBe('当月无有效标准')
  })

  it('lets the latest standard replace one whose end date was left open', () => {
    const forgotten: Programme = {
      ...UNSUPPORTED,
      standards: [
        { amountFen: 100000, effectiveFrom: '2025-01-01', effectiveTo: null },
        { amountFen: 120000, effectiveFrom: '2026-01-01', effectiveTo: null },
      ],
    }
    expect(amountOf(eligibleMonth(forgotten, child(), '2025-12'))).toBe(100000)
    expect(amountOf(eligibleMonth(forgotten, child(), '2026-01'))).toBe(120000)
  })

  it('refuses to choose between two standards starting the same day', () => {
    const twice: Programme = {
      ...UNSUPPORTED,
      standards: [
        { amountFen: 100000, effectiveFrom: '2026-01-01', effectiveTo: null },
        { amountFen: 120000, effectiveFrom: '2026-01-01', effectiveTo: null },
      ],
    }
    expect(reasonOf(eligibleMonth(twice, child(), '2026-01'))).toBe('当月有多条 2026-01-01 起的标准，请核对补贴标准')
  })

  it("prefers the child's own group's standard over the general one", () => {
    const grouped: Programme = {
      ...UNSUPPORTED,
      standards: [
        { amountFen: 120000, effectiveFrom: '2026-01-01', effectiveTo: null, group: null },
        { amountFen: 150000, effectiveFrom: '2026-01-01', effectiveTo: null, group: '集中供养' },
      ],
    }
    expect(amountOf(eligibleMonth(grouped, child({ group: '集中供养' }), '2026-01'))).toBe(150000)
    expect(amountOf(eligibleMonth(grouped, child({ group: '散居' }), '2026-01'))).toBe(120000)
    expect(amountOf(eligibleMonth(grouped, child({ group: null }), '2026-01'))).toBe(120000)
    const onlyGrouped: Programme = {
      ...UNSUPPORTED,
      standards: [{ amountFen: 150000, effectiveFrom: '2026-01-01', effectiveTo: null, group: '集中供养' }],
    }
    expect(reasonOf(eligibleMonth(onlyGrouped, child({ group: '散居' }), '2026-01'))).toBe('当月无有效标准（散居）')
    expect(reasonOf(eligibleMonth(onlyGrouped, child({ group: null }), '2026-01'))).toBe('当月无有效标准')
    const grouped1 = standardFor(grouped, '2026-01', '集中供养')
    expect(grouped1.ok && grouped1.standard.group).toBe('集中供养')
  })
})

describe('resolveExclusions', () => {
  const both = child({
    categories: [
      { code: 'orphan', since: '2024-12-10', until: null },
      { code: 'unsupported', since: '2024-12-10', until: null },
    ],
  })

  it('pays the programme that takes precedence, and says why the other is not paid', () => {
    const decided = resolveExclusions(PROGRAMMES, both, '2026-02')
    expect(decided.get('orphan-basic')).toMatchObject({ ok: true, category: 'orphan' })
    expect(decided.get('unsupported-basic')).toEqual({
      ok: false,
      reason: '已享受孤儿基本生活费（互斥）',
      excludedBy: 'orphan-basic',
    })
    expect(decided.has('director')).toBe(false)
  })

  it('does not exclude when the preferred programme does not pay that month', () => {
    const noOrphanStandard: Programme = { ...ORPHAN, standards: [] }
    const decided = resolveExclusions([noOrphanStandard, UNSUPPORTED], both, '2026-02')
    expect(reasonOf(decided.get('orphan-basic'))).toBe('当月无有效标准')
    expect(decided.get('unsupported-basic')?.ok).toBe(true)
  })

  it('shuts a programme out only by programmes that really pay', () => {
    const a: Programme = { ...UNSUPPORTED, code: 'a', name: 'A', excludedBy: ['b'], categories: ['x'] }
    const b: Programme = { ...UNSUPPORTED, code: 'b', name: 'B', excludedBy: ['c'], categories: ['x'] }
    const c: Programme = { ...UNSUPPORTED, code: 'c', name: 'C', excludedBy: [], categories: ['x'] }
    const kid = child({ categories: [{ code: 'x', since: null, until: null }] })
    const decided = resolveExclusions([a, b, c], kid, '2026-02')
    expect(decided.get('c')?.ok).toBe(true)
    expect(reasonOf(decided.get('b'))).toBe('已享受C（互斥）')
    expect(decided.get('a')?.ok).toBe(true)
  })

  it('pays exactly one programme of a misconfigured cycle, the one listed first', () => {
    const a: Programme = { ...UNSUPPORTED, code: 'a', name: 'A', excludedBy: ['b'], categories: ['x'] }
    const b: Programme = { ...UNSUPPORTED, code: 'b', name: 'B', excludedBy: ['a'], categories: ['x'] }
    const kid = child({ categories: [{ code: 'x', since: null, until: null }] })
    const ab = resolveExclusions([a, b], kid, '2026-02')
    expect([ab.get('a')?.ok, ab.get('b')?.ok]).toEqual([true, false])
    const ba = resolveExclusions([b, a], kid, '2026-02')
    expect([ba.get('a')?.ok, ba.get('b')?.ok]).toEqual([false, true])
    // Each line of a roster is computed separately; the shared order keeps them agreeing.
    expect(rosterLine(a, kid, ['2026-02'], { programmes: [a, b] }).ok).toBe(true)
    expect(rosterLine(b, kid, ['2026-02'], { programmes: [a, b] }).ok).toBe(false)
  })
})

describe('rosterLine', () => {
  it('sums a quarter at one standard and says so', () => {
    const result = line(rosterLine(UNSUPPORTED, child(), Q1, { programmes: PROGRAMMES }))
    expect(result).toMatchObject({
      ownMonthsFen: 360000,
      paidMonths: Q1,
      backPayMonths: [],
      backPayFen: 0,
      totalFen: 360000,
      categoryCode: 'unsupported',
      skipped: [],
    })
    expect(result.rule).toBe('事实无人抚养儿童基本生活补贴 1200元/月 × 3月（2026-01-01 起标准）')
  })

  it('pays each month of a quarter at the standard in force that month', () => {
    const result = line(rosterLine(ORPHAN, orphanChild(), Q1, { programmes: PROGRAMMES }))
    expect(result.ownMonthsFen).toBe(120000 + 2 * 130000)
    expect(result.rule).toBe('孤儿基本生活费 1200元/月 × 1月（2025-01-01 起标准）+ 1300元/月 × 2月（2026-02-01 起标准）')
  })

  it('writes amounts with fen in the rule', () => {
    const odd: Programme = {
      ...UNSUPPORTED,
      standards: [{ amountFen: 120050, effectiveFrom: '2026-01-01', effectiveTo: null, group: '散居' }],
    }
    const result = line(rosterLine(odd, child({ group: '散居' }), ['2026-01']))
    expect(result.rule).toBe('事实无人抚养儿童基本生活补贴 1200.50元/月 × 1月（散居，2026-01-01 起标准）')
    expect(result.ownMonthsFen).toBe(120050)
  })

  it('pays the months after a mid-month registration and lists the month before', () => {
    const c = child({ approvedOn: '2026-01-20', categories: [{ code: 'unsupported', since: '2026-01-20', until: null }] })
    const result = line(rosterLine(UNSUPPORTED, c, Q1))
    expect(result.paidMonths).toEqual(['2026-02', '2026-03'])
    expect(result.ownMonthsFen).toBe(240000)
    expect(result.skipped).toEqual([{ month: '2026-01', reason: '尚未到起付月（2026-01-20 认定，次月起发放）' }])
  })

  it('pays through the month of a mid-month exit', () => {
    const c = child({ status: 'exited', exitDate: '2026-02-10', exitReason: 'deceased' })
    const result = line(rosterLine(UNSUPPORTED, c, Q1))
    expect(result.paidMonths).toEqual(['2026-01', '2026-02'])
    expect(result.ownMonthsFen).toBe(240000)
    expect(result.skipped).toEqual([{ month: '2026-03', reason: '已退出（2026-02-10 死亡）' }])
  })

  it('pays each month of a quarter once when the category changes from unsupported to orphan', () => {
    const c = child({
      categories: [
        { code: 'unsupported', since: '2024-12-10', until: '2026-02-14' },
        { code: 'orphan', since: '2026-02-15', until: null },
      ],
    })
    const orphan = line(rosterLine(ORPHAN, c, Q1, { programmes: PROGRAMMES }))
    const unsupported = line(rosterLine(UNSUPPORTED, c, Q1, { programmes: PROGRAMMES }))
    expect(orphan.paidMonths).toEqual(['2026-02', '2026-03'])
    expect(orphan.ownMonthsFen).toBe(260000)
    expect(orphan.skipped).toEqual([{ month: '2026-01', reason: '当月不在本项目类别期间（2026-02-15 起）' }])
    expect(unsupported.paidMonths).toEqual(['2026-01'])
    expect(unsupported.ownMonthsFen).toBe(120000)
    expect(unsupported.skipped).toEqual([
      { month: '2026-02', reason: '已享受孤儿基本生活费（互斥）' },
      { month: '2026-03', reason: '当月不在本项目类别期间（2024-12-10 至 2026-02-14）' },
    ])
  })

  it('pays each month of a quarter once when the category changes from orphan to unsupported', () => {
    const c = child({
      categories: [
        { code: 'orphan', since: '2024-12-10', until: '2026-02-14' },
        { code: 'unsupported', since: '2026-02-15', until: null },
      ],
    })
    const orphan = line(rosterLine(ORPHAN, c, Q1, { programmes: PROGRAMMES }))
    const unsupported = line(rosterLine(UNSUPPORTED, c, Q1, { programmes: PROGRAMMES }))
    expect(orphan.paidMonths).toEqual(['2026-01', '2026-02'])
    expect(orphan.ownMonthsFen).toBe(120000 + 130000)
    expect(orphan.categoryCode).toBe('orphan')
    expect(unsupported.paidMonths).toEqual(['2026-03'])
    expect(unsupported.categoryCode).toBe('unsupported')
  })

  it('reports the exclusion as the reason when every month is excluded', () => {
    const c = child({
      categories: [
        { code: 'orphan', since: null, until: null },
        { code: 'unsupported', since: null, until: null },
      ],
    })
    const result = rosterLine(UNSUPPORTED, c, Q1, { programmes: PROGRAMMES })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toBe('已享受孤儿基本生活费（互斥）')
    // Judged alone, without the other programmes, it would pay.
    expect(rosterLine(UNSUPPORTED, c, Q1).ok).toBe(true)
  })

  it('sums different reasons month by month when nothing is paid', () => {
    const c = child({
      approvedOn: '2026-01-10',
      categories: [{ code: 'unsupported', since: '2025-06-01', until: '2026-01-31' }],
    })
    const result = rosterLine(UNSUPPORTED, c, Q1)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toBe(
      '2026-01：尚未到起付月（2026-01-10 认定，次月起发放）；2026-02—2026-03：当月不在本项目类别期间（2025-06-01 至 2026-01-31）',
    )
  })

  it('adds back-pay for owed months before the roster, at their own standard', () => {
    const c = child({ approvedOn: '2025-10-15', categories: [{ code: 'unsupported', since: '2025-10-15', until: null }] })
    const result = line(rosterLine(UNSUPPORTED, c, Q1, { backPayFrom: '2025-01', alreadyPaidMonths: [] }))
    expect(result.backPayMonths).toEqual(['2025-11', '2025-12'])
    expect(result.backPayFen).toBe(200000)
    expect(result.ownMonthsFen).toBe(360000)
    expect(result.totalFen).toBe(560000)
    expect(result.rule).toBe(
      '事实无人抚养儿童基本生活补贴 1200元/月 × 3月（2026-01-01 起标准）；补发 2025-11—2025-12：1000元/月 × 2月（2025-01-01 起标准）',
    )
  })

  it('never back-pays a month already paid, nor without a back-pay start', () => {
    const c = child({ approvedOn: '2025-10-15' })
    const some = line(rosterLine(UNSUPPORTED, c, Q1, { backPayFrom: '2025-01', alreadyPaidMonths: ['2025-11'] }))
    expect(some.backPayMonths).toEqual(['2025-12'])
    expect(some.backPayFen).toBe(100000)
    const none = line(rosterLine(UNSUPPORTED, c, Q1))
    expect(none.backPayMonths).toEqual([])
    expect(none.backPayFen).toBe(0)
    const fromLater = line(rosterLine(UNSUPPORTED, c, Q1, { backPayFrom: '2025-12' }))
    expect(fromLater.backPayMonths).toEqual(['2025-12'])
  })

  it('skips roster months already paid', () => {
    const result = line(rosterLine(UNSUPPORTED, child(), Q1, { alreadyPaidMonths: ['2026-01'] }))
    expect(result.paidMonths).toEqual(['2026-02', '2026-03'])
    expect(result.skipped).toEqual([{ month: '2026-01', reason: '当月已发放' }])
  })

  it('can consist of back-pay alone', () => {
    const c = child({ approvedOn: '2025-10-15', status: 'exited', exitDate: '2025-12-10', exitReason: 'moved_away' })
    const result = line(rosterLine(UNSUPPORTED, c, Q1, { backPayFrom: '2025-11' }))
    expect(result.paidMonths).toEqual([])
    expect(result.ownMonthsFen).toBe(0)
    expect(result.totalFen).toBe(200000)
    expect(result.rule).toBe('事实无人抚养儿童基本生活补贴 补发 2025-11—2025-12：1000元/月 × 2月（2025-01-01 起标准）')
  })

  it('marks the months of the school extension in the rule', () => {
    const c = orphanChild({ birthDate: '2008-03-15', schoolEnrolmentUntil: '2026-07-31' })
    const result = line(rosterLine(ORPHAN, c, ['2026-04', '2026-05', '2026-06']))
    expect(result.ownMonthsFen).toBe(390000)
    expect(result.rule).toBe('孤儿基本生活费 1300元/月 × 3月（2026-02-01 起标准）；在校延长保障 2026-04—2026-06')
  })

  it('stops in the quarter a child turns 18', () => {
    const c = child({ birthDate: '2008-02-29' })
    const result = line(rosterLine(UNSUPPORTED, c, ['2026-02', '2026-03', '2026-04']))
    expect(result.paidMonths).toEqual(['2026-02', '2026-03'])
    expect(result.skipped).toEqual([{ month: '2026-04', reason: '已满18周岁（2026-03-01 满18岁）' }])
  })

  it('refuses malformed month lists and director programmes', () => {
    expect(() => rosterLine(UNSUPPORTED, child(), ['2026-01', '2026-01'])).toThrow(RangeError)
    expect(() => rosterLine(UNSUPPORTED, child(), ['2026-1'])).toThrow(RangeError)
    expect(() => rosterLine(DIRECTOR_SUBSIDY, child(), Q1)).toThrow()
  })

  it('equals the sum of its months, and orphan and unsupported never pay the same month', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)]!
    const dates = ['2025-12-31', '2026-01-01', '2026-01-15', '2026-02-01', '2026-02-14', '2026-02-28', '2026-03-31']
    for (let i = 0; i < 300; i++) {
      const change = pick(dates)
      const [first, second] = random() < 0.5 ? ['orphan', 'unsupported'] : ['unsupported', 'orphan']
      const c = child({
        birthDate: pick(['2008-01-31', '2008-02-29', '2008-03-01', '2010-05-05']),
        approvedOn: pick(['2025-06-01', '2026-01-31', '2026-02-10']),
        status: random() < 0.3 ? 'exited' : 'active',
        exitDate: pick(['2026-01-10', '2026-02-28', '2026-03-01']),
        categories: [
          { code: first, since: '2024-01-01', until: addDays(change, -1) },
          { code: second, since: change, until: null },
        ],
      })
      let paidByMonth = 0
      for (const programme of [ORPHAN, UNSUPPORTED]) {
        const result = rosterLine(programme, c, Q1, { programmes: PROGRAMMES })
        const expected = Q1.map((m) => resolveExclusions(PROGRAMMES, c, m).get(programme.code)!)
          .filter((e): e is Extract<MonthEligibility, { ok: true }> => e.ok)
          .reduce((sum, e) => sum + e.standard.amountFen, 0)
        expect(result.ok ? result.ownMonthsFen : 0).toBe(expected)
        if (result.ok) paidByMonth += result.paidMonths.length
      }
      const eligibleMonths = Q1.filter((m) =>
        [ORPHAN, UNSUPPORTED].some((p) => eligibleMonth(p, c, m).ok),
      ).length
      expect(paidByMonth).toBe(eligibleMonths)
    }
  })
})

describe('payable and rosterEntry', () => {
  it('keeps a child without a bank account off the payment list but shows the amount owed', () => {
    const c = child({ hasBankAccount: false })
    expect(payable(c)).toEqual({ ok: false, reason: '缺少银行账号' })
    expect(payable(child())).toEqual({ ok: true })
    const entry = rosterEntry(UNSUPPORTED, c, Q1, { programmes: PROGRAMMES })
    expect(entry.status).toBe('excluded')
    expect(entry.status === 'excluded' && entry.reason).toBe('缺少银行账号')
    expect(entry.status === 'excluded' && entry.line.totalFen).toBe(360000)
  })

  it('pays an eligible child with an account and lists an ineligible one with its reason', () => {
    expect(rosterEntry(UNSUPPORTED, child(), Q1).status).toBe('paid')
    const old = rosterEntry(UNSUPPORTED, child({ birthDate: '2007-06-15', hasBankAccount: false }), Q1)
    expect(old).toMatchObject({ status: 'ineligible', reason: '已满18周岁（2025-06-15 满18岁）' })
  })
})

describe('directors', () => {
  const director = (overrides: Partial<DirectorFacts> = {}): DirectorFacts => ({
    id: 9,
    name: '李四',
    startDate: '2024-05-01',
    endDate: null,
    villageCodes: ['420102001001'],
    ...overrides,
  })

  it('pays each month in post at the standard of that month: 60 yuan, then 80', () => {
    const result = directorLine(DIRECTOR_SUBSIDY, director(), ['2025-11', '2025-12', '2026-01'])
    expect(result).toMatchObject({ ok: true, ownMonthsFen: 20000, totalFen: 20000, standardFen: 8000, paidMonths: ['2025-11', '2025-12', '2026-01'] })
    expect(result.ok && result.rule).toBe('儿童主任补贴 60元/月 × 2月（2024-01-01 起标准）+ 80元/月 × 1月（2026-01-01 起标准）')
  })

  it('pays a month only to a director in post on its 1st', () => {
    expect(directorMonth(DIRECTOR_SUBSIDY, director({ startDate: '2026-02-01' }), '2026-02').ok).toBe(true)
    const late = directorMonth(DIRECTOR_SUBSIDY, director({ startDate: '2026-02-02' }), '2026-02')
    expect(!late.ok && late.reason).toBe('当月1日尚未在岗（2026-02-02 到岗，按每月1日在岗计发）')
    expect(directorMonth(DIRECTOR_SUBSIDY, director({ endDate: '2026-02-15' }), '2026-02').ok).toBe(true)
    const gone = directorMonth(DIRECTOR_SUBSIDY, director({ endDate: '2026-02-28' }), '2026-03')
    expect(!gone.ok && gone.reason).toBe('已离岗（2026-02-28 离岗）')
    expect(directorMonth(DIRECTOR_SUBSIDY, director({ endDate: '2026-03-01' }), '2026-03').ok).toBe(true)
  })

  it('pays exactly one director per month at a mid-month handover', () => {
    const leaving = director({ id: 1, endDate: '2026-02-15' })
    const arriving = director({ id: 2, startDate: '2026-02-16' })
    const a = directorLine(DIRECTOR_SUBSIDY, leaving, Q1)
    const b = directorLine(DIRECTOR_SUBSIDY, arriving, Q1)
    expect(a.ok && a.paidMonths).toEqual(['2026-01', '2026-02'])
    expect(b.ok && b.paidMonths).toEqual(['2026-03'])
  })

  it('does not pay a director without a village, nor twice for a month, nor before any standard', () => {
    const none = directorLine(DIRECTOR_SUBSIDY, director({ villageCodes: [] }), Q1)
    expect(!none.ok && none.reason).toBe('未分配村（社区）')
    const some = directorLine(DIRECTOR_SUBSIDY, director(), Q1, { alreadyPaidMonths: ['2026-01'] })
    expect(some.ok && some.ownMonthsFen).toBe(16000)
    const early = directorLine(DIRECTOR_SUBSIDY, director({ startDate: '2020-01-01' }), ['2023-12'])
    expect(!early.ok && early.reason).toBe('当月无有效标准')
  })

  it('pays a director serving several villages once', () => {
    const result = directorLine(DIRECTOR_SUBSIDY, director({ villageCodes: ['420102001001', '420102001002'] }), Q1)
    expect(result.ok && result.ownMonthsFen).toBe(24000)
  })

  it('refuses a child programme', () => {
    expect(() => directorLine(UNSUPPORTED, director(), Q1)).toThrow()
  })
})

describe('checkProgrammes', () => {
  it('accepts sound settings', () => {
    expect(checkProgrammes(PROGRAMMES)).toEqual([])
  })

  it('names what the clerk must fix', () => {
    const broken: Programme = {
      ...UNSUPPORTED,
      excludedBy: ['unsupported-basic', 'nowhere'],
      extension: { untilAge: 18, needs: 'school-enrolment' },
      standards: [
        { amountFen: 1200.5, effectiveFrom: '2026-01-01', effectiveTo: null },
        { amountFen: 120000, effectiveFrom: '2026-01-01', effectiveTo: null },
        { amountFen: 120000, effectiveFrom: '2026-06-01', effectiveTo: '2026-05-31' },
      ],
    }
    expect(checkProgrammes([ORPHAN, broken])).toEqual([
      '「事实无人抚养儿童基本生活补贴」不能与自身互斥',
      '「事实无人抚养儿童基本生活补贴」的互斥项目「nowhere」不存在',
      '「事实无人抚养儿童基本生活补贴」的在校延长保障年龄（18）应大于年龄上限（18）',
      '「事实无人抚养儿童基本生活补贴」的标准金额必须是不小于0的整数分（1200.5）',
      '「事实无人抚养儿童基本生活补贴」有多条 2026-01-01 起的标准',
      '「事实无人抚养儿童基本生活补贴」的标准截止日期 2026-05-31 早于起始日期 2026-06-01',
    ])
  })

  it('finds exclusion cycles and duplicate codes', () => {
    const a: Programme = { ...UNSUPPORTED, code: 'a', name: 'A', excludedBy: ['b'] }
    const b: Programme = { ...UNSUPPORTED, code: 'b', name: 'B', excludedBy: ['a'] }
    expect(checkProgrammes([a, b])).toEqual(['补贴项目互斥关系成环：A → B → A'])
    expect(checkProgrammes([ORPHAN, ORPHAN])).toEqual(['补贴项目代码「orphan-basic」重复'])
  })
})

describe('rosterLine: which rule won, and yearly programmes', () => {
  it('says on the winning line which programmes gave way to it, only for months it pays', () => {
    const c = child({
      categories: [
        { code: 'unsupported', since: '2024-12-10', until: '2026-02-14' },
        { code: 'orphan', since: '2026-02-15', until: null },
      ],
    })
    const orphan = line(rosterLine(ORPHAN, c, Q1, { programmes: PROGRAMMES }))
    expect(orphan.outranked).toEqual(['unsupported-basic'])
    expect(orphan.rule).toBe(
      '孤儿基本生活费 1300元/月 × 2月（2026-02-01 起标准）；同时符合「事实无人抚养儿童基本生活补贴」条件，互斥只发一项，按本项目发放',
    )
    // In March only the orphan category is held: nothing gave way.
    expect(line(rosterLine(ORPHAN, c, ['2026-03'], { programmes: PROGRAMMES })).outranked).toEqual([])
    // The losing programme's line (January, before the change) names no winner.
    expect(line(rosterLine(UNSUPPORTED, c, Q1, { programmes: PROGRAMMES })).outranked).toEqual([])
    // Judged alone, no exclusion is known.
    expect(line(rosterLine(ORPHAN, c, Q1)).outranked).toEqual([])
  })

  it('speaks of 元/年 for a programme paid by the year', () => {
    const premium: Programme = { ...UNSUPPORTED, code: 'premium', name: '医保缴费资助', excludedBy: [], period: 'year', standards: [{ amountFen: 5000, effectiveFrom: '2026-01-01', effectiveTo: null }] }
    const result = line(rosterLine(premium, child(), ['2026-03']))
    expect(result.ownMonthsFen).toBe(5000)
    expect(result.rule).toBe('医保缴费资助 50元/年 × 1年（2026-01-01 起标准）')
  })
})
