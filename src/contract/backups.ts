import { z } from 'zod'
import { call, Empty, outcome } from './define'
import { FileDownload } from './imports'

/** A backup as the page names it: a plain file name from the list, never a path. */
export const BackupName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\\/:*?"<>|]+\.db$/, '备份名称应为列表中的文件名')

export const BackupReason = z.enum(['migration', 'import', 'roster-lock', 'restore', 'daily', 'manual'])

export const BackupCounts = z.object({
  children: z.number().int(),
  supervisors: z.number().int(),
  directors: z.number().int(),
  villages: z.number().int(),
  importBatches: z.number().int(),
  lockedRosters: z.number().int(),
})
export type BackupCounts = z.infer<typeof BackupCounts>

export const BackupInfo = z.object({
  name: z.string(),
  /** local time, YYYY-MM-DD HH:MM:SS */
  at: z.string(),
  reason: BackupReason,
  reasonName: z.string(),
  sizeBytes: z.number().int(),
  readable: z.boolean(),
  schemaVersion: z.string().nullable(),
  counts: BackupCounts.nullable(),
})
export type BackupInfo = z.infer<typeof BackupInfo>

export const BackupList = z.object({
  folder: z.string(),
  databaseFile: z.string(),
  /** the keeping rule, in words */
  rotation: z.string(),
  /** newest first */
  backups: z.array(BackupInfo),
  /** what the live database holds now, to compare with a backup before restoring it */
  current: BackupCounts,
})
export type BackupList = z.infer<typeof BackupList>

export const CheckReport = z.object({
  ok: z.boolean(),
  checks: z.number().int(),
  findings: z.array(z.object({ kind: z.enum(['integrity', 'foreign-key', 'invariant']), message: z.string() })),
})
export type CheckReport = z.infer<typeof CheckReport>

export const backupCalls = {
  'backups.list': call(Empty, BackupList),
  'backups.create': call(Empty, BackupInfo),
  /** the current state is backed up first; the answer names that safety backup */
  'backups.restore': call(z.object({ name: BackupName }), outcome(z.object({ restored: BackupInfo, safetyBackup: z.string().nullable() }))),
  /** "back up to…": the file itself, saved wherever the clerk chooses (a USB stick); null when it is gone */
  'backups.download': call(z.object({ name: BackupName }), FileDownload.nullable()),
  'backups.check': call(Empty, CheckReport),
}
