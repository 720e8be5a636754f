/**
 * Who is paid what for which months. Pure functions over plain data: services load programmes,
 * standards, children and directors; these rules decide, and every decision carries the words a
 * clerk reads on the roster (which standard, how many months), or why a month is not paid.
 *
 * A month is decided as a whole, never pro rata: the questions below are asked of the month
 * ('YYYY-MM') and the answer pays the full monthly standard or nothing.
 */
import { EXIT_REASON_NAMES } from '../../contract/labels'
import type { PayeeLine } from '../../contract/subsidies'
import { isIsoDate } from '../shared/dates'
import { formatYuanCompact } from '../shared/money'
import { addMonths, assertMonth, dateOfTurning, describeMonths, monthEnd, monthOf, monthsBetween, monthStart, nextMonth } from '../shared/months'

/** Payment ends with the month a child turns 18 unless a programme says otherwise. */
export const DEFAULT_AGE_LIMIT = 18

export interface Standard {
  amountFen: number
  /** ISO date; a standard applies to a month when it is in force on the 1st of that month */
  effectiveFrom: string
  /** ISO date, inclusive; null = open-ended */
  effectiveTo: string | null
  /** e.g. '集中供养' | '散居'; null = any child. A child's own group's standard wins over a null one. */
  group?: string | null
}

export interface Programme {
  code: string
  name: string
  kind: 'child' | 'director'
  /**
   * 'month' (the default): a standard is an amount per month, paid for each month.
   * 'year': a standard is an amount per year (education subsidy, insurance premium), paid once a
   * year, in the month of the roster; the service keeps a child from being paid twice in a year.
   */
  period?: 'month' | 'year'
  /** category codes that make a child eligible (child programmes) */
  categories: string[]
  /** codes of programmes that take precedence: a child paid by one of those is not paid here */
  excludedBy: string[]
  /** paid through the month in which the child turns this age; null = no age limit */
  ageLimit: number | null
  /** after ageLimit, paid while enrolment is on file, through the month the child turns untilAge */
  extension?: { untilAge: number; needs: 'school-enrolment' } | null
  /**
   * First paid month: 'month-after-registration' = the month after approvedOn;
   * 'month-of-registration' = the month of approvedOn itself.
   */
  startRule: 'month-after-registration' | 'month-of-registration'
  /**
   * Last paid month of a child who exited: 'month-of-exit' = the month containing exitDate
   * (nothing from the next month on); 'month-after-exit' = one month more, the month after exitDate.
   */
  endRule: 'month-after-exit' | 'month-of-exit'
  standards: Standard[]
}

export interface CategoryPeriod {
  code: string
  /** ISO date, inclusive; null = since before records began */
  since: string | null
  /** ISO date, inclusive; null = still held */
  until: string | null
}

export interface ChildFacts {
  id: number
  name: string
  birthDate: string
  status: 'active' | 'exited'
  exitDate: string | null
  /** an exit reason code (see EXIT_REASON_NAMES) or the clerk's own words */
  exitReason?: string | null
  /** date the child was approved (认定) for support */
  approvedOn: string | null
  categories: CategoryPeriod[]
  hasBankAccount: boolean
  group?: string | null
  /** last day covered by proof of school enrolment on file */
  schoolEnrolmentUntil?: string | null
}

export interface DirectorFacts {
  id: number
  name: string
  startDate: string
  endDate: string | null
  villageCodes: string[]
}

export type MonthEligibility =
  | { ok: true; category: string; standard: Standard; extended: boolean }
  /** excludedBy: the code of the programme that pays this month instead */
  | { ok: false; reason: string; excludedBy?: string }

export interface MonthReason {
  month: string
  reason: string
}

// ---------------------------------------------------------------------------------------------
// Standards

type StandardChoice = { ok: true; standard: Standard } | { ok: false; reason: string }

/**
 * The standard in force on the 1st of the month, so a standard changing mid-quarter pays each
 * month at its own rate. When several are in force (an old one whose end date was never filled in)
 * the latest effectiveFrom wins: a new standard is meant to replace the old one.
 */
