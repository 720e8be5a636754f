import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { backupsToKeep, localStamp, parseBackupName, type BackupReason } from '../backups/rotation'

export type { BackupReason } from '../backups/rotation'

export function backupsFolder(databaseFile: string): string {
  return join(dirname(databaseFile), 'backups')
}

/** registry.db → registry: the prefix every backup of this database carries. */
export function backupBaseName(databaseFile: string): string {
  return basename(databaseFile).replace(/\.[^.]+$/, '')
}

function stamp(at: Date): string {
  return localStamp(at).replace(/[-:]/g, '').replace('T', '-')
}

/** A backup still being written (or cut short by a crash) carries this suffix until it is whole. */
const PART = '.part'

/**
 * Copies the live database with SQLite's online backup API (a plain file copy of a WAL database
 * can miss committed pages). The copy is written under a temporary name and renamed when whole,
 * so a crash never leaves a half backup that looks like a good one. Old backups are then rotated
 * (see backups/rotation.ts). Returns the backup's path.
 */
export async function backupDatabase(
  sqlite: BetterSqlite3.Database,
  databaseFile: string,
  reason: BackupReason,
  at = new Date(),
): Promise<string> {
  const folder = backupsFolder(databaseFile)
  mkdirSync(folder, { recursive: true })
  const base = backupBaseName(databaseFile)
  let target = join(folder, `${base}-${stamp(at)}-${reason}.db`)
  for (let n = 2; existsSync(target); n++) target = join(folder, `${base}-${stamp(at)}-${reason}-${n}.db`)
  await backupTo(sqlite, target)
  rotateBackups(databaseFile, at)
  return target
}

/** The backup API into any file (a USB stick, a shared folder): written aside, renamed when whole. */
export async function backupTo(sqlite: BetterSqlite3.Database, target: string): Promise<void> {
  const part = target + PART
  try {
    await sqlite.backup(part)
    renameSync(part, target)
  } catch (error) {
    rmSync(part, { force: true })
    throw error
  }
}

/** Deletes the backups the policy no longer keeps, and pieces left by a backup that was cut short. */
export function rotateBackups(databaseFile: string, now = new Date()): string[] {
  const folder = backupsFolder(databaseFile)
  if (!existsSync(folder)) return []
  const base = backupBaseName(databaseFile)
  const names = readdirSync(folder)
  const ours = names.flatMap((name) => {
    const parsed = parseBackupName(name)
    return parsed && parsed.base === base ? [{ name, at: parsed.at }] : []
  })
  const keep = backupsToKeep(ours, localStamp(now))
  const removed: string[] = []
  for (const { name } of ours) {
    if (keep.has(name)) continue
    rmSync(join(folder, name), { force: true })
    removed.push(name)
  }
  // A .part older than an hour belongs to a backup that will never finish.
  for (const name of names) {
    if (!name.endsWith(PART) || !name.startsWith(`${base}-`)) continue
    const path = join(folder, name)
    try {
      if (now.getTime() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true })
    } catch {
      // already gone
    }
  }
  return removed
}
