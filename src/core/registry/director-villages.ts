import type { Problem } from '../../contract'
import type { ServiceContext } from '../context'
import { statement } from '../db/statements'
import { findDivision } from './divisions-service'
import { IN_POST } from './in-post'


/**
 * A director may also serve villages that have no director of their own (N County: 391 villages, 379 directors).
 * Such a village must be a live village of the district, not the director's own, and not covered by anyone else in post.
 */
export function checkAlsoServes(
  ctx: ServiceContext,
  codes: readonly string[],
  own: { villageCode: string; directorId?: number; endDate: string | null },
): Problem[] {
  const problems: Problem[] = []
  const today = ctx.today()
  const stillServing = !own.endDate || own.endDate >= today
  for (const code of new Set(codes)) {
    const village = findDivision(ctx, code)
    if (!village || village.level !== 'village') {
      problems.push({ field: 'alsoServes', message: `兼管村代码 ${code} 不是本区的村/社区，请重新选择。` })
      continue
    }
    if (code === own.villageCode) {
      problems.push({ field: 'alsoServes', message: `${village.name}是本人所在村，无需再列为兼管村。` })
      continue
    }
    if (!stillServing) continue
    if (village.retiredOn) {
      problems.push({ field: 'alsoServes', message: `${village.name}已撤销，不能再兼管。` })
      continue
    }
    const taken = statement(
      ctx.sqlite,
      `SELECT s.name FROM directors s
        WHERE ${IN_POST} AND s.id <> @except
          AND (s.village_code = @code OR EXISTS (SELECT 1 FROM director_villages a WHERE a.director_id = s.id AND a.village_code = @code))
        LIMIT 1`,
    ).get({ code, today, except: own.directorId ?? -1 }) as { name: string } | undefined
    if (taken) {
      problems.push({
        field: 'alsoServes',
        message: `${village.name}已由儿童主任「${taken.name}」服务，不能再由本人兼管。`,
      })
    }
  }
  return problems
}

export function saveAlsoServes(ctx: ServiceContext, directorId: number, codes: readonly string[]): void {
  statement(ctx.sqlite, 'DELETE FROM director_villages WHERE director_id = ?').run(directorId)
  const insert = statement(ctx.sqlite, 'INSERT INTO director_villages (director_id, village_code) VALUES (?, ?)')
  for (const code of new Set(codes)) insert.run(directorId, code)
}

export function alsoServedBy(ctx: ServiceContext, directorId: number): { code: string; name: string }[] {
  return statement(
    ctx.sqlite,
    `SELECT d.code, d.name FROM director_villages a JOIN divisions d ON d.code = a.village_code
      WHERE a.director_id = ? ORDER BY d.code`,
  ).all(directorId) as { code: string; name: string }[]
}
