import type { Division, DivisionTree, Outcome } from '../../contract'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'
import type { divisions } from '../db/schema'
import { statement } from '../db/statements'
import { normaliseText } from '../shared/text'
import { IN_POST } from './in-post'
import { districtCode, nextGeneratedCode, townshipCode, villageCode } from './division-codes'

type DivisionRecord = typeof divisions.$inferSelect

/** Every column, named as the record names it (the audit trail keeps records in this shape and order). */
const DIVISION_COLUMNS = `code, name, level, parent_code AS parentCode, code_generated AS codeGenerated, retired_on AS retiredOn,
  created_at AS createdAt, updated_at AS updatedAt`

type DivisionRow = Omit<DivisionRecord, 'codeGenerated'> & { codeGenerated: number }

function recordOf(row: DivisionRow): DivisionRecord {
  return { ...row, codeGenerated: row.codeGenerated === 1 }
}

function selectDivisions(ctx: ServiceContext, where: string, ...params: string[]): DivisionRecord[] {
  const rows = statement(ctx.sqlite, `SELECT ${DIVISION_COLUMNS} FROM divisions ${where}`).all(...params) as DivisionRow[]
  return rows.map(recordOf)
}

function insertDivision(ctx: ServiceContext, row: DivisionRecord): void {
  statement(
    ctx.sqlite,
    `INSERT INTO divisions (code, name, level, parent_code, code_generated, retired_on, created_at, updated_at)
     VALUES (@code, @name, @level, @parentCode, @codeGenerated, @retiredOn, @createdAt, @updatedAt)`,
  ).run({ ...row, codeGenerated: row.codeGenerated ? 1 : 0 })
}

/** Writes the whole record over the row that had code `was` (the district's code itself may change). */
function writeDivision(ctx: ServiceContext, was: string, row: DivisionRecord): void {
  statement(
    ctx.sqlite,
    `UPDATE divisions SET code = @code, name = @name, level = @level, parent_code = @parentCode, code_generated = @codeGenerated,
       retired_on = @retiredOn, created_at = @createdAt, updated_at = @updatedAt
     WHERE code = @was`,
  ).run({ ...row, codeGenerated: row.codeGenerated ? 1 : 0, was })
}

const LEVEL_NAMES = { district: '区县', township: '乡镇/街道', village: '村/社区' } as const

function toDivision(row: DivisionRecord): Division {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parentCode,
    codeGenerated: row.codeGenerated,
    retiredOn: row.retiredOn,
  }
}

function refuse(message: string, field?: string): { ok: false; problems: { field?: string; message: string }[] } {
  return { ok: false, problems: [field ? { field, message } : { message }] }
}

export function findDivision(ctx: ServiceContext, code: string): DivisionRecord | undefined {
  return selectDivisions(ctx, 'WHERE code = ?', code)[0]
}

export function getDistrict(ctx: ServiceContext): DivisionRecord | undefined {
  return selectDivisions(ctx, "WHERE level = 'district'")[0]
}

function checkName(raw: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = normaliseText(raw)
  if (!name) return { ok: false, message: '名称不能为空。' }
  if (name.length > 30) return { ok: false, message: '名称过长（最多30个字）。' }
  return { ok: true, name }
}

/** Two active siblings may not share a name: imports and clerks find places by name. */
function siblingWithName(ctx: ServiceContext, parentCode: string, name: string, except?: string) {
  return selectDivisions(ctx, 'WHERE parent_code = ? AND name = ? AND retired_on IS NULL', parentCode, name).find(
    (row) => row.code !== except,
  )
}

export function setDistrict(ctx: ServiceContext, input: { name: string; code?: string }): Outcome<Division> {
  const name = checkName(input.name)
  if (!name.ok) return refuse(name.message, 'name')
  const wanted = input.code?.trim() ? districtCode(input.code) : null
  if (wanted && !wanted.ok) return refuse(wanted.message, 'code')

  return inTransaction(ctx, () => {
    const existing = getDistrict(ctx)
    const now = ctx.now()
    if (!existing) {
      const row: DivisionRecord = {
        code: wanted?.ok ? wanted.code : '000000000000',
        name: name.name,
        level: 'district' as const,
        parentCode: null,
        codeGenerated: !wanted,
        retiredOn: null,
        createdAt: now,
        updatedAt: now,
      }
      insertDivision(ctx, row)
      recordAudit(ctx, { action: '设置区县', entity: 'division', entityId: row.code, after: row })
      return { ok: true as const, value: toDivision(row) }
    }
    const hasTownships = statement(ctx.sqlite, 'SELECT 1 FROM divisions WHERE parent_code = ?').get(existing.code)
    if (wanted?.ok && wanted.code !== existing.code && hasTownships) {
      return refuse('区县下已有乡镇/街道，区县代码不能再更改。', 'code')
    }
    const updated = {
      ...existing,
      name: name.name,
      code: wanted?.ok ? wanted.code : existing.code,
      codeGenerated: wanted?.ok ? false : existing.codeGenerated,
      updatedAt: now,
    }
    writeDivision(ctx, existing.code, updated)
    recordAudit(ctx, { action: '修改区县', entity: 'division', entityId: updated.code, before: existing, after: updated })
    return { ok: true as const, value: toDivision(updated) }
  })
}

