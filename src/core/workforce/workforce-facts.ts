import type { ServiceContext } from '../context'
import { statement } from '../db/statements'
import { addDays, addYears } from '../shared/dates'

// What counts on a day: a division not yet retired; a person who had started and not yet left;
// a child registered by then, not exited by then, and still under 18 that day.
const DIVISION_ACTIVE = '(%.retired_on IS NULL OR %.retired_on > @date)'
const IN_POST = '(s.start_date IS NULL OR s.start_date <= @date) AND (s.end_date IS NULL OR s.end_date >= @date)'
const CHILD_ON_DATE = `(c.registered_on IS NULL OR c.registered_on <= @date)
  AND (c.status = 'active' OR c.exit_date > @date)
  AND c.birth_date > @adultBorn`

const active = (alias: string) => DIVISION_ACTIVE.replaceAll('%', alias)

const TOWNSHIPS_SQL = `
  SELECT t.code, t.name FROM divisions t WHERE t.level = 'township' AND ${active('t')} ORDER BY t.code`

const VILLAGES_SQL = `
  SELECT t.code AS townshipCode, v.code, v.name,
         (SELECT count(*) FROM children c WHERE c.village_code = v.code AND ${CHILD_ON_DATE}) AS children
    FROM divisions t JOIN divisions v ON v.parent_code = t.code
   WHERE t.level = 'township' AND v.level = 'village' AND ${active('t')} AND ${active('v')}
   ORDER BY t.code, v.code`

const peopleSql = (table: 'supervisors' | 'directors', kind: 'supervisor' | 'director', column: string) => `
  SELECT s.id, s.${column} AS divisionCode, s.name, s.sex, s.birth_date AS birthDate, s.part_time AS partTime,
         s.concurrent_post AS concurrentPost, s.education, s.trained, s.start_date AS startDate,
         (SELECT count(*) FROM staff_trainings tr
           WHERE tr.person_kind = '${kind}' AND tr.person_id = s.id AND tr.held_on > @yearAgo AND tr.held_on <= @date) AS recentTrainings,
         (SELECT count(*) FROM staff_trainings tr
           WHERE tr.person_kind = '${kind}' AND tr.person_id = s.id AND tr.held_on <= @date) AS trainings,
         (SELECT max(tr.held_on) FROM staff_trainings tr
           WHERE tr.person_kind = '${kind}' AND tr.person_id = s.id AND tr.held_on <= @date) AS lastTrainedOn
    FROM ${table} s WHERE ${IN_POST}
   ORDER BY s.${column}, s.id`

const ASSIGNMENTS_SQL = `
  SELECT a.director_id AS directorId, a.village_code AS villageCode
    FROM director_villages a JOIN directors s ON s.id = a.director_id WHERE ${IN_POST}`

// A post left empty: the day after the last holder left, if there was one.
const lastLeftSql = (table: 'supervisors' | 'directors', column: string) => `
  SELECT s.${column} AS code, max(s.end_date) AS lastLeft FROM ${table} s WHERE s.end_date < @date GROUP BY s.${column}`

export interface TownshipFact {
  code: string
  name: string
}

export interface VillageFact {
  townshipCode: string
  code: string
  name: string
  children: number
  /** directors in post whose own village this is */
  own: number[]
  /** directors in post of other villages who also serve this one */
  covering: number[]
}

export interface PersonFact {
  id: number
  divisionCode: string
  name: string
  sex: 'M' | 'F'
  birthDate: string | null
  partTime: number
  concurrentPost: string
  education: string
  trained: number
  startDate: string | null
  recentTrainings: number
  trainings: number
  lastTrainedOn: string | null
}

export interface WorkforceFacts {
  date: string
  townships: TownshipFact[]
  villages: VillageFact[]
  directors: PersonFact[]
  supervisors: PersonFact[]
  /** director id → villages served beyond the own one */
  alsoServes: Map<number, string[]>
  /** division code → the day its post fell vacant (only posts that once had a holder) */
  vacantSince: Map<string, string>
}

/** Everything the workforce figures are computed from, read in a handful of statements for one day. */
export function readWorkforceFacts(ctx: ServiceContext, date: string): WorkforceFacts {
  const params = { date, adultBorn: addYears(date, -18), yearAgo: addYears(date, -1) }
  const db = ctx.sqlite
  const townships = statement(db, TOWNSHIPS_SQL).all(params) as TownshipFact[]
  const villages = (statement(db, VILLAGES_SQL).all(params) as Omit<VillageFact, 'own' | 'covering'>[]).map((v) => ({
    ...v,
    own: [] as number[],
    covering: [] as number[],
  }))
  const byCode = new Map(villages.map((v) => [v.code, v]))
  const directors = statement(db, peopleSql('directors', 'director', 'village_code')).all(params) as PersonFact[]
  const supervisors = statement(db, peopleSql('supervisors', 'supervisor', 'township_code')).all(params) as PersonFact[]
  for (const d of directors) byCode.get(d.divisionCode)?.own.push(d.id)
  const alsoServes = new Map<number, string[]>()
  for (const a of statement(db, ASSIGNMENTS_SQL).all(params) as { directorId: number; villageCode: string }[]) {
    const village = byCode.get(a.villageCode)
    if (!village) continue
    village.covering.push(a.directorId)
    alsoServes.set(a.directorId, [...(alsoServes.get(a.directorId) ?? []), a.villageCode])
  }
  const vacantSince = new Map<string, string>()
  for (const sql of [lastLeftSql('directors', 'village_code'), lastLeftSql('supervisors', 'township_code')]) {
    for (const row of statement(db, sql).all(params) as { code: string; lastLeft: string }[]) {
      vacantSince.set(row.code, addDays(row.lastLeft, 1))
    }
  }
  return { date, townships, villages, directors, supervisors, alsoServes, vacantSince }
}