export function standardFor(programme: Programme, month: string, group?: string | null): StandardChoice {
  const first = monthStart(month)
  // One pass (this runs for every child and month): the latest in force of the child's own group,
  // and of the standards for everyone, each noting whether another starts the same day.
  let own: Standard | null = null
  let ownTwice = false
  let common: Standard | null = null
  let commonTwice = false
  for (const s of programme.standards) {
    if (s.effectiveFrom > first || (s.effectiveTo !== null && s.effectiveTo < first)) continue
    if (group && s.group === group) {
      if (own === null || s.effectiveFrom > own.effectiveFrom) {
        own = s
        ownTwice = false
      } else if (s.effectiveFrom === own.effectiveFrom) ownTwice = true
    } else if (s.group == null) {
      if (common === null || s.effectiveFrom > common.effectiveFrom) {
        common = s
        commonTwice = false
      } else if (s.effectiveFrom === common.effectiveFrom) commonTwice = true
    }
  }
  const latest = own ?? common
  if (latest === null) {
    return { ok: false, reason: group ? `当月无有效标准（${group}）` : '当月无有效标准' }
  }
  if (own !== null ? ownTwice : commonTwice) {
    return { ok: false, reason: `当月有多条 ${latest.effectiveFrom} 起的标准，请核对补贴标准` }
  }
  return { ok: true, standard: latest }
}

/** 月 or 年: what one standard pays for. */
export function periodUnit(programme: Pick<Programme, 'period'>): '月' | '年' {
  return programme.period === 'year' ? '年' : '月'
}

/** ["1200元/月", "（2026-01-01 起标准）"]: the rate, and where it comes from. */
function describeStandard(standard: Standard, unit: '月' | '年' = '月'): [string, string] {
  const group = standard.group ? `${standard.group}，` : ''
  return [`${formatYuanCompact(standard.amountFen)}元/${unit}`, `（${group}${standard.effectiveFrom} 起标准）`]
}

// ---------------------------------------------------------------------------------------------
// One child, one programme, one month

function exitReasonName(code: string | null | undefined): string {
  if (!code) return '退出'
  return code in EXIT_REASON_NAMES ? EXIT_REASON_NAMES[code as keyof typeof EXIT_REASON_NAMES] : code
}

function firstPaidMonth(programme: Programme, approvedOn: string): string {
  const month = monthOf(approvedOn)
  return programme.startRule === 'month-of-registration' ? month : nextMonth(month)
}

function lastPaidMonth(programme: Programme, exitDate: string): string {
  const month = monthOf(exitDate)
  return programme.endRule === 'month-after-exit' ? addMonths(month, 1) : month
}

type AgeCheck = { ok: true; extended: boolean } | { ok: false; reason: string }

/**
 * Paid through the month the child turns ageLimit, whatever the day of the birthday. The school
 * extension ends the same way, through the month the child turns untilAge, so both ends of support
 * follow one rule; each month of it needs enrolment proof covering the 1st of that month.
 */
function checkAge(programme: Programme, child: ChildFacts, month: string): AgeCheck {
  const limit = programme.ageLimit
  if (limit === null) return { ok: true, extended: false }
  const turned = dateOfTurning(child.birthDate, limit)
  if (month <= monthOf(turned)) return { ok: true, extended: false }
  const agedOut = `已满${limit}周岁（${turned} 满${limit}岁）`
  const extension = programme.extension
  if (!extension) return { ok: false, reason: agedOut }
  const extensionEnd = dateOfTurning(child.birthDate, extension.untilAge)
  if (month > monthOf(extensionEnd)) {
    return {
      ok: false,
      reason: `已满${extension.untilAge}周岁（${extensionEnd} 满${extension.untilAge}岁），在校延长保障已结束`,
    }
  }
  const enrolled = child.schoolEnrolmentUntil
  if (!enrolled) return { ok: false, reason: `${agedOut}，无在校就读证明` }
  if (enrolled < monthStart(month)) {
    return { ok: false, reason: `${agedOut}，在校就读证明有效期至 ${enrolled}` }
  }
  return { ok: true, extended: true }
}

function periodText(period: CategoryPeriod): string {
  if (period.since && period.until) return `${period.since} 至 ${period.until}`
  if (period.since) return `${period.since} 起`
  return period.until ? `至 ${period.until}` : '长期'
}

type CategoryCheck = { ok: true; category: string } | { ok: false; reason: string }

