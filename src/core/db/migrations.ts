import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type BetterSqlite3 from 'better-sqlite3'
import { brokenReferences, setForeignKeys } from './sqlite'

export interface Migration {
  name: string
  sql: string
}

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/

/** The folder the migration files ship in: beside this module in source, beside the bundle in the app. */
export function migrationsFolder(): string {
  return process.env.CWR_MIGRATIONS_DIR ?? fileURLToPath(new URL('./migrations/', import.meta.url))
}

export function loadMigrations(folder = migrationsFolder()): Migration[] {
  return readdirSync(folder)
    .filter((file) => MIGRATION_FILE.test(file))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), sql: readFileSync(join(folder, file), 'utf8') }))
}

export function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
  )
  return sqlite
    .prepare('SELECT name FROM schema_migrations ORDER BY name')
    .pluck()
    .all() as string[]
}

export type MigrationPlan =
  | { ok: true; pending: Migration[]; applied: string[] }
  | { ok: false; message: string }

/**
 * A database written by a newer app (or a different branch of history) must not be touched:
 * what it has applied has to be a prefix of what this app ships.
 */
export function planMigrations(applied: string[], shipped: Migration[]): MigrationPlan {
  for (let i = 0; i < applied.length; i++) {
    if (shipped[i]?.name !== applied[i]) {
      return {
        ok: false,
        message:
          `数据库文件由更新版本的台账程序创建或修改（结构版本 ${applied[applied.length - 1]}），` +
          '本程序无法安全打开。请安装最新版本的儿童福利台账后再打开此文件；数据库未做任何改动。',
      }
    }
  }
  return { ok: true, pending: shipped.slice(applied.length), applied }
}

/**
 * One migration, all or nothing. Foreign keys are off while it runs (SQLite's way of reshaping a
 * table is to rebuild it, which must not cascade) and checked before it commits.
 */
export function applyMigration(sqlite: BetterSqlite3.Database, migration: Migration, at: string): void {
  setForeignKeys(sqlite, false)
  try {
    sqlite.transaction(() => {
      sqlite.exec(migration.sql)
      const broken = brokenReferences(sqlite)
      if (broken.length > 0) throw new Error(`${migration.name} leaves ${broken.length} broken references`)
      sqlite.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(migration.name, at)
    }).immediate()
  } finally {
    setForeignKeys(sqlite, true)
  }
}
