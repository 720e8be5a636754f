import type { ChildDetail, ChildInput, ChildPage, ChildQuery, Outcome } from '../../contract'
import type { z } from 'zod'
import type { ChildQuery as ChildQuerySchema, ChildInput as ChildInputSchema } from '../../contract'
import { CHILD_STATUS_NAMES, EXIT_REASON_NAMES } from '../../contract/labels'
import { recordAudit } from '../audit/log'
import { statement } from '../db/statements'
import { inTransaction, type ServiceContext } from '../context'
import type { children } from '../db/schema'
import { ageOn } from '../shared/dates'
import { maskIdNumber, maskPhone } from '../shared/id-number'
import { nameSearchKeys } from '../shared/pinyin'
import { normaliseText, toHalfWidth } from '../shared/text'
import { categoryDictionary } from './categories-service'
import { ageLimitProblems, checkChildInput, describeChanges, type ChildFacts } from './children-rules'
import { findDivision } from './divisions-service'

type ChildRecord = typeof children.$inferSelect
type ParsedQuery = z.output<typeof ChildQuerySchema>
type ParsedInput = z.output<typeof ChildInputSchema>

/** Every column of a child, named as the record names it (the audit trail and undo keep it in this shape and order). */
export const CHILD_COLUMNS = `id, id_number AS idNumber, name, name_pinyin AS namePinyin, name_initials AS nameInitials, sex,
  birth_date AS birthDate, village_code AS villageCode, address, guardian_name AS guardianName,
  guardian_relation AS guardianRelation, guardian_phone AS guardianPhone, bank_account AS bankAccount,
  registered_on AS registeredOn, notes, status, exit_reason AS exitReason, exit_date AS exitDate,
  last_reviewed_at AS lastReviewedAt, created_at AS createdAt, updated_at AS updatedAt`

export function findChild(ctx: ServiceContext, id: number): ChildRecord | undefined {
  return statement(ctx.sqlite, `SELECT ${CHILD_COLUMNS} FROM children WHERE id = ?`).get(id) as ChildRecord | undefined
}

/** A new child from a form or a sheet row (the named parameters are columnsOf's, plus `now`). */
export const INSERT_CHILD_SQL = `INSERT INTO children (id_number, name, name_pinyin, name_initials, sex, birth_date, village_code, address,
    guardian_name, guardian_relation, guardian_phone, bank_account, registered_on, notes, status, created_at, updated_at)
  VALUES (@idNumber, @name, @namePinyin, @nameInitials, @sex, @birthDate, @villageCode, @address, @guardianName,
    @guardianRelation, @guardianPhone, @bankAccount, @registeredOn, @notes, 'active', @now, @now)`

/** The columns a form or a sheet row sets, as named parameters. */
const FACT_ASSIGNMENTS = `id_number = @idNumber, name = @name, name_pinyin = @namePinyin, name_initials = @nameInitials,
  sex = @sex, birth_date = @birthDate, village_code = @villageCode, address = @address, guardian_name = @guardianName,
  guardian_relation = @guardianRelation, guardian_phone = @guardianPhone, bank_account = @bankAccount,
  registered_on = @registeredOn, notes = @notes`

export function activeCategories(ctx: ServiceContext, childId: number): string[] {
  return statement(ctx.sqlite, 'SELECT category_code FROM child_categories WHERE child_id = ? AND until IS NULL')
    .pluck()
    .all(childId) as string[]
}

/** The record as the audit trail keeps it: the columns plus the categories in force. */
export function auditView(row: ChildRecord, categories: string[]) {
  const { namePinyin: _p, nameInitials: _i, ...rest } = row
  return { ...rest, categories }
}

function checkVillage(ctx: ServiceContext, code: string) {
  if (!code) return null
  const village = findDivision(ctx, code)
  if (!village || village.level !== 'village') return { field: 'villageCode', message: '所选村/社区不存在，请重新选择。' }
  if (village.retiredOn) {
    return { field: 'villageCode', message: `${village.name}已于 ${village.retiredOn} 撤销，请选择现在的村/社区。` }
  }
  return null
}

function duplicateIdProblem(ctx: ServiceContext, idNumber: string, exceptId?: number) {
  const other = statement(ctx.sqlite, `SELECT ${CHILD_COLUMNS} FROM children WHERE id_number = ?`).get(idNumber) as
    | ChildRecord
    | undefined
  if (!other || other.id === exceptId) return null
  const village = findDivision(ctx, other.villageCode)
  const status = other.status === 'exited' ? '（已退出登记）' : ''
  return {
    field: 'idNumber',
    message: `该身份证号已登记为「${other.name}」（${village?.name ?? ''}）${status}，同一儿童不能重复登记。请在列表中搜索并打开原档案。`,
  }
}

