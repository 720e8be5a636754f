import type { StaffingTable } from '../../contract/workforce'
import type { ServiceContext } from '../context'
import { statement } from '../db/statements'
import { addYears } from '../shared/dates'

// What counts on a day: a division not yet retired; a person who had started and not yet left;
// a child registered by then, not exited by then, and still under 18 that day.
const DIVISION_ACTIVE = '(%.retired_on IS NULL OR %.retired_on > @date)'
const IN_POST = '(s.start_date IS NULL OR s.start_date <= @date) AND (s.end_date IS NULL OR s.end_date >= @date)'
const CHILD_ON_DATE = `(c.registered_on IS NULL OR c.registered_on <= @date)
  AND (c.status = 'active' OR c.exit_date > @date)
  AND c.birth_date > @adultBorn`

const active = (alias: string) => DIVISION_ACTIVE.replaceAll('%', alias)

const VILLAGES_SQL = `
  SELECT t.code AS township_code, t.name AS township_name, v.code AS village_code, v.name AS village_name,
         (SELECT count(*) FROM directors s WHERE s.village_code = v.code AND ${IN_POST}) AS directors,
         (SELECT count(*) FROM children c WHERE c.village_code = v.code AND ${CHILD_ON_DATE}) AS children
    FROM divisions t JOIN divisions v ON v.parent_code = t.code
   WHERE t.level = 'township' AND v.level = 'village' AND ${active('t')} AND ${active('v')}
   ORDER BY t.code, v.code`

const TOWNSHIPS_SQL = `
  SELECT t.code, t.name,
         (SELECT count(*) FROM supervisors s WHERE s.township_code = t.code AND ${IN_POST}) AS supervisors
    FROM divisions t
   WHERE t.level = 'township' AND ${active('t')}
   ORDER BY t.code`

interface VillageLine {
  township_code: string
  township_name: string
  village_code: string
  village_name: string
  directors: number
  children: number
}

/** The staffing table as of a day, computed from the registry (never typed in). */
export function staffingTable(ctx: ServiceContext, date = ctx.today()): StaffingTable {
  const params = { date, adultBorn: addYears(date, -18) }
  const villages = statement(ctx.sqlite, VILLAGES_SQL).all(params) as VillageLine[]
  const townships = statement(ctx.sqlite, TOWNSHIPS_SQL).all(params) as { code: string; name: string; supervisors: number }[]
  const rows = townships.map((t) => {
    const own = villages.filter((v) => v.township_code === t.code)
    const directors = own.reduce((n, v) => n + v.directors, 0)
    const children = own.reduce((n, v) => n + v.children, 0)
    return {
      name: t.name,
      code: t.code,
      villages: own.length,
      supervisors: t.supervisors,
      directors,
      children,
      villagesWithoutDirector: own.filter((v) => v.directors === 0).map((v) => v.village_name),
      childrenPerDirector: directors > 0 ? Math.round((children / directors) * 10) / 10 : null,
      // A director serves one village here, so the heaviest load is the most children in a village that has one.
      maxChildrenPerDirector: own.filter((v) => v.directors > 0).reduce((max, v) => Math.max(max, Math.ceil(v.children / v.directors)), 0),
    }
  })
  return {
    date,
    district: {
      townships: rows.length,
      villages: rows.reduce((n, t) => n + t.villages, 0),
      supervisors: rows.reduce((n, t) => n + t.supervisors, 0),
      directors: rows.reduce((n, t) => n + t.directors, 0),
      children: rows.reduce((n, t) => n + t.children, 0),
      villagesWithoutDirector: rows.flatMap((t) => t.villagesWithoutDirector.map((v) => `${t.name}/${v}`)),
      townshipsWithoutSupervisor: rows.filter((t) => t.supervisors === 0).map((t) => t.name),
    },
    townships: rows,
  }
}
