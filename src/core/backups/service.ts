/**
 * Backups of the bureau's database: listing what each holds, taking one, restoring one (the
 * current state is backed up first) and the daily backup on first start. Every copy goes through
 * SQLite's online backup API; the file that replaces the database is made whole aside and renamed
 * into place, so a crash at any moment leaves either the old database or the new one.
 */
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type Database from 'better-sqlite3'
import { recordAudit } from '../audit/log'
import type { ServiceContext } from '../context'
import { backupBaseName, backupDatabase, backupsFolder, backupTo, type BackupReason } from '../db/backup'
import { acquireDatabaseLock } from '../db/lock'
import { loadMigrations, planMigrations } from '../db/migrations'
import { hasTable, openExisting, openReadOnly, passesQuickCheck } from '../db/sqlite'
import { openRegistry } from '../registry'
import { localStamp, newestFirst, parseBackupName, KEEP_LAST, KEEP_MONTHS } from './rotation'

export const REASON_NAMES: Record<BackupReason, string> = {
  migration: '升级数据库结构前',
  import: '导入前',
  'roster-lock': '锁定花名册前',
  restore: '恢复备份前',
  daily: '每日自动备份',
  manual: '手动备份',
}

export const ROTATION_TEXT = `保留最近 ${KEEP_LAST} 份备份，另外每个月保留一份（保留 ${KEEP_MONTHS} 个月）。`

export interface BackupCounts {
  children: number
  supervisors: number
  directors: number
  villages: number
  importBatches: number
  lockedRosters: number
}

export interface BackupInfo {
  name: string
  /** local time from the name, YYYY-MM-DD HH:MM:SS */
  at: string
  reason: BackupReason
  reasonName: string
  sizeBytes: number
  /** false when the file does not open or fails its quick check */
  readable: boolean
  schemaVersion: string | null
  counts: BackupCounts | null
}

const COUNTS: Record<keyof BackupCounts, string> = {
  children: "SELECT count(*) FROM children WHERE status = 'active'",
  supervisors: 'SELECT count(*) FROM supervisors WHERE end_date IS NULL',
  directors: 'SELECT count(*) FROM directors WHERE end_date IS NULL',
  villages: "SELECT count(*) FROM divisions WHERE level = 'village' AND retired_on IS NULL",
  importBatches: 'SELECT count(*) FROM import_batches',
  lockedRosters: "SELECT count(*) FROM rosters WHERE status = 'locked'",
}

/** What a database holds, in the terms the clerk knows (a table an older schema lacks counts 0). */
export function countsOf(sqlite: Database.Database): BackupCounts {
  const counts = {} as BackupCounts
  for (const [key, sql] of Object.entries(COUNTS) as [keyof BackupCounts, string][]) {
    try {
      counts[key] = sqlite.prepare(sql).pluck().get() as number
    } catch {
      counts[key] = 0
    }
  }
  return counts
}

const described = new Map<string, { key: string; info: BackupInfo }>()

/** Opens one backup read-only to say what it holds (remembered while the file is unchanged). */
export function describeBackup(path: string, name: string): BackupInfo | null {
  const parsed = parseBackupName(name)
  if (!parsed || !existsSync(path)) return null
  const stat = statSync(path)
  const key = `${stat.size}:${stat.mtimeMs}`
  const cached = described.get(path)
  if (cached?.key === key) return cached.info
  const info: BackupInfo = {
    name,
    at: parsed.at.replace('T', ' '),
    reason: parsed.reason,
    reasonName: REASON_NAMES[parsed.reason],
    sizeBytes: stat.size,
    readable: false,
    schemaVersion: null,
    counts: null,
  }
  try {
    const db = openReadOnly(path)
    try {
      // A truncated or damaged copy is not offered as good.
      if (passesQuickCheck(db)) {
        info.readable = true
        info.schemaVersion = (db.prepare('SELECT max(name) FROM schema_migrations').pluck().get() as string | null) ?? null
        info.counts = countsOf(db)
      }
    } finally {
      db.close()
    }
  } catch {
    // stays unreadable
  }
  described.set(path, { key, info })
  return info
}

