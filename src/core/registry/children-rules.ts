import type { ChildInput, Problem } from '../../contract'
import { CHILD_RECORD_LABELS } from '../../contract/field-labels'
import { ageOn } from '../shared/dates'
import { checkIdNumber } from '../shared/id-number'
import { checkPhone, normaliseName, normalisePhone, normaliseText } from '../shared/text'
import { resolveCategory, type CategoryEntry } from './categories'

/** A child's record as the database keeps it, after normalisation. */
export interface ChildFacts {
  name: string
  idNumber: string
  sex: 'M' | 'F'
  birthDate: string
  villageCode: string
  categories: string[]
  address: string
  guardianName: string
  guardianRelation: string
  guardianPhone: string
  bankAccount: string
  registeredOn: string
  notes: string
}

export const ADULT_AGE = 18
/** Policy: rural left-behind children are those under 16. */
export const LEFT_BEHIND_MAX_AGE = 16
/** Orphans and de facto unsupported children are two exclusive statuses of the same guardianship gap. */
export const EXCLUSIVE_CATEGORIES: [string, string][] = [['orphan', 'unsupported']]

export interface ChildCheckOptions {
  today: string
  dictionary: CategoryEntry[]
  /** a new registration (or a changed ID) must be under 18 on the day of registration */
  checkAge: boolean
  /** the left-behind age limit applies when the categories are set or changed */
  checkCategoryAges: boolean
}

export type ChildCheck = { ok: true; facts: ChildFacts } | { ok: false; problems: Problem[] }

function nameOfCategory(dictionary: CategoryEntry[], code: string): string {
  return dictionary.find((c) => c.code === code)?.name ?? code
}

/**
 * Limits that depend on the child's age: under 18 when registered, and under 16 for a left-behind
 * child. An edit checks them again only for what the clerk changed.
 */
export function ageLimitProblems(
  child: Pick<ChildFacts, 'birthDate' | 'registeredOn' | 'categories'>,
  options: Pick<ChildCheckOptions, 'today' | 'dictionary' | 'checkAge' | 'checkCategoryAges'>,
): Problem[] {
  const problems: Problem[] = []
  if (options.checkAge) {
    const age = ageOn(child.birthDate, child.registeredOn)
    if (age >= ADULT_AGE) {
      problems.push({
        field: 'idNumber',
        message: `按身份证号，该儿童登记时已满${ADULT_AGE}周岁（${age}岁），不能登记为困境儿童。请核对身份证号。`,
      })
    }
  }
  if (options.checkCategoryAges && child.categories.includes('left-behind')) {
    const age = ageOn(child.birthDate, options.today)
    if (age >= LEFT_BEHIND_MAX_AGE) {
      problems.push({
        field: 'categories',
        message: `「${nameOfCategory(options.dictionary, 'left-behind')}」限未满${LEFT_BEHIND_MAX_AGE}周岁，该儿童已${age}岁，请改选其他类型。`,
      })
    }
  }
  return problems
}

export function checkChildInput(raw: Required<ChildInput>, options: ChildCheckOptions): ChildCheck {
  const problems: Problem[] = []
  const name = normaliseName(raw.name)
  if (!name) problems.push({ field: 'name', message: '请填写儿童姓名。' })
  else if (name.length < 2) problems.push({ field: 'name', message: '姓名至少2个字，请核对。' })
  else if (/\d/.test(name)) problems.push({ field: 'name', message: '姓名中不应有数字，请核对是否与其他列错位。' })

  const id = checkIdNumber(raw.idNumber, options.today)
  if (!id.ok) problems.push({ field: 'idNumber', message: id.reason })

  const registeredOn = raw.registeredOn || options.today
  if (registeredOn > options.today) {
    problems.push({ field: 'registeredOn', message: '登记日期不能晚于今天。' })
  }
  const villageCode = raw.villageCode.trim()
  if (!villageCode) problems.push({ field: 'villageCode', message: '请选择儿童所在的村/社区。' })

  const codes: string[] = []
  if (raw.categories.length === 0) problems.push({ field: 'categories', message: '请至少选择一个困境类型。' })
  for (const word of raw.categories) {
    const byCode = options.dictionary.find((c) => c.code === word)
    const resolved = byCode ? { ok: true as const, code: byCode.code } : resolveCategory(word, options.dictionary)
    if (resolved.ok) {
      if (!codes.includes(resolved.code)) codes.push(resolved.code)
    } else problems.push({ field: 'categories', message: resolved.reason })
  }
  const nameOf = (code: string) => nameOfCategory(options.dictionary, code)
  for (const [a, b] of EXCLUSIVE_CATEGORIES) {
    if (codes.includes(a) && codes.includes(b)) {
      problems.push({
        field: 'categories',
        message: `「${nameOf(a)}」与「${nameOf(b)}」不能同时登记，请按认定结果只选其一。`,
      })
    }
  }
  if (id.ok) problems.push(...ageLimitProblems({ birthDate: id.birthDate, registeredOn, categories: codes }, options))

  const guardianPhone = normalisePhone(raw.guardianPhone)
  if (guardianPhone) {
    const phone = checkPhone(guardianPhone)
    if (!phone.ok) problems.push({ field: 'guardianPhone', message: phone.reason })
  }

  const bankAccount = normaliseText(raw.bankAccount).replace(/[\s-]/g, '')
  if (bankAccount && !/^\d{8,30}$/.test(bankAccount)) {
    problems.push({
      field: 'bankAccount',
      message: '银行账号应为8–30位数字，请核对（不要带户名或开户行）。',
    })
  }

  if (problems.length > 0 || !id.ok) return { ok: false, problems }
  return {
    ok: true,
    facts: {
      name,
      idNumber: id.idNumber,
      sex: id.sex,
      birthDate: id.birthDate,
      villageCode,
      categories: codes,
      address: normaliseText(raw.address),
      guardianName: normaliseName(raw.guardianName),
      guardianRelation: normaliseText(raw.guardianRelation),
      guardianPhone,
      bankAccount,
      registeredOn,
      notes: raw.notes.trim(),
    },
  }
}

const FIELD_LABELS: Record<string, string> = CHILD_RECORD_LABELS

/** Human lines for a history entry; sensitive numbers are masked by the caller's mask function. */
export function describeChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  mask: (field: string, value: string) => string,
): string[] {
  if (!before || !after) return []
  const lines: string[] = []
  for (const [field, label] of Object.entries(FIELD_LABELS)) {
    const a = JSON.stringify(before[field] ?? '')
    const b = JSON.stringify(after[field] ?? '')
    if (a === b) continue
    const show = (v: unknown) => {
      const text = Array.isArray(v) ? v.join('、') : String(v ?? '')
      return text ? mask(field, text) : '（空）'
    }
    lines.push(`${label}：${show(before[field])} → ${show(after[field])}`)
  }
  return lines
}
