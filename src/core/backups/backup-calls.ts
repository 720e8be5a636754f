import { readFileSync } from 'node:fs'
import { defineHandlers } from '../call-kit'
import { checkDatabase } from './check'
import { backupPath, countsOf, createBackup, listBackups, restoreBackup } from './service'

/** The answers to the backups.* calls (see src/contract/backups.ts). */
export const backupHandlers = defineHandlers({
  'backups.list': (ctx) => ({ ...listBackups(ctx), current: countsOf(ctx.sqlite) }),
  'backups.create': (ctx) => createBackup(ctx, 'manual'),
  'backups.restore': async (ctx, input) => {
    const result = await restoreBackup(ctx, input.name)
    if (!result.ok) return { ok: false, problems: [{ field: 'name', message: result.message }] }
    return { ok: true, value: { restored: result.restored!, safetyBackup: result.safetyBackup } }
  },
  'backups.download': (ctx, input) => {
    const path = backupPath(ctx, input.name)
    if (!path) return null
    return { fileName: `儿童福利台账备份-${input.name}`, dataBase64: readFileSync(path).toString('base64') }
  },
  'backups.check': (ctx) => checkDatabase(ctx.sqlite, ctx.today()),
})
