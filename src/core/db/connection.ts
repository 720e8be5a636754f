import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { backupDatabase } from './backup'
import { applyMigration, appliedMigrations, loadMigrations, planMigrations } from './migrations'
import { schema } from './schema'

export type Db = BetterSQLite3Database<typeof schema>

export interface Connection {
  file: string
  sqlite: Database.Database
  db: Db
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
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Connection> {
  const isNew = !existsSync(file)
  if (isNew && options.mustExist) {
    throw new DatabaseOpenError(`找不到数据库文件：${file}。请检查路径，或先用 init 命令新建台账。`)
  }
  if (isNew) mkdirSync(dirname(file), { recursive: true })
  let sqlite: Database.Database
  try {
    sqlite = new Database(file)
    sqlite.pragma('journal_mode = WAL')
  } catch (error) {
    throw new DatabaseOpenError(`无法打开数据库文件 ${file}：${(error as Error).message}`)
  }
  try {
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('synchronous = NORMAL')

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
      db: drizzle(sqlite, { schema }),
      schemaVersion: shipped[shipped.length - 1]?.name ?? '',
      backups,
      close: () => sqlite.close(),
    }
  } catch (error) {
    sqlite.close()
    throw error
  }
}