/**
 * A child counts in a category for every month its period touches, even by one day. A change
 * between two categories mid-month therefore makes the child eligible under both for that month,
 * and mutual exclusion (resolveExclusions) decides which programme pays it, so the month is paid
 * once. Within one programme, the category held on the 1st names the month (the category the
 * month began with); failing that, the programme's own order of categories decides.
 */
function categoryFor(programme: Programme, child: ChildFacts, month: string): CategoryCheck {
  const first = monthStart(month)
  const last = monthEnd(month)
  // One pass: a period held on the 1st beats one that only touches the month; then the
  // programme's order of categories; then the child's own order.
  let held = false
  let chosen: CategoryPeriod | null = null
  let chosenOnFirst = false
  let chosenRank = 0
  for (const c of child.categories) {
    const rank = programme.categories.indexOf(c.code)
    if (rank < 0) continue
    held = true
    if ((c.since !== null && c.since > last) || (c.until !== null && c.until < first)) continue
    const onFirst = c.since === null || c.since <= first
    if (chosen === null || (onFirst && !chosenOnFirst) || (onFirst === chosenOnFirst && rank < chosenRank)) {
      chosen = c
      chosenOnFirst = onFirst
      chosenRank = rank
    }
  }
  if (!held) return { ok: false, reason: '不属于本项目类别' }
  if (chosen === null) {
    const relevant = child.categories.filter((c) => programme.categories.includes(c.code))
    return { ok: false, reason: `当月不在本项目类别期间（${relevant.map(periodText).join('；')}）` }
  }
  return { ok: true, category: chosen.code }
}

/**
 * Whether a child programme pays this child for this month, judged alone (see resolveExclusions
 * for programmes that exclude each other). Reasons are checked from the most basic fact to the
 * most specific, so the clerk reads the one that matters first.
 */
export function eligibleMonth(programme: Programme, child: ChildFacts, month: string): MonthEligibility {
  if (programme.kind !== 'child') throw new Error(`eligibleMonth: ${programme.code} is not a child programme`)
  if (child.birthDate > monthEnd(month)) {
    return { ok: false, reason: `当月尚未出生（${child.birthDate} 出生）` }
  }
  if (!child.approvedOn) return { ok: false, reason: '尚未认定（缺少认定日期）' }
  const first = firstPaidMonth(programme, child.approvedOn)
  if (month < first) {
    const when = programme.startRule === 'month-of-registration' ? '当月' : '次月'
    return { ok: false, reason: `尚未到起付月（${child.approvedOn} 认定，${when}起发放）` }
  }
  if (child.status === 'exited') {
    const reasonName = exitReasonName(child.exitReason)
    if (!child.exitDate) return { ok: false, reason: `已退出（${reasonName}，缺少退出日期）` }
    if (month > lastPaidMonth(programme, child.exitDate)) {
      return { ok: false, reason: `已退出（${child.exitDate} ${reasonName}）` }
    }
  }
  const age = checkAge(programme, child, month)
  if (!age.ok) return age
  const category = categoryFor(programme, child, month)
  if (!category.ok) return category
  const standard = standardFor(programme, month, child.group)
  if (!standard.ok) return standard
  return { ok: true, category: category.category, standard: standard.standard, extended: age.extended }
}

/**
 * Each child programme's decision for one month once mutual exclusion is applied: a programme
 * loses the month when a programme in its excludedBy actually pays it (is eligible and not itself
 * excluded). So when A gives way to B and B to C, B's losing to C leaves A paid: A is shut out only
 * by what is really paid, and the clerk never reads "已享受B" for a B that was not paid. A cycle is a
 * configuration error that checkProgrammes reports; here it still pays exactly one of the
 * programmes in it, never two, the one listed first.
 */
export function resolveExclusions(
  programmes: Programme[],
  child: ChildFacts,
  month: string,
): Map<string, MonthEligibility> {
  const byCode = new Map<string, Programme>()
  for (const p of programmes) if (p.kind === 'child') byCode.set(p.code, p)
  const state: ExclusionState = { byCode, resolved: new Map(), visiting: new Set(), child, month }
  for (const code of byCode.keys()) resolveIn(state, code)
  return state.resolved
}

