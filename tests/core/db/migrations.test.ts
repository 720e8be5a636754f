import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseOpenError, openDatabase } from '../../../src/core/db/connection'
import { seedDemoDistrict } from '../../../src/core/demo/demo-district'
import { openRegistry } from '../../../src/core/registry'
import { tableFingerprint } from '../../support/temp-registry'

const SHIPPED_FOLDER = fileURLToPath(new URL('../../../src/core/db/migrations/', import.meta.url))
/** Every SQL file the app ships, by its own listing (a misnamed file would be silently skipped otherwise). */
const SHIPPED = readdirSync(SHIPPED_FOLDER)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => f.replace(/\.sql$/, ''))
const CJK = /[\u4e00-\u9fff]/

let folder: string
let savedEnv: string | undefined

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-migrations-'))
  savedEnv = process.env.CWR_MIGRATIONS_DIR
  delete process.env.CWR_MIGRATIONS_DIR
})
afterEach(() => {
  if (savedEnv === undefined) delete process.env.CWR_MIGRATIONS_DIR
  else process.env.CWR_MIGRATIONS_DIR = savedEnv
  rmSync(folder, { recursive: true, force: true })
})

/** A migrations folder holding what the app ships plus the extra files given, used from now on. */
function migrationsFolder(extra: Record<string, string> = {}): string {
  const target = join(folder, `migrations-${readdirSync(folder).length}`)
  mkdirSync(target)
  for (const name of SHIPPED) copyFileSync(join(SHIPPED_FOLDER, `${name}.sql`), join(target, `${name}.sql`))
  for (const [file, sql] of Object.entries(extra)) writeFileSync(join(target, file), sql)
  process.env.CWR_MIGRATIONS_DIR = target
  return target
}

/** Opens a file with better-sqlite3 alone, so what the app did is read back by something else. */
function inspect<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const appliedNames = (db: Database.Database) =>
  db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all() as string[]
const columnsOf = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name)
const tableNames = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]

/** A database with the shipped schema and the demo district in it, closed again. */
async function existingDatabase(): Promise<string> {
  const file = join(folder, 'data', 'registry.db')
  const ctx = await openRegistry(file, { actor: '测试员' })
  seedDemoDistrict(ctx)
  ctx.conn.close()
  return file
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []
}

describe('a new database', () => {
  it('gets every shipped migration, recorded in schema_migrations, and no backup', async () => {
    expect(SHIPPED.length).toBeGreaterThan(0)
    expect(SHIPPED[0]).toBe('0001_foundation')
    const file = join(folder, 'new', 'registry.db')
    const conn = await openDatabase(file)
    try {
      expect(conn.schemaVersion).toBe(SHIPPED[SHIPPED.length - 1])
      expect(conn.backups).toEqual([])
      const rows = conn.sqlite.prepare('SELECT name, applied_at FROM schema_migrations ORDER BY name').all() as {
        name: string
        applied_at: string
      }[]
      expect(rows.map((r) => r.name)).toEqual(SHIPPED)
      for (const row of rows) expect(Number.isNaN(Date.parse(row.applied_at))).toBe(false)
      expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    } finally {
      conn.close()
    }
    expect(existsSync(join(folder, 'new', 'backups'))).toBe(false)
  })

  it('takes no backup even when several migrations are pending', async () => {
    migrationsFolder({ '9990_extra_table.sql': 'CREATE TABLE extra_thing (id INTEGER PRIMARY KEY);' })
    const file = join(folder, 'brand-new', 'registry.db')
    const conn = await openDatabase(file)
    try {
      expect(conn.backups).toEqual([])
      expect(appliedNames(conn.sqlite)).toEqual([...SHIPPED, '9990_extra_table'])
    } finally {
      conn.close()
    }
    expect(existsSync(join(folder, 'brand-new', 'backups'))).toBe(false)
  })
})

describe('a database from a newer app', () => {
  it('is refused with a Chinese message and left exactly as it was', async () => {
    const file = join(folder, 'newer', 'registry.db')
    ;(await openDatabase(file)).close()
    const db = new Database(file)
    db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run('9999_from_newer_app', '2030-01-01T00:00:00.000Z')
    db.close()
    const bytes = readFileSync(file)
    const files = filesIn(dirname(file))

    const opening = openDatabase(file)
    await expect(opening).rejects.toBeInstanceOf(DatabaseOpenError)
    const error = (await opening.catch((e: unknown) => e)) as Error
    expect(error.message).toMatch(CJK)
    expect(error.message).toContain('更新版本')
    expect(error.message).toContain('9999_from_newer_app')

    expect(readFileSync(file).equals(bytes)).toBe(true)
    expect(filesIn(dirname(file))).toEqual(files)
    expect(inspect(file, appliedNames)).toEqual([...SHIPPED, '9999_from_newer_app'])
  })

  it('is refused when its history differs from what the app ships, not only when it is longer', async () => {
    const file = join(folder, 'branch', 'registry.db')
    migrationsFolder({ '9990_other_branch.sql': 'CREATE TABLE other_branch (id INTEGER PRIMARY KEY);' })
    ;(await openDatabase(file)).close()
    migrationsFolder({ '9990_this_branch.sql': 'CREATE TABLE this_branch (id INTEGER PRIMARY KEY);' })
    const bytes = readFileSync(file)
    await expect(openDatabase(file)).rejects.toBeInstanceOf(DatabaseOpenError)
    expect(readFileSync(file).equals(bytes)).toBe(true)
    expect(inspect(file, tableNames)).not.toContain('this_branch')
  })
})

