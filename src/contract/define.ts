import { z } from 'zod'

// Validation messages reach clerks (e.g. through the CLI): speak Chinese.
z.config(z.locales.zhCN())

/** One call of the contract: what goes in, what comes out. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallDef<I, O> {
  return { input, output }
}

/** A problem the clerk can act on: which field, and what to do. */
export const Problem = z.object({
  field: z.string().optional(),
  message: z.string(),
})
export type Problem = z.infer<typeof Problem>

/**
 * Writes answer with a value or with the problems that stopped them: refusals are data the
 * renderer shows under each field, not exceptions.
 */
export function outcome<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), problems: z.array(Problem).min(1) }),
  ])
}
export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] }

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
export const DivisionCode = z.string().regex(/^\d{12}$/, '区划代码应为12位数字')
export const Id = z.number().int().positive()
export const Sex = z.enum(['M', 'F'])
export const Empty = z.object({}).strict()
export const Done = z.object({ ok: z.literal(true) })
