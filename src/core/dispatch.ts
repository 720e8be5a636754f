import { contract, isCallName, type CallName } from '../contract'
import { describeIssues, type CallFailure } from '../contract/errors'
import type { ServiceContext } from './context'
import { handlers, NotFound } from './handlers'

export type CallAnswer = { result: unknown } | CallFailure

export interface DispatchOptions {
  /** check what handlers return against the contract too (tests and development) */
  validateOutput?: boolean
  /** where a fault's detail goes; never to the caller, and never with personal data in the message */
  onFault?: (name: string, error: unknown) => void
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
    return { error: { code: 'unknown_call', message: `未知的调用：${name.slice(0, 60)}` } }
  }
  const definition = contract[name]
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
    return { result }
  } catch (error) {
    if (error instanceof NotFound) return { error: { code: 'refused', message: error.message } }
    options.onFault?.(name, error)
    return { error: { code: 'internal', message: '程序内部错误，操作未完成，数据未被修改。请重试；如仍出错，请联系技术支持。' } }
  }
}

export type { CallName }
