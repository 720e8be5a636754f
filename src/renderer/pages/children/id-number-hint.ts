const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export type IdHint = { ok: true; birthDate: string; sex: '男' | '女' } | { ok: false; message: string } | null

/**
 * What the clerk has typed, read the way GB 11643 reads it, shown while typing. Only a hint: the service decides, and
 * its message is the one shown under the field on save.
 */
export function readIdNumber(raw: string | undefined): IdHint {
  const id = (raw ?? '').trim().toUpperCase()
  if (id.length < 18) return null
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '身份证号应为17位数字加1位数字或X' }
  const [year, month, day] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)].map(Number) as [number, number, number]
  // A calendar date survives the round trip through Date.UTC; 2015-02-30 does not.
  const birth = new Date(Date.UTC(year, month - 1, day))
  const birthText = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (year < 1900 || birth.toISOString().slice(0, 10) !== birthText) return { ok: false, message: '身份证号中的出生日期无效' }
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0)
  if (CHECK[sum % 11] !== id[17]) return { ok: false, message: '校验位不符，请逐位核对' }
  return { ok: true, birthDate: birthText, sex: Number(id[16]) % 2 === 1 ? '男' : '女' }
}
