import { z } from 'zod'
import { AUDIT_ENTITY_NAMES } from './labels'
import { call, Done, Empty, Id, IsoDate, outcome } from './define'
import { FileDownload } from './imports'

// ---- the app lock -------------------------------------------------------------------------------------------------

const Secret = z.string().max(200)

export const LockStatus = z.object({
  passwordSet: z.boolean(),
  locked: z.boolean(),
  /** when the password was last set (ISO timestamp) */
  setAt: z.string().nullable(),
  idleMinutes: z.number().int(),
})
export type LockStatus = z.infer<typeof LockStatus>

/** Shown once, right after a password is set or recovered: the only way back in if the password is forgotten. */
const RecoveryCode = z.object({ recoveryCode: z.string() })

export const lockCalls = {
  'lock.status': call(Empty, LockStatus),
  /** the first password, or a new one (currentPassword then required) */
  'lock.setPassword': call(z.object({ currentPassword: Secret.optional(), newPassword: Secret }), outcome(RecoveryCode)),
  'lock.unlock': call(z.object({ password: Secret }), outcome(z.object({ locked: z.literal(false) }))),
  'lock.lock': call(Empty, Done),
  'lock.recover': call(z.object({ recoveryCode: z.string().max(100), newPassword: Secret }), outcome(RecoveryCode)),
  'lock.clear': call(z.object({ password: Secret }), outcome(z.object({ passwordSet: z.literal(false) }))),
}

/** Calls that still answer while the app is locked. */
export const OPEN_WHILE_LOCKED: readonly string[] = [...Object.keys(lockCalls), 'app.info']

// ---- the audit trail ----------------------------------------------------------------------------------------------

export const AuditEntity = z.enum(Object.keys(AUDIT_ENTITY_NAMES) as [keyof typeof AUDIT_ENTITY_NAMES, ...(keyof typeof AUDIT_ENTITY_NAMES)[]])

export const AuditQuery = z.object({
  actor: z.string().max(60).optional(),
  /** calendar days, inclusive, in the clerk's time zone */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  entity: AuditEntity.optional(),
  entityId: z.string().max(40).optional(),
  childId: Id.optional(),
  /** a child's name or ID number: entries about the children it finds */
  child: z.string().max(40).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  /** show ID numbers, phones and bank accounts whole (the clerk confirmed; the viewing is itself recorded) */
  fullNumbers: z.boolean().default(false),
})
export type AuditQuery = z.input<typeof AuditQuery>

export const AuditRow = z.object({
  id: Id,
  /** ISO timestamp */
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityName: z.string(),
  entityId: z.string(),
  /** whom or what it is about (a name), when the entry says */
  subject: z.string(),
  changes: z.array(z.string()),
})
export type AuditRow = z.infer<typeof AuditRow>

export const AuditPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  rows: z.array(AuditRow),
  /** everyone who appears in the trail, for the filter */
  actors: z.array(z.string()),
})
export type AuditPage = z.infer<typeof AuditPage>

export const auditCalls = {
  'audit.list': call(AuditQuery, AuditPage),
  'exports.audit': call(AuditQuery.omit({ page: true, pageSize: true }), FileDownload),
}

export const securityCalls = { ...lockCalls, ...auditCalls }
