import type { ChildFile } from '../../contract'
import { EXIT_REASON_NAMES } from '../../contract/labels'
import type { ServiceContext } from '../context'
import { hasTable } from '../db/sqlite'
import { statement } from '../db/statements'
import { categoryDictionary } from '../registry/categories-service'
import { getChild } from '../registry/children-service'
import { REVIEW_COLUMNS, reviewOf, VISIT_COLUMNS, visitOf, type ReviewRecord, type VisitRecord } from './followup-service'
import { overallLevel, staleOn, type Level } from './rules'
import { followupSettings } from './settings'

/**
 * The last day covered by proof of school enrolment on the child's file (the latest valid-until among the school
 * documents not removed), or null. The subsidy rules read it as ChildFacts.schoolEnrolmentUntil.
 */
export function schoolEnrolmentUntil(ctx: ServiceContext, childId: number): string | null {
  return (statement(ctx.sqlite, SCHOOL_ENROLMENT_ONE).pluck().get(childId) as string | null | undefined) ?? null
}

/**
 * The same for many children at once, as an SQL expression over a children row aliased `c`: for a roster's one
 * statement (e.g. `SELECT c.id, ${SCHOOL_ENROLMENT_UNTIL_SQL} AS school_until FROM children c ...`).
 */
export const SCHOOL_ENROLMENT_UNTIL_SQL = `(SELECT max(d.valid_until) FROM child_documents d
  WHERE d.child_id = c.id AND d.type = 'school-enrolment' AND d.removed_at IS NULL)`

const SCHOOL_ENROLMENT_ONE = `SELECT max(valid_until) FROM child_documents WHERE child_id = ? AND type = 'school-enrolment' AND removed_at IS NULL`

/** child id → last day covered, for the children that have any proof on file. */
export function schoolEnrolmentByChild(ctx: ServiceContext): Map<number, string> {
  const rows = ctx.sqlite
    .prepare(
      `SELECT child_id, max(valid_until) FROM child_documents WHERE type = 'school-enrolment' AND removed_at IS NULL AND valid_until IS NOT NULL
        GROUP BY child_id`,
    )
    .raw(true)
    .all() as [number, string][]
  return new Map(rows)
}

/** Subsidies the child was paid: lines of locked rosters only (a draft pays nobody). Read by the columns of 0004. */
function subsidiesOf(ctx: ServiceContext, childId: number): ChildFile['subsidies'] {
  if (!hasTable(ctx.sqlite, 'roster_lines') || !hasTable(ctx.sqlite, 'rosters')) return []
  try {
    const rows = ctx.sqlite
      .prepare(
        `SELECT r.id AS rosterId, r.programme_name AS programmeName, r.first_month AS firstMonth, r.last_month AS lastMonth,
                l.category, l.months, l.paid_months AS paidMonths, l.amount_fen AS amountFen, l.rule, r.locked_at AS lockedAt
           FROM roster_lines l JOIN rosters r ON r.id = l.roster_id
          WHERE l.child_id = ? AND r.status = 'locked'
          ORDER BY r.first_month DESC, r.id DESC`,
      )
      .all(childId) as ChildFile['subsidies']
    return rows.map((r) => ({ ...r, category: r.category ?? '', paidMonths: r.paidMonths ?? '', rule: r.rule ?? '', months: Number(r.months) || 0 }))
  } catch {
    // The subsidy tables are reshaped elsewhere: a file without its subsidies beats no file at all.
    return []
  }
}

