import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServiceContext } from '../../src/core/context'
import { openRegistry } from '../../src/core/registry'

export interface TempRegistry {
  ctx: ServiceContext
  file: string
  folder: string
  cleanup(): void
}

/** A real registry database in a fresh temp folder, with a fixed clock so ages and dates are stable. */
export async function tempRegistry(today = '2026-11-23', actor = '测试员'): Promise<TempRegistry> {
  const folder = mkdtempSync(join(tmpdir(), 'cwr-test-'))
  const file = join(folder, 'registry.db')
  const ctx = await openRegistry(file, { actor, clock: () => new Date(`${today}T09:30:00`) })
  return {
    ctx,
    file,
    folder,
    cleanup: () => {
      ctx.conn.close()
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

/** Everything in the database, for "nothing changed" assertions. */
export function fingerprint(ctx: ServiceContext): string {
  const tables = ctx.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  return JSON.stringify(tables.map((t) => [t, ctx.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]))
}
