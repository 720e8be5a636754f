import type { CallName, Input, Output } from '../contract'
import type { CallFailure } from '../contract/errors'

/** The preload bridge, present only inside Electron. */
interface Bridge {
  call(name: string, input: unknown): Promise<{ result: unknown } | CallFailure>
}
declare global {
  interface Window {
    cwr?: Bridge
  }
}

/** A call the contract refused (malformed input, unknown call) or a fault in the app. */
export class ApiError extends Error {
  constructor(
    readonly code: CallFailure['error']['code'],
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message)
  }
}

const TOKEN_KEY = 'cwr.token'

/** Fired on window when a call is refused because the app is locked. */
export const LOCKED_EVENT = 'cwr:locked'

// The loopback host hands the token over in the URL once; keep it for this tab and take it out of the address bar.
function hostToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.toString())
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

async function overHttp(name: string, input: unknown): Promise<{ result: unknown } | CallFailure> {
  let response: Response
  try {
    response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cwr-token': hostToken() },
      body: JSON.stringify(input ?? {}),
    })
  } catch {
    return { error: { code: 'internal', message: '无法连接本机服务，请确认台账程序仍在运行后刷新页面。' } }
  }
  return (await response.json()) as { result: unknown } | CallFailure
}

export async function call<N extends CallName>(name: N, input: Input<N>): Promise<Output<N>> {
  const answer = window.cwr ? await window.cwr.call(name, input) : await overHttp(name, input)
  if ('error' in answer) {
    // The app locked itself (idle, or another window): the lock screen takes over (components/LockGate).
    if (answer.error.code === 'locked') window.dispatchEvent(new Event(LOCKED_EVENT))
    throw new ApiError(answer.error.code, answer.error.message, answer.error.issues)
  }
  return answer.result as Output<N>
}

export const api = { call }