/** Everything about one child, with its history: what the director's 一人一档 holds. */
export function childFile(ctx: ServiceContext, id: number): ChildFile | null {
  const child = getChild(ctx, id)
  if (!child) return null
  const names = new Map(categoryDictionary(ctx).map((c) => [c.code, c.name]))
  const categoryPeriods = (
    ctx.sqlite
      .prepare('SELECT category_code AS code, since, until FROM child_categories WHERE child_id = ? ORDER BY coalesce(since, \'\'), category_code')
      .all(id) as { code: string; since: string | null; until: string | null }[]
  ).map((p) => ({ ...p, name: names.get(p.code) ?? p.code }))

  const reviews = (
    ctx.sqlite.prepare(`SELECT ${REVIEW_COLUMNS} FROM quarterly_reviews r WHERE r.child_id = ? ORDER BY r.reviewed_on DESC, r.id DESC`).all(id) as ReviewRecord[]
  ).map(reviewOf)
  const visits = (
    ctx.sqlite.prepare(`SELECT ${VISIT_COLUMNS} FROM visits x WHERE x.child_id = ? ORDER BY x.visited_on DESC, x.id DESC`).all(id) as VisitRecord[]
  ).map(visitOf)
  const assessments = (
    ctx.sqlite.prepare('SELECT * FROM needs_assessments WHERE child_id = ? ORDER BY assessed_on DESC, id DESC').all(id) as {
      id: number
      assessed_on: string
      assessor: string
      self_level: Level | null
      self_notes: string
      family_level: Level | null
      family_notes: string
      guardianship_level: Level | null
      guardianship_notes: string
      services: string
    }[]
  ).map((a) => ({
    id: a.id,
    assessedOn: a.assessed_on,
    assessor: a.assessor,
    selfLevel: a.self_level,
    selfNotes: a.self_notes,
    familyLevel: a.family_level,
    familyNotes: a.family_notes,
    guardianshipLevel: a.guardianship_level,
    guardianshipNotes: a.guardianship_notes,
    overallLevel: overallLevel([a.self_level, a.family_level, a.guardianship_level]),
    services: JSON.parse(a.services) as string[],
  }))
  const services = ctx.sqlite
    .prepare(
      `SELECT s.id, s.service_code AS serviceCode, k.name AS serviceName, k.area, s.status, s.planned_on AS plannedOn,
              s.delivered_on AS deliveredOn, s.provider, s.notes
         FROM child_services s JOIN service_catalogue k ON k.code = s.service_code
        WHERE s.child_id = ? ORDER BY coalesce(s.delivered_on, s.planned_on) DESC, s.id DESC`,
    )
    .all(id) as ChildFile['services']
  const documents = ctx.sqlite
    .prepare(
      `SELECT id, type, title, issued_on AS issuedOn, valid_until AS validUntil, notes, added_at AS addedAt, added_by AS addedBy
         FROM child_documents WHERE child_id = ? AND removed_at IS NULL ORDER BY added_at DESC, id DESC`,
    )
    .all(id) as ChildFile['documents']

  const record = ctx.sqlite.prepare('SELECT last_reviewed_at, registered_on, created_at FROM children WHERE id = ?').get(id) as {
    last_reviewed_at: string | null
    registered_on: string | null
    created_at: string
  }
  const asOf = ctx.today()
  const stale = staleOn(
    { status: child.status, lastReviewedOn: record.last_reviewed_at, registeredOn: record.registered_on ?? record.created_at.slice(0, 10) },
    asOf,
    followupSettings(ctx).reviewDeadlineDays,
  )
  return {
    child,
    categoryPeriods,
    subsidies: subsidiesOf(ctx, id),
    reviews,
    visits,
    assessments,
    services,
    documents,
    schoolEnrolmentUntil: schoolEnrolmentUntil(ctx, id),
    followup: {
      lastReviewedOn: record.last_reviewed_at,
      dueQuarter: stale.dueQuarter,
      stale: stale.stale,
      openRisks: visits.filter((v) => v.risk && !v.resolvedOn).length,
    },
    exit: {
      status: child.status,
      reason: child.exitReason,
      reasonName: child.exitReason ? (EXIT_REASON_NAMES[child.exitReason] ?? child.exitReason) : null,
      date: child.exitDate,
    },
  }
}
