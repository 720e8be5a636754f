import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCwr, type Run } from './run-cwr'
import { seedDemoDistrict } from '../../src/core/demo/demo-district'
import { lockFileOf } from '../../src/core/db/lock'
import { openRegistry } from '../../src/core/registry'
import { tableFingerprint } from '../support/temp-registry'

let folder: string
let file: string

const cwr = (...args: string[]): Run => runCwr(folder, ...args)

function fingerprintOf(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return tableFingerprint(db)
  } finally {
    db.close()
  }
}

function sql(path: string, text: string): void {
  const db = new Database(path)
  try {
    db.exec(text)
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-cli-backup-'))
  file = join(folder, 'data', 'registry.db')
  const ctx = await openRegistry(file, { actor: '测试员' })
  seedDemoDistrict(ctx)
  ctx.conn.close()
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('cwr backup / restore / check', () => {
  it('backup into the backups folder, change the data, restore it: exactly the backed-up state, the changed one kept', () => {
    const before = fingerprintOf(file)
    const backup = cwr('--db', file, 'backup', '--json')
    expect(backup.stderr).toBe('')
    expect(backup.status).toBe(0)
    const made = JSON.parse(backup.stdout) as { file: string; reason: string; counts: { children: number } }
    expect(made.reason).toBe('manual')
    expect(made.counts.children).toBeGreaterThan(10)
    expect(existsSync(made.file)).toBe(true)

    sql(file, "UPDATE children SET notes = '改动' WHERE id = 1")
    const changed = fingerprintOf(file)
    expect(changed).not.toBe(before)

    const restore = cwr('--db', file, 'restore', made.file)
    expect(restore.stderr).toBe('')
    expect(restore.status).toBe(0)
    expect(restore.stdout).toContain('已从备份恢复')
    expect(restore.stdout).toContain('恢复前的数据库已另存为')
    expect(fingerprintOf(file)).toBe(before)
    const kept = readdirSync(join(folder, 'data', 'backups')).filter((n) => n.endsWith('-restore.db'))
    expect(kept).toHaveLength(1)
    expect(fingerprintOf(join(folder, 'data', 'backups', kept[0]!))).toBe(changed)
  })

  it('backup --out writes a copy elsewhere (a USB stick) and will not overwrite a file', () => {
    const out = join(folder, 'usb', '台账备份.db')
    const run = cwr('--db', file, 'backup', '--out', out)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(out)
    expect(fingerprintOf(out)).toBe(fingerprintOf(file))
    const again = cwr('--db', file, 'backup', '--out', out)
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('已存在')
  })

  it('check passes a sound registry, and finds a planted second director and a broken reference (exit 1)', () => {
    const sound = cwr('--db', file, 'check')
    expect(sound.stderr).toBe('')
    expect(sound.status).toBe(0)
    expect(sound.stdout).toContain('检查通过')

    const planted = join(folder, 'planted.db')
    const db = new Database(file, { readonly: true })
    db.exec(`VACUUM INTO '${planted}'`)
    db.close()
    sql(
      planted,
      `INSERT INTO directors (village_code, name, sex, created_at, updated_at)
         SELECT village_code, '王二', 'F', '2026-01-01', '2026-01-01' FROM directors WHERE end_date IS NULL ORDER BY id LIMIT 1;
       PRAGMA foreign_keys = OFF;
       INSERT INTO child_categories (child_id, category_code, since) VALUES (999999, 'orphan', '2026-01-01');`,
    )
    const found = cwr('--db', planted, 'check')
    expect(found.status).toBe(1)
    expect(found.stdout).toContain('检查发现 2 个问题')
    expect(found.stdout).toContain('同时有 2 名在任儿童主任')
    expect(found.stdout).toContain('王二')
    expect(found.stdout).toContain('表 child_categories')
    const json = JSON.parse(cwr('--db', planted, 'check', '--json').stdout) as { ok: boolean; findings: { kind: string }[] }
    expect(json.ok).toBe(false)
    expect(json.findings.map((f) => f.kind).sort()).toEqual(['foreign-key', 'invariant'])
  })

  it('a damaged file: commands name the newest backup; check reports it; restore brings the backup back', () => {
    const damaged = join(folder, 'damaged', 'registry.db')
    const db = new Database(file, { readonly: true })
    db.exec(`VACUUM INTO '${join(folder, 'pristine.db')}'`)
    db.close()
    expect(cwr('--db', join(folder, 'pristine.db'), 'backup', '--out', damaged).status).toBe(0)
    const made = JSON.parse(cwr('--db', damaged, 'backup', '--json').stdout) as { file: string }
    const fd = openSync(damaged, 'r+')
    writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0)
    closeSync(fd)

    const list = cwr('--db', damaged, 'children', 'list')
    expect(list.status).toBe(1)
    expect(list.stderr).toContain('数据库文件已损坏')
    expect(list.stderr).toContain(made.file)
    expect(list.stderr).toContain('restore')

    const check = cwr('--db', damaged, 'check')
    expect(check.status).toBe(1)
    expect(check.stdout).toContain(made.file)

    const restore = cwr('--db', damaged, 'restore', made.file)
    expect(restore.stderr).toBe('')
    expect(restore.status).toBe(0)
    expect(fingerprintOf(damaged)).toBe(fingerprintOf(made.file))
    // the damaged bytes were kept, not thrown away
    expect(readdirSync(join(folder, 'damaged', 'backups')).some((n) => n.endsWith('-restore-damaged.db.keep'))).toBe(true)
    expect(cwr('--db', damaged, 'check').status).toBe(0)
  })

  it('refuses to run beside another program holding the database (exit 2), and takes over a stale lock', async () => {
    const other = spawn('sleep', ['30'])
    try {
      writeFileSync(lockFileOf(file), JSON.stringify({ pid: other.pid, host: hostname(), since: new Date().toISOString(), program: '儿童福利台账' }))
      const restore = cwr('--db', file, 'restore', join(folder, 'pristine.db'))
      expect(restore.status).toBe(2)
      expect(restore.stderr).toContain('正被本机的儿童福利台账')
      const list = cwr('--db', file, 'children', 'list')
      expect(list.status).toBe(1)
      expect(list.stderr).toContain('不能同时打开')
    } finally {
      other.kill('SIGKILL')
      await new Promise((done) => other.once('exit', done))
    }
    const after = cwr('--db', file, 'children', 'list', '--json')
    expect(after.status).toBe(0)
    expect(existsSync(lockFileOf(file))).toBe(false)
  })

  it('an export to a full disk (/dev/full) says so in Chinese and exits 2', () => {
    if (!existsSync('/dev/full')) return
    const run = cwr('--db', file, 'export', 'children', '--out', '/dev/full')
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('磁盘空间不足')
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/)
  })

  it('usage mistakes exit 2', () => {
    expect(cwr('--db', file, 'restore').status).toBe(2)
    expect(cwr('--db', join(folder, 'nope.db'), 'check').status).toBe(2)
  })
})