interface ExclusionState {
  byCode: Map<string, Programme>
  resolved: Map<string, MonthEligibility>
  visiting: Set<string>
  child: ChildFacts
  month: string
}

function paysIn(state: ExclusionState, code: string): boolean {
  if (state.visiting.has(code)) return true
  return resolveIn(state, code)?.ok === true
}

function resolveIn(state: ExclusionState, code: string): MonthEligibility | undefined {
  const done = state.resolved.get(code)
  if (done) return done
  const programme = state.byCode.get(code)
  if (!programme) return undefined
  let result = eligibleMonth(programme, state.child, state.month)
  if (result.ok) {
    state.visiting.add(code)
    let winner: string | undefined
    for (const other of programme.excludedBy) {
      if (other !== code && state.byCode.has(other) && paysIn(state, other)) {
        winner = other
        break
      }
    }
    state.visiting.delete(code)
    if (winner) {
      result = { ok: false, reason: `已享受${state.byCode.get(winner)!.name}（互斥）`, excludedBy: winner }
    }
  }
  state.resolved.set(code, result)
  return result
}

// ---------------------------------------------------------------------------------------------
// Roster lines

export interface RosterOptions {
  /** every programme of the bureau, for mutual exclusion; without it the programme is judged alone */
  programmes?: Programme[]
  /** months this programme has already paid the child (locked rosters): never paid twice */
  alreadyPaidMonths?: string[]
  /**
   * Earliest month back-pay may reach. Without it there is no back-pay: owed months are only
   * found when the caller knows the full payment history down to this month.
   */
  backPayFrom?: string | null
}

/**
 * What the rules pay one payee: the money of a roster line, in the contract's names (PayeeLine), so a
 * name means the same from the rule to the printed roster. categoryCode is that of the latest paid month.
 */
export type PaidLine = Pick<
  PayeeLine,
  'paidMonths' | 'backPayMonths' | 'ownMonthsFen' | 'backPayFen' | 'totalFen' | 'categoryCode' | 'standardFen' | 'rule'
>

export interface ChildLine extends PaidLine {
  ok: true
  /** roster months not paid, each with its reason */
  skipped: MonthReason[]
  /**
   * codes of the programmes this line won over: the child qualified for them too in a paid month,
   * and mutual exclusion gave the month to this programme (the rule says so in words)
   */
  outranked: string[]
}

export type ChildLineResult = ChildLine | { ok: false; reason: string; skipped: MonthReason[] }

type PaidMonth = { month: string; standard: Standard; category: string; extended: boolean }

/**
 * "1200元/月 × 1月（2025-01-01 起标准）+ 1300元/月 × 2月（2026-02-01 起标准）": one run per
 * distinct standard, in order of first use.
 */
/** "1200元/月 × 3月（2020-01-01 起标准）" by standard, unit and count: the same words for most lines of a roster. */
const runTexts = new WeakMap<Standard, Map<string, string>>()

function describeRun(standard: Standard, count: number, unit: '月' | '年'): string {
  let texts = runTexts.get(standard)
  if (!texts) runTexts.set(standard, (texts = new Map()))
  const key = `${count}${unit}`
  let text = texts.get(key)
  if (text === undefined) {
    const [amount, source] = describeStandard(standard, unit)
    text = `${amount} × ${count}${unit}${source}`
    if (texts.size < 100) texts.set(key, text)
  }
  return text
}

function describeRuns(paid: PaidMonth[], unit: '月' | '年' = '月'): string {
  // One standard for every month: the common case, said without building a list.
  const first = paid[0]!.standard
  let single = true
  for (const p of paid) {
    if (p.standard !== first) {
      single = false
      break
    }
  }
  if (single) return describeRun(first, paid.length, unit)
  const runs: { standard: Standard; count: number }[] = []
  for (const p of paid) {
    const run = runs.find((r) => r.standard === p.standard)
    if (run) run.count++
    else runs.push({ standard: p.standard, count: 1 })
  }
  return runs.map(({ standard, count }) => describeRun(standard, count, unit)).join('+ ')
}

function checkMonthList(months: string[], what: string): void {
  for (const m of months) assertMonth(m)
  if (months.length > 1 && new Set(months).size !== months.length) throw new RangeError(`${what}: a month is listed twice`)
}

