import type Database from 'better-sqlite3'
import type { Outcome } from '../../contract/define'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'
import { statement } from '../db/statements'
import { hashSecret, newRecoveryCode, normaliseRecoveryCode, passwordProblems, verifySecret } from './password-hash'

/**
 * The app lock. With no password set (no row in app_lock) nothing changes: the app opens as it always did.
 * With one, every open of the registry starts locked, and an unlocked session locks again after IDLE_MINUTES
 * without a call (the renderer also locks after as long without mouse or keyboard input, and calls lock.lock).
 * The state is per open database in this process: the Electron main process, the loopback host, or one CLI run.
 *
 * Recovery: when a password is set the clerk is shown a one-time recovery code (stored hashed). Typing it in
 * lets them choose a new password; the used code is replaced by a new one, shown once again.
 */
export const IDLE_MINUTES = 15
const MAX_FAILURES = 5
const COOL_DOWN_SECONDS = 30

interface LockRow {
  password_hash: string
  recovery_hash: string
  set_at: string
  set_by: string
}

interface SessionState {
  unlocked: boolean
  lastActive: number
  failures: number
  blockedUntil: number
}

const sessions = new WeakMap<Database.Database, SessionState>()

function session(ctx: ServiceContext): SessionState {
  let state = sessions.get(ctx.sqlite)
  if (!state) {
    state = { unlocked: false, lastActive: 0, failures: 0, blockedUntil: 0 }
    sessions.set(ctx.sqlite, state)
  }
  return state
}

const nowMs = (ctx: ServiceContext) => Date.parse(ctx.now())

function lockRow(ctx: ServiceContext): LockRow | undefined {
  return statement(ctx.sqlite, 'SELECT password_hash, recovery_hash, set_at, set_by FROM app_lock WHERE id = 1').get() as
    | LockRow
    | undefined
}

export function passwordSet(ctx: ServiceContext): boolean {
  return lockRow(ctx) !== undefined
}

/** Locked: a password is set and this session has not been unlocked, or was idle too long. */
export function isLocked(ctx: ServiceContext): boolean {
  if (!passwordSet(ctx)) return false
  const state = session(ctx)
  if (!state.unlocked) return true
  if (nowMs(ctx) - state.lastActive > IDLE_MINUTES * 60_000) {
    state.unlocked = false
    return true
  }
  return false
}

/** A call went through while unlocked: the idle clock starts again. */
export function touch(ctx: ServiceContext): void {
  const state = session(ctx)
  if (state.unlocked) state.lastActive = nowMs(ctx)
}

export interface LockStatus {
  passwordSet: boolean
  locked: boolean
  setAt: string | null
  idleMinutes: number
}

export function lockStatus(ctx: ServiceContext): LockStatus {
  const row = lockRow(ctx)
  const locked = isLocked(ctx)
  if (!locked) touch(ctx)
  return { passwordSet: row !== undefined, locked, setAt: row?.set_at ?? null, idleMinutes: IDLE_MINUTES }
}

export function lockNow(ctx: ServiceContext): { ok: true } {
  session(ctx).unlocked = false
  return { ok: true }
}

type Refusal = { ok: false; problems: { field?: string; message: string }[] }

function refuse(message: string, field?: string): Refusal {
  return { ok: false, problems: [field ? { field, message } : { message }] }
}

/** Too many wrong guesses in a row: wait a little before the next one is even checked. */
function coolingDown(ctx: ServiceContext): Refusal | null {
  const state = session(ctx)
  const wait = Math.ceil((state.blockedUntil - nowMs(ctx)) / 1000)
  return wait > 0 ? refuse(`密码或恢复码连续输错${MAX_FAILURES}次，请${wait}秒后再试。`) : null
}

function failed(ctx: ServiceContext, message: string, field: string): Refusal {
  const state = session(ctx)
  state.failures += 1
  if (state.failures >= MAX_FAILURES) {
    state.failures = 0
    state.blockedUntil = nowMs(ctx) + COOL_DOWN_SECONDS * 1000
  }
  return refuse(message, field)
}

function opened(ctx: ServiceContext): void {
  const state = session(ctx)
  state.unlocked = true
  state.failures = 0
  state.lastActive = nowMs(ctx)
}

