import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import type { ServiceContext } from '../../src/core/context'
import { seedDemoDistrict } from '../../src/core/demo/demo-district'
import { openRegistry } from '../../src/core/registry'

export interface TempRegistry {
  ctx: ServiceContext
  /** the database file */
  file: string
  /** the temp folder holding it (and anything else the test puts there) */
  folder: string
  /** closes the database (once) and removes the temp folder */
  cleanup(): void
}

/** A real registry file in a fresh temp folder; `seed` fills it with the demo district through the services. */
export async function openTempRegistry(options: { clock?: () => Date; seed?: boolean } = {}): Promise<TempRegistry> {
  const folder = mkdtempSync(join(tmpdir(), 'cwr-test-'))
  const file = join(folder, 'registry.db')
  const ctx = await openRegistry(file, { actor: '测试员', clock: options.clock })
  if (options.seed) seedDemoDistrict(ctx)
  let closed = false
  return {
    ctx,
    file,
    folder,
    cleanup: () => {
      if (!closed) ctx.conn.close()
      closed = true
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

/** An empty registry whose clock stands on `today`, so ages and dates are stable. */
export function tempRegistry(today = '2026-11-23'): Promise<TempRegistry> {
  return openTempRegistry({ clock: () => new Date(`${today}T09:30:00`) })
}

/** The demo district in a temp registry (seeded unless seed is false). */
export function demoRegistry(options: { seed?: boolean; clock?: () => Date } = {}): Promise<TempRegistry> {
  return openTempRegistry({ clock: options.clock, seed: options.seed !== false })
}

/**
 * Every row of every table (and the schema itself), each table ordered by all of its columns, so
 * two snapshots are equal exactly when the database holds the same data.
 */
export function tableFingerprint(sqlite: Database.Database): string {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  const schema = sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all()
  const contents = tables.map((table) => {
    const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => `"${c.name}"`)
    return [table, sqlite.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all()]
  })
  return JSON.stringify({ schema, contents })
}

export const fingerprint = (ctx: ServiceContext): string => tableFingerprint(ctx.sqlite)
