import type { ServiceContext } from '../context'
import { validateReview, checkVisit, writeReview, writeVisit, type ReviewInput, type VisitInput } from '../followup/followup-service'
import { isQuarter, quarterOf } from '../followup/rules'
import { parseLooseDate } from '../shared/dates'
import { checkIdNumber, maskIdNumber, normaliseIdNumber } from '../shared/id-number'
import { normaliseName, normaliseText, toHalfWidth } from '../shared/text'
import type { RowProblem, RowResult } from './analysis'
import { cellText, isEmptyCell } from './cells'
import type { SheetContext } from './children-import'
import type { DataRow } from './extract-rows'
import type { Cell } from './workbook'

// The quarterly-update and visit sheets townships send: a child's ID number, a date, who, and what was found. Each row
// becomes one review (or visit) of a child already in the registry; a row already imported is 'unchanged'.

export type ReviewImportFacts = ReviewInput
export type VisitImportFacts = VisitInput

interface KnownChild {
  id: number
  name: string
  township_code: string
  township_name: string
  village_name: string
}

/** An ID that Excel turned into a number has lost its last digits once it had more than 15. */
function idText(cell: Cell): { text: string; mangled: boolean } {
  if (typeof cell === 'number') {
    const digits = String(Math.trunc(Math.abs(cell))).length
    return { text: String(cell), mangled: !Number.isSafeInteger(cell) || digits > 15 }
  }
  return { text: cellText(cell), mangled: false }
}

const NO_CHANGE = /^(无|没有|无变化|没有变化|无变动|无变更|未变化|正常|否|—+|-+|\/)$/
const CN_QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 }

/** "2026年第1季度", "2026Q1", "2026-Q1", "第一季度" (year of the date): the quarter, or null when unreadable. */
export function parseQuarter(raw: string, reviewedOn: string | null): string | null {
  const text = toHalfWidth(raw).replace(/\s+/g, '')
  const full = /^(\d{4})(?:年|-|\.)?(?:第)?([1-4一二三四])季度?$/.exec(text) ?? /^(\d{4})-?Q([1-4])$/i.exec(text)
  if (full) return `${full[1]}-Q${CN_QUARTER[full[2]!]}`
  const bare = /^(?:第)?([1-4一二三四])季度$/.exec(text) ?? /^Q([1-4])$/i.exec(text)
  if (bare && reviewedOn) {
    const q = CN_QUARTER[bare[1]!]!
    const year = Number(reviewedOn.slice(0, 4))
    // a late review of the last quarter, written in January, is for last year's fourth quarter
    return `${q > Number(quarterOf(reviewedOn).slice(-1)) ? year - 1 : year}-Q${q}`
  }
  return null
}

const VISIT_KINDS: [RegExp, VisitInput['kind']][] = [
  [/电话|微信|视频/, 'phone'],
  [/学校|到校|校访/, 'school'],
  [/入户|家访|上门|走访|实地/, 'home'],
]

const RISKS: [RegExp, NonNullable<VisitInput['risk']>][] = [
  [/监护|无人|独自|独居|看护/, 'no-guardian'],
  [/虐|忽视|暴力|打骂|伤痕|淤青/, 'abuse-neglect'],
]

