import { readFileSync } from 'node:fs'
import type { BackupInfo, BackupList, CheckReport, FileDownload, Outcome } from '../../contract'
import type { ServiceContext } from '../context'
import { checkDatabase } from './check'
import { backupPath, countsOf, createBackup, listBackups, restoreBackup } from './service'

/** The answers to the backups.* calls (see src/contract/backups.ts). */
export const backupHandlers = {
  list: (ctx: ServiceContext): BackupList => ({ ...listBackups(ctx), current: countsOf(ctx.sqlite) }),
  create: (ctx: ServiceContext): Promise<BackupInfo> => createBackup(ctx, 'manual'),
  restore: async (ctx: ServiceContext, input: { name: string }): Promise<Outcome<{ restored: BackupInfo; safetyBackup: string | null }>> => {
    const result = await restoreBackup(ctx, input.name)
    if (!result.ok) return { ok: false, problems: [{ field: 'name', message: result.message }] }
    return { ok: true, value: { restored: result.restored!, safetyBackup: result.safetyBackup } }
  },
  download: (ctx: ServiceContext, input: { name: string }): FileDownload | null => {
    const path = backupPath(ctx, input.name)
    if (!path) return null
    return { fileName: `儿童福利台账备份-${input.name}`, dataBase64: readFileSync(path).toString('base64') }
  },
  check: (ctx: ServiceContext): CheckReport => checkDatabase(ctx.sqlite, ctx.today()),
}
