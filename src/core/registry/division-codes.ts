/**
 * National statistical division codes are 12 digits: 6 for the county, 3 for the township, 3 for
 * the village. Where a bureau does not know a code the app makes one up in the 9xx range, which
 * the statistics bureau leaves unused, and flags it so it can be replaced later.
 */
export const GENERATED_FROM = 901

export type CodeCheck = { ok: true; code: string } | { ok: false; message: string }

export function districtCode(raw: string): CodeCheck {
  const digits = raw.trim()
  if (/^\d{6}$/.test(digits)) return { ok: true, code: `${digits}000000` }
  if (/^\d{6}0{6}$/.test(digits)) return { ok: true, code: digits }
  return { ok: false, message: '区县代码应为6位数字（如 420102），或后6位为0的12位代码（如 420102000000）。' }
}

export function townshipCode(raw: string, districtCode: string): CodeCheck {
  const code = raw.trim()
  if (!/^\d{12}$/.test(code) || !code.endsWith('000') || code.slice(6, 9) === '000') {
    return { ok: false, message: '乡镇/街道代码应为12位数字，第7–9位为乡镇序号，后3位为000（如 420102001000）。' }
  }
  if (code.slice(0, 6) !== districtCode.slice(0, 6)) {
    return { ok: false, message: `乡镇/街道代码的前6位应与本区县代码 ${districtCode.slice(0, 6)} 一致。` }
  }
  return { ok: true, code }
}

export function villageCode(raw: string, townshipCode: string): CodeCheck {
  const code = raw.trim()
  if (!/^\d{12}$/.test(code) || code.endsWith('000')) {
    return { ok: false, message: '村/社区代码应为12位数字，后3位为村序号且不为000（如 420102001001）。' }
  }
  if (code.slice(0, 9) !== townshipCode.slice(0, 9)) {
    return { ok: false, message: `村/社区代码的前9位应与所属乡镇/街道代码 ${townshipCode.slice(0, 9)} 一致。` }
  }
  return { ok: true, code }
}

/** The next free made-up code under a parent; null when the 9xx range is used up. */
export function nextGeneratedCode(
  level: 'township' | 'village',
  parentCode: string,
  taken: ReadonlySet<string>,
): string | null {
  for (let n = GENERATED_FROM; n <= 999; n++) {
    const code =
      level === 'township'
        ? `${parentCode.slice(0, 6)}${n}000`
        : `${parentCode.slice(0, 9)}${n}`
    if (!taken.has(code)) return code
  }
  return null
}
