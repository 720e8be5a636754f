import type { Outcome, Problem } from '../../contract'
import { DOCUMENT_TYPE_NAMES, NEED_LEVEL_NAMES, RISK_FLAG_NAMES, VISIT_KIND_NAMES } from '../../contract/followup'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'
import { statement } from '../db/statements'
import { maskIdNumber } from '../shared/id-number'
import { normaliseText } from '../shared/text'
import { isQuarter, overallLevel, quarterName, quarterOf, reviewQuarterProblem, type Level } from './rules'

// The follow-up writes: each in one transaction with its audit entry; refusals are problems under the field.

type VisitKind = keyof typeof VISIT_KIND_NAMES
type RiskFlag = keyof typeof RISK_FLAG_NAMES
type DocumentType = keyof typeof DOCUMENT_TYPE_NAMES

interface ChildFacts {
  id: number
  name: string
  status: 'active' | 'exited'
  exit_date: string | null
  birth_date: string
}

const refuse = (field: string | undefined, message: string): { ok: false; problems: Problem[] } => ({
  ok: false,
  problems: [{ ...(field ? { field } : {}), message }],
})

function childOf(ctx: ServiceContext, id: number): ChildFacts | undefined {
  return statement(ctx.sqlite, 'SELECT id, name, status, exit_date, birth_date FROM children WHERE id = ?').get(id) as ChildFacts | undefined
}

const NO_CHILD = '该儿童档案不存在，可能已被删除或编号有误，请刷新后重试。'

/** A day something happened to the child: not in the future, not before the child was born, not after it left. */
function dayProblems(ctx: ServiceContext, child: ChildFacts, field: string, day: string, what: string): Problem[] {
  if (day > ctx.today()) return [{ field, message: `${what}（${day}）晚于今天，请核对。` }]
  if (day < child.birth_date) return [{ field, message: `${what}（${day}）早于该儿童的出生日期 ${child.birth_date}，请核对。` }]
  if (child.status === 'exited' && child.exit_date && day > child.exit_date) {
    return [{ field, message: `该儿童已于 ${child.exit_date} 退出登记，${what}（${day}）不能晚于退出日期。` }]
  }
  return []
}

function required(field: string, value: string, message: string): Problem[] {
  return value ? [] : [{ field, message }]
}

// ---------------------------------------------------------------------------------------------
// Quarterly reviews

export interface ReviewInput {
  childId: number
  reviewedOn: string
  reviewer: string
  quarter: string
  noChange: boolean
  changes: string
}

/** Checks a review as a form or a sheet row would write it; the same words serve both. */
export function validateReview(ctx: ServiceContext, input: ReviewInput): { ok: true; quarter: string; reviewer: string; changes: string } | { ok: false; problems: Problem[] } {
  const child = childOf(ctx, input.childId)
  if (!child) return refuse('childId', NO_CHILD)
  const reviewer = normaliseText(input.reviewer)
  const changes = input.changes.trim()
  const quarter = input.quarter || quarterOf(input.reviewedOn)
  const problems: Problem[] = [
    ...dayProblems(ctx, child, 'reviewedOn', input.reviewedOn, '更新日期'),
    ...required('reviewer', reviewer, '请填写更新人（儿童主任姓名）。'),
  ]
  if (!isQuarter(quarter)) problems.push({ field: 'quarter', message: '季度格式应为 YYYY-Qn，如 2026-Q1。' })
  else {
    const wrong = reviewQuarterProblem(quarter, input.reviewedOn)
    if (wrong) problems.push({ field: 'quarter', message: wrong })
  }
  if (!input.noChange && !changes) problems.push({ field: 'changes', message: '请填写本季度的变化情况；没有变化请选择“无变化”。' })
  if (problems.length) return { ok: false, problems }
  return { ok: true, quarter, reviewer, changes }
}

export function addReview(ctx: ServiceContext, input: ReviewInput): Outcome<{ id: number }> {
  const checked = validateReview(ctx, input)
  if (!checked.ok) return checked
  return inTransaction(ctx, () => ({ ok: true as const, value: { id: writeReview(ctx, { ...input, ...checked }, null) } }))
}

