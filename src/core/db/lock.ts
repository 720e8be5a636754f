/**
 * One program at a time per database: an exclusive lock file `<db>.lock` holding the owner's pid
 * and host. Electron also has its single-instance lock; this one is what the CLI, the loopback host
 * and Electron all respect, so a `cwr restore` cannot swap the file under a running app.
 *
 * A lock left by a program that died (SIGKILL, power cut) is taken over when its pid is gone on
 * this machine. Within one process the lock is counted, so the process may reopen its own file.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { resolve } from 'node:path'

export interface LockOwner {
  pid: number
  host: string
  since: string
  program: string
}

/** The database is held by another program, or its folder does not let us write the lock. */
export class DatabaseLockError extends Error {}

const held = new Map<string, number>()

export function lockFileOf(databaseFile: string): string {
  return resolve(databaseFile) + '.lock'
}

function readOwner(lock: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(lock, 'utf8')) as LockOwner
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : null
  } catch {
    return null
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function describeOwner(owner: LockOwner): string {
  const since = owner.since ? `，自 ${owner.since.replace('T', ' ').slice(0, 19)} 起` : ''
  const where = owner.host === hostname() ? '本机' : `计算机「${owner.host}」`
  return `${where}的${owner.program || '台账程序'}（进程号 ${owner.pid}${since}）`
}

/** Takes the lock or throws DatabaseLockError with the clerk's message. Returns the release function. */
export function acquireDatabaseLock(databaseFile: string, program = '台账程序'): () => void {
  const lock = lockFileOf(databaseFile)
  const count = held.get(lock) ?? 0
  if (count > 0) {
    held.set(lock, count + 1)
    return once(lock)
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number
    try {
      fd = openSync(lock, 'wx')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') {
        let owner = readOwner(lock)
        if (!owner) {
          // Perhaps another program created it this instant and is still writing its name in.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
          owner = readOwner(lock)
        }
        if (!owner) {
          rmSync(lock, { force: true })
          continue
        }
        const stale = (owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid))
        // A lock from this very process that is not counted was left by a connection never closed: ours to take.
        const ownLeftover = owner?.host === hostname() && owner.pid === process.pid
        if (stale || ownLeftover) {
          rmSync(lock, { force: true })
          continue
        }
        throw new DatabaseLockError(
          `台账数据库正被${describeOwner(owner)}使用，不能同时打开。请先关闭那边的台账程序（或等待其命令执行完毕）再试。` +
            (owner.host === hostname() ? '' : `如确认对方已关闭，可删除锁文件 ${lock} 后重试。`),
        )
      }
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new DatabaseLockError(
          `数据文件夹 ${resolve(databaseFile, '..')} 是只读的，无法写入（台账需要在数据库旁写入锁文件和日志）。` +
            '请检查该文件夹的权限，或将数据库复制到可写的文件夹（如“文档”）后再打开。',
        )
      }
      throw error
    }
    try {
      const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), program }
      writeSync(fd, JSON.stringify(owner))
    } finally {
      closeSync(fd)
    }
    held.set(lock, 1)
    return once(lock)
  }
  throw new DatabaseLockError(`无法取得数据库锁文件 ${lock}，请稍后重试。`)
}

function once(lock: string): () => void {
  let released = false
  return () => {
    if (released) return
    released = true
    const count = (held.get(lock) ?? 1) - 1
    if (count > 0) {
      held.set(lock, count)
      return
    }
    held.delete(lock)
    if (readOwner(lock)?.pid === process.pid) rmSync(lock, { force: true })
  }
}

/** Who holds the lock now (null when free or stale): for messages and tests. */
export function lockOwner(databaseFile: string): LockOwner | null {
  const owner = readOwner(lockFileOf(databaseFile))
  if (!owner) return null
  if (owner.host === hostname() && !isAlive(owner.pid)) return null
  return owner
}
