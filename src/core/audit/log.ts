import { statement } from '../db/statements'
import type { ServiceContext } from '../context'

export interface AuditEntry {
  action: string
  entity: 'division' | 'child' | 'supervisor' | 'director' | 'category' | 'programme' | 'roster'
    /** the app itself: its lock password; and disclosures of full personal numbers (exports, prints) */
    | 'app' | 'export'
    /** case follow-up (src/core/followup): a child's reviews, visits, assessments, services, documents; its settings */
    | 'review' | 'visit' | 'assessment' | 'service' | 'document' | 'setting'
    /** the database file as a whole: a restore from a backup */
    | 'database'
  entityId: string | number
  before?: unknown
  after?: unknown
}

/** Call inside the write's transaction, so the record and its trail commit together. */
export function recordAudit(ctx: ServiceContext, entry: AuditEntry): void {
  statement(ctx.sqlite, 'INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    ctx.now(),
    ctx.actor,
    entry.action,
    entry.entity,
    String(entry.entityId),
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  )
}