export function createDivision(
  ctx: ServiceContext,
  input: { level: 'township' | 'village'; parentCode: string; name: string; code?: string },
): Outcome<Division> {
  const name = checkName(input.name)
  if (!name.ok) return refuse(name.message, 'name')
  return inTransaction(ctx, () => {
    const parent = findDivision(ctx, input.parentCode)
    const parentLevel = input.level === 'township' ? 'district' : 'township'
    if (!parent || parent.level !== parentLevel) {
      return refuse(
        input.level === 'township' ? '请先设置本区县，再新增乡镇/街道。' : '所属乡镇/街道不存在，请重新选择。',
        'parentCode',
      )
    }
    if (parent.retiredOn) return refuse(`${parent.name}已撤销，不能在其下新增。`, 'parentCode')
    if (siblingWithName(ctx, parent.code, name.name)) {
      return refuse(`${parent.name}下已有名为「${name.name}」的${LEVEL_NAMES[input.level]}。`, 'name')
    }

    let code: string
    let generated = false
    if (input.code?.trim()) {
      const checked =
        input.level === 'township' ? townshipCode(input.code, parent.code) : villageCode(input.code, parent.code)
      if (!checked.ok) return refuse(checked.message, 'code')
      if (findDivision(ctx, checked.code)) return refuse(`区划代码 ${checked.code} 已被使用。`, 'code')
      code = checked.code
    } else {
      const taken = new Set(statement(ctx.sqlite, 'SELECT code FROM divisions').pluck().all() as string[])
      const made = nextGeneratedCode(input.level, parent.code, taken)
      if (!made) return refuse('临时代码已用完，请填写正式的区划代码。', 'code')
      code = made
      generated = true
    }
    const now = ctx.now()
    const row: DivisionRecord = {
      code,
      name: name.name,
      level: input.level,
      parentCode: parent.code,
      codeGenerated: generated,
      retiredOn: null,
      createdAt: now,
      updatedAt: now,
    }
    insertDivision(ctx, row)
    recordAudit(ctx, { action: `新增${LEVEL_NAMES[input.level]}`, entity: 'division', entityId: code, after: row })
    return { ok: true as const, value: toDivision(row) }
  })
}

/** Writes a change to one division with its audit entry; callers have checked it is allowed. */
function changeDivision(
  ctx: ServiceContext,
  row: DivisionRecord,
  changes: Partial<DivisionRecord>,
  action: string,
): Outcome<Division> {
  const updated = { ...row, ...changes, updatedAt: ctx.now() }
  writeDivision(ctx, row.code, updated)
  recordAudit(ctx, { action, entity: 'division', entityId: row.code, before: row, after: updated })
  return { ok: true, value: toDivision(updated) }
}

export function renameDivision(ctx: ServiceContext, input: { code: string; name: string }): Outcome<Division> {
  const name = checkName(input.name)
  if (!name.ok) return refuse(name.message, 'name')
  return inTransaction(ctx, () => {
    const row = findDivision(ctx, input.code)
    if (!row) return refuse('该区划不存在，请刷新后重试。')
    if (row.parentCode && siblingWithName(ctx, row.parentCode, name.name, row.code)) {
      return refuse(`同一上级下已有名为「${name.name}」的${LEVEL_NAMES[row.level]}。`, 'name')
    }
    return changeDivision(ctx, row, { name: name.name }, '重命名区划')
  })
}

export function moveVillage(ctx: ServiceContext, input: { code: string; parentCode: string }): Outcome<Division> {
  return inTransaction(ctx, () => {
    const row = findDivision(ctx, input.code)
    if (!row || row.level !== 'village') return refuse('只能移动村/社区。')
    const target = findDivision(ctx, input.parentCode)
    if (!target || target.level !== 'township') return refuse('目标乡镇/街道不存在。', 'parentCode')
    if (target.retiredOn) return refuse(`${target.name}已撤销，不能移入。`, 'parentCode')
    if (target.code === row.parentCode) return refuse(`${row.name}已在${target.name}下。`, 'parentCode')
    if (siblingWithName(ctx, target.code, row.name)) {
      return refuse(`${target.name}下已有名为「${row.name}」的村/社区，请先重命名其中一个。`, 'parentCode')
    }
    return changeDivision(ctx, row, { parentCode: target.code }, '移动村/社区')
  })
}