/** What every follow-up row starts with: whose row it is, from the ID number, with the row's own checks. */
function findChild(
  ctx: ServiceContext,
  data: DataRow,
  sheet: SheetContext,
  at: (field: string | null, message: string) => void,
): { child: KnownChild | null; label: string; key: string | undefined } {
  const v = data.values
  const name = normaliseName(cellText(v.name ?? null))
  const id = idText(v.idNumber ?? null)
  const number = id.text ? normaliseIdNumber(id.text) : ''
  const label = `${name || '（无姓名）'} ${number ? maskIdNumber(number) : ''}`.trim()
  const key = number || undefined
  if (!id.text) {
    at('idNumber', '没有填写身份证号，无法确定是哪名儿童。请补全后重新导入。')
    return { child: null, label, key }
  }
  if (id.mangled) {
    at('idNumber', `身份证号被Excel存成了数字（${id.text}），后几位已丢失，无法还原。请把该列设置为「文本」格式后重新录入完整的18位号码。`)
    return { child: null, label, key }
  }
  const child = ctx.sqlite
    .prepare(
      `SELECT c.id, c.name, t.code AS township_code, t.name AS township_name, v.name AS village_name
         FROM children c JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code WHERE c.id_number = ?`,
    )
    .get(number) as KnownChild | undefined
  if (!child) {
    const checked = checkIdNumber(number, sheet.today)
    if (!checked.ok) at('idNumber', `身份证号「${maskIdNumber(number)}」有误：${checked.reason}`)
    else at('idNumber', `身份证号「${maskIdNumber(number)}」在台账中找不到对应的儿童。请核对号码；如为新纳入的儿童，请先导入困境儿童名单或在「困境儿童」中登记，再导入本表。`)
    return { child: null, label, key }
  }
  if (name && name !== child.name) at('name', `姓名填写为「${name}」，但该身份证号在台账中登记的是「${child.name}」。请核对姓名或身份证号。`)
  const township = isEmptyCell(v.township) ? null : sheet.places.township(cellText(v.township ?? null))
  const townshipCode = township?.code ?? sheet.townshipCode
  if (townshipCode && townshipCode !== child.township_code) {
    const named = sheet.places.townships.find((t) => t.code === townshipCode)?.name ?? ''
    at('idNumber', `该儿童登记在${child.township_name}${child.village_name}，不属于${named || '本表的乡镇'}。请核对身份证号，或由${child.township_name}报送。`)
  }
  return { child, label, key }
}

function dateCell(cell: Cell | undefined, field: string, title: string, at: (field: string | null, message: string) => void): string | null {
  if (isEmptyCell(cell ?? null)) {
    at(field, `没有填写${title}。`)
    return null
  }
  const parsed = parseLooseDate(cell as string | number | Date)
  if (!parsed.ok) {
    at(field, `${title}${parsed.reason}`)
    return null
  }
  return parsed.date
}

/** The same row twice in one file: the second waits for the clerk. */
function markRepeats<F>(results: RowResult<F>[], keyOf: (f: F) => string): void {
  const first = new Map<string, RowResult<F>>()
  for (const r of results) {
    if (!r.facts || r.status === 'rejected') continue
    const key = keyOf(r.facts)
    const earlier = first.get(key)
    if (!earlier) {
      first.set(key, r)
      continue
    }
    r.status = 'rejected'
    r.problems.push({ sheet: r.sheet, row: r.row, column: null, message: `与「${earlier.sheet}」第${earlier.row}行重复（同一儿童、同一日期、同一人）。请删除重复的一行。` })
  }
}

export function checkReviewRows(ctx: ServiceContext, rows: Iterable<DataRow>, sheet: SheetContext): RowResult<ReviewImportFacts>[] {
  const existing = ctx.sqlite.prepare('SELECT 1 FROM quarterly_reviews WHERE child_id = ? AND reviewed_on = ? AND reviewer = ?').pluck()
  const results = Array.from(rows, (data): RowResult<ReviewImportFacts> => {
    const problems: RowProblem[] = []
    const at = (field: string | null, message: string) =>
      problems.push({ sheet: sheet.sheet, row: data.row, column: field ? (sheet.columnOf[field] ?? null) : null, message })
    const { child, label, key } = findChild(ctx, data, sheet, at)
    const result = (status: RowResult['status'], facts?: ReviewImportFacts): RowResult<ReviewImportFacts> => ({
      sheet: sheet.sheet, row: data.row, status, label, key, facts, existingId: child?.id, changes: [], problems, cells: data.cells,
    })
    const v = data.values
    const reviewedOn = dateCell(v.reviewedOn, 'reviewedOn', '更新日期', at)
    const reviewer = normaliseText(cellText(v.reviewer ?? null))
    if (!reviewer) at('reviewer', '没有填写更新人（儿童主任姓名）。')
    let quarter = ''
    if (!isEmptyCell(v.quarter) && reviewedOn) {
      const parsed = parseQuarter(cellText(v.quarter ?? null), reviewedOn)
      if (!parsed || !isQuarter(parsed)) at('quarter', `季度「${cellText(v.quarter ?? null)}」无法识别，请写成“2026年第1季度”或“2026Q1”。`)
      else quarter = parsed
    }
    const text = normaliseText(cellText(v.changes ?? null))
    const noChange = !text || NO_CHANGE.test(text)
    if (!child || !reviewedOn || problems.length) return result('rejected')
    const facts: ReviewImportFacts = { childId: child.id, reviewedOn, reviewer, quarter, noChange, changes: noChange ? '' : text }
    const checked = validateReview(ctx, facts)
    if (!checked.ok) {
      for (const p of checked.problems) at(p.field ?? null, p.message)
      return result('rejected')
    }
    const ready = { ...facts, quarter: checked.quarter }
    if (existing.get(child.id, reviewedOn, reviewer)) return result('unchanged', ready)
    return result('new', ready)
  })
  markRepeats(results, (f) => `${f.childId}|${f.reviewedOn}|${f.reviewer}`)
  return results
}

