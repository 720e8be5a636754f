import { asDownload, defineHandlers } from '../call-kit'
import { exportAudit, listAudit } from './audit-service'

/** The audit trail's calls: reading it page by page and taking it away as a workbook. */
export const auditHandlers = defineHandlers({
  'audit.list': (ctx, input) => listAudit(ctx, input),
  'exports.audit': (ctx, input) => asDownload(`操作日志-${ctx.today()}.xlsx`, (out) => exportAudit(ctx, input, out)),
})