export function retireDivision(ctx: ServiceContext, input: { code: string; on: string }): Outcome<Division> {
  return inTransaction(ctx, () => {
    const row = findDivision(ctx, input.code)
    if (!row || row.level === 'district') return refuse('只能撤销乡镇/街道或村/社区。')
    if (row.retiredOn) return refuse(`${row.name}已于 ${row.retiredOn} 撤销。`)
    if (input.on > ctx.today()) return refuse('撤销日期不能晚于今天：请在撤销生效后再操作。', 'on')
    const blockers = retireBlockers(ctx, row)
    if (blockers) return refuse(blockers)
    return changeDivision(ctx, row, { retiredOn: input.on }, '撤销区划')
  })
}

/** What still lives in a division; retiring it would orphan them. */
function retireBlockers(ctx: ServiceContext, row: DivisionRecord): string | null {
  const count = (sql: string) => (ctx.sqlite.prepare(sql).pluck().get(row.code) as number) ?? 0
  if (row.level === 'township') {
    const villages = count('SELECT count(*) FROM divisions WHERE parent_code = ? AND retired_on IS NULL')
    if (villages) return `${row.name}下仍有 ${villages} 个未撤销的村/社区，请先撤销或移到其他乡镇/街道。`
    const supervisors = count('SELECT count(*) FROM supervisors WHERE township_code = ? AND end_date IS NULL')
    if (supervisors) return `${row.name}仍有在任儿童督导员，请先填写其离任日期。`
    return null
  }
  const children = count("SELECT count(*) FROM children WHERE village_code = ? AND status = 'active'")
  if (children) return `${row.name}仍有 ${children} 名在册儿童，请先把他们调整到其他村/社区。`
  const directors = count('SELECT count(*) FROM directors WHERE village_code = ? AND end_date IS NULL')
  if (directors) return `${row.name}仍有在任儿童主任，请先填写其离任日期。`
  return null
}

export function restoreDivision(ctx: ServiceContext, input: { code: string }): Outcome<Division> {
  return inTransaction(ctx, () => {
    const row = findDivision(ctx, input.code)
    if (!row || !row.retiredOn) return refuse('该区划未被撤销。')
    const parent = row.parentCode ? findDivision(ctx, row.parentCode) : undefined
    if (parent?.retiredOn) return refuse(`上级${parent.name}已撤销，请先恢复上级。`)
    if (row.parentCode && siblingWithName(ctx, row.parentCode, row.name, row.code)) {
      return refuse(`同一上级下已有名为「${row.name}」的区划，请先重命名其中一个。`)
    }
    return changeDivision(ctx, row, { retiredOn: null }, '恢复区划')
  })
}

export function listDivisions(ctx: ServiceContext): Division[] {
  return selectDivisions(ctx, 'ORDER BY code').map(toDivision)
}

export function divisionTree(ctx: ServiceContext, input: { includeRetired: boolean }): DivisionTree {
  const all = selectDivisions(ctx, 'ORDER BY code')
  const visible = all.filter((d) => input.includeRetired || !d.retiredOn)
  const today = ctx.today()
  const countBy = (sql: string) =>
    new Map((ctx.sqlite.prepare(sql).all({ today }) as { code: string; n: number }[]).map((r) => [r.code, r.n]))
  const childrenByVillage = countBy(
    "SELECT village_code AS code, count(*) AS n FROM children WHERE status = 'active' GROUP BY village_code",
  )
  const directorsByVillage = countBy(
    // A village is served by its own director or by a neighbour's who also covers it.
    `SELECT code, count(*) AS n FROM (
       SELECT s.village_code AS code FROM directors s WHERE ${IN_POST}
       UNION ALL
       SELECT a.village_code FROM director_villages a JOIN directors s ON s.id = a.director_id WHERE ${IN_POST}
     ) GROUP BY code`,
  )
  const supervisorsByTownship = countBy(
    `SELECT s.township_code AS code, count(*) AS n FROM supervisors s WHERE ${IN_POST} GROUP BY s.township_code`,
  )
  const district = all.find((d) => d.level === 'district')
  const townships = visible
    .filter((d) => d.level === 'township')
    .map((t) => {
      const villages = visible
        .filter((v) => v.level === 'village' && v.parentCode === t.code)
        .map((v) => ({
          ...toDivision(v),
          childCount: childrenByVillage.get(v.code) ?? 0,
          directors: directorsByVillage.get(v.code) ?? 0,
        }))
      return {
        ...toDivision(t),
        villages,
        childCount: villages.reduce((sum, v) => sum + v.childCount, 0),
        supervisors: supervisorsByTownship.get(t.code) ?? 0,
      }
    })
  return { district: district ? toDivision(district) : null, townships }
}