describe('a migration that fails midway', () => {
  it('leaves nothing of itself applied, and the error surfaces', async () => {
    const file = await existingDatabase()
    const before = inspect(file, tableFingerprint)
    migrationsFolder({
      '9990_broken.sql': [
        'CREATE TABLE half_done (id INTEGER PRIMARY KEY);',
        "ALTER TABLE children ADD COLUMN nickname TEXT NOT NULL DEFAULT '';",
        "UPDATE children SET address = '改过了';",
        'INSERT INTO no_such_table VALUES (1);',
      ].join('\n'),
    })
    await expect(openDatabase(file)).rejects.toThrow(/no_such_table/)

    inspect(file, (db) => {
      expect(tableNames(db)).not.toContain('half_done')
      expect(columnsOf(db, 'children')).not.toContain('nickname')
      expect(appliedNames(db)).toEqual(SHIPPED)
      expect(db.prepare("SELECT count(*) FROM children WHERE address = '改过了'").pluck().get()).toBe(0)
      expect(tableFingerprint(db)).toBe(before)
    })

    // Once the migration is mended, the same file opens and takes it.
    migrationsFolder({ '9990_broken.sql': 'CREATE TABLE half_done (id INTEGER PRIMARY KEY);' })
    const conn = await openDatabase(file)
    try {
      expect(appliedNames(conn.sqlite)).toEqual([...SHIPPED, '9990_broken'])
      expect(tableNames(conn.sqlite)).toContain('half_done')
    } finally {
      conn.close()
    }
  })
})

describe('an existing database getting a new migration', () => {
  it('is backed up to <dbdir>/backups/ before the migration, and the backup holds the old schema and data', async () => {
    const file = await existingDatabase()
    const before = inspect(file, tableFingerprint)
    const childrenBefore = inspect(file, (db) => db.prepare('SELECT * FROM children ORDER BY id').all())
    expect(childrenBefore.length).toBeGreaterThan(0)
    expect(existsSync(join(dirname(file), 'backups'))).toBe(false)

    migrationsFolder({
      '9990_nickname.sql':
        "ALTER TABLE children ADD COLUMN nickname TEXT NOT NULL DEFAULT '';\nCREATE TABLE extra_thing (id INTEGER PRIMARY KEY);",
    })
    const conn = await openDatabase(file)
    let backup: string
    try {
      expect(conn.backups).toHaveLength(1)
      backup = conn.backups[0]!
      expect(dirname(backup)).toBe(join(dirname(file), 'backups'))
      expect(basename(backup)).toMatch(/^registry-\d{8}-\d{6}-migration(-\d+)?\.db$/)
      expect(filesIn(join(dirname(file), 'backups'))).toEqual([basename(backup)])
      // The live database has the new shape and keeps its data.
      expect(appliedNames(conn.sqlite)).toEqual([...SHIPPED, '9990_nickname'])
      expect(columnsOf(conn.sqlite, 'children')).toContain('nickname')
      expect(conn.sqlite.prepare('SELECT count(*) FROM children').pluck().get()).toBe(childrenBefore.length)
    } finally {
      conn.close()
    }

    // The backup file on its own (as a clerk would copy it away) holds the old schema and data.
    const copied = join(folder, 'copied-backup.db')
    copyFileSync(backup, copied)
    inspect(copied, (db) => {
      expect(appliedNames(db)).toEqual(SHIPPED)
      expect(columnsOf(db, 'children')).not.toContain('nickname')
      expect(tableNames(db)).not.toContain('extra_thing')
      expect(db.prepare('SELECT * FROM children ORDER BY id').all()).toEqual(childrenBefore)
      expect(tableFingerprint(db)).toBe(before)
    })

    // Opening again with nothing pending takes no further backup.
    const again = await openDatabase(file)
    try {
      expect(again.backups).toEqual([])
    } finally {
      again.close()
    }
    expect(filesIn(join(dirname(file), 'backups'))).toEqual([basename(backup)])
  })
})

// schema.ts against the migrated tables: tests/core/db/schema-drift.test.ts.

describe('the audit log', () => {
  it('cannot be updated or deleted: the triggers raise and the rows stay', async () => {
    const file = await existingDatabase()
    const ctx = await openRegistry(file, { actor: '测试员' })
    try {
      const rows = () => ctx.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all()
      const before = rows()
      expect(before.length).toBeGreaterThan(0)
      expect(() => ctx.sqlite.prepare("UPDATE audit_log SET actor = '别人' WHERE id = 1").run()).toThrow('操作日志不可修改')
      expect(() => ctx.sqlite.prepare('UPDATE audit_log SET after = NULL').run()).toThrow('操作日志不可修改')
      expect(() => ctx.sqlite.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow('操作日志不可删除')
      expect(() => ctx.sqlite.prepare('DELETE FROM audit_log').run()).toThrow('操作日志不可删除')
      expect(rows()).toEqual(before)
      // Appending still works: the log is append-only, not read-only.
      ctx.sqlite
        .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('2026-01-01T00:00:00Z', '测试员', '测试', 'child', '1')")
        .run()
      expect(rows()).toHaveLength(before.length + 1)
    } finally {
      ctx.conn.close()
    }
  })
})