/** "2026-01—2026-02：尚未到起付月…；2026-03：已满18周岁…", or just the reason when all months share it. */
function summariseReasons(skipped: MonthReason[]): string {
  const reasons = [...new Set(skipped.map((s) => s.reason))]
  if (reasons.length <= 1) return reasons[0] ?? '无应发月份'
  return reasons
    .map((reason) => `${describeMonths(skipped.filter((s) => s.reason === reason).map((s) => s.month))}：${reason}`)
    .join('；')
}

/**
 * One child's line for a roster covering `months` (usually a quarter paid together): each month
 * at its own standard, plus back-pay for owed months before the roster. The bank account is not
 * looked at here; see payable and rosterEntry.
 */
export function rosterLine(
  programme: Programme,
  child: ChildFacts,
  months: string[],
  options: RosterOptions = {},
): ChildLineResult {
  if (programme.kind !== 'child') throw new Error(`rosterLine: ${programme.code} is not a child programme`)
  checkMonthList(months, 'rosterLine')
  const alreadyPaid = options.alreadyPaidMonths && options.alreadyPaidMonths.length > 0 ? new Set(options.alreadyPaidMonths) : null
  const all = withProgramme(programme, options.programmes)
  // Programmes that gave way to this one in a month it pays: the line says it won over them.
  const outranked: string[] = []
  const unit = periodUnit(programme)

  const paid: PaidMonth[] = []
  const skipped: MonthReason[] = []
  const sorted = months.length > 1 ? [...months].sort() : months
  for (const month of sorted) {
    if (alreadyPaid?.has(month)) {
      skipped.push({ month, reason: '当月已发放' })
      continue
    }
    const e = judgeMonth(programme, all, child, month, outranked)
    if (e.ok) paid.push({ month, standard: e.standard, category: e.category, extended: e.extended })
    else skipped.push({ month, reason: e.reason })
  }

  const backPaid: PaidMonth[] = []
  const firstRosterMonth = sorted[0]
  if (options.backPayFrom && firstRosterMonth) {
    for (const month of monthsBetween(options.backPayFrom, addMonths(firstRosterMonth, -1))) {
      if (alreadyPaid?.has(month)) continue
      const e = judgeMonth(programme, all, child, month, outranked)
      if (e.ok) backPaid.push({ month, standard: e.standard, category: e.category, extended: e.extended })
    }
  }

  if (paid.length === 0 && backPaid.length === 0) {
    return { ok: false, reason: summariseReasons(skipped), skipped }
  }
  const ownMonthsFen = sumFen(paid)
  const backPayFen = sumFen(backPaid)
  const latest = backPaid.length > 0 && paid.length === 0 ? backPaid[backPaid.length - 1]! : paid[paid.length - 1]!

  let rule: string
  const extended = anyExtended(backPaid) || anyExtended(paid)
  if (backPaid.length === 0 && !extended && outranked.length === 0) {
    rule = `${programme.name} ${describeRuns(paid, unit)}`
  } else {
    const parts: string[] = []
    if (paid.length > 0) parts.push(describeRuns(paid, unit))
    if (backPaid.length > 0) {
      parts.push(`补发 ${describeMonths(backPaid.map((p) => p.month))}：${describeRuns(backPaid, unit)}`)
    }
    if (extended) {
      const months = [...backPaid, ...paid].filter((p) => p.extended).map((p) => p.month)
      parts.push(`在校延长保障 ${describeMonths(months)}`)
    }
    if (outranked.length > 0) {
      const won = outranked.map((code) => `「${all.find((p) => p.code === code)?.name ?? code}」`)
      parts.push(`同时符合${won.join('、')}条件，互斥只发一项，按本项目发放`)
    }
    rule = `${programme.name} ${parts.join('；')}`
  }

  return {
    ok: true,
    paidMonths: paid.map((p) => p.month),
    backPayMonths: backPaid.map((p) => p.month),
    ownMonthsFen,
    backPayFen,
    totalFen: ownMonthsFen + backPayFen,
    categoryCode: latest.category,
    standardFen: latest.standard.amountFen,
    rule,
    skipped,
    outranked,
  }
}

