/**
 * Storage faults in the clerk's words: the disk is full, the folder is read-only, the file is
 * damaged. Each message says what happened, where, that nothing half-done was kept, and what to do.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { newestFirst, parseBackupName } from '../backups/rotation'
import { backupBaseName, backupsFolder } from './backup'
import { openReadOnly, passesQuickCheck } from './sqlite'

export type StorageFaultKind = 'full' | 'read-only' | 'corrupt' | 'busy' | 'io'

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

export function storageFaultKind(error: unknown): StorageFaultKind | null {
  const code = codeOf(error)
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full'
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN') return 'read-only'
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === 'EBUSY') return 'busy'
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io'
  return null
}

export interface NewestBackup {
  path: string
  /** local time from the name, YYYY-MM-DD HH:MM:SS */
  at: string
}

/** The newest backup of this database that opens and passes a quick check (the one to offer after damage). */
export function newestGoodBackup(databaseFile: string, tries = 5): NewestBackup | null {
  const folder = backupsFolder(databaseFile)
  if (!existsSync(folder)) return null
  const base = backupBaseName(databaseFile)
  const candidates = newestFirst(
    readdirSync(folder).flatMap((name) => {
      const parsed = parseBackupName(name)
      return parsed && parsed.base === base ? [{ name, at: parsed.at }] : []
    }),
  )
  for (const candidate of candidates.slice(0, tries)) {
    const path = join(folder, candidate.name)
    try {
      if (statSync(path).size === 0) continue
      const db = openReadOnly(path)
      try {
        if (passesQuickCheck(db)) return { path, at: candidate.at.replace('T', ' ') }
      } finally {
        db.close()
      }
    } catch {
      // damaged too: try the one before
    }
  }
  return null
}

/** What to tell the clerk when the database file is damaged: the newest good backup and how to restore it. */
export function corruptionMessage(databaseFile: string): string {
  const newest = newestGoodBackup(databaseFile)
  const head = `数据库文件已损坏，无法安全读写：${databaseFile}。请不要再向其中录入数据。`
  if (!newest) {
    return head + `在备份文件夹 ${backupsFolder(databaseFile)} 中没有找到可用的备份。请保留该文件并联系技术支持尝试修复。`
  }
  return (
    head +
    `最新的可用备份是 ${newest.path}（${newest.at}）。` +
    `恢复方法：关闭台账程序后，在命令行运行 cwr --db "${databaseFile}" restore "${newest.path}"` +
    '（恢复前会先把损坏的文件另存到备份文件夹）。恢复后，该备份之后录入的数据需要重新录入或导入。'
  )
}

/** The clerk's message for a storage fault, or null when the error is not one (a bug: report it as such). */
export function describeStorageFault(error: unknown, databaseFile: string): string | null {
  const kind = storageFaultKind(error)
  const folder = dirname(databaseFile)
  switch (kind) {
    case 'full':
      return (
        `磁盘空间已满，写入失败（数据文件夹：${folder}）。本次操作已全部撤回，数据库保持操作前的状态。` +
        '请清理该磁盘的空间（如删除不需要的文件、清空回收站）后重试。'
      )
    case 'read-only':
      return (
        `数据文件夹（${folder}）是只读的或没有写入权限，本次操作未保存，数据库保持原样。` +
        '请检查文件夹权限，或U盘、网络盘是否处于写保护状态，然后重试。'
      )
    case 'corrupt':
      return corruptionMessage(databaseFile)
    case 'busy':
      return '数据库正忙（另一个操作或程序正在写入），本次操作未完成，数据未被修改。请稍后重试。'
    case 'io':
      return (
        `读写数据库文件时出错（数据文件夹：${folder}，可能是磁盘、U盘或网络盘故障），本次操作未完成。` +
        `请检查磁盘后重试；如反复出现，请运行 cwr --db "${databaseFile}" check 检查数据库。`
      )
    default:
      return null
  }
}

/** A file the clerk asked us to write (an export, a backup copy) could not be written. */
export function describeFileWriteFault(error: unknown, target: string): string | null {
  const kind = storageFaultKind(error)
  if (kind === 'full') return `磁盘空间不足，无法写入 ${target}。已写入的部分已删除。请换一个有足够空间的磁盘或U盘后重试。`
  if (kind === 'read-only') return `无法写入 ${target}：该位置是只读的或没有写入权限。请换一个文件夹，或检查U盘是否写保护。`
  if (kind === 'io' || kind === 'busy') return `写入 ${target} 时出错（磁盘或U盘故障？）。请换一个位置重试。`
  if (codeOf(error) === 'ENOENT') return `无法写入 ${target}：文件夹不存在。请检查路径。`
  return null
}
