import type { Summary } from '../../contract'
import type { ServiceContext } from '../context'
import { IN_POST } from './in-post'

export function registrySummary(ctx: ServiceContext): Summary {
  const today = ctx.today()
  const one = (sql: string) => (ctx.sqlite.prepare(sql).pluck().get({ today }) as number) ?? 0
  const district = ctx.sqlite.prepare("SELECT name FROM divisions WHERE level = 'district'").pluck().get() as
    | string
    | undefined
  const byCategory = ctx.sqlite
    .prepare(
      `SELECT k.code, k.name, k.dimension,
              (SELECT count(*) FROM child_categories cc JOIN children c ON c.id = cc.child_id
                WHERE cc.category_code = k.code AND cc.until IS NULL AND c.status = 'active') AS childCount
         FROM categories k ORDER BY k.sort_order, k.code`,
    )
    .all() as Summary['byCategory']
  const byTownship = ctx.sqlite
    .prepare(
      `SELECT t.code, t.name,
              (SELECT count(*) FROM divisions v WHERE v.parent_code = t.code AND v.retired_on IS NULL) AS villages,
              (SELECT count(*) FROM supervisors s WHERE s.township_code = t.code AND ${IN_POST}) AS supervisors,
              (SELECT count(*) FROM directors s JOIN divisions v ON v.code = s.village_code
                WHERE v.parent_code = t.code AND v.retired_on IS NULL AND ${IN_POST}) AS directors,
              (SELECT count(*) FROM children c JOIN divisions v ON v.code = c.village_code
                WHERE v.parent_code = t.code AND c.status = 'active') AS childCount
         FROM divisions t WHERE t.level = 'township' AND t.retired_on IS NULL ORDER BY t.code`,
    )
    .all({ today }) as Summary['byTownship']
  return {
    district: district ?? null,
    totals: {
      children: one("SELECT count(*) FROM children WHERE status = 'active'"),
      townships: byTownship.length,
      villages: byTownship.reduce((n, t) => n + t.villages, 0),
      supervisors: byTownship.reduce((n, t) => n + t.supervisors, 0),
      directors: byTownship.reduce((n, t) => n + t.directors, 0),
      villagesWithoutDirector: one(
        `SELECT count(*) FROM divisions v JOIN divisions t ON t.code = v.parent_code
          WHERE v.level = 'village' AND v.retired_on IS NULL AND t.retired_on IS NULL
            AND NOT EXISTS (SELECT 1 FROM directors s WHERE s.village_code = v.code AND ${IN_POST})
            AND NOT EXISTS (SELECT 1 FROM director_villages a JOIN directors s ON s.id = a.director_id
                             WHERE a.village_code = v.code AND ${IN_POST})`,
      ),
    },
    byCategory,
    byTownship,
  }
}
