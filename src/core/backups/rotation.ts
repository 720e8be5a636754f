/**
 * Which backups to keep: pure functions over names and times, no IO.
 *
 * Policy: the newest 30 backups, plus the newest backup of each of the 12 calendar months ending
 * with the current one (so a year back there is still one state per month to go back to).
 */

export const KEEP_LAST = 30
export const KEEP_MONTHS = 12

export const BACKUP_REASONS = ['migration', 'import', 'roster-lock', 'restore', 'daily', 'manual'] as const
export type BackupReason = (typeof BACKUP_REASONS)[number]

export interface ParsedBackupName {
  /** the database's base name, e.g. registry */
  base: string
  /** local wall-clock time written in the name, as YYYY-MM-DDTHH:MM:SS */
  at: string
  reason: BackupReason
}

const NAME = new RegExp(`^(.+)-(\\d{4})(\\d{2})(\\d{2})-(\\d{2})(\\d{2})(\\d{2})-(${BACKUP_REASONS.join('|')})(?:-\\d+)?\\.db$`)

/** Reads a backup file name made by backupDatabase; null for anything else (never ours to delete). */
export function parseBackupName(name: string): ParsedBackupName | null {
  const m = NAME.exec(name)
  if (!m) return null
  const [, base, y, mo, d, h, mi, s, reason] = m
  return { base: base!, at: `${y}-${mo}-${d}T${h}:${mi}:${s}`, reason: reason as BackupReason }
}

export interface BackupStamp {
  name: string
  /** sortable local time, YYYY-MM-DDTHH:MM:SS */
  at: string
}

function monthIndex(at: string): number {
  return Number(at.slice(0, 4)) * 12 + Number(at.slice(5, 7)) - 1
}

/** Newest first; equal times by name so the order (and so the choice) never depends on the listing order. */
export function newestFirst<T extends BackupStamp>(backups: readonly T[]): T[] {
  return [...backups].sort((a, b) => (a.at === b.at ? (a.name < b.name ? 1 : a.name > b.name ? -1 : 0) : a.at < b.at ? 1 : -1))
}

/**
 * The names to keep of the given backups, `now` being the local time as YYYY-MM-DDTHH:MM:SS.
 * Backups dated after `now` (a clock set wrong) count as the newest; they are kept, not deleted.
 */
export function backupsToKeep(backups: readonly BackupStamp[], now: string, policy = { last: KEEP_LAST, months: KEEP_MONTHS }): Set<string> {
  const sorted = newestFirst(backups)
  const keep = new Set(sorted.slice(0, policy.last).map((b) => b.name))
  const thisMonth = monthIndex(now)
  const monthsSeen = new Set<number>()
  for (const backup of sorted) {
    const month = monthIndex(backup.at)
    if (month > thisMonth) {
      keep.add(backup.name)
      continue
    }
    if (thisMonth - month >= policy.months || monthsSeen.has(month)) continue
    monthsSeen.add(month)
    keep.add(backup.name)
  }
  return keep
}

/** Local wall-clock time as written in backup names and compared by the policy. */
export function localStamp(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T` +
    `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
  )
}
