/**
 * What only SQLite has, in one module: the connection's pragmas, foreign keys switched off while a table
 * is rebuilt, the catalogue (sqlite_master), SQLite's own checks, and read-only opening of a file. The
 * services speak plain SQL through prepared statements; a second dialect (a shared PostgreSQL server)
 * would replace this module, the migrations and backup.ts, not the services.
 */
import Database from 'better-sqlite3'

export type SqliteDatabase = Database.Database

/** An existing file opened for writing, without the app's pragmas (the restore's safety copy is taken from it). */
export function openExisting(file: string): SqliteDatabase {
  return new Database(file, { fileMustExist: true })
}

/** A file opened only to be read (a backup, a copy to check); it must exist. */
export function openReadOnly(file: string): SqliteDatabase {
  return new Database(file, { readonly: true, fileMustExist: true })
}

/** The write-ahead log lets the page read while a write runs (and backups copy a consistent file). */
export function useWriteAheadLog(sqlite: SqliteDatabase): void {
  sqlite.pragma('journal_mode = WAL')
}

/**
 * References enforced; a file busy with another write waits 5 s before it is refused; NORMAL sync is safe
 * under WAL (a power cut can lose the last transaction, never the file).
 */
export function tuneConnection(sqlite: SqliteDatabase): void {
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
}

/** SQLite reshapes a table by rebuilding it, which must not cascade: references are off meanwhile. */
export function setForeignKeys(sqlite: SqliteDatabase, on: boolean): void {
  sqlite.pragma(`foreign_keys = ${on ? 'ON' : 'OFF'}`)
}

export interface BrokenReference {
  table: string
  rowid: number | null
  parent: string
  fkid: number
}

export function brokenReferences(sqlite: SqliteDatabase): BrokenReference[] {
  return sqlite.pragma('foreign_key_check') as BrokenReference[]
}

/** Reads the catalogue: a damaged file says so here, before anything is written to it. */
export function touchCatalogue(sqlite: SqliteDatabase): void {
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get()
}

export function tableNames(sqlite: SqliteDatabase): string[] {
  return sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
}

export function hasTable(sqlite: SqliteDatabase, name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
}

/** quick_check reads every page: a truncated or damaged copy fails it. */
export function passesQuickCheck(sqlite: SqliteDatabase): boolean {
  return sqlite.pragma('quick_check', { simple: true }) === 'ok'
}

/** What integrity_check finds wrong, at most `limit` lines; empty when the file is whole. */
export function integrityProblems(sqlite: SqliteDatabase, limit = 100): string[] {
  const rows = sqlite.pragma(`integrity_check(${Math.trunc(limit)})`, { simple: false }) as { integrity_check: string }[]
  return rows.map((row) => row.integrity_check).filter((line) => line !== 'ok')
}
