/**
 * A roster against the previous locked roster of the same programme: who was added, who was
 * removed, whose amount changed, each with its reason in words. Pure: the service loads both.
 */
import type { PayeeLine, RosterExcluded } from '../../contract'
import { formatYuanCompact } from '../shared/money'
import { describeMonths } from '../shared/months'

export type ReconcileLine = Pick<
  PayeeLine,
  'childId' | 'directorId' | 'name' | 'township' | 'village' | 'category' | 'standardFen' | 'paidMonths' | 'backPayMonths' | 'backPayFen' | 'totalFen'
>

export type ReconcileExcluded = Pick<RosterExcluded, 'childId' | 'directorId' | 'reason'>

export interface ReconcileSide {
  lines: ReconcileLine[]
  excluded: ReconcileExcluded[]
}

export interface Change {
  childId: number | null
  directorId: number | null
  name: string
  township: string
  village: string
  beforeFen: number
  afterFen: number
  reason: string
}

export interface Reconciliation {
  added: Change[]
  removed: Change[]
  changed: Change[]
  unchanged: number
  beforeFen: number
  afterFen: number
}

const keyOf = (r: { childId: number | null; directorId: number | null }) =>
  r.childId !== null ? `c${r.childId}` : `d${r.directorId}`

const yuan = (fen: number) => `${formatYuanCompact(fen)}元`

function changeOf(line: ReconcileLine, beforeFen: number, afterFen: number, reason: string): Change {
  const { childId, directorId, name, township, village } = line
  return { childId, directorId, name, township, village, beforeFen, afterFen, reason }
}

function backPayText(line: ReconcileLine): string {
  return `含补发 ${describeMonths(line.backPayMonths)}（${yuan(line.backPayFen)}）`
}

/** Why an amount moved, in the order a clerk checks it: who they are, the rate, the months, the back-pay. */
function whyChanged(before: ReconcileLine, after: ReconcileLine, unit: string): string {
  const parts: string[] = []
  if (before.category !== after.category) parts.push(`类别 ${before.category} → ${after.category}`)
  if (before.standardFen !== after.standardFen) {
    parts.push(`标准 ${formatYuanCompact(before.standardFen)}元/${unit} → ${formatYuanCompact(after.standardFen)}元/${unit}`)
  }
  const ownBefore = before.paidMonths.length
  const ownAfter = after.paidMonths.length
  if (ownBefore !== ownAfter) parts.push(`发放月数 ${ownBefore} → ${ownAfter}`)
  if (after.backPayMonths.length > 0) parts.push(`本期${backPayText(after)}`)
  if (before.backPayMonths.length > 0) parts.push(`上期${backPayText(before)}`)
  if (parts.length === 0) parts.push(`金额 ${yuan(before.totalFen)} → ${yuan(after.totalFen)}`)
  return parts.join('；')
}

/** `unit` is 月 or 年, as the programme's standards are. */
export function reconcileRosters(current: ReconcileSide, previous: ReconcileSide, unit = '月'): Reconciliation {
  const before = new Map(previous.lines.map((l) => [keyOf(l), l]))
  const after = new Map(current.lines.map((l) => [keyOf(l), l]))
  const excludedBefore = new Map(previous.excluded.map((e) => [keyOf(e), e.reason]))
  const excludedNow = new Map(current.excluded.map((e) => [keyOf(e), e.reason]))
  const added: Change[] = []
  const removed: Change[] = []
  const changed: Change[] = []
  let unchanged = 0
  for (const line of current.lines) {
    const old = before.get(keyOf(line))
    if (!old) {
      const wasOut = excludedBefore.get(keyOf(line))
      const parts = [wasOut ? `上期未列入（${wasOut}），本期列入` : '本期新列入']
      if (line.backPayMonths.length > 0) parts.push(backPayText(line))
      added.push(changeOf(line, 0, line.totalFen, parts.join('；')))
    } else if (old.totalFen !== line.totalFen) {
      changed.push(changeOf(line, old.totalFen, line.totalFen, whyChanged(old, line, unit)))
    } else unchanged++
  }
  for (const line of previous.lines) {
    if (after.has(keyOf(line))) continue
    const reason = excludedNow.get(keyOf(line)) ?? '本期已不在发放对象范围内（类别取消或退出已久）'
    removed.push(changeOf(line, line.totalFen, 0, reason))
  }
  const sum = (lines: ReconcileLine[]) => lines.reduce((total, l) => total + l.totalFen, 0)
  return { added, removed, changed, unchanged, beforeFen: sum(previous.lines), afterFen: sum(current.lines) }
}