/**
 * The bureau's programmes with this one in its place (or added at the end). The caller's order is
 * kept: it settles exclusion cycles, and every line of the roster must settle them the same way.
 */
function withProgramme(programme: Programme, given: Programme[] | undefined): Programme[] {
  if (!given || given.length === 0) return [programme]
  let found = false
  const all: Programme[] = []
  for (const p of given) {
    if (p.code === programme.code) {
      found = true
      all.push(programme)
    } else all.push(p)
  }
  if (!found) all.push(programme)
  return all
}

/** The programme's decision for the month, exclusions applied; notes whom it won over when it pays. */
function judgeMonth(
  programme: Programme,
  all: Programme[],
  child: ChildFacts,
  month: string,
  outranked: string[],
): MonthEligibility {
  if (all.length === 1) return eligibleMonth(programme, child, month)
  const resolved = resolveExclusions(all, child, month)
  const result = resolved.get(programme.code)!
  if (result.ok) {
    for (const [code, other] of resolved) {
      if (!other.ok && other.excludedBy === programme.code && !outranked.includes(code)) outranked.push(code)
    }
  }
  return result
}

function anyExtended(list: PaidMonth[]): boolean {
  for (const p of list) if (p.extended) return true
  return false
}

function sumFen(list: PaidMonth[]): number {
  let total = 0
  for (const p of list) total += p.standard.amountFen
  return total
}

/**
 * Whether money can actually reach the child. Kept apart from eligibility: a child who is owed
 * the subsidy but has no account is listed as excluded, with the amount, so the clerk can fix it.
 */
export function payable(child: ChildFacts): { ok: true } | { ok: false; reason: string } {
  return child.hasBankAccount ? { ok: true } : { ok: false, reason: '缺少银行账号' }
}

export type RosterEntry =
  | { status: 'paid'; line: ChildLine }
  /** owed but cannot be paid (e.g. no bank account): shown with its amount under 'excluded' */
  | { status: 'excluded'; line: ChildLine; reason: string }
  | { status: 'ineligible'; reason: string; skipped: MonthReason[] }

export function rosterEntry(
  programme: Programme,
  child: ChildFacts,
  months: string[],
  options: RosterOptions = {},
): RosterEntry {
  const line = rosterLine(programme, child, months, options)
  if (!line.ok) return { status: 'ineligible', reason: line.reason, skipped: line.skipped }
  const canPay = payable(child)
  return canPay.ok ? { status: 'paid', line } : { status: 'excluded', line, reason: canPay.reason }
}

// ---------------------------------------------------------------------------------------------
// Directors

/**
 * A director is paid for a month when in post on its 1st. At a handover (one leaves on the 15th,
 * the next starts on the 16th) exactly one of them is paid for the month, and a village never
 * pays two directors for the same month. A director serving several villages is paid once.
 * The programme's startRule, endRule and age limit concern children and are not used here.
 */
export function directorMonth(
  programme: Programme,
  director: DirectorFacts,
  month: string,
): { ok: true; standard: Standard } | { ok: false; reason: string } {
  if (programme.kind !== 'director') throw new Error(`directorMonth: ${programme.code} is not a director programme`)
  if (director.villageCodes.length === 0) return { ok: false, reason: '未分配村（社区）' }
  const first = monthStart(month)
  if (director.startDate > first) {
    return { ok: false, reason: `当月1日尚未在岗（${director.startDate} 到岗，按每月1日在岗计发）` }
  }
  if (director.endDate !== null && director.endDate < first) {
    return { ok: false, reason: `已离岗（${director.endDate} 离岗）` }
  }
  return standardFor(programme, month, null)
}

/** A director's line never carries back-pay or a category; its standard is that of the latest paid month. */
export type DirectorLineResult =
  | (PaidLine & { ok: true; skipped: MonthReason[] })
  | { ok: false; reason: string; skipped: MonthReason[] }

