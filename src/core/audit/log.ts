import { auditLog } from '../db/schema'
import type { ServiceContext } from '../context'

export interface AuditEntry {
  action: string
  entity: 'division' | 'child' | 'supervisor' | 'director' | 'category'
  entityId: string | number
  before?: unknown
  after?: unknown
}

/** Call inside the write's transaction, so the record and its trail commit together. */
export function recordAudit(ctx: ServiceContext, entry: AuditEntry): void {
  ctx.db
    .insert(auditLog)
    .values({
      at: ctx.now(),
      actor: ctx.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run()
}