export function writeCategories(ctx: ServiceContext, childId: number, wanted: string[], on: string, isNew = false): void {
  const current = isNew ? [] : activeCategories(ctx, childId)
  for (const code of current.filter((c) => !wanted.includes(c))) {
    statement(ctx.sqlite, 'UPDATE child_categories SET until = ? WHERE child_id = ? AND category_code = ? AND until IS NULL').run(on, childId, code)
  }
  for (const code of wanted.filter((c) => !current.includes(c))) {
    // A category dropped and given back the same day reopens its row instead of clashing with it.
    const reopened = isNew ? { changes: 0 } : statement(ctx.sqlite, 'UPDATE child_categories SET until = NULL WHERE child_id = ? AND category_code = ? AND since = ?').run(childId, code, on)
    if (reopened.changes === 0) {
      statement(ctx.sqlite, 'INSERT INTO child_categories (child_id, category_code, since, until) VALUES (?, ?, ?, NULL)').run(childId, code, on)
    }
  }
}

export function columnsOf(facts: ChildFacts) {
  const keys = nameSearchKeys(facts.name)
  return {
    idNumber: facts.idNumber,
    name: facts.name,
    namePinyin: keys.pinyin,
    nameInitials: keys.initials,
    sex: facts.sex,
    birthDate: facts.birthDate,
    villageCode: facts.villageCode,
    address: facts.address,
    guardianName: facts.guardianName,
    guardianRelation: facts.guardianRelation,
    guardianPhone: facts.guardianPhone,
    bankAccount: facts.bankAccount,
    registeredOn: facts.registeredOn,
    notes: facts.notes,
  }
}

export function createChild(ctx: ServiceContext, input: ParsedInput): Outcome<{ id: number }> {
  return inTransaction(ctx, () => {
    const checked = checkChildInput(input, {
      today: ctx.today(),
      dictionary: categoryDictionary(ctx),
      checkAge: true,
      checkCategoryAges: true,
    })
    const problems = checked.ok ? [] : [...checked.problems]
    const villageProblem = checkVillage(ctx, input.villageCode.trim())
    if (villageProblem) problems.push(villageProblem)
    if (checked.ok) {
      const duplicate = duplicateIdProblem(ctx, checked.facts.idNumber)
      if (duplicate) problems.push(duplicate)
    }
    if (!checked.ok || problems.length > 0) return { ok: false as const, problems }

    const now = ctx.now()
    const row = statement(ctx.sqlite, `${INSERT_CHILD_SQL} RETURNING ${CHILD_COLUMNS}`).get({ ...columnsOf(checked.facts), now }) as ChildRecord
    writeCategories(ctx, row.id, checked.facts.categories, checked.facts.registeredOn)
    recordAudit(ctx, { action: '新增儿童', entity: 'child', entityId: row.id, after: auditView(row, checked.facts.categories) })
    return { ok: true as const, value: { id: row.id } }
  })
}

export function updateChild(ctx: ServiceContext, input: ParsedInput & { id: number }): Outcome<{ id: number }> {
  return inTransaction(ctx, () => {
    const before = findChild(ctx, input.id)
    if (!before) return { ok: false as const, problems: [{ message: '该儿童档案不存在，请刷新后重试。' }] }
    const beforeCategories = activeCategories(ctx, before.id)
    const options = { today: ctx.today(), dictionary: categoryDictionary(ctx) }
    const checked = checkChildInput(
      { ...input, registeredOn: input.registeredOn || before.registeredOn || '' },
      { ...options, checkAge: false, checkCategoryAges: false },
    )
    const problems = checked.ok ? [] : [...checked.problems]
    if (input.villageCode.trim() !== before.villageCode) {
      const villageProblem = checkVillage(ctx, input.villageCode.trim())
      if (villageProblem) problems.push(villageProblem)
    }
    if (checked.ok) {
      const duplicate = duplicateIdProblem(ctx, checked.facts.idNumber, before.id)
      if (duplicate) problems.push(duplicate)
      const categoriesChanged = [...checked.facts.categories].sort().join() !== [...beforeCategories].sort().join()
      problems.push(
        ...ageLimitProblems(checked.facts, {
          ...options,
          checkAge: checked.facts.idNumber !== before.idNumber,
          checkCategoryAges: categoriesChanged,
        }),
      )
    }
    if (!checked.ok || problems.length > 0) return { ok: false as const, problems }

    const after = statement(
      ctx.sqlite,
      `UPDATE children SET ${FACT_ASSIGNMENTS}, updated_at = @updatedAt WHERE id = @id RETURNING ${CHILD_COLUMNS}`,
    ).get({ ...columnsOf(checked.facts), updatedAt: ctx.now(), id: before.id }) as ChildRecord
    writeCategories(ctx, before.id, checked.facts.categories, ctx.today())
    recordAudit(ctx, {
      action: '修改儿童信息',
      entity: 'child',
      entityId: before.id,
      before: auditView(before, beforeCategories),
      after: auditView(after, checked.facts.categories),
    })
    return { ok: true as const, value: { id: before.id } }
  })
}

