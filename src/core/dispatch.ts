import { contract, isCallName, type CallName } from '../contract'
import { OPEN_WHILE_LOCKED } from '../contract/security'
import { maskNumbersIn } from './audit/describe'
import { disclosesFullNumbers, recordDisclosure } from './audit/disclosure'
import { isLocked, touch } from './security/app-lock'
import { describeIssues, type CallFailure } from '../contract/errors'
import type { ServiceContext } from './context'
import { describeStorageFault } from './db/faults'
import { NotFound } from './call-kit'
import { handlers } from './handlers'

export type CallAnswer = { result: unknown } | CallFailure

export interface DispatchOptions {
  /** check what handlers return against the contract too (tests and development) */
  validateOutput?: boolean
  /** where a fault's detail goes; never to the caller, and never with personal data in the message */
  onFault?: (name: string, error: unknown) => void
}

const POLLUTION_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * A key that could reach an object's prototype, anywhere in the payload. zod's strict objects drop such a key
 * silently (it looks like a known one to them); a call carrying one is refused instead, as the attempt it is.
 */
function pollutionKey(root: unknown): string | null {
  // Iterative, each object once: a payload may be cyclic (IPC's structured clone carries cycles) or deep.
  const seen = new Set<object>()
  const stack: unknown[] = [root]
  while (stack.length) {
    const value = stack.pop()
    if (value === null || typeof value !== 'object' || seen.has(value)) continue
    seen.add(value)
    for (const key of Object.keys(value)) {
      if (POLLUTION_KEYS.has(key)) return key
      stack.push((value as Record<string, unknown>)[key])
    }
  }
  return null
}

/**
 * The one door to the services, shared by every front: the payload is checked against the
 * contract before any handler runs, so a malformed call can neither crash nor write.
 */
export async function dispatch(
  ctx: ServiceContext,
  name: string,
  payload: unknown,
  options: DispatchOptions = {},
): Promise<CallAnswer> {
  if (!isCallName(name)) {
    // The name is echoed to help a developer; a personal number typed into it is not.
    return { error: { code: 'unknown_call', message: `未知的调用：${maskNumbersIn(name.slice(0, 60))}` } }
  }
  // The app lock: while locked only the lock's own calls (and the version line) answer, whatever the front.
  const open = OPEN_WHILE_LOCKED.includes(name)
  if (!open && isLocked(ctx)) {
    return { error: { code: 'locked', message: '台账已锁定：请输入开机密码解锁后再操作。' } }
  }
  if (!open) touch(ctx)
  const definition = contract[name]
  const polluting = pollutionKey(payload)
  if (polluting) {
    return {
      error: { code: 'invalid_input', message: '请求的数据格式不正确，未做任何修改。', issues: [`${polluting}: 不允许的字段名`] },
    }
  }
  const parsed = definition.input.safeParse(payload ?? {})
  if (!parsed.success) {
    return {
      error: { code: 'invalid_input', message: '请求的数据格式不正确，未做任何修改。', issues: describeIssues(parsed.error) },
    }
  }
  try {
    const handler = handlers[name] as (ctx: ServiceContext, input: unknown) => unknown
    const result = await handler(ctx, parsed.data)
    if (options.validateOutput) {
      const checked = definition.output.safeParse(result)
      if (!checked.success) {
        options.onFault?.(name, checked.error)
        return { error: { code: 'internal', message: `程序内部错误：${name} 的返回值不符合约定。`, issues: describeIssues(checked.error) } }
      }
    }
    // Whole ID numbers, phones or bank accounts went out: the trail says who took them.
    if (disclosesFullNumbers(parsed.data)) recordDisclosure(ctx, name, parsed.data, result)
    return { result }
  } catch (error) {
    if (error instanceof NotFound) return { error: { code: 'refused', message: error.message } }
    // The disk, not the program: a full disk, a read-only folder, a damaged file are the clerk's to hear about.
    const storage = describeStorageFault(error, ctx.conn.file)
    if (storage) return { error: { code: 'refused', message: storage } }
    options.onFault?.(name, error)
    return { error: { code: 'internal', message: '程序内部错误，操作未完成，数据未被修改。请重试；如仍出错，请联系技术支持。' } }
  }
}

export type { CallName }
