import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CallName, FileDownload, Output, ParsedInput } from '../contract'
import type { ServiceContext } from './context'

/** The answer to one call of the contract: its parsed input in, its output (or a promise of it) out. */
export type Handler<N extends CallName> = (ctx: ServiceContext, input: ParsedInput<N>) => Output<N> | Promise<Output<N>>

/** Some calls of the contract, each answered by a handler typed against it. */
export type HandlerMap<N extends CallName = CallName> = { [K in N]: Handler<K> }

/**
 * A domain's handler map. The names are taken from the keys, so each handler is checked against its own call
 * (input and output) and a name the contract does not have is a compile error.
 */
export function defineHandlers<N extends CallName>(calls: HandlerMap<N>): HandlerMap<N> {
  return calls
}

type Combined<Maps extends readonly object[]> = Maps extends readonly [infer First, ...infer Rest extends object[]]
  ? First & Combined<Rest>
  : unknown

/** The domains' maps as one; a call answered by two domains is a wiring mistake, refused at load time. */
export function combineHandlers<Maps extends readonly Partial<HandlerMap>[]>(...maps: Maps): Combined<Maps> {
  const combined: Record<string, unknown> = {}
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (Object.prototype.hasOwnProperty.call(combined, name)) {
        throw new Error(`调用 ${name} 在两个调用表中都有定义：每个调用只能由一个领域应答。`)
      }
      combined[name] = handler
    }
  }
  return combined as Combined<Maps>
}

/** A record the caller asked for by id is not there: a refusal, not a crash. */
export class NotFound extends Error {}

/** The record, or a refusal that names what is missing. */
export function found<T>(value: T | null, what: string): T {
  if (value === null) throw new NotFound(`${what}不存在，可能已被删除或编号有误，请刷新后重试。`)
  return value
}

/** Writes a workbook into a private temp folder and hands its bytes over. */
export async function asDownload(fileName: string, write: (out: string) => Promise<unknown>): Promise<FileDownload> {
  const folder = mkdtempSync(join(tmpdir(), 'cwr-out-'))
  try {
    const out = join(folder, fileName)
    await write(out)
    return { fileName, dataBase64: readFileSync(out).toString('base64') }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
