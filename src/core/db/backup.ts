import { existsSync, mkdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'

export type BackupReason = 'migration' | 'import' | 'roster-lock' | 'restore' | 'daily' | 'manual'

export function backupsFolder(databaseFile: string): string {
  return join(dirname(databaseFile), 'backups')
}

function stamp(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return (
    `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  )
}

/**
 * Copies the live database with SQLite's online backup API (a plain file copy of a WAL database
 * can miss committed pages). Returns the backup's path.
 */
export async function backupDatabase(
  sqlite: BetterSqlite3.Database,
  databaseFile: string,
  reason: BackupReason,
  at = new Date(),
): Promise<string> {
  const folder = backupsFolder(databaseFile)
  mkdirSync(folder, { recursive: true })
  const base = basename(databaseFile).replace(/\.[^.]+$/, '')
  let target = join(folder, `${base}-${stamp(at)}-${reason}.db`)
  for (let n = 2; existsSync(target); n++) target = join(folder, `${base}-${stamp(at)}-${reason}-${n}.db`)
  await sqlite.backup(target)
  return target
}
