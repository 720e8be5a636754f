import type { StaleReport, WorkDashboard } from '../../contract'
import type { ServiceContext } from '../context'
import { hasTable } from '../db/sqlite'
import { statement } from '../db/statements'
import { hasDirector } from '../workforce/staffing'
import { readWorkforceFacts, type WorkforceFacts } from '../workforce/workforce-facts'
import { SCHOOL_ENROLMENT_UNTIL_SQL } from './child-file'
import { CHILD_REF_SQL, childRef, VISIT_COLUMNS, visitOf, type ChildRefRow, type VisitRecord } from './followup-service'
import { ageOutBirthRange, agesOutWithin, extensionOutlook, staleBounds, turnsAgeOn, AGE_OUT_WINDOW_DAYS } from './rules'
import { followupSettings } from './settings'

/** Stale: an active child, registered by the due quarter's end, with no review dated in that quarter or later. */
const STALE_WHERE = `c.status = 'active' AND (c.last_reviewed_at IS NULL OR c.last_reviewed_at < @reviewedFrom)
  AND coalesce(c.registered_on, substr(c.created_at, 1, 10)) <= @registeredBy`

/** Per village: active children, and how many of them are stale. One pass over the active children. */
const STALE_BY_VILLAGE = `
  SELECT c.village_code AS village, count(*) AS active,
         sum(CASE WHEN (c.last_reviewed_at IS NULL OR c.last_reviewed_at < @reviewedFrom)
                   AND coalesce(c.registered_on, substr(c.created_at, 1, 10)) <= @registeredBy THEN 1 ELSE 0 END) AS stale
    FROM children c WHERE c.status = 'active' GROUP BY c.village_code`

type Group = StaleReport['byTownship'][number]

interface Places {
  village: Map<string, { name: string; townshipCode: string; townshipName: string }>
  /** village → the director answering for it that day (its own first, else one covering it) */
  directorOf: Map<string, { id: number; name: string }>
}

function placesOn(ctx: ServiceContext, facts: WorkforceFacts): Places {
  const village = new Map<string, { name: string; townshipCode: string; townshipName: string }>()
  // Retired places still hold children registered there before: every village is named.
  for (const r of ctx.sqlite
    .prepare(
      `SELECT v.code, v.name, t.code AS townshipCode, t.name AS townshipName FROM divisions v JOIN divisions t ON t.code = v.parent_code
        WHERE v.level = 'village'`,
    )
    .all() as { code: string; name: string; townshipCode: string; townshipName: string }[]) {
    village.set(r.code, { name: r.name, townshipCode: r.townshipCode, townshipName: r.townshipName })
  }
  const people = new Map(facts.directors.map((d) => [d.id, d.name]))
  const directorOf = new Map<string, { id: number; name: string }>()
  for (const v of facts.villages) {
    const id = v.own[0] ?? v.covering[0]
    if (id !== undefined) directorOf.set(v.code, { id, name: people.get(id) ?? '' })
  }
  return { village, directorOf }
}

function staleGroups(ctx: ServiceContext, places: Places, bounds: { reviewedFrom: string; registeredBy: string }, filter: { townshipCode?: string; villageCode?: string } = {}) {
  const townships = new Map<string, Group>()
  const directors = new Map<string, Group>()
  let total = 0
  for (const r of statement(ctx.sqlite, STALE_BY_VILLAGE).all(bounds) as { village: string; active: number; stale: number }[]) {
    const place = places.village.get(r.village)
    if (!place) continue
    if (filter.townshipCode && place.townshipCode !== filter.townshipCode) continue
    if (filter.villageCode && r.village !== filter.villageCode) continue
    total += r.stale
    const t = townships.get(place.townshipCode) ?? { key: place.townshipCode, name: place.townshipName, townshipName: place.townshipName, stale: 0, active: 0 }
    t.stale += r.stale
    t.active += r.active
    townships.set(place.townshipCode, t)
    const director = places.directorOf.get(r.village)
    const key = director ? `director:${director.id}` : `none:${place.townshipCode}`
    const d = directors.get(key) ?? { key, name: director ? director.name : '（无儿童主任）', townshipName: place.townshipName, stale: 0, active: 0 }
    d.stale += r.stale
    d.active += r.active
    directors.set(key, d)
  }
  const order = (a: Group, b: Group) => b.stale - a.stale || a.key.localeCompare(b.key)
  return {
    total,
    byTownship: [...townships.values()].sort((a, b) => a.key.localeCompare(b.key)),
    byDirector: [...directors.values()].filter((d) => d.stale > 0).sort(order),
  }
}

/** The files overdue on `asOf`, counted per township and per director, with a page of the children. */
export function staleReport(
  ctx: ServiceContext,
  input: { asOf?: string; townshipCode?: string; villageCode?: string; page: number; pageSize: number },
): StaleReport {
  const asOf = input.asOf ?? ctx.today()
  const bounds = staleBounds(asOf, followupSettings(ctx).reviewDeadlineDays)
  const facts = readWorkforceFacts(ctx, asOf)
  const places = placesOn(ctx, facts)
  const groups = staleGroups(ctx, places, bounds, input)
  const clauses = [STALE_WHERE]
  if (input.townshipCode) clauses.push('t.code = @townshipCode')
  if (input.villageCode) clauses.push('v.code = @villageCode')
  const rows = ctx.sqlite
    .prepare(
      `SELECT ${CHILD_REF_SQL}, c.last_reviewed_at AS lastReviewedOn
         FROM children c JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code
        WHERE ${clauses.join(' AND ')}
        ORDER BY t.code, v.code, c.name_pinyin, c.id LIMIT @limit OFFSET @offset`,
    )
    .all({
      reviewedFrom: bounds.reviewedFrom,
      registeredBy: bounds.registeredBy,
      townshipCode: input.townshipCode ?? null,
      villageCode: input.villageCode ?? null,
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    }) as (ChildRefRow & { lastReviewedOn: string | null })[]
  return {
    asOf,
    dueQuarter: bounds.dueQuarter,
    deadline: bounds.deadline,
    ...groups,
    rows: rows.map((r) => ({ ...childRef(r), lastReviewedOn: r.lastReviewedOn, directorName: places.directorOf.get(r.villageCode)?.name ?? null })),
  }
}

