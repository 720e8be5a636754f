import { spawn } from 'node:child_process'
import { chmodSync, closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DatabaseOpenError } from '../../../src/core/db/connection'
import { backupDatabase } from '../../../src/core/db/backup'
import { describeStorageFault } from '../../../src/core/db/faults'
import { lockFileOf } from '../../../src/core/db/lock'
import { dispatch } from '../../../src/core/dispatch'
import { openRegistry } from '../../../src/core/registry'
import { demoRegistry, fingerprint, type TempRegistry } from '../../support/temp-registry'

const CJK = /[\u4e00-\u9fff]/
let reg: TempRegistry | undefined
afterEach(() => {
  reg?.cleanup()
  reg = undefined
})

function integrityOk(sqlite: Database.Database): void {
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(sqlite.pragma('foreign_key_check')).toEqual([])
}

async function openError(file: string): Promise<string> {
  try {
    const ctx = await openRegistry(file)
    ctx.conn.close()
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseOpenError)
    return (error as Error).message
  }
  throw new Error('opened, but should have been refused')
}

describe('disk full while writing', () => {
  it('a write that needs more room than the disk has: Chinese message, nothing half-written, the app goes on', async () => {
    reg = await demoRegistry({ clock: () => new Date('2026-11-23T09:30:00') })
    reg.ctx.sqlite.exec('VACUUM')
    const pages = reg.ctx.sqlite.pragma('page_count', { simple: true }) as number
    // The portable stand-in for a full disk: SQLite may not grow the file by a single page.
    reg.ctx.sqlite.pragma(`max_page_count = ${pages + 2}`)
    // Fill what room is left, as a disk fills up.
    const fill = reg.ctx.sqlite.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('2026-11-23', '测试员', ?, 'category', 'x')")
    expect(() => {
      for (let i = 0; i < 100_000; i++) fill.run('填充'.repeat(40))
    }).toThrow(/full/)
    const before = fingerprint(reg.ctx)
    const faults: unknown[] = []
    const refused = await dispatch(reg.ctx, 'rosters.generate', { programme: 'orphan-basic', month: '2026-11', months: 12 }, { onFault: (_n, e) => faults.push(e) })
    expect('error' in refused, JSON.stringify(refused).slice(0, 300)).toBe(true)
    if (!('error' in refused)) return
    expect(refused.error.code).toBe('refused')
    expect(refused.error.message).toContain('磁盘空间已满')
    expect(refused.error.message).toContain(reg.folder)
    expect(refused.error.message).toContain('已全部撤回')
    expect(faults).toEqual([])
    expect(fingerprint(reg.ctx)).toBe(before)
    integrityOk(reg.ctx.sqlite)
    // room again: the same call goes through
    reg.ctx.sqlite.pragma('max_page_count = 1073741823')
    const again = await dispatch(reg.ctx, 'rosters.generate', { programme: 'orphan-basic', month: '2026-11', months: 12 })
    expect('result' in again).toBe(true)
  })

  it('an export or backup copy to a full disk (/dev/full) is refused in Chinese', () => {
    const error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: '/dev/full' })
    expect(describeStorageFault(error, '/data/registry.db')).toMatch(/磁盘空间已满/)
  })
})

describe('the data folder is read-only', () => {
  it('a write through a read-only handle is refused with a message naming the folder, and nothing changes', async () => {
    reg = await demoRegistry()
    const before = fingerprint(reg.ctx)
    // The same file, opened read-only: what SQLite reports when the folder or file lost its write permission.
    const readonly = new Database(reg.file, { readonly: true, fileMustExist: true })
    const live = reg.ctx.sqlite
    reg.ctx.sqlite = readonly
    try {
      const answer = await dispatch(reg.ctx, 'categories.save', { name: '新类型', dimension: 'other', aliases: [] })
      expect('error' in answer && answer.error.code).toBe('refused')
      if ('error' in answer) {
        expect(answer.error.message).toContain('只读')
        expect(answer.error.message).toContain(reg.folder)
      }
    } finally {
      reg.ctx.sqlite = live
      readonly.close()
    }
    expect(fingerprint(reg.ctx)).toBe(before)
  })

  // chmod does not stop root (CI runs as root in a container), so this assertion only means something for a normal user.
  it.skipIf(process.getuid?.() === 0)('opening a database in a folder without write permission says so (skipped as root: chmod does not bind root)', async () => {
    reg = await demoRegistry()
    reg.ctx.conn.close()
    chmodSync(reg.folder, 0o555)
    try {
      const message = await openError(reg.file)
      expect(message).toContain('只读')
    } finally {
      chmodSync(reg.folder, 0o755)
      reg.ctx = await openRegistry(reg.file)
    }
  })
})