export function exitChild(
  ctx: ServiceContext,
  input: { id: number; reason: keyof typeof EXIT_REASON_NAMES; date: string },
): Outcome<{ id: number }> {
  return inTransaction(ctx, () => {
    const before = findChild(ctx, input.id)
    if (!before) return { ok: false as const, problems: [{ message: '该儿童档案不存在，请刷新后重试。' }] }
    if (before.status === 'exited') {
      return { ok: false as const, problems: [{ message: `该儿童已于 ${before.exitDate} 退出登记。` }] }
    }
    if (input.date > ctx.today()) {
      return { ok: false as const, problems: [{ field: 'date', message: '退出日期不能晚于今天。' }] }
    }
    if (before.registeredOn && input.date < before.registeredOn) {
      return { ok: false as const, problems: [{ field: 'date', message: `退出日期不能早于登记日期 ${before.registeredOn}。` }] }
    }
    const categories = activeCategories(ctx, before.id)
    const after = statement(
      ctx.sqlite,
      `UPDATE children SET status = 'exited', exit_reason = ?, exit_date = ?, updated_at = ? WHERE id = ? RETURNING ${CHILD_COLUMNS}`,
    ).get(input.reason, input.date, ctx.now(), before.id) as ChildRecord
    recordAudit(ctx, {
      action: `退出登记（${EXIT_REASON_NAMES[input.reason]}）`,
      entity: 'child',
      entityId: before.id,
      before: auditView(before, categories),
      after: auditView(after, categories),
    })
    return { ok: true as const, value: { id: before.id } }
  })
}

function placeName(ctx: ServiceContext, villageCode: string): string {
  const village = findDivision(ctx, villageCode)
  if (!village) return villageCode
  const township = village.parentCode ? findDivision(ctx, village.parentCode) : undefined
  return `${township?.name ?? ''}${village.name}`
}

function maskForHistory(field: string, value: string): string {
  if (field === 'idNumber') return maskIdNumber(value)
  if (field === 'guardianPhone') return maskPhone(value)
  if (field === 'bankAccount') return maskIdNumber(value)
  return value
}

export function getChild(ctx: ServiceContext, id: number): ChildDetail | null {
  const row = ctx.sqlite
    .prepare(
      `SELECT c.*, v.name AS village_name, t.code AS township_code, t.name AS township_name
         FROM children c JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code
        WHERE c.id = ?`,
    )
    .get(id) as Record<string, string | number | null> | undefined
  if (!row) return null
  const dictionary = new Map(categoryDictionary(ctx).map((c) => [c.code, c.name]))
  const links = statement(ctx.sqlite, 'SELECT category_code AS code, since FROM child_categories WHERE child_id = ? AND until IS NULL')
    .all(id) as { code: string; since: string | null }[]
  const categories = links.map((c) => ({ code: c.code, name: dictionary.get(c.code) ?? c.code, since: c.since }))
  const history = (
    ctx.sqlite
      .prepare("SELECT at, actor, action, before, after FROM audit_log WHERE entity = 'child' AND entity_id = ? ORDER BY id DESC")
      .all(String(id)) as { at: string; actor: string; action: string; before: string | null; after: string | null }[]
  ).map((entry) => {
    const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : null)
    // The trail keeps codes; the clerk reads names.
    const named = (record: Record<string, unknown> | null) =>
      record && {
        ...record,
        categories: ((record.categories as string[] | undefined) ?? []).map((c) => dictionary.get(c) ?? c),
        villageCode: placeName(ctx, String(record.villageCode ?? '')),
        status: CHILD_STATUS_NAMES[record.status as keyof typeof CHILD_STATUS_NAMES] ?? record.status,
        exitReason: EXIT_REASON_NAMES[record.exitReason as keyof typeof EXIT_REASON_NAMES] ?? record.exitReason,
      }
    return {
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      changes: describeChanges(named(parse(entry.before)), named(parse(entry.after)), maskForHistory),
    }
  })
  const text = (key: string) => String(row[key] ?? '')
  return {
    id,
    name: text('name'),
    sex: text('sex') as 'M' | 'F',
    birthDate: text('birth_date'),
    age: ageOn(text('birth_date'), ctx.today()),
    idNumber: text('id_number'),
    townshipCode: text('township_code'),
    townshipName: text('township_name'),
    villageCode: text('village_code'),
    villageName: text('village_name'),
    categories,
    address: text('address'),
    guardianName: text('guardian_name'),
    guardianRelation: text('guardian_relation'),
    guardianPhone: text('guardian_phone'),
    bankAccount: text('bank_account'),
    registeredOn: (row.registered_on as string | null) ?? null,
    notes: text('notes'),
    status: text('status') as 'active' | 'exited',
    exitReason: (row.exit_reason as ChildDetail['exitReason']) ?? null,
    exitDate: (row.exit_date as string | null) ?? null,
    createdAt: text('created_at'),
    updatedAt: text('updated_at'),
    history,
  }
}