export function checkVisitRows(ctx: ServiceContext, rows: Iterable<DataRow>, sheet: SheetContext): RowResult<VisitImportFacts>[] {
  const existing = ctx.sqlite.prepare('SELECT 1 FROM visits WHERE child_id = ? AND visited_on = ? AND visitor = ?').pluck()
  const results = Array.from(rows, (data): RowResult<VisitImportFacts> => {
    const problems: RowProblem[] = []
    const at = (field: string | null, message: string) =>
      problems.push({ sheet: sheet.sheet, row: data.row, column: field ? (sheet.columnOf[field] ?? null) : null, message })
    const { child, label, key } = findChild(ctx, data, sheet, at)
    const result = (status: RowResult['status'], facts?: VisitImportFacts): RowResult<VisitImportFacts> => ({
      sheet: sheet.sheet, row: data.row, status, label, key, facts, existingId: child?.id, changes: [], problems, cells: data.cells,
    })
    const v = data.values
    const visitedOn = dateCell(v.visitedOn, 'visitedOn', '走访日期', at)
    const visitor = normaliseText(cellText(v.visitor ?? null))
    if (!visitor) at('visitor', '没有填写走访人。')
    const kindText = normaliseText(cellText(v.kind ?? null))
    const kind = kindText ? VISIT_KINDS.find(([pattern]) => pattern.test(kindText))?.[1] : 'home'
    if (!kind) at('kind', `走访方式「${kindText}」无法识别，请填写“入户”“电话”或“学校”。`)
    let findings = normaliseText(cellText(v.findings ?? null))
    const riskText = normaliseText(cellText(v.risk ?? null))
    let risk: VisitInput['risk'] = null
    if (riskText && !NO_CHANGE.test(riskText) && !/^(无风险|未发现|未发现风险)$/.test(riskText)) {
      risk = RISKS.find(([pattern]) => pattern.test(riskText))?.[1] ?? 'other'
      if (risk === 'other' || !findings) findings = findings ? `${findings}（风险：${riskText}）` : `风险：${riskText}`
    }
    if (!child || !visitedOn || !kind || problems.length) return result('rejected')
    const facts: VisitImportFacts = { childId: child.id, visitedOn, visitor, kind, findings, risk }
    const checked = checkVisit(ctx, facts)
    if (!checked.ok) {
      for (const p of checked.problems) at(p.field ?? null, p.message)
      return result('rejected')
    }
    if (existing.get(child.id, visitedOn, visitor)) return result('unchanged', facts)
    return result('new', facts)
  })
  markRepeats(results, (f) => `${f.childId}|${f.visitedOn}|${f.visitor}`)
  return results
}

/** Commit: each new row one record; the batch keeps their ids so it can be undone. */
export function commitFollowupRows(
  ctx: ServiceContext,
  kind: 'reviews' | 'visits',
  rows: RowResult[],
  batchId: number,
): { entity: 'review' | 'visit'; entityId: string; action: 'insert'; before: undefined }[] {
  return rows.map((row) => {
    const id = kind === 'reviews' ? writeReview(ctx, row.facts as ReviewImportFacts, batchId) : writeVisit(ctx, row.facts as VisitImportFacts, batchId)
    return { entity: kind === 'reviews' ? ('review' as const) : ('visit' as const), entityId: String(id), action: 'insert' as const, before: undefined }
  })
}
