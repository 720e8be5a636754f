import type { CategoriesReport, CompletionReport, ServicesReport } from '../../contract'
import type { ServiceContext } from '../context'
import { categoryDictionary } from '../registry/categories-service'
import { readWorkforceFacts } from '../workforce/workforce-facts'
import { quarterDeadline, quarterEnd, quarterOf, ratePercent } from './rules'
import { followupSettings } from './settings'
import { serviceCatalogue } from './followup-service'

/** Townships in force on a day, in code order. */
function townshipsOn(ctx: ServiceContext, date: string): { code: string; name: string }[] {
  return ctx.sqlite
    .prepare("SELECT code, name FROM divisions WHERE level = 'township' AND (retired_on IS NULL OR retired_on > ?) ORDER BY code")
    .all(date) as { code: string; name: string }[]
}

/** In the registry on a day: registered by then and not yet exited. */
const CHILD_ON = `coalesce(c.registered_on, substr(c.created_at, 1, 10)) <= @date AND (c.status = 'active' OR c.exit_date > @date)`
/** A category held on a day: the since/until period (both inclusive) covers it. */
const CATEGORY_ON = '(k.since IS NULL OR k.since <= @date) AND (k.until IS NULL OR k.until >= @date)'

/** (a) Children by category and township on a day; a child of two categories counts in both, once in the total. */
export function categoriesReport(ctx: ServiceContext, input: { date?: string }): CategoriesReport {
  const date = input.date ?? ctx.today()
  const categories = categoryDictionary(ctx).map((c) => ({ code: c.code, name: c.name, dimension: c.dimension as string }))
  const column = new Map(categories.map((c, i) => [c.code, i]))
  const townships = townshipsOn(ctx, date)
  const rows = new Map(townships.map((t) => [t.code, { townshipCode: t.code, townshipName: t.name, counts: categories.map(() => 0), children: 0 }]))
  const from = `FROM children c JOIN child_categories k ON k.child_id = c.id JOIN divisions v ON v.code = c.village_code
    JOIN divisions t ON t.code = v.parent_code WHERE ${CHILD_ON} AND ${CATEGORY_ON}`
  const ensure = (code: string, name: string) => {
    let row = rows.get(code)
    if (!row) rows.set(code, (row = { townshipCode: code, townshipName: name, counts: categories.map(() => 0), children: 0 }))
    return row
  }
  for (const r of ctx.sqlite
    .prepare(`SELECT t.code, t.name, k.category_code AS category, count(DISTINCT c.id) AS n ${from} GROUP BY t.code, k.category_code`)
    .all({ date }) as { code: string; name: string; category: string; n: number }[]) {
    const i = column.get(r.category)
    if (i !== undefined) ensure(r.code, r.name).counts[i] = r.n
  }
  for (const r of ctx.sqlite.prepare(`SELECT t.code, t.name, count(DISTINCT c.id) AS n ${from} GROUP BY t.code`).all({ date }) as { code: string; name: string; n: number }[]) {
    ensure(r.code, r.name).children = r.n
  }
  const list = [...rows.values()].sort((a, b) => a.townshipCode.localeCompare(b.townshipCode))
  return {
    date,
    categories,
    rows: list,
    district: {
      counts: categories.map((_, i) => list.reduce((sum, r) => sum + r.counts[i]!, 0)),
      children: list.reduce((sum, r) => sum + r.children, 0),
    },
  }
}

/**
 * (b) The service delivery table for a period: per catalogue service, the children who needed it (a plan open at some
 * time in the period: planned by its end, not delivered before its start) and those who received it (delivered in the
 * period), with the rate, per township and for the district.
 */
export function servicesReport(ctx: ServiceContext, input: { from: string; to: string }): ServicesReport {
  const { from, to } = input
  const townships = townshipsOn(ctx, to)
  const index = new Map(townships.map((t, i) => [t.code, i]))
  const counts = ctx.sqlite
    .prepare(
      `SELECT s.service_code AS service, t.code AS township, t.name AS townshipName, count(DISTINCT s.child_id) AS needed,
              count(DISTINCT CASE WHEN s.delivered_on BETWEEN @from AND @to THEN s.child_id END) AS received
         FROM child_services s JOIN children c ON c.id = s.child_id JOIN divisions v ON v.code = c.village_code
         JOIN divisions t ON t.code = v.parent_code
        WHERE s.planned_on <= @to AND (s.status = 'planned' OR s.delivered_on >= @from)
        GROUP BY s.service_code, t.code`,
    )
    .all({ from, to }) as { service: string; township: string; townshipName: string; needed: number; received: number }[]
  for (const c of counts) {
    if (!index.has(c.township)) {
      index.set(c.township, townships.length)
      townships.push({ code: c.township, name: c.townshipName })
    }
  }
  const used = new Set(counts.map((c) => c.service))
  const catalogue = serviceCatalogue(ctx, true).filter((s) => s.active || used.has(s.code))
  const rows = catalogue.map((s) => {
    const byTownship = townships.map(() => ({ needed: 0, received: 0, ratePercent: null as number | null }))
    for (const c of counts) {
      if (c.service !== s.code) continue
      const cell = byTownship[index.get(c.township)!]!
      cell.needed = c.needed
      cell.received = c.received
      cell.ratePercent = ratePercent(c.received, c.needed)
    }
    const needed = byTownship.reduce((sum, t) => sum + t.needed, 0)
    const received = byTownship.reduce((sum, t) => sum + t.received, 0)
    return {
      code: s.code,
      name: s.name,
      area: s.area,
      dimension: s.dimension,
      referencePercent: s.referencePercent,
      needed,
      received,
      ratePercent: ratePercent(received, needed),
      byTownship,
    }
  })
  return { from, to, townships, rows }
}

