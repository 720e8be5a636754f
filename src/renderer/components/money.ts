import type { Rule } from 'antd/es/form'
import { formatYuanGrouped, readYuan } from '../../contract/money'

/** Fen as the clerk reads yuan: 1,200.00 (integer arithmetic only, the contract's own formatting). */
export const yuan = formatYuanGrouped

/** The most a standard may be, as the contract allows it: 1,000,000 yuan. */
export const MAX_STANDARD_FEN = 100_000_000

/** Reads a typed amount as the contract does; too much, too many decimals or not a number comes back with the reason. */
export const readAmount = (text: string) => readYuan(text, { maxFen: MAX_STANDARD_FEN })

/** A form rule for a money field typed as text: the parser's own reason is the field's message. */
export const amountRule: Rule = {
  validator: async (_rule, value: string | undefined) => {
    const reading = readAmount(value ?? '')
    if (!reading.ok) throw new Error(reading.reason)
  },
}

/** The fen of a field amountRule has passed; anything else is a bug, not a clerk's typo. */
export function fenOfChecked(text: string | undefined): number {
  const reading = readAmount(text ?? '')
  if (!reading.ok) throw new Error(`amount not checked before use: ${reading.reason}`)
  return reading.fen
}
