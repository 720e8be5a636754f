import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { backupsFolder, backupDatabase } from '../../../src/core/db/backup'
import { checkDatabase } from '../../../src/core/backups/check'
import { countsOf, dailyBackup, listBackupsOf } from '../../../src/core/backups/service'
import { dispatch } from '../../../src/core/dispatch'
import type { BackupInfo, BackupList, CheckReport, FileDownload, Outcome } from '../../../src/contract'
import { demoRegistry, fingerprint, tableFingerprint, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry | undefined
afterEach(() => {
  reg?.cleanup()
  reg = undefined
})

async function call<T>(r: TempRegistry, name: string, input: unknown): Promise<T> {
  const answer = await dispatch(r.ctx, name, input, { validateOutput: true })
  if ('error' in answer) throw new Error(`${name}: ${answer.error.message} ${answer.error.issues?.join(' | ') ?? ''}`)
  return answer.result as T
}

function fingerprintOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return tableFingerprint(db)
  } finally {
    db.close()
  }
}

describe('backups on a real database', () => {
  it('makes a backup that says what it holds, lists it, and downloads it byte for byte', async () => {
    reg = await demoRegistry({ clock: () => new Date('2026-11-23T09:30:00') })
    const info = await call<BackupInfo>(reg, 'backups.create', {})
    expect(info.reason).toBe('manual')
    expect(info.reasonName).toBe('手动备份')
    expect(info.at).toBe('2026-11-23 09:30:00')
    expect(info.readable).toBe(true)
    expect(info.counts).toEqual(countsOf(reg.ctx.sqlite))
    expect(info.counts!.children).toBeGreaterThan(10)
    const path = join(backupsFolder(reg.file), info.name)
    expect(fingerprintOf(path)).toBe(fingerprint(reg.ctx))

    const list = await call<BackupList>(reg, 'backups.list', {})
    expect(list.backups.map((b) => b.name)).toEqual([info.name])
    expect(list.current).toEqual(info.counts)
    expect(list.rotation).toContain('30')

    const download = await call<FileDownload | null>(reg, 'backups.download', { name: info.name })
    expect(Buffer.from(download!.dataBase64, 'base64').equals(readFileSync(path))).toBe(true)
    expect(await call(reg, 'backups.download', { name: 'registry-20200101-000000-manual.db' })).toBeNull()
  })

  it('restores a backup exactly, after backing up the current state; the same context carries on', async () => {
    reg = await demoRegistry({ clock: () => new Date('2026-11-23T09:30:00') })
    const before = fingerprint(reg.ctx)
    const info = await call<BackupInfo>(reg, 'backups.create', {})
    // Change the registry after the backup.
    const childId = reg.ctx.sqlite.prepare('SELECT id FROM children ORDER BY id LIMIT 1').pluck().get() as number
    const exited = await call<Outcome<unknown>>(reg, 'children.exit', { id: childId, reason: 'moved_away', date: '2026-11-23' })
    expect(exited.ok).toBe(true)
    const changed = fingerprint(reg.ctx)
    expect(changed).not.toBe(before)
    const sqliteBefore = reg.ctx.sqlite

    const restored = await call<Outcome<{ restored: BackupInfo; safetyBackup: string | null }>>(reg, 'backups.restore', { name: info.name })
    expect(restored.ok).toBe(true)
    if (!restored.ok) return
    expect(restored.value.restored.name).toBe(info.name)
    // the live context now holds the backup's state, on a fresh connection
    expect(reg.ctx.sqlite).not.toBe(sqliteBefore)
    expect(sqliteBefore.open).toBe(false)
    // the restore itself is the one thing the restored trail adds; take it off and the data is the backup's, exactly
    const entry = reg.ctx.sqlite.prepare('SELECT id, action, entity, entity_id AS entityId FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; action: string; entity: string; entityId: string }
    expect(entry).toMatchObject({ action: '从备份恢复数据库', entity: 'database', entityId: info.name })
    const copy = join(reg.folder, 'restored-without-entry.db')
    await reg.ctx.sqlite.backup(copy)
    const withoutEntry = new Database(copy)
    // (the trail refuses deletes; the test lifts that on its own copy and puts the trigger back as it was)
    const trigger = withoutEntry.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'").pluck().get() as string
    withoutEntry.exec('DROP TRIGGER audit_log_no_delete')
    withoutEntry.prepare('DELETE FROM audit_log WHERE id = ?').run(entry.id)
    withoutEntry.exec(trigger)
    expect(tableFingerprint(withoutEntry)).toBe(before)
    withoutEntry.close()
    // the state before the restore was kept
    const safety = restored.value.safetyBackup!
    expect(existsSync(safety)).toBe(true)
    expect(safety).toMatch(/-restore\.db$/)
    expect(fingerprintOf(safety)).toBe(changed)
    // and the services carry on over the restored file
    const child = await call<{ status: string }>(reg, 'children.get', { id: childId })
    expect(child.status).toBe('active')
    expect(readdirSync(reg.folder).filter((n) => n.includes('restoring'))).toEqual([])
    expect(checkDatabase(reg.ctx.sqlite, '2026-11-23').ok).toBe(true)
  })

  it('refuses names that are not one of the listed backups', async () => {
    reg = await demoRegistry()
    const traversal = await dispatch(reg.ctx, 'backups.restore', { name: '../registry.db' })
    expect('error' in traversal && traversal.error.code).toBe('invalid_input')
    for (const name of ['registry.db', 'other-20261123-093000-manual.db', 'registry-20261123-093000-manual.db']) {
      const answer = await call<Outcome<unknown>>(reg, 'backups.restore', { name })
      expect(answer.ok, name).toBe(false)
      if (!answer.ok) expect(answer.problems[0]!.message).toMatch(/不存在/)
    }
  })

  it('a damaged or foreign backup is listed as unreadable and not restored', async () => {
    reg = await demoRegistry({ clock: () => new Date('2026-11-23T09:30:00') })
    const info = await call<BackupInfo>(reg, 'backups.create', {})
    const path = join(backupsFolder(reg.file), info.name)
    const bytes = readFileSync(path)
    // Half the file, as a copy cut short would be.
    const cut = join(backupsFolder(reg.file), 'registry-20261122-093000-manual.db')
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const list = listBackupsOf(reg.file)
    expect(list.find((b) => b.name === 'registry-20261122-093000-manual.db')?.readable).toBe(false)
    const before = fingerprint(reg.ctx)
    const answer = await call<Outcome<unknown>>(reg, 'backups.restore', { name: 'registry-20261122-093000-manual.db' })
    expect(answer.ok).toBe(false)
    if (!answer.ok) expect(answer.problems[0]!.message).toMatch(/损坏|无法读取/)
    expect(fingerprint(reg.ctx)).toBe(before)
  })

  it('takes the daily backup once a day, on the first start of that day', async () => {
    reg = await demoRegistry()
    const first = await dailyBackup(reg.ctx, new Date('2026-11-23T08:00:00'))
    expect(first).toMatch(/registry-20261123-080000-daily\.db$/)
    expect(await dailyBackup(reg.ctx, new Date('2026-11-23T17:45:00'))).toBeNull()
    // a manual backup does not count as the day's
    await backupDatabase(reg.ctx.sqlite, reg.file, 'manual', new Date('2026-11-24T07:00:00'))
    expect(await dailyBackup(reg.ctx, new Date('2026-11-24T08:00:00'))).toMatch(/20261124-080000-daily/)
    expect(await dailyBackup(reg.ctx, new Date('2026-11-24T23:59:59'))).toBeNull()
    expect(listBackupsOf(reg.file).filter((b) => b.reason === 'daily').map((b) => b.at)).toEqual(['2026-11-24 08:00:00', '2026-11-23 08:00:00'])
  })

  it('rotates as it goes: 40 backups in one month leave the newest 30', async () => {
    reg = await demoRegistry()
    for (let i = 0; i < 40; i++) await backupDatabase(reg.ctx.sqlite, reg.file, 'import', new Date(2026, 10, 1, 8, i, 0))
    const names = readdirSync(backupsFolder(reg.file)).sort()
    expect(names).toHaveLength(30)
    expect(names[0]).toBe('registry-20261101-081000-import.db')
    expect(names.some((n) => n.endsWith('.part'))).toBe(false)
  })

  it('check on the demo district finds nothing; a planted second director in post is found', async () => {
    reg = await demoRegistry()
    const clean = await call<CheckReport>(reg, 'backups.check', {})
    expect(clean.findings).toEqual([])
    expect(clean.ok).toBe(true)
    const director = reg.ctx.sqlite.prepare('SELECT * FROM directors WHERE end_date IS NULL ORDER BY id LIMIT 1').get() as Record<string, unknown>
    reg.ctx.sqlite
      .prepare("INSERT INTO directors (village_code, name, sex, created_at, updated_at) VALUES (?, '王二', 'F', '2026-01-01', '2026-01-01')")
      .run(director.village_code)
    const found = await call<CheckReport>(reg, 'backups.check', {})
    expect(found.ok).toBe(false)
    expect(found.findings).toHaveLength(1)
    expect(found.findings[0]!.kind).toBe('invariant')
    expect(found.findings[0]!.message).toContain('王二')
    expect(found.findings[0]!.message).toContain('同时有 2 名在任儿童主任')
  })
})