/** The backups of a database file, newest first. */
export function listBackupsOf(databaseFile: string): BackupInfo[] {
  const folder = backupsFolder(databaseFile)
  if (!existsSync(folder)) return []
  const base = backupBaseName(databaseFile)
  const ours = readdirSync(folder).flatMap((name) => {
    const parsed = parseBackupName(name)
    return parsed && parsed.base === base ? [{ name, at: parsed.at }] : []
  })
  return newestFirst(ours).flatMap(({ name }) => describeBackup(join(folder, name), name) ?? [])
}

export function listBackups(ctx: ServiceContext): { folder: string; databaseFile: string; rotation: string; backups: BackupInfo[] } {
  return { folder: backupsFolder(ctx.conn.file), databaseFile: ctx.conn.file, rotation: ROTATION_TEXT, backups: listBackupsOf(ctx.conn.file) }
}

/** A backup the renderer names: only a plain file name of ours, inside this database's backups folder. */
export function backupPath(ctx: ServiceContext, name: string): string | null {
  const parsed = parseBackupName(name)
  if (!parsed || parsed.base !== backupBaseName(ctx.conn.file) || /[\\/]/.test(name)) return null
  const path = join(backupsFolder(ctx.conn.file), name)
  return existsSync(path) ? path : null
}

export async function createBackup(ctx: ServiceContext, reason: BackupReason = 'manual'): Promise<BackupInfo> {
  const path = await backupDatabase(ctx.sqlite, ctx.conn.file, reason, new Date(ctx.now()))
  const name = path.slice(backupsFolder(ctx.conn.file).length + 1)
  return describeBackup(path, name)!
}

/** One backup a day, taken the first time the app starts that day. Returns its path, or null if today's exists. */
export async function dailyBackup(ctx: ServiceContext, at = new Date(ctx.now())): Promise<string | null> {
  const today = localStamp(at).slice(0, 10)
  const folder = backupsFolder(ctx.conn.file)
  const base = backupBaseName(ctx.conn.file)
  const done =
    existsSync(folder) &&
    readdirSync(folder).some((name) => {
      const parsed = parseBackupName(name)
      return parsed?.base === base && parsed.reason === 'daily' && parsed.at.startsWith(today)
    })
  if (done) return null
  return backupDatabase(ctx.sqlite, ctx.conn.file, 'daily', at)
}

/** Why a file cannot be restored, in the clerk's words; null when it can. */
export function restoreProblem(source: string): string | null {
  if (!existsSync(source)) return `找不到备份文件：${source}。`
  let db: Database.Database | undefined
  try {
    db = openReadOnly(source)
    if (!passesQuickCheck(db)) return `备份文件 ${source} 已损坏，不能用来恢复。请选择另一份备份。`
    if (!hasTable(db, 'schema_migrations')) return `文件 ${source} 不是儿童福利台账的数据库备份。`
    const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all() as string[]
    const plan = planMigrations(applied, loadMigrations())
    if (!plan.ok) return `备份文件 ${source} 由更新版本的台账程序创建，本程序不能恢复它。请先安装最新版本。`
    return null
  } catch {
    return `无法读取备份文件 ${source}：它不是有效的数据库文件，或已损坏。请选择另一份备份。`
  } finally {
    db?.close()
  }
}

/** The file that will replace the database, made whole beside it (same disk, so the rename is atomic). */
async function stageRestore(databaseFile: string, source: string): Promise<string> {
  const staged = `${databaseFile}.restoring`
  for (const suffix of ['', '-wal', '-shm', '.part']) rmSync(staged + suffix, { force: true })
  const db = openReadOnly(source)
  try {
    await backupTo(db, staged)
  } finally {
    db.close()
  }
  return staged
}

/** Puts the staged file in the database's place. Nothing may hold the database open. */
function swapIn(databaseFile: string, staged: string): void {
  const wal = `${databaseFile}-wal`
  // A closed database leaves no journal behind; one that is there belongs to a connection still open.
  if (existsSync(wal) && statSync(wal).size > 0) {
    rmSync(staged, { force: true })
    throw new Error('database still open elsewhere: its write-ahead log is not empty')
  }
  rmSync(wal, { force: true })
  rmSync(`${databaseFile}-shm`, { force: true })
  renameSync(staged, databaseFile)
}