async function store(ctx: ServiceContext, password: string, action: string): Promise<string> {
  const recoveryCode = newRecoveryCode()
  const [passwordHash, recoveryHash] = await Promise.all([hashSecret(password), hashSecret(recoveryCode)])
  inTransaction(ctx, () => {
    statement(
      ctx.sqlite,
      `INSERT INTO app_lock (id, password_hash, recovery_hash, set_at, set_by) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET password_hash = excluded.password_hash, recovery_hash = excluded.recovery_hash,
         set_at = excluded.set_at, set_by = excluded.set_by`,
    ).run(passwordHash, recoveryHash, ctx.now(), ctx.actor)
    // The trail says that it happened and when; never the password, the code, or their hashes.
    recordAudit(ctx, { action, entity: 'app', entityId: 'lock' })
  })
  opened(ctx)
  return recoveryCode
}

function newPasswordRefusal(password: string, field: string): Refusal | null {
  const problems = passwordProblems(password)
  return problems.length ? { ok: false, problems: problems.map((message) => ({ field, message })) } : null
}

/** Sets the first password, or changes it (the current one is asked for again). Answers the new recovery code. */
export async function setPassword(
  ctx: ServiceContext,
  input: { currentPassword?: string; newPassword: string },
): Promise<Outcome<{ recoveryCode: string }>> {
  const weak = newPasswordRefusal(input.newPassword, 'newPassword')
  if (weak) return weak
  const row = lockRow(ctx)
  if (row) {
    const waiting = coolingDown(ctx)
    if (waiting) return waiting
    if (!input.currentPassword) return refuse('请输入当前密码。', 'currentPassword')
    if (!(await verifySecret(input.currentPassword, row.password_hash))) return failed(ctx, '当前密码不正确。', 'currentPassword')
  }
  const recoveryCode = await store(ctx, input.newPassword, row ? '修改开机密码' : '设置开机密码')
  return { ok: true, value: { recoveryCode } }
}

export async function unlock(ctx: ServiceContext, input: { password: string }): Promise<Outcome<{ locked: false }>> {
  const row = lockRow(ctx)
  if (!row) {
    opened(ctx)
    return { ok: true, value: { locked: false } }
  }
  const waiting = coolingDown(ctx)
  if (waiting) return waiting
  if (!(await verifySecret(input.password, row.password_hash))) return failed(ctx, '密码不正确，请重新输入。', 'password')
  opened(ctx)
  return { ok: true, value: { locked: false } }
}

/** The recovery code stands in for the forgotten password once: a new password and a new code are set. */
export async function recover(
  ctx: ServiceContext,
  input: { recoveryCode: string; newPassword: string },
): Promise<Outcome<{ recoveryCode: string }>> {
  const row = lockRow(ctx)
  if (!row) return refuse('尚未设置开机密码，无需恢复。')
  const weak = newPasswordRefusal(input.newPassword, 'newPassword')
  if (weak) return weak
  const waiting = coolingDown(ctx)
  if (waiting) return waiting
  if (!(await verifySecret(normaliseRecoveryCode(input.recoveryCode), row.recovery_hash))) {
    return failed(ctx, '恢复码不正确（每个恢复码只能使用一次）。', 'recoveryCode')
  }
  const recoveryCode = await store(ctx, input.newPassword, '用恢复码重设开机密码')
  return { ok: true, value: { recoveryCode } }
}

/** Removes the password (asked for again): the app opens without one from then on. */
export async function clearPassword(ctx: ServiceContext, input: { password: string }): Promise<Outcome<{ passwordSet: false }>> {
  const row = lockRow(ctx)
  if (!row) return { ok: true, value: { passwordSet: false } }
  const waiting = coolingDown(ctx)
  if (waiting) return waiting
  if (!(await verifySecret(input.password, row.password_hash))) return failed(ctx, '密码不正确。', 'password')
  inTransaction(ctx, () => {
    statement(ctx.sqlite, 'DELETE FROM app_lock WHERE id = 1').run()
    recordAudit(ctx, { action: '取消开机密码', entity: 'app', entityId: 'lock' })
  })
  opened(ctx)
  return { ok: true, value: { passwordSet: false } }
}
