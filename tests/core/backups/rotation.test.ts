import { describe, expect, it } from 'vitest'
import { backupsToKeep, newestFirst, parseBackupName, type BackupStamp } from '../../../src/core/backups/rotation'

/** One backup a day (at 09:30) from `from` for `days` days. */
function daily(from: string, days: number): BackupStamp[] {
  const start = new Date(`${from}T09:30:00Z`)
  return Array.from({ length: days }, (_v, i) => {
    const at = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 19)
    return { name: `registry-${at.replace(/[-:]/g, '').replace('T', '-')}-daily.db`, at }
  })
}

describe('parseBackupName', () => {
  it('reads base, time and reason, with or without the -2 suffix', () => {
    expect(parseBackupName('registry-20261123-093000-import.db')).toEqual({ base: 'registry', at: '2026-11-23T09:30:00', reason: 'import' })
    expect(parseBackupName('my-bureau-20261123-093000-roster-lock-3.db')).toEqual({ base: 'my-bureau', at: '2026-11-23T09:30:00', reason: 'roster-lock' })
  })
  it('ignores anything else: never ours to delete', () => {
    for (const name of ['registry.db', 'registry-20261123-093000-import.db.part', 'notes.txt', 'registry-2026-11-23-import.db', 'registry-20261123-093000-other.db', 'registry-20261123-093000-restore-damaged.db.keep']) {
      expect(parseBackupName(name), name).toBeNull()
    }
  })
})

describe('backupsToKeep: the newest 30, plus the newest of each of 12 months', () => {
  it('keeps everything when there are 30 or fewer', () => {
    const backups = daily('2026-10-01', 30)
    expect(backupsToKeep(backups, '2026-10-30T12:00:00').size).toBe(30)
    expect(backupsToKeep([], '2026-10-30T12:00:00').size).toBe(0)
  })

  it('a year and a half of daily backups: 30 newest + one per older month within 12 months', () => {
    const backups = daily('2025-06-01', 540) // to 2026-11-22
    const keep = backupsToKeep(backups, '2026-11-23T09:00:00')
    const newest30 = newestFirst(backups).slice(0, 30).map((b) => b.name)
    for (const name of newest30) expect(keep.has(name)).toBe(true)
    const older = [...keep].filter((n) => !newest30.includes(n)).sort()
    // months 2025-12 … 2026-09 (the newest 30 run from 2026-10-24, so October's and November's newest are among them)
    expect(older.map((n) => n.slice(9, 15))).toEqual(['202512', '202601', '202602', '202603', '202604', '202605', '202606', '202607', '202608', '202609'])
    // the one kept for a month is its newest (the month's last day)
    expect(older[0]).toContain('20251231')
    expect(keep.size).toBe(40)
    // nothing 12 or more months old survives
    expect([...keep].some((n) => n.includes('-202511'))).toBe(false)
  })

  it('several backups at the same second: the order (and choice) does not depend on the listing order', () => {
    const same = Array.from({ length: 35 }, (_v, i) => ({ name: `registry-20261101-100000-import${i ? `-${i + 1}` : ''}.db`, at: '2026-11-01T10:00:00' }))
    const a = backupsToKeep(same, '2026-11-23T00:00:00')
    const b = backupsToKeep([...same].reverse(), '2026-11-23T00:00:00')
    expect([...a].sort()).toEqual([...b].sort())
    expect(a.size).toBe(30)
  })

  it('backups dated in the future (a clock set wrong) are kept, and do not push out the month keepers', () => {
    const backups = [...daily('2026-01-01', 40), { name: 'registry-20301231-000000-manual.db', at: '2030-12-31T00:00:00' }]
    const keep = backupsToKeep(backups, '2026-02-15T00:00:00')
    expect(keep.has('registry-20301231-000000-manual.db')).toBe(true)
    // January's newest is kept as the month's one even though only 29 others fit the newest 30
    expect(keep.has(backups[30]!.name)).toBe(true)
  })

  it('a sparse history: one backup every 3 months for 3 years keeps all 30-or-fewer of them', () => {
    const backups = Array.from({ length: 12 }, (_v, i) => {
      const month = String((i % 4) * 3 + 1).padStart(2, '0')
      const year = 2023 + Math.floor(i / 4)
      return { name: `registry-${year}${month}01-000000-daily.db`, at: `${year}-${month}-01T00:00:00` }
    })
    expect(backupsToKeep(backups, '2026-11-23T00:00:00').size).toBe(12)
  })

  it('with a small policy: old months beyond the window go, the newest few stay', () => {
    const backups = daily('2026-01-01', 120)
    const keep = backupsToKeep(backups, '2026-04-30T12:00:00', { last: 3, months: 2 })
    expect([...keep].sort()).toEqual(
      ['registry-20260331-093000-daily.db', 'registry-20260428-093000-daily.db', 'registry-20260429-093000-daily.db', 'registry-20260430-093000-daily.db'].sort(),
    )
  })
})