/**
 * What the search box means: letters are pinyin or initials ("zs", "zhangsan"), digits and X are
 * part of an ID number, anything else is part of the name.
 */
export function searchClause(raw: string): { sql: string; params: string[] } | null {
  const text = normaliseText(toHalfWidth(raw)).replace(/\s+/g, '')
  if (!text) return null
  const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
  if (/^[a-zA-Z]+$/.test(text)) {
    const q = like(text.toLowerCase())
    return {
      sql: "(c.name_initials LIKE ? ESCAPE '\\' OR c.name_pinyin LIKE ? ESCAPE '\\')",
      params: [`${q}%`, `${q}%`],
    }
  }
  if (/^[0-9xX]+$/.test(text)) {
    return { sql: "c.id_number LIKE ? ESCAPE '\\'", params: [`%${like(text.toUpperCase())}%`] }
  }
  return { sql: "c.name LIKE ? ESCAPE '\\'", params: [`%${like(text)}%`] }
}

export function listChildren(ctx: ServiceContext, query: ParsedQuery): ChildPage {
  const where: string[] = []
  const params: (string | number)[] = []
  if (query.status !== 'all') {
    where.push('c.status = ?')
    params.push(query.status)
  }
  if (query.villageCode) {
    where.push('c.village_code = ?')
    params.push(query.villageCode)
  } else if (query.townshipCode) {
    where.push('v.parent_code = ?')
    params.push(query.townshipCode)
  }
  if (query.category) {
    where.push('EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = c.id AND cc.category_code = ? AND cc.until IS NULL)')
    params.push(query.category)
  }
  const search = query.search ? searchClause(query.search) : null
  if (search) {
    where.push(search.sql)
    params.push(...search.params)
  }
  const from = `FROM children c JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
  const total = ctx.sqlite.prepare(`SELECT count(*) ${from}`).pluck().get(...params) as number
  const offset = (query.page - 1) * query.pageSize
  const rows = ctx.sqlite
    .prepare(
      `SELECT c.id, c.name, c.sex, c.birth_date, c.id_number, c.guardian_name, c.guardian_phone, c.status,
              c.village_code, v.name AS village_name, t.code AS township_code, t.name AS township_name
       ${from} ORDER BY c.village_code, c.name_pinyin, c.id LIMIT ? OFFSET ?`,
    )
    .all(...params, query.pageSize, offset) as Record<string, string | number>[]

  const ids = rows.map((r) => Number(r.id))
  const categoriesByChild = new Map<number, string[]>()
  if (ids.length) {
    const dictionary = new Map(categoryDictionary(ctx).map((c) => [c.code, c.name]))
    const links = ctx.sqlite
      .prepare(
        `SELECT child_id, category_code FROM child_categories WHERE until IS NULL AND child_id IN (${ids.map(() => '?').join(',')})`,
      )
      .all(...ids) as { child_id: number; category_code: string }[]
    for (const link of links) {
      const list = categoriesByChild.get(link.child_id) ?? []
      list.push(dictionary.get(link.category_code) ?? link.category_code)
      categoriesByChild.set(link.child_id, list)
    }
  }
  const today = ctx.today()
  return {
    total,
    page: query.page,
    rows: rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      sex: r.sex as 'M' | 'F',
      birthDate: String(r.birth_date),
      age: ageOn(String(r.birth_date), today),
      idNumberMasked: maskIdNumber(String(r.id_number)),
      ...(query.fullNumbers ? { idNumber: String(r.id_number) } : {}),
      townshipCode: String(r.township_code),
      townshipName: String(r.township_name),
      villageCode: String(r.village_code),
      villageName: String(r.village_name),
      categories: categoriesByChild.get(Number(r.id)) ?? [],
      guardianName: String(r.guardian_name),
      guardianPhoneMasked: r.guardian_phone ? maskPhone(String(r.guardian_phone)) : '',
      status: r.status as 'active' | 'exited',
    })),
  }
}

export type { ChildInput, ChildQuery }