describe('the database file is damaged', () => {
  it('a damaged header: opening is refused with the newest good backup named and how to restore it', async () => {
    reg = await demoRegistry()
    const older = await backupDatabase(reg.ctx.sqlite, reg.file, 'daily', new Date('2026-11-20T08:00:00'))
    const newest = await backupDatabase(reg.ctx.sqlite, reg.file, 'import', new Date('2026-11-22T10:00:00'))
    // A backup cut short is newer still, but is not the one to offer.
    writeFileSync(join(reg.folder, 'backups', 'registry-20261123-090000-manual.db'), readFileSync(newest).subarray(0, 4096))
    reg.ctx.conn.close()
    const fd = openSync(reg.file, 'r+')
    writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0)
    closeSync(fd)
    const message = await openError(reg.file)
    expect(message).toMatch(CJK)
    expect(message).toContain('数据库文件已损坏')
    expect(message).toContain(newest)
    expect(message).not.toContain(older)
    expect(message).toContain(`cwr --db "${reg.file}" restore "${newest}"`)
    reg.ctx = await openRegistry(newest.replace(/\.db$/, '-copy.db')) // something to close in cleanup
  })

  it('damage inside the file found during a call: refused with the backup named, not a crash', async () => {
    reg = await demoRegistry()
    const newest = await backupDatabase(reg.ctx.sqlite, reg.file, 'manual', new Date('2026-11-22T10:00:00'))
    reg.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const size = readFileSync(reg.file).length
    const pageSize = reg.ctx.sqlite.pragma('page_size', { simple: true }) as number
    // Scribble over every page but the first (which holds the schema).
    const fd = openSync(reg.file, 'r+')
    for (let offset = pageSize * 2; offset < size; offset += pageSize) writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, offset)
    closeSync(fd)
    let message: string
    try {
      // A new connection, so nothing is served from the cache.
      reg.ctx.conn.close()
      reg.ctx = await openRegistry(reg.file)
      const answer = await dispatch(reg.ctx, 'children.list', {})
      expect('error' in answer).toBe(true)
      message = 'error' in answer ? answer.error.message : ''
    } catch (error) {
      expect(error).toBeInstanceOf(DatabaseOpenError)
      message = (error as Error).message
      reg.ctx = await openRegistry(newest.replace(/\.db$/, '-copy.db'))
    }
    expect(message).toContain('数据库文件已损坏')
    expect(message).toContain(newest)
  })
})

describe('a second program on the same database', () => {
  it('is refused with a message while the first runs; a lock left by a dead program is taken over', async () => {
    reg = await demoRegistry()
    reg.ctx.conn.close()
    // Another program (a live process that is not us) holds the lock.
    const other = spawn('sleep', ['30'])
    try {
      writeFileSync(lockFileOf(reg.file), JSON.stringify({ pid: other.pid, host: hostname(), since: '2026-11-23T01:30:00.000Z', program: '儿童福利台账' }))
      const message = await openError(reg.file)
      expect(message).toContain('台账数据库正被本机的儿童福利台账')
      expect(message).toContain(`进程号 ${other.pid}`)
      expect(message).toContain('请先关闭')
    } finally {
      other.kill('SIGKILL')
      await new Promise((done) => other.once('exit', done))
    }
    // Its process is gone now: the lock is stale, and taken over.
    reg.ctx = await openRegistry(reg.file)
    const owner = JSON.parse(readFileSync(lockFileOf(reg.file), 'utf8')) as { pid: number }
    expect(owner.pid).toBe(process.pid)
    reg.ctx.conn.close()
    expect(() => readFileSync(lockFileOf(reg!.file))).toThrow()
    reg.ctx = await openRegistry(reg.file)
  })

  it('a lock from another computer is not taken over, and the message says how to clear it', async () => {
    reg = await demoRegistry()
    reg.ctx.conn.close()
    writeFileSync(lockFileOf(reg.file), JSON.stringify({ pid: 4242, host: 'bureau-pc-2', since: '2026-11-23T01:30:00.000Z', program: '儿童福利台账' }))
    const message = await openError(reg.file)
    expect(message).toContain('计算机「bureau-pc-2」')
    expect(message).toContain(lockFileOf(reg.file))
    writeFileSync(lockFileOf(reg.file), '')
    reg.ctx = await openRegistry(reg.file)
  })
})

describe('a newer schema than this app knows', () => {
  it('is still refused, untouched', async () => {
    reg = await demoRegistry()
    reg.ctx.sqlite.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', '2030-01-01')").run()
    reg.ctx.conn.close()
    const message = await openError(reg.file)
    expect(message).toContain('更新版本')
    const db = new Database(reg.file)
    db.prepare("DELETE FROM schema_migrations WHERE name = '9999_future'").run()
    db.close()
    reg.ctx = await openRegistry(reg.file)
  })
})
