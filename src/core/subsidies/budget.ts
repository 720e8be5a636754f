/**
 * What a programme costs over a year under the standards in force: the registry as it stands today
 * projected month by month (children age out, exits take effect, standards change on their dates;
 * no new cases are guessed), and a what-if beside it (a new standard from a month, a caseload change).
 */
import type { BudgetYear, WhatIf } from '../../contract'
import type { ServiceContext } from '../context'
import { formatYuanCompact } from '../shared/money'
import { monthEnd, monthsOf, monthStart } from '../shared/months'
import { findProgramme, loadProgrammes } from './programmes-service'
import { decidingProgrammes, loadChildCandidates, loadDirectorCandidates, relevantProgrammes } from './roster-compute'
import { directorMonth, eligibleMonth, periodUnit, resolveExclusions } from './rules'

interface MonthCost {
  month: string
  caseload: number
  amountFen: number
}

function childCosts(ctx: ServiceContext, code: string, months: string[]): MonthCost[] {
  const all = loadProgrammes(ctx)
  const target = all.find((p) => p.code === code)!
  const programmes = relevantProgrammes(target, all)
  const relevant = [...new Set(programmes.flatMap((p) => p.categories))]
  const candidates = loadChildCandidates(ctx, target.categories, relevant, monthStart(months[0]!))
  const deciding = decidingProgrammes(programmes)
  const lists = candidates.map((c) => deciding(c.facts))
  return months.map((month) => {
    let caseload = 0
    let amountFen = 0
    for (let i = 0; i < candidates.length; i++) {
      const facts = candidates[i]!.facts
      const list = lists[i]
      const e = list ? resolveExclusions(list, facts, month).get(code) : eligibleMonth(target, facts, month)
      if (e?.ok) {
        caseload++
        amountFen += e.standard.amountFen
      }
    }
    return { month, caseload, amountFen }
  })
}

function directorCosts(ctx: ServiceContext, code: string, months: string[]): MonthCost[] {
  const target = findProgramme(ctx, code)!
  const directors = loadDirectorCandidates(ctx, monthStart(months[0]!), monthEnd(months.at(-1)!))
  return months.map((month) => {
    let caseload = 0
    let amountFen = 0
    for (const d of directors) {
      const e = directorMonth(target, d.facts, month)
      if (e.ok) {
        caseload++
        amountFen += e.standard.amountFen
      }
    }
    return { month, caseload, amountFen }
  })
}

/** Null when there is no such programme. */
export function budgetYear(ctx: ServiceContext, input: { programme: string; year: number; whatIf?: WhatIf }): BudgetYear | null {
  const programme = findProgramme(ctx, input.programme)
  if (!programme) return null
  const year = String(input.year).padStart(4, '0')
  const months = monthsOf(`${year}-01`, 12)
  const yearly = programme.period === 'year'
  // A yearly programme pays once: its cost is counted in January, on January's caseload.
  const costed = yearly ? months.slice(0, 1) : months
  const costs = programme.kind === 'director' ? directorCosts(ctx, programme.code, costed) : childCosts(ctx, programme.code, costed)
  const byMonth = new Map(costs.map((c) => [c.month, c]))

  const whatIf = input.whatIf ?? {}
  const from = whatIf.fromMonth ?? `${year}-01`
  const percent = whatIf.caseloadChangePercent ?? 0
  const rows = months.map((month) => {
    const base = byMonth.get(month) ?? { month, caseload: 0, amountFen: 0 }
    if (month < from || (whatIf.newAmountFen === undefined && percent === 0)) {
      return { ...base, whatIfCaseload: base.caseload, whatIfAmountFen: base.amountFen }
    }
    const whatIfCaseload = Math.max(0, Math.round((base.caseload * (100 + percent)) / 100))
    const unpaidMonth = yearly && month !== months[0]
    const whatIfAmountFen = unpaidMonth
      ? 0
      : whatIf.newAmountFen !== undefined
        ? whatIfCaseload * whatIf.newAmountFen
        : base.caseload === 0
          ? 0
          : Math.round((base.amountFen * whatIfCaseload) / base.caseload)
    return { ...base, whatIfCaseload: unpaidMonth ? 0 : whatIfCaseload, whatIfAmountFen }
  })
  const totalFen = rows.reduce((sum, r) => sum + r.amountFen, 0)
  const whatIfTotalFen = rows.reduce((sum, r) => sum + r.whatIfAmountFen, 0)

  const asOf = ctx.today()
  const notes = [
    `按 ${asOf} 台账中的${programme.kind === 'director' ? '儿童主任' : '儿童'}逐月推算：已满年龄、已退出的按规则停发，未计今后新增对象。`,
  ]
  if (yearly) notes.push('本项目按年发放，全年金额计入1月。')
  const unit = periodUnit(programme)
  if (whatIf.newAmountFen !== undefined) notes.push(`假设自 ${from} 起标准调整为 ${formatYuanCompact(whatIf.newAmountFen)}元/${unit}。`)
  if (percent !== 0) notes.push(`假设自 ${from} 起发放人数${percent > 0 ? '增加' : '减少'} ${Math.abs(percent)}%。`)
  return {
    programme: programme.code,
    programmeName: programme.name,
    year: input.year,
    asOf,
    months: rows,
    totalFen,
    whatIfTotalFen,
    differenceFen: whatIfTotalFen - totalFen,
    notes,
  }
}
