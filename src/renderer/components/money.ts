/** Fen as the clerk reads yuan: 1,200.00. Integer arithmetic only, so no amount ever shows a float's rounding. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`
}

/** Whole yuan for a form field, fen back from it: the InputNumber works in yuan with two decimals. */
export const fenToYuanNumber = (fen: number): number => fen / 100
export const yuanNumberToFen = (value: number): number => Math.round(value * 100)
