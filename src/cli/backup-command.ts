/** `cwr backup`, `cwr restore`, `cwr check`: keeping the bureau's data safe from the command line. */
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type Database from 'better-sqlite3'
import { checkDatabase, type CheckReport } from '../core/backups/check'
import { countsOf, createBackup, restoreDatabaseFile, type BackupCounts } from '../core/backups/service'
import type { ServiceContext } from '../core/context'
import { backupTo } from '../core/db/backup'
import { corruptionMessage, describeFileWriteFault, storageFaultKind } from '../core/db/faults'
import { acquireDatabaseLock, DatabaseLockError } from '../core/db/lock'
import { openReadOnly } from '../core/db/sqlite'
import { openRegistry } from '../core/registry'

export interface CommandIo {
  out(text: string): void
  err(text: string): void
}

/** Exit codes: 0 done, 1 refused or problems found, 2 a fault (the disk, the lock) or a usage mistake. */
export type ExitCode = 0 | 1 | 2

export function describeCounts(counts: BackupCounts): string {
  return (
    `在册困境儿童 ${counts.children} 人，在任督导员 ${counts.supervisors} 人，在任儿童主任 ${counts.directors} 人，` +
    `村/社区 ${counts.villages} 个，导入批次 ${counts.importBatches} 个，已锁定花名册 ${counts.lockedRosters} 份`
  )
}

/** `backup [--out FILE]`: into the backups folder (rotated), or to a file of the clerk's choosing. */
export async function runBackup(ctx: ServiceContext, out: string | undefined, json: boolean, io: CommandIo): Promise<ExitCode> {
  if (out) {
    const target = resolve(out)
    if (existsSync(target)) {
      io.err(`文件 ${target} 已存在，未覆盖。请换一个文件名，或先删除（移走）原文件。`)
      return 1
    }
    try {
      mkdirSync(dirname(target), { recursive: true })
      await backupTo(ctx.sqlite, target)
    } catch (error) {
      const message = describeFileWriteFault(error, target)
      if (!message) throw error
      io.err(message)
      return 2
    }
    const counts = countsOf(ctx.sqlite)
    if (json) io.out(JSON.stringify({ file: target, counts }))
    else io.out(`已备份到：${target}\n内容：${describeCounts(counts)}。`)
    return 0
  }
  const info = await createBackup(ctx, 'manual')
  const file = resolve(dirname(ctx.conn.file), 'backups', info.name)
  if (json) io.out(JSON.stringify({ file, ...info }))
  else io.out(`已备份：${file}\n内容：${info.counts ? describeCounts(info.counts) : '（无法读取）'}。`)
  return 0
}

/** `restore FILE`: works even when the current database is too damaged to open. */
export async function runRestore(file: string, source: string, json: boolean, io: CommandIo): Promise<ExitCode> {
  const from = resolve(source)
  mkdirSync(dirname(file), { recursive: true })
  let result
  try {
    result = await restoreDatabaseFile(file, from)
  } catch (error) {
    if (error instanceof DatabaseLockError) {
      io.err(error.message)
      return 2
    }
    throw error
  }
  if (!result.ok) {
    io.err(result.message)
    return 1
  }
  // Opening brings an older backup's schema up to date (with its own backup first).
  const ctx = await openRegistry(file, { program: '命令行 restore' })
  try {
    const counts = countsOf(ctx.sqlite)
    if (json) io.out(JSON.stringify({ file, restoredFrom: from, safetyBackup: result.safetyBackup, counts }))
    else {
      io.out(`已从备份恢复：${from}`)
      if (result.safetyBackup) io.out(`恢复前的数据库已另存为：${result.safetyBackup}`)
      io.out(`现在的内容：${describeCounts(counts)}。`)
    }
  } finally {
    ctx.conn.close()
  }
  return 0
}

/** `check`: SQLite's checks and the registry's invariants, on the file as it is (nothing is migrated or written). */
export async function runCheck(file: string, today: string, json: boolean, io: CommandIo): Promise<ExitCode> {
  if (!existsSync(file)) {
    io.err(`找不到数据库文件：${file}。请检查路径。`)
    return 2
  }
  let release: () => void
  try {
    release = acquireDatabaseLock(file, '命令行 check')
  } catch (error) {
    if (error instanceof DatabaseLockError) {
      io.err(error.message)
      return 2
    }
    throw error
  }
  let report: CheckReport
  try {
    let db: Database.Database | undefined
    try {
      db = openReadOnly(file)
      report = checkDatabase(db, today)
    } catch (error) {
      if (storageFaultKind(error) !== 'corrupt') throw error
      report = { ok: false, checks: 1, findings: [{ kind: 'integrity', message: corruptionMessage(file) }] }
    } finally {
      db?.close()
    }
  } finally {
    release()
  }
  if (json) io.out(JSON.stringify(report, null, 2))
  else if (report.ok) io.out(`检查通过：完整性检查、外键检查及 ${report.checks - 2} 项台账规则均无问题。（${file}）`)
  else {
    io.out(`检查发现 ${report.findings.length} 个问题（${file}）：`)
    report.findings.forEach((f, i) => io.out(`${i + 1}. ${f.message}`))
  }
  return report.ok ? 0 : 1
}
