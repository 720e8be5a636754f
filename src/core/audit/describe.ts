import { CHILD_FIELD_LABELS, CHILD_RECORD_LABELS as C, PLACE_RECORD_LABELS, STAFF_RECORD_LABELS as S } from '../../contract/field-labels'
import { AUDIT_ENTITY_NAMES } from '../../contract/labels'
import { maskIdNumber, maskPhone } from '../shared/id-number'

/**
 * Readable lines for an audit entry's before/after snapshots, and the masking of personal numbers in them.
 * Pure: the service looks up names (villages, categories) and passes them in as `rename`.
 */

export const ENTITY_NAMES: Record<string, string> = AUDIT_ENTITY_NAMES

/** Keys found in the snapshots services write (camelCase and the staff tables' snake_case). */
const LABELS: Record<string, string> = {
  name: C.name,
  idNumber: C.idNumber,
  id_number: C.idNumber,
  sex: CHILD_FIELD_LABELS.sex,
  birthDate: CHILD_FIELD_LABELS.birthDate,
  birth_date: CHILD_FIELD_LABELS.birthDate,
  villageCode: C.villageCode,
  divisionCode: '所在区划',
  parentCode: '上级区划',
  categories: C.categories,
  address: C.address,
  guardianName: C.guardianName,
  guardianRelation: C.guardianRelation,
  guardianPhone: C.guardianPhone,
  bankAccount: C.bankAccount,
  bank_account: C.bankAccount,
  registeredOn: C.registeredOn,
  notes: C.notes,
  status: C.status,
  exitReason: C.exitReason,
  exitDate: C.exitDate,
  phone: S.phone,
  part_time: S.partTime,
  concurrent_post: S.concurrentPost,
  education: S.education,
  trained: S.trained,
  start_date: S.startDate,
  end_date: S.endDate,
  alsoServes: S.alsoServes,
  code: '代码',
  level: '级别',
  retiredOn: '撤销日期',
  dimension: '困境维度',
  aliases: '别名',
  course: '培训内容',
  heldOn: '培训日期',
  hours: '学时',
  programme: '补贴项目',
  firstMonth: '起始月份',
  months: '月数',
  totalFen: '金额合计（分）',
  lineCount: '人数',
  excludedCount: '未纳入人数',
  call: '操作',
  fileName: '文件名',
  townshipCode: PLACE_RECORD_LABELS.townshipCode,
  kind: '类别',
}

/** Technical keys that say nothing to a clerk. */
const SKIPPED = new Set(['id', 'createdAt', 'updatedAt', 'created_at', 'updated_at', 'namePinyin', 'nameInitials', 'codeGenerated', 'sortOrder'])

const ID_KEYS = new Set(['idNumber', 'id_number'])
const PHONE_KEYS = new Set(['guardianPhone', 'guardian_phone', 'phone'])
const BANK_KEYS = new Set(['bankAccount', 'bank_account'])

/** "6217********1234": a bank account keeps its first and last four digits, like an ID number. */
export const maskBankAccount = maskIdNumber

/** A value under a sensitive key, masked. */
export function maskField(key: string, value: string): string {
  if (ID_KEYS.has(key)) return maskIdNumber(value)
  if (PHONE_KEYS.has(key)) return maskPhone(value)
  if (BANK_KEYS.has(key)) return maskBankAccount(value)
  return maskNumbersIn(value)
}

/**
 * Personal numbers inside free text (notes, file names, roster lines kept as text): 18-character ID numbers,
 * mainland mobiles and runs of 15 or more digits (bank accounts; 12-digit division codes stay) are masked wherever they appear.
 */
export function maskNumbersIn(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (m) => maskIdNumber(m))
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m))
    .replace(/(?<!\d)\d{15,30}(?!\d)/g, (m) => maskIdNumber(m))
}

type Snapshot = Record<string, unknown>

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）'
  if (Array.isArray(value)) return value.length ? value.map((v) => show(v)).join('、') : '（空）'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Lines such as "监护人电话：138****0000 → 139****1111", or "姓名：张三" for a created or removed record. */
export function describeEntry(
  before: Snapshot | null,
  after: Snapshot | null,
  options: { full: boolean; rename?: (key: string, value: unknown) => unknown },
): string[] {
  const rename = options.rename ?? ((_key: string, value: unknown) => value)
  const text = (key: string, value: unknown) => {
    const renamed = rename(key, value)
    const shown = show(renamed)
    // Amounts and counts are numbers, never personal numbers; codes and names are strings and are checked.
    if (options.full || shown === '（空）' || typeof renamed === 'number' || typeof renamed === 'boolean') return shown
    return maskField(key, shown)
  }
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !SKIPPED.has(k))
  // Labelled keys first, in the order above; others after, under their own names.
  const order = Object.keys(LABELS)
  keys.sort((a, b) => (order.includes(a) ? order.indexOf(a) : 999) - (order.includes(b) ? order.indexOf(b) : 999))
  const lines: string[] = []
  for (const key of keys) {
    const label = LABELS[key] ?? key
    if (before && after) {
      if (JSON.stringify(before[key] ?? '') === JSON.stringify(after[key] ?? '')) continue
      lines.push(`${label}：${text(key, before[key])} → ${text(key, after[key])}`)
    } else {
      const value = (after ?? before)![key]
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue
      lines.push(`${label}：${text(key, value)}`)
    }
  }
  return lines
}

/** Who or what an entry is about, for the list: a child's or person's name, a division's name. */
export function subjectOf(before: Snapshot | null, after: Snapshot | null): string {
  const snapshot = after ?? before
  const name = snapshot?.name
  return typeof name === 'string' ? name : ''
}