/** Writes a checked review and its audit entry; the caller holds the transaction (a form's, or an import batch's). */
export function writeReview(ctx: ServiceContext, review: ReviewInput, importBatchId: number | null): number {
  const now = ctx.now()
  const id = Number(
    statement(
      ctx.sqlite,
      `INSERT INTO quarterly_reviews (child_id, quarter, reviewed_on, reviewer, no_change, changes, import_batch_id, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(review.childId, review.quarter, review.reviewedOn, review.reviewer, review.noChange ? 1 : 0, review.changes, importBatchId, now, ctx.actor, now)
      .lastInsertRowid,
  )
  recordAudit(ctx, {
    action: importBatchId ? `导入季度更新（批次${importBatchId}）` : `登记季度更新（${quarterName(review.quarter)}）`,
    entity: 'review',
    entityId: id,
    after: { childId: review.childId, quarter: review.quarter, reviewedOn: review.reviewedOn, reviewer: review.reviewer, noChange: review.noChange, changes: review.changes },
  })
  return id
}

/** The supervisor's check of a review; one already checked keeps its first check (checked: false). */
export function checkReview(ctx: ServiceContext, input: { id: number; checker: string }): Outcome<{ id: number; checked: boolean }> {
  const checker = normaliseText(input.checker)
  if (!checker) return refuse('checker', '请填写审核人（儿童督导员姓名）。')
  const row = statement(ctx.sqlite, 'SELECT id, child_id, checked_at FROM quarterly_reviews WHERE id = ?').get(input.id) as
    | { id: number; child_id: number; checked_at: string | null }
    | undefined
  if (!row) return refuse('id', '该季度更新记录不存在，可能已被撤销，请刷新后重试。')
  if (row.checked_at) return { ok: true, value: { id: row.id, checked: false } }
  return inTransaction(ctx, () => {
    const now = ctx.now()
    statement(ctx.sqlite, 'UPDATE quarterly_reviews SET checked_at = ?, checked_by = ?, updated_at = ? WHERE id = ?').run(now, checker, now, row.id)
    recordAudit(ctx, { action: '督导员审核季度更新', entity: 'review', entityId: row.id, after: { childId: row.child_id, checkedBy: checker, checkedAt: now } })
    return { ok: true as const, value: { id: row.id, checked: true } }
  })
}

/**
 * Takes back a review entered by mistake; the trail keeps what it said. One that came with an imported sheet goes
 * back with its whole batch instead, so the batch's undo stays exact.
 */
export function removeReview(ctx: ServiceContext, id: number): Outcome<{ id: number }> {
  return removeRecord(ctx, id, { table: 'quarterly_reviews', entity: 'review', what: '季度更新记录', action: '删除季度更新记录' })
}

export function removeVisit(ctx: ServiceContext, id: number): Outcome<{ id: number }> {
  return removeRecord(ctx, id, { table: 'visits', entity: 'visit', what: '走访记录', action: '删除走访记录' })
}

function removeRecord(
  ctx: ServiceContext,
  id: number,
  kind: { table: 'quarterly_reviews' | 'visits'; entity: 'review' | 'visit'; what: string; action: string },
): Outcome<{ id: number }> {
  const row = statement(ctx.sqlite, `SELECT * FROM ${kind.table} WHERE id = ?`).get(id) as (Record<string, unknown> & { import_batch_id: number | null }) | undefined
  if (!row) return refuse('id', `该${kind.what}不存在，可能已被删除，请刷新后重试。`)
  if (row.import_batch_id !== null) {
    return refuse('id', `该${kind.what}随第 ${row.import_batch_id} 批导入，请在「导入」页撤销该批次，或在原表中改正后重新导入。`)
  }
  return inTransaction(ctx, () => {
    statement(ctx.sqlite, `DELETE FROM ${kind.table} WHERE id = ?`).run(id)
    recordAudit(ctx, { action: kind.action, entity: kind.entity, entityId: id, before: row })
    return { ok: true as const, value: { id } }
  })
}

// ---------------------------------------------------------------------------------------------
// Visits and risk flags

export interface VisitInput {
  childId: number
  visitedOn: string
  visitor: string
  kind: VisitKind
  findings: string
  risk: RiskFlag | null
}

export function checkVisit(ctx: ServiceContext, input: VisitInput): { ok: true; visitor: string; findings: string } | { ok: false; problems: Problem[] } {
  const child = childOf(ctx, input.childId)
  if (!child) return refuse('childId', NO_CHILD)
  const visitor = normaliseText(input.visitor)
  const findings = input.findings.trim()
  const problems: Problem[] = [
    ...dayProblems(ctx, child, 'visitedOn', input.visitedOn, '走访日期'),
    ...required('visitor', visitor, '请填写走访人。'),
  ]
  if (input.risk && !findings) problems.push({ field: 'findings', message: `标记了风险（${RISK_FLAG_NAMES[input.risk]}），请在走访情况中写明发现了什么。` })
  if (problems.length) return { ok: false, problems }
  return { ok: true, visitor, findings }
}

export function addVisit(ctx: ServiceContext, input: VisitInput): Outcome<{ id: number }> {
  const checked = checkVisit(ctx, input)
  if (!checked.ok) return checked
  return inTransaction(ctx, () => ({ ok: true as const, value: { id: writeVisit(ctx, { ...input, ...checked }, null) } }))
}

/** Writes a checked visit and its audit entry; the caller holds the transaction. */
export function writeVisit(ctx: ServiceContext, visit: VisitInput, importBatchId: number | null): number {
  const now = ctx.now()
  const id = Number(
    statement(
      ctx.sqlite,
      `INSERT INTO visits (child_id, visited_on, visitor, kind, findings, risk, import_batch_id, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(visit.childId, visit.visitedOn, visit.visitor, visit.kind, visit.findings, visit.risk, importBatchId, now, ctx.actor, now).lastInsertRowid,
  )
  recordAudit(ctx, {
    action: importBatchId ? `导入走访记录（批次${importBatchId}）` : visit.risk ? `登记走访（风险：${RISK_FLAG_NAMES[visit.risk]}）` : '登记走访',
    entity: 'visit',
    entityId: id,
    after: { childId: visit.childId, visitedOn: visit.visitedOn, visitor: visit.visitor, kind: visit.kind, findings: visit.findings, risk: visit.risk },
  })
  return id
}

/** Records the action taken on a risk flag: the child leaves the dashboard's risk list. */
export function resolveRisk(ctx: ServiceContext, input: { id: number; action: string; resolvedBy: string; resolvedOn: string }): Outcome<{ id: number }> {
  const visit = statement(ctx.sqlite, 'SELECT id, child_id, visited_on, risk, resolved_on FROM visits WHERE id = ?').get(input.id) as
    | { id: number; child_id: number; visited_on: string; risk: RiskFlag | null; resolved_on: string | null }
    | undefined
  if (!visit) return refuse('id', '该走访记录不存在，可能已被撤销，请刷新后重试。')
  if (!visit.risk) return refuse('id', '该次走访没有标记风险，无需处置。')
  if (visit.resolved_on) return refuse('id', `该风险已于 ${visit.resolved_on} 处置，无需重复登记。`)
  const action = input.action.trim()
  const resolvedBy = normaliseText(input.resolvedBy)
  const problems: Problem[] = [
    ...required('action', action, '请填写采取的处置措施。'),
    ...required('resolvedBy', resolvedBy, '请填写处置人。'),
  ]
  if (input.resolvedOn < visit.visited_on) problems.push({ field: 'resolvedOn', message: `处置日期不能早于走访日期 ${visit.visited_on}。` })
  if (input.resolvedOn > ctx.today()) problems.push({ field: 'resolvedOn', message: `处置日期（${input.resolvedOn}）晚于今天，请核对。` })
  if (problems.length) return { ok: false, problems }
  return inTransaction(ctx, () => {
    statement(ctx.sqlite, 'UPDATE visits SET resolved_on = ?, resolved_by = ?, resolution = ?, updated_at = ? WHERE id = ?').run(
      input.resolvedOn, resolvedBy, action, ctx.now(), input.id,
    )
    recordAudit(ctx, {
      action: `处置走访发现的风险（${RISK_FLAG_NAMES[visit.risk!]}）`,
      entity: 'visit',
      entityId: input.id,
      before: { childId: visit.child_id, resolvedOn: null },
      after: { childId: visit.child_id, resolvedOn: input.resolvedOn, resolvedBy, resolution: action },
    })
    return { ok: true as const, value: { id: input.id } }
  })
}

// ---------------------------------------------------------------------------------------------
// Needs assessments and services

export interface AssessmentInput {
  childId: number
  assessedOn: string
  assessor: string
  selfLevel: Level | null
  selfNotes: string
  familyLevel: Level | null
  familyNotes: string
  guardianshipLevel: Level | null
  guardianshipNotes: string
  services: string[]
}

function catalogueEntry(ctx: ServiceContext, code: string) {
  return statement(ctx.sqlite, 'SELECT code, name, active FROM service_catalogue WHERE code = ?').get(code) as
    | { code: string; name: string; active: number }
    | undefined
}

function serviceProblem(ctx: ServiceContext, field: string, code: string): Problem | null {
  const entry = catalogueEntry(ctx, code)
  if (!entry) return { field, message: `服务项目「${code}」不在服务目录中，请从目录中选择。` }
  if (!entry.active) return { field, message: `服务项目「${entry.name}」已停用，请选择其他项目，或先在服务目录中启用。` }
  return null
}

const openPlan = (ctx: ServiceContext, childId: number, code: string) =>
  statement(ctx.sqlite, "SELECT id FROM child_services WHERE child_id = ? AND service_code = ? AND status = 'planned' ORDER BY id LIMIT 1")
    .pluck()
    .get(childId, code) as number | undefined

/** Saves an assessment; every needed service without an open plan gets one, dated the day of the assessment. */
export function saveAssessment(ctx: ServiceContext, input: AssessmentInput): Outcome<{ id: number; planned: number }> {
  const child = childOf(ctx, input.childId)
  if (!child) return refuse('childId', NO_CHILD)
  const assessor = normaliseText(input.assessor)
  const services = [...new Set(input.services)]
  const problems: Problem[] = [
    ...dayProblems(ctx, child, 'assessedOn', input.assessedOn, '评估日期'),
    ...required('assessor', assessor, '请填写评估人。'),
  ]
  if (!input.selfLevel && !input.familyLevel && !input.guardianshipLevel && services.length === 0) {
    problems.push({ field: 'selfLevel', message: '请至少评定一个维度（自身、家庭、监护）的需求等级，或选择需要的服务。' })
  }
  for (const code of services) {
    const wrong = serviceProblem(ctx, 'services', code)
    if (wrong) problems.push(wrong)
  }
  if (problems.length) return { ok: false, problems }
  return inTransaction(ctx, () => {
    const now = ctx.now()
    const id = Number(
      statement(
        ctx.sqlite,
        `INSERT INTO needs_assessments (child_id, assessed_on, assessor, self_level, self_notes, family_level, family_notes,
           guardianship_level, guardianship_notes, services, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(input.childId, input.assessedOn, assessor, input.selfLevel, input.selfNotes.trim(), input.familyLevel, input.familyNotes.trim(),
        input.guardianshipLevel, input.guardianshipNotes.trim(), JSON.stringify(services), now, now).lastInsertRowid,
    )
    let planned = 0
    for (const code of services) {
      if (openPlan(ctx, input.childId, code) !== undefined) continue
      statement(
        ctx.sqlite,
        `INSERT INTO child_services (child_id, service_code, status, planned_on, provider, notes, assessment_id, created_at, updated_at)
         VALUES (?, ?, 'planned', ?, '', '', ?, ?, ?)`,
      ).run(input.childId, code, input.assessedOn, id, now, now)
      planned++
    }
    const level = overallLevel([input.selfLevel, input.familyLevel, input.guardianshipLevel])
    recordAudit(ctx, {
      action: `需求评估${level ? `（${NEED_LEVEL_NAMES[level]}）` : ''}`,
      entity: 'assessment',
      entityId: id,
      after: { ...input, assessor, services },
    })
    return { ok: true as const, value: { id, planned } }
  })
}

export function planService(ctx: ServiceContext, input: { childId: number; serviceCode: string; plannedOn: string; provider: string; notes: string }): Outcome<{ id: number }> {
  const child = childOf(ctx, input.childId)
  if (!child) return refuse('childId', NO_CHILD)
  const wrong = serviceProblem(ctx, 'serviceCode', input.serviceCode)
  if (wrong) return { ok: false, problems: [wrong] }
  if (input.plannedOn < child.birth_date) return refuse('plannedOn', `计划日期早于该儿童的出生日期 ${child.birth_date}，请核对。`)
  if (openPlan(ctx, input.childId, input.serviceCode) !== undefined) {
    return refuse('serviceCode', `该儿童已有未完成的「${catalogueEntry(ctx, input.serviceCode)!.name}」服务计划，提供后请登记为已提供。`)
  }
  return inTransaction(ctx, () => {
    const now = ctx.now()
    const id = Number(
      statement(
        ctx.sqlite,
        `INSERT INTO child_services (child_id, service_code, status, planned_on, provider, notes, created_at, updated_at)
         VALUES (?, ?, 'planned', ?, ?, ?, ?, ?)`,
      ).run(input.childId, input.serviceCode, input.plannedOn, normaliseText(input.provider), input.notes.trim(), now, now).lastInsertRowid,
    )
    recordAudit(ctx, { action: '制定服务计划', entity: 'service', entityId: id, after: { ...input } })
    return { ok: true as const, value: { id } }
  })
}

/** A delivery: fulfils the given plan (or the open plan of that service), or is recorded on its own. */
export function deliverService(
  ctx: ServiceContext,
  input: { childId: number; serviceCode: string; planId?: number; deliveredOn: string; provider: string; notes: string },
): Outcome<{ id: number }> {
  const child = childOf(ctx, input.childId)
  if (!child) return refuse('childId', NO_CHILD)
  const wrong = serviceProblem(ctx, 'serviceCode', input.serviceCode)
  if (wrong) return { ok: false, problems: [wrong] }
  const dayWrong = dayProblems(ctx, child, 'deliveredOn', input.deliveredOn, '提供日期')
  if (dayWrong.length) return { ok: false, problems: dayWrong }
  let planId = input.planId
  if (planId !== undefined) {
    const plan = statement(ctx.sqlite, 'SELECT child_id, service_code, status, planned_on FROM child_services WHERE id = ?').get(planId) as
      | { child_id: number; service_code: string; status: string; planned_on: string }
      | undefined
    if (!plan || plan.child_id !== input.childId || plan.service_code !== input.serviceCode) {
      return refuse('planId', '该服务计划不存在，或不属于该儿童和该服务项目，请刷新后重试。')
    }
    if (plan.status === 'delivered') return refuse('planId', '该服务计划已登记为已提供。')
    if (input.deliveredOn < plan.planned_on) return refuse('deliveredOn', `提供日期不能早于计划日期 ${plan.planned_on}。`)
  } else {
    planId = openPlan(ctx, input.childId, input.serviceCode)
    const plannedOn = planId === undefined ? undefined : (statement(ctx.sqlite, 'SELECT planned_on FROM child_services WHERE id = ?').pluck().get(planId) as string)
    if (plannedOn !== undefined && plannedOn > input.deliveredOn) planId = undefined
  }
  return inTransaction(ctx, () => {
    const now = ctx.now()
    const provider = normaliseText(input.provider)
    let id: number
    if (planId !== undefined) {
      statement(
        ctx.sqlite,
        `UPDATE child_services SET status = 'delivered', delivered_on = ?, provider = coalesce(nullif(?, ''), provider),
           notes = coalesce(nullif(?, ''), notes), updated_at = ? WHERE id = ?`,
      ).run(input.deliveredOn, provider, input.notes.trim(), now, planId)
      id = planId
    } else {
      id = Number(
        statement(
          ctx.sqlite,
          `INSERT INTO child_services (child_id, service_code, status, planned_on, delivered_on, provider, notes, created_at, updated_at)
           VALUES (?, ?, 'delivered', ?, ?, ?, ?, ?, ?)`,
        ).run(input.childId, input.serviceCode, input.deliveredOn, input.deliveredOn, provider, input.notes.trim(), now, now).lastInsertRowid,
      )
    }
    recordAudit(ctx, { action: '登记服务已提供', entity: 'service', entityId: id, after: { ...input, provider } })
    return { ok: true as const, value: { id } }
  })
}

export function saveCatalogueEntry(
  ctx: ServiceContext,
  input: { code?: string; name: string; area: string; dimension: string; active: boolean },
): Outcome<{ code: string }> {
  const name = normaliseText(input.name)
  if (!name) return refuse('name', '请填写服务项目名称。')
  const existing = input.code
    ? (statement(ctx.sqlite, 'SELECT * FROM service_catalogue WHERE code = ?').get(input.code) as Record<string, unknown> | undefined)
    : undefined
  if (input.code && !existing) return refuse('code', '该服务项目不存在，可能已被删除，请刷新后重试。')
  const clash = statement(ctx.sqlite, 'SELECT code FROM service_catalogue WHERE name = ?').pluck().get(name) as string | undefined
  if (clash && clash !== input.code) return refuse('name', `服务目录中已有「${name}」，请换一个名称或编辑原项目。`)
  return inTransaction(ctx, () => {
    const now = ctx.now()
    let code = input.code
    if (!existing) {
      const taken = new Set(ctx.sqlite.prepare('SELECT code FROM service_catalogue').pluck().all() as string[])
      let n = 1
      while (taken.has(`custom-${n}`)) n++
      code = `custom-${n}`
      const order = (ctx.sqlite.prepare('SELECT coalesce(max(sort_order), 0) + 10 FROM service_catalogue').pluck().get() as number) ?? 1000
      ctx.sqlite
        .prepare(
          `INSERT INTO service_catalogue (code, name, area, dimension, reference_percent, builtin, active, sort_order, created_at, updated_at)
           VALUES (?, ?, ?, ?, NULL, 0, ?, ?, ?, ?)`,
        )
        .run(code, name, input.area, input.dimension, input.active ? 1 : 0, order, now, now)
    } else {
      ctx.sqlite
        .prepare('UPDATE service_catalogue SET name = ?, area = ?, dimension = ?, active = ?, updated_at = ? WHERE code = ?')
        .run(name, input.area, input.dimension, input.active ? 1 : 0, now, code)
    }
    recordAudit(ctx, {
      action: existing ? '修改服务目录项目' : '新增服务目录项目',
      entity: 'service',
      entityId: code!,
      before: existing,
      after: { code, name, area: input.area, dimension: input.dimension, active: input.active },
    })
    return { ok: true as const, value: { code: code! } }
  })
}

export function serviceCatalogue(ctx: ServiceContext, includeInactive: boolean) {
  const rows = ctx.sqlite
    .prepare(`SELECT * FROM service_catalogue ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY sort_order, code`)
    .all() as { code: string; name: string; area: string; dimension: string; reference_percent: number | null; builtin: number; active: number }[]
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    area: r.area as 'safety' | 'physical' | 'mental' | 'education' | 'other',
    dimension: r.dimension as 'self' | 'family' | 'guardianship',
    referencePercent: r.reference_percent,
    builtin: r.builtin === 1,
    active: r.active === 1,
  }))
}

// ---------------------------------------------------------------------------------------------
// Documents on file

export function addDocument(
  ctx: ServiceContext,
  input: { childId: number; type: DocumentType; title: string; issuedOn: string; validUntil: string; notes: string },
): Outcome<{ id: number }> {
  const child = childOf(ctx, input.childId)
  if (!child) return refuse('childId', NO_CHILD)
  const title = normaliseText(input.title) || DOCUMENT_TYPE_NAMES[input.type]
  const problems: Problem[] = []
  if (input.issuedOn && input.issuedOn > ctx.today()) problems.push({ field: 'issuedOn', message: `出具日期（${input.issuedOn}）晚于今天，请核对。` })
  if (input.issuedOn && input.validUntil && input.validUntil < input.issuedOn) {
    problems.push({ field: 'validUntil', message: '有效期至不能早于出具日期。' })
  }
  if (input.type === 'school-enrolment' && !input.validUntil) {
    problems.push({ field: 'validUntil', message: '在校就读证明请填写有效期至（如本学年结束日），满18周岁后的补贴按此日期延续。' })
  }
  if (problems.length) return { ok: false, problems }
  return inTransaction(ctx, () => {
    const id = Number(
      statement(
        ctx.sqlite,
        `INSERT INTO child_documents (child_id, type, title, issued_on, valid_until, notes, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(input.childId, input.type, title, input.issuedOn || null, input.validUntil || null, input.notes.trim(), ctx.now(), ctx.actor).lastInsertRowid,
    )
    recordAudit(ctx, { action: `登记档案材料（${DOCUMENT_TYPE_NAMES[input.type]}）`, entity: 'document', entityId: id, after: { ...input, title } })
    return { ok: true as const, value: { id } }
  })
}

/** Takes a document off the file; the row stays (with who and when) for the audit trail. */
export function removeDocument(ctx: ServiceContext, id: number): Outcome<{ id: number }> {
  const row = statement(ctx.sqlite, 'SELECT * FROM child_documents WHERE id = ?').get(id) as Record<string, unknown> | undefined
  if (!row || row.removed_at) return refuse('id', '该档案材料不存在或已移除，请刷新后重试。')
  return inTransaction(ctx, () => {
    const now = ctx.now()
    statement(ctx.sqlite, 'UPDATE child_documents SET removed_at = ?, removed_by = ? WHERE id = ?').run(now, ctx.actor, id)
    recordAudit(ctx, { action: '移除档案材料', entity: 'document', entityId: id, before: row, after: { removedAt: now } })
    return { ok: true as const, value: { id } }
  })
}

// ---------------------------------------------------------------------------------------------
// Lists (personal numbers masked)

const CHILD_REF_SQL = `c.id AS childId, c.name AS childName, c.id_number AS idNumber, t.code AS townshipCode, t.name AS townshipName,
  v.code AS villageCode, v.name AS villageName`

type ChildRefRow = { childId: number; childName: string; idNumber: string; townshipCode: string; townshipName: string; villageCode: string; villageName: string }

function childRef(r: ChildRefRow) {
  return {
    childId: r.childId,
    childName: r.childName,
    idNumberMasked: maskIdNumber(r.idNumber),
    townshipCode: r.townshipCode,
    townshipName: r.townshipName,
    villageCode: r.villageCode,
    villageName: r.villageName,
  }
}

function placeClauses(input: { townshipCode?: string; villageCode?: string; childId?: number }, clauses: string[], params: unknown[]) {
  if (input.townshipCode) {
    clauses.push('t.code = ?')
    params.push(input.townshipCode)
  }
  if (input.villageCode) {
    clauses.push('v.code = ?')
    params.push(input.villageCode)
  }
  if (input.childId !== undefined) {
    clauses.push('c.id = ?')
    params.push(input.childId)
  }
}

const REVIEW_SQL = `r.id, r.quarter, r.reviewed_on AS reviewedOn, r.reviewer, r.no_change AS noChange, r.changes, r.checked_at AS checkedAt,
  r.checked_by AS checkedBy, r.import_batch_id AS importBatchId`
type ReviewRecord = { id: number; quarter: string; reviewedOn: string; reviewer: string; noChange: number; changes: string; checkedAt: string | null; checkedBy: string | null; importBatchId: number | null }
export const reviewOf = (r: ReviewRecord) => ({
  id: r.id,
  quarter: r.quarter,
  reviewedOn: r.reviewedOn,
  reviewer: r.reviewer,
  noChange: r.noChange === 1,
  changes: r.changes,
  checkedAt: r.checkedAt,
  checkedBy: r.checkedBy,
  importBatchId: r.importBatchId,
})
export const REVIEW_COLUMNS = REVIEW_SQL

export function listReviews(
  ctx: ServiceContext,
  input: { townshipCode?: string; villageCode?: string; childId?: number; quarter?: string; checked: 'all' | 'checked' | 'unchecked'; page: number; pageSize: number },
) {
  const clauses: string[] = []
  const params: unknown[] = []
  placeClauses(input, clauses, params)
  if (input.quarter) {
    clauses.push('r.quarter = ?')
    params.push(input.quarter)
  }
  if (input.checked !== 'all') clauses.push(input.checked === 'checked' ? 'r.checked_at IS NOT NULL' : 'r.checked_at IS NULL')
  const from = `FROM quarterly_reviews r JOIN children c ON c.id = r.child_id JOIN divisions v ON v.code = c.village_code
    JOIN divisions t ON t.code = v.parent_code ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}`
  const total = ctx.sqlite.prepare(`SELECT count(*) ${from}`).pluck().get(...params) as number
  const rows = ctx.sqlite
    .prepare(`SELECT ${REVIEW_SQL}, ${CHILD_REF_SQL} ${from} ORDER BY r.reviewed_on DESC, r.id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as (ReviewRecord & ChildRefRow)[]
  return { total, page: input.page, rows: rows.map((r) => ({ ...reviewOf(r), ...childRef(r) })) }
}

const VISIT_SQL = `x.id, x.visited_on AS visitedOn, x.visitor, x.kind, x.findings, x.risk, x.resolved_on AS resolvedOn,
  x.resolved_by AS resolvedBy, x.resolution`
type VisitRecord = { id: number; visitedOn: string; visitor: string; kind: VisitKind; findings: string; risk: RiskFlag | null; resolvedOn: string | null; resolvedBy: string | null; resolution: string | null }
export const visitOf = (r: VisitRecord) => ({
  id: r.id,
  visitedOn: r.visitedOn,
  visitor: r.visitor,
  kind: r.kind,
  findings: r.findings,
  risk: r.risk,
  resolvedOn: r.resolvedOn,
  resolvedBy: r.resolvedBy,
  resolution: r.resolution,
})
export const VISIT_COLUMNS = VISIT_SQL

export function listVisits(
  ctx: ServiceContext,
  input: { townshipCode?: string; villageCode?: string; childId?: number; risk: 'all' | 'open' | 'flagged'; from?: string; to?: string; page: number; pageSize: number },
) {
  const clauses: string[] = []
  const params: unknown[] = []
  placeClauses(input, clauses, params)
  if (input.risk === 'open') clauses.push('x.risk IS NOT NULL AND x.resolved_on IS NULL')
  if (input.risk === 'flagged') clauses.push('x.risk IS NOT NULL')
  if (input.from) {
    clauses.push('x.visited_on >= ?')
    params.push(input.from)
  }
  if (input.to) {
    clauses.push('x.visited_on <= ?')
    params.push(input.to)
  }
  const from = `FROM visits x JOIN children c ON c.id = x.child_id JOIN divisions v ON v.code = c.village_code
    JOIN divisions t ON t.code = v.parent_code ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}`
  const total = ctx.sqlite.prepare(`SELECT count(*) ${from}`).pluck().get(...params) as number
  const rows = ctx.sqlite
    .prepare(`SELECT ${VISIT_SQL}, ${CHILD_REF_SQL} ${from} ORDER BY x.visited_on DESC, x.id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as (VisitRecord & ChildRefRow)[]
  return { total, page: input.page, rows: rows.map((r) => ({ ...visitOf(r), ...childRef(r) })) }
}

export { CHILD_REF_SQL, childRef, type ChildRefRow, type VisitRecord, type ReviewRecord }