/** Child programmes with a school extension: name and the categories they pay. Read defensively (the subsidies' table). */
function extensionProgrammes(ctx: ServiceContext): { name: string; categories: string[] }[] {
  if (!hasTable(ctx.sqlite, 'programmes')) return []
  try {
    return (
      ctx.sqlite
        .prepare("SELECT name, categories FROM programmes WHERE kind = 'child' AND active = 1 AND extension IS NOT NULL ORDER BY sort_order, code")
        .all() as { name: string; categories: string }[]
    ).map((p) => ({ name: p.name, categories: JSON.parse(p.categories) as string[] }))
  } catch {
    return []
  }
}

function draftRosters(ctx: ServiceContext): WorkDashboard['draftRosters'] {
  if (!hasTable(ctx.sqlite, 'rosters')) return { total: 0, rows: [] }
  try {
    const rows = ctx.sqlite
      .prepare(
        `SELECT id, programme_name AS programmeName, first_month AS firstMonth, months, generated_at AS generatedAt
           FROM rosters WHERE status = 'draft' ORDER BY first_month, id`,
      )
      .all() as WorkDashboard['draftRosters']['rows']
    return { total: rows.length, rows }
  } catch {
    return { total: 0, rows: [] }
  }
}

const LIST_LIMIT = 100

/** 工作台: what needs action this week, in a handful of statements. */
export function workDashboard(ctx: ServiceContext, input: { asOf?: string }): WorkDashboard {
  const asOf = input.asOf ?? ctx.today()
  const bounds = staleBounds(asOf, followupSettings(ctx).reviewDeadlineDays)
  const facts = readWorkforceFacts(ctx, asOf)
  const places = placesOn(ctx, facts)
  const stale = staleGroups(ctx, places, bounds)

  // Coming of age within the window, with what happens to their support.
  const range = ageOutBirthRange(asOf, AGE_OUT_WINDOW_DAYS)
  const programmes = extensionProgrammes(ctx)
  const candidates = ctx.sqlite
    .prepare(
      `SELECT ${CHILD_REF_SQL}, c.birth_date AS birthDate, ${SCHOOL_ENROLMENT_UNTIL_SQL} AS schoolUntil,
              (SELECT group_concat(k.category_code) FROM child_categories k WHERE k.child_id = c.id AND k.until IS NULL) AS categories
         FROM children c JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code
        WHERE c.status = 'active' AND c.birth_date BETWEEN ? AND ?
        ORDER BY c.birth_date, c.id`,
    )
    .all(range.from, range.to) as (ChildRefRow & { birthDate: string; schoolUntil: string | null; categories: string | null })[]
  const ageing = candidates
    .filter((c) => agesOutWithin(c.birthDate, asOf, AGE_OUT_WINDOW_DAYS))
    .map((c) => {
      const categories = (c.categories ?? '').split(',').filter(Boolean)
      const names = programmes.filter((p) => p.categories.some((code) => categories.includes(code))).map((p) => p.name)
      const turns18On = turnsAgeOn(c.birthDate)
      return {
        ...childRef(c),
        turns18On,
        programmes: names,
        schoolEnrolmentUntil: c.schoolUntil,
        extension: extensionOutlook(names.length > 0, c.schoolUntil, turns18On),
      }
    })

  const riskWhere = 'x.risk IS NOT NULL AND x.resolved_on IS NULL'
  const riskTotal = ctx.sqlite.prepare(`SELECT count(*) FROM visits x WHERE ${riskWhere}`).pluck().get() as number
  const risks = (
    ctx.sqlite
      .prepare(
        `SELECT ${VISIT_COLUMNS}, ${CHILD_REF_SQL}
           FROM visits x JOIN children c ON c.id = x.child_id JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code
          WHERE ${riskWhere} ORDER BY x.visited_on, x.id LIMIT ${LIST_LIMIT}`,
      )
      .all() as (VisitRecord & ChildRefRow)[]
  ).map((r) => ({ ...visitOf(r), ...childRef(r) }))

  const townshipName = new Map(facts.townships.map((t) => [t.code, t.name]))
  const uncovered = facts.villages.filter((v) => !hasDirector(v))
  return {
    asOf,
    stale: { ...stale, dueQuarter: bounds.dueQuarter, deadline: bounds.deadline },
    ageingOut: { total: ageing.length, rows: ageing.slice(0, LIST_LIMIT) },
    risks: { total: riskTotal, rows: risks },
    noDirector: {
      villages: uncovered.length,
      children: uncovered.reduce((sum, v) => sum + v.children, 0),
      top: [...uncovered]
        .sort((a, b) => b.children - a.children || a.code.localeCompare(b.code))
        .slice(0, 10)
        .map((v) => ({ code: v.code, name: v.name, townshipName: townshipName.get(v.townshipCode) ?? '', children: v.children })),
    },
    draftRosters: draftRosters(ctx),
  }
}