export function directorLine(
  programme: Programme,
  director: DirectorFacts,
  months: string[],
  options: { alreadyPaidMonths?: string[] } = {},
): DirectorLineResult {
  checkMonthList(months, 'directorLine')
  const alreadyPaid = new Set(options.alreadyPaidMonths ?? [])
  const paid: PaidMonth[] = []
  const skipped: MonthReason[] = []
  for (const month of [...months].sort()) {
    if (alreadyPaid.has(month)) {
      skipped.push({ month, reason: '当月已发放' })
      continue
    }
    const e = directorMonth(programme, director, month)
    if (e.ok) paid.push({ month, standard: e.standard, category: '', extended: false })
    else skipped.push({ month, reason: e.reason })
  }
  if (paid.length === 0) return { ok: false, reason: summariseReasons(skipped), skipped }
  const ownMonthsFen = sumFen(paid)
  return {
    ok: true,
    paidMonths: paid.map((p) => p.month),
    backPayMonths: [],
    ownMonthsFen,
    backPayFen: 0,
    totalFen: ownMonthsFen,
    categoryCode: '',
    standardFen: paid[paid.length - 1]!.standard.amountFen,
    rule: `${programme.name} ${describeRuns(paid, periodUnit(programme))}`,
    skipped,
  }
}

// ---------------------------------------------------------------------------------------------
// Configuration

/**
 * Problems in the bureau's programme settings, in words for the clerk who edits them. The rules
 * above stay defined on bad settings (see standardFor, resolveExclusions); this says what to fix.
 */
export function checkProgrammes(programmes: Programme[]): string[] {
  const problems: string[] = []
  const codes = new Set<string>()
  for (const p of programmes) {
    if (codes.has(p.code)) problems.push(`补贴项目代码「${p.code}」重复`)
    codes.add(p.code)
  }
  for (const p of programmes) {
    const label = `「${p.name}」`
    if (p.kind === 'child' && p.categories.length === 0) problems.push(`${label}未指定适用的儿童类别`)
    for (const other of p.excludedBy) {
      if (other === p.code) problems.push(`${label}不能与自身互斥`)
      else if (!codes.has(other)) problems.push(`${label}的互斥项目「${other}」不存在`)
    }
    if (p.extension) {
      if (p.ageLimit === null) problems.push(`${label}没有年龄上限，不需要在校延长保障`)
      else if (p.extension.untilAge <= p.ageLimit) {
        problems.push(`${label}的在校延长保障年龄（${p.extension.untilAge}）应大于年龄上限（${p.ageLimit}）`)
      }
    }
    const seen = new Set<string>()
    for (const s of p.standards) {
      if (!Number.isSafeInteger(s.amountFen) || s.amountFen < 0) {
        problems.push(`${label}的标准金额必须是不小于0的整数分（${s.amountFen}）`)
      }
      if (!isIsoDate(s.effectiveFrom)) problems.push(`${label}的标准起始日期「${s.effectiveFrom}」无效`)
      if (s.effectiveTo !== null && !isIsoDate(s.effectiveTo)) {
        problems.push(`${label}的标准截止日期「${s.effectiveTo}」无效`)
      } else if (s.effectiveTo !== null && s.effectiveTo < s.effectiveFrom) {
        problems.push(`${label}的标准截止日期 ${s.effectiveTo} 早于起始日期 ${s.effectiveFrom}`)
      }
      const key = `${s.group ?? ''}|${s.effectiveFrom}`
      if (seen.has(key)) {
        problems.push(`${label}有多条 ${s.effectiveFrom} 起的标准${s.group ? `（${s.group}）` : ''}`)
      }
      seen.add(key)
    }
  }
  problems.push(...exclusionCycles(programmes))
  return problems
}

function exclusionCycles(programmes: Programme[]): string[] {
  const byCode = new Map(programmes.map((p) => [p.code, p]))
  const state = new Map<string, 'open' | 'done'>()
  const found: string[] = []
  const walk = (code: string, path: string[]): void => {
    const s = state.get(code)
    if (s === 'done') return
    if (s === 'open') {
      const cycle = [...path.slice(path.indexOf(code)), code].map((c) => byCode.get(c)?.name ?? c)
      found.push(`补贴项目互斥关系成环：${cycle.join(' → ')}`)
      return
    }
    state.set(code, 'open')
    for (const next of byCode.get(code)?.excludedBy ?? []) {
      if (next !== code && byCode.has(next)) walk(next, [...path, code])
    }
    state.set(code, 'done')
  }
  for (const code of byCode.keys()) walk(code, [])
  return found
}