/**
 * (c) Quarterly update completion: per director and per supervisor (township), the children in the registry at the
 * quarter's end, how many have a review for the quarter, and how many of those the supervisor checked.
 */
export function completionReport(ctx: ServiceContext, input: { quarter?: string }): CompletionReport {
  const quarter = input.quarter ?? quarterOf(ctx.today())
  const date = quarterEnd(quarter)
  const deadline = quarterDeadline(quarter, followupSettings(ctx).reviewDeadlineDays)
  const facts = readWorkforceFacts(ctx, date)
  const perVillage = ctx.sqlite
    .prepare(
      `SELECT c.village_code AS village, count(*) AS children,
              sum(EXISTS (SELECT 1 FROM quarterly_reviews r WHERE r.child_id = c.id AND r.quarter = @quarter)) AS reviewed,
              sum(EXISTS (SELECT 1 FROM quarterly_reviews r WHERE r.child_id = c.id AND r.quarter = @quarter AND r.checked_at IS NOT NULL)) AS checked
         FROM children c WHERE ${CHILD_ON} GROUP BY c.village_code`,
    )
    .all({ date, quarter }) as { village: string; children: number; reviewed: number; checked: number }[]
  const places = new Map(
    (ctx.sqlite
      .prepare(`SELECT v.code, v.name, t.code AS townshipCode, t.name AS townshipName FROM divisions v JOIN divisions t ON t.code = v.parent_code WHERE v.level = 'village'`)
      .all() as { code: string; name: string; townshipCode: string; townshipName: string }[]).map((p) => [p.code, p]),
  )
  const directorName = new Map(facts.directors.map((d) => [d.id, d.name]))
  const directorOf = new Map<string, number>()
  for (const v of facts.villages) {
    const id = v.own[0] ?? v.covering[0]
    if (id !== undefined) directorOf.set(v.code, id)
  }
  const supervisorOf = new Map<string, string>()
  for (const s of facts.supervisors) if (!supervisorOf.has(s.divisionCode)) supervisorOf.set(s.divisionCode, s.name)

  type Tally = { children: number; reviewed: number; checked: number }
  const add = (into: Tally, r: Tally) => {
    into.children += r.children
    into.reviewed += r.reviewed
    into.checked += r.checked
  }
  const directors = new Map<string, Tally & { directorId: number | null; directorName: string; townshipName: string; villageNames: string[]; townshipCode: string }>()
  const townships = new Map<string, Tally & { townshipCode: string; townshipName: string }>()
  const district: Tally = { children: 0, reviewed: 0, checked: 0 }
  for (const r of perVillage) {
    const place = places.get(r.village)
    if (!place) continue
    const id = directorOf.get(r.village) ?? null
    const key = id === null ? `none:${place.townshipCode}` : `director:${id}`
    const d = directors.get(key) ?? {
      directorId: id,
      directorName: id === null ? '（无儿童主任）' : (directorName.get(id) ?? ''),
      townshipName: place.townshipName,
      townshipCode: place.townshipCode,
      villageNames: [],
      children: 0,
      reviewed: 0,
      checked: 0,
    }
    d.villageNames.push(place.name)
    add(d, r)
    directors.set(key, d)
    const t = townships.get(place.townshipCode) ?? { townshipCode: place.townshipCode, townshipName: place.townshipName, children: 0, reviewed: 0, checked: 0 }
    add(t, r)
    townships.set(place.townshipCode, t)
    add(district, r)
  }
  const withRate = <T extends Tally>(t: T) => ({ ...t, ratePercent: ratePercent(t.reviewed, t.children) })
  return {
    quarter,
    deadline,
    directors: [...directors.values()]
      .sort(
        (a, b) =>
          a.townshipCode.localeCompare(b.townshipCode) ||
          Number(a.directorId === null) - Number(b.directorId === null) ||
          a.directorName.localeCompare(b.directorName, 'zh'),
      )
      .map(({ townshipCode: _t, ...d }) => withRate(d)),
    supervisors: [...townships.values()]
      .sort((a, b) => a.townshipCode.localeCompare(b.townshipCode))
      .map((t) => withRate({ ...t, supervisorName: supervisorOf.get(t.townshipCode) ?? null })),
    district: withRate(district),
  }
}

