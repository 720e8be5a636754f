import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { backupDatabase } from './backup'
import { corruptionMessage, storageFaultKind } from './faults'
import { acquireDatabaseLock, DatabaseLockError } from './lock'
import { applyMigration, appliedMigrations, loadMigrations, planMigrations } from './migrations'
import { touchCatalogue, tuneConnection, useWriteAheadLog } from './sqlite'

export interface Connection {
  file: string
  sqlite: Database.Database
  schemaVersion: string
  /** backups taken while opening (before migrations) */
  backups: string[]
  close(): void
}

/** Opening failed in a way the clerk must hear about (newer schema, unreadable file). */
export class DatabaseOpenError extends Error {}

export interface OpenOptions {
  /** refuse to create a file that is not there (the CLI's commands other than init) */
  mustExist?: boolean
  /** who takes the lock file (shown to a second program that is refused) */
  program?: string
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Connection> {
  const isNew = !existsSync(file)
  if (isNew && options.mustExist) {
    throw new DatabaseOpenError(`找不到数据库文件：${file}。请检查路径，或先用 init 命令新建台账。`)
  }
  if (isNew) mkdirSync(dirname(file), { recursive: true })
  // One program per database file (see lock.ts); the lock goes when the connection closes.
  let release: () => void
  try {
    release = acquireDatabaseLock(file, options.program)
  } catch (error) {
    if (error instanceof DatabaseLockError) throw new DatabaseOpenError(error.message)
    throw error
  }
  let sqlite: Database.Database
  try {
    sqlite = new Database(file)
    useWriteAheadLog(sqlite)
    // Reading the schema touches the file's first pages: a damaged file says so here, not mid-write.
    touchCatalogue(sqlite)
  } catch (error) {
    release()
    throw new DatabaseOpenError(openFailure(file, error))
  }
  try {
    tuneConnection(sqlite)

    const shipped = loadMigrations()
    const plan = planMigrations(appliedMigrations(sqlite), shipped)
    if (!plan.ok) throw new DatabaseOpenError(plan.message)

    const backups: string[] = []
    if (plan.pending.length > 0 && plan.applied.length > 0) {
      backups.push(await backupDatabase(sqlite, file, 'migration'))
    }
    const at = new Date().toISOString()
    for (const migration of plan.pending) {
      try {
        applyMigration(sqlite, migration, at)
      } catch (error) {
        throw new DatabaseOpenError(
          `升级数据库结构（${migration.name}）失败，本次升级已全部撤回，数据库保持原样。` +
            (backups.length ? `升级前的备份：${backups[0]}。` : '') +
            `请联系技术支持。（${(error as Error).message.slice(0, 200)}）`,
        )
      }
    }

    return {
      file,
      sqlite,
      schemaVersion: shipped[shipped.length - 1]?.name ?? '',
      backups,
      close: () => {
        try {
          sqlite.close()
        } finally {
          release()
        }
      },
    }
  } catch (error) {
    sqlite.close()
    release()
    if (!(error instanceof DatabaseOpenError) && storageFaultKind(error)) throw new DatabaseOpenError(openFailure(file, error))
    throw error
  }
}

/** Why a file could not be opened, in the clerk's words (a damaged file names the newest good backup). */
function openFailure(file: string, error: unknown): string {
  const kind = storageFaultKind(error)
  if (kind === 'corrupt') return corruptionMessage(file)
  if (kind === 'read-only') {
    return (
      `无法打开数据库文件 ${file}：文件或其所在文件夹是只读的（台账需要在数据库旁写入日志文件）。` +
      '请检查文件夹权限，或将数据库复制到可写的文件夹后再打开。'
    )
  }
  if (kind === 'full') return `无法打开数据库文件 ${file}：磁盘空间已满。请清理磁盘空间后重试。`
  return `无法打开数据库文件 ${file}：${(error as Error).message}`
}