/** The current file kept before it is replaced: by the backup API, or byte for byte when it is too damaged to open. */
async function keepCurrent(databaseFile: string, at: Date): Promise<string | null> {
  if (!existsSync(databaseFile)) return null
  try {
    const db = openExisting(databaseFile)
    try {
      if (passesQuickCheck(db)) return await backupDatabase(db, databaseFile, 'restore', at)
    } finally {
      db.close()
    }
  } catch {
    // too damaged for SQLite: keep its bytes below
  }
  // Nothing has it open (we hold the lock), so a copy of the bytes is the whole of it.
  const target = join(backupsFolder(databaseFile), `${backupBaseName(databaseFile)}-${localStamp(at).replace(/[-:]/g, '').replace('T', '-')}-restore-damaged.db.keep`)
  copyFileSync(databaseFile, target)
  if (existsSync(`${databaseFile}-wal`)) copyFileSync(`${databaseFile}-wal`, `${target}-wal`)
  return target
}

export type RestoreResult = { ok: true; safetyBackup: string | null } | { ok: false; message: string }

/**
 * Restores a file into a database nobody has open (the CLI's path, which also works when the
 * current file is damaged). The caller's lock is taken here too.
 */
export async function restoreDatabaseFile(databaseFile: string, source: string, at = new Date()): Promise<RestoreResult> {
  const problem = restoreProblem(source)
  if (problem) return { ok: false, message: problem }
  const release = acquireDatabaseLock(databaseFile, '恢复备份')
  try {
    const staged = await stageRestore(databaseFile, source)
    const safetyBackup = await keepCurrent(databaseFile, at)
    swapIn(databaseFile, staged)
    return { ok: true, safetyBackup }
  } finally {
    release()
  }
}

/**
 * Restores one of the listed backups under a running app: the current state is backed up first,
 * the connection is closed, the file replaced, and the same ServiceContext is pointed at the
 * reopened database — every front holding the context carries on with the restored data.
 */
export async function restoreBackup(ctx: ServiceContext, name: string): Promise<RestoreResult & { restored?: BackupInfo }> {
  const source = backupPath(ctx, name)
  if (!source) return { ok: false, message: `备份「${name}」不存在，可能已按保留规则删除。请刷新列表后重新选择。` }
  const problem = restoreProblem(source)
  if (problem) return { ok: false, message: problem }
  const restored = describeBackup(source, name)!
  const file = ctx.conn.file
  const at = new Date(ctx.now())
  // Staged before the safety backup: the rotation that follows it may delete the source.
  const staged = await stageRestore(file, source)
  const safetyBackup = await backupDatabase(ctx.sqlite, file, 'restore', at)
  // Held across the reopen, so no other program slips in while the file is being replaced.
  const release = acquireDatabaseLock(file)
  try {
    ctx.conn.close()
    try {
      swapIn(file, staged)
      reattach(ctx, await openRegistry(file, { actor: ctx.actor, clock: () => new Date(ctx.now()) }))
    } catch (error) {
      // Whatever went wrong, the clerk gets back the state from just before.
      const back = await stageRestore(file, safetyBackup)
      swapIn(file, back)
      reattach(ctx, await openRegistry(file, { actor: ctx.actor, clock: () => new Date(ctx.now()) }))
      return { ok: false, message: `恢复未能完成，数据库已回到恢复前的状态（${(error as Error).name}）。请重试；如仍失败，请联系技术支持。` }
    }
  } finally {
    release()
  }
  // Written into the restored file: its trail now says when and from what it came back (the one from before is in
  // the safety backup).
  recordAudit(ctx, {
    action: '从备份恢复数据库',
    entity: 'database',
    entityId: name,
    before: { safetyBackup: basename(safetyBackup) },
    after: { restoredFrom: name, takenAt: restored.at, counts: restored.counts },
  })
  return { ok: true, safetyBackup, restored }
}

function reattach(ctx: ServiceContext, fresh: ServiceContext): void {
  ctx.conn = fresh.conn
  ctx.sqlite = fresh.sqlite
}
