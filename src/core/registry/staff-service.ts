import type { z } from 'zod'
import type { Outcome, Problem, StaffDetail, StaffInput as StaffInputSchema, StaffQuery, StaffRow } from '../../contract'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'
import { ageOn } from '../shared/dates'
import { maskPhone } from '../shared/id-number'
import { checkPhone, normaliseName, normalisePhone, normaliseText } from '../shared/text'
import { checkAlsoServes, saveAlsoServes } from './director-villages'
import { findDivision } from './divisions-service'
import { IN_POST } from './in-post'

// Callers inside the app (demo district, tests) need not name the villages a director also serves.
type ParsedStaffInput = Omit<z.output<typeof StaffInputSchema>, 'alsoServes'> & { alsoServes?: string[] }
type ParsedStaffQuery = z.output<typeof StaffQuery>

/** Supervisors serve a township, directors a village: the two tables differ only in that. */
export interface StaffKind {
  table: 'supervisors' | 'directors'
  divisionColumn: 'township_code' | 'village_code'
  level: 'township' | 'village'
  title: string
  place: string
}

export const SUPERVISOR: StaffKind = {
  table: 'supervisors',
  divisionColumn: 'township_code',
  level: 'township',
  title: '儿童督导员',
  place: '乡镇/街道',
}
export const DIRECTOR: StaffKind = {
  table: 'directors',
  divisionColumn: 'village_code',
  level: 'village',
  title: '儿童主任',
  place: '村/社区',
}


/** A supervisor's or director's row as SQLite returns it, the division under one name. */
export interface StaffRecordRow {
  id: number
  division_code: string
  name: string
  sex: 'M' | 'F'
  birth_date: string | null
  phone: string
  part_time: number
  concurrent_post: string
  education: string
  trained: number
  start_date: string | null
  end_date: string | null
  notes: string
}

function checkStaff(ctx: ServiceContext, kind: StaffKind, input: ParsedStaffInput, exceptId?: number) {
  const problems: Problem[] = []
  const today = ctx.today()
  const name = normaliseName(input.name)
  if (!name) problems.push({ field: 'name', message: `请填写${kind.title}姓名。` })
  const division = input.divisionCode ? findDivision(ctx, input.divisionCode) : undefined
  if (!division || division.level !== kind.level) {
    problems.push({ field: 'divisionCode', message: `请选择${kind.title}所在的${kind.place}。` })
  } else if (division.retiredOn && !input.endDate) {
    problems.push({ field: 'divisionCode', message: `${division.name}已撤销，不能再安排在任的${kind.title}。` })
  }
  const phone = normalisePhone(input.phone)
  if (phone) {
    const checked = checkPhone(phone)
    if (!checked.ok) problems.push({ field: 'phone', message: checked.reason })
  }
  if (input.birthDate) {
    const age = ageOn(input.birthDate, today)
    if (input.birthDate > today || age < 16 || age > 100) {
      problems.push({ field: 'birthDate', message: '出生日期不合理，请核对（应年满16周岁）。' })
    }
  }
  if (input.startDate && input.startDate > today) {
    problems.push({ field: 'startDate', message: '任职日期不能晚于今天。' })
  }
  if (input.startDate && input.endDate && input.endDate < input.startDate) {
    problems.push({ field: 'endDate', message: '离任日期不能早于任职日期。' })
  }
  // One person in the post at a time: a successor's record starts after the predecessor's ends.
  if (division && (!input.endDate || input.endDate >= today)) {
    const current = ctx.sqlite
      .prepare(
        `SELECT s.name FROM ${kind.table} s WHERE s.${kind.divisionColumn} = @code AND ${IN_POST} AND s.id <> @except`,
      )
      .get({ code: division.code, today, except: exceptId ?? -1 }) as { name: string } | undefined
    if (current) {
      problems.push({
        field: 'divisionCode',
        message: `${division.name}已有在任${kind.title}「${current.name}」。如已更换，请先在其记录中填写离任日期。`,
      })
    }
  }
  if (kind.level === 'village' && division) {
    problems.push(
      ...checkAlsoServes(ctx, input.alsoServes ?? [], { villageCode: division.code, directorId: exceptId, endDate: input.endDate || null }),
    )
  } else if (input.alsoServes?.length) {
    problems.push({ field: 'alsoServes', message: '只有儿童主任可以兼管其他村/社区。' })
  }
  return {
    problems,
    values: {
      division_code: input.divisionCode,
      name,
      sex: input.sex,
      birth_date: input.birthDate || null,
      phone,
      part_time: input.partTime ? 1 : 0,
      concurrent_post: normaliseText(input.concurrentPost),
      education: normaliseText(input.education),
      trained: input.trained ? 1 : 0,
      start_date: input.startDate || null,
      end_date: input.endDate || null,
      notes: input.notes.trim(),
    },
  }
}

function selectRecord(ctx: ServiceContext, kind: StaffKind, id: number): StaffRecordRow | undefined {
  return ctx.sqlite
    .prepare(`SELECT s.*, s.${kind.divisionColumn} AS division_code FROM ${kind.table} s WHERE s.id = ?`)
    .get(id) as StaffRecordRow | undefined
}

function auditView(ctx: ServiceContext, kind: StaffKind, row: StaffRecordRow) {
  const { division_code: divisionCode, ...rest } = row
  if (kind.level !== 'village') return { ...rest, divisionCode }
  const alsoServes = ctx.sqlite
    .prepare('SELECT village_code FROM director_villages WHERE director_id = ? ORDER BY village_code')
    .pluck()
    .all(row.id) as string[]
  return { ...rest, divisionCode, alsoServes }
}

export function createStaff(ctx: ServiceContext, kind: StaffKind, input: ParsedStaffInput): Outcome<{ id: number }> {
  return inTransaction(ctx, () => {
    const { problems, values } = checkStaff(ctx, kind, input)
    if (problems.length) return { ok: false as const, problems }
    const now = ctx.now()
    const result = ctx.sqlite
      .prepare(
        `INSERT INTO ${kind.table} (${kind.divisionColumn}, name, sex, birth_date, phone, part_time, concurrent_post,
           education, trained, start_date, end_date, notes, created_at, updated_at)
         VALUES (@division_code, @name, @sex, @birth_date, @phone, @part_time, @concurrent_post, @education, @trained,
           @start_date, @end_date, @notes, @now, @now)`,
      )
      .run({ ...values, now })
    const id = Number(result.lastInsertRowid)
    if (kind.level === 'village') saveAlsoServes(ctx, id, input.alsoServes ?? [])
    recordAudit(ctx, {
      action: `新增${kind.title}`,
      entity: kind.table === 'supervisors' ? 'supervisor' : 'director',
      entityId: id,
      after: auditView(ctx, kind, selectRecord(ctx, kind, id)!),
    })
    return { ok: true as const, value: { id } }
  })
}

export function updateStaff(
  ctx: ServiceContext,
  kind: StaffKind,
  input: ParsedStaffInput & { id: number },
): Outcome<{ id: number }> {
  return inTransaction(ctx, () => {
    const record = selectRecord(ctx, kind, input.id)
    const before = record && auditView(ctx, kind, record)
    if (!before) return { ok: false as const, problems: [{ message: `该${kind.title}记录不存在，请刷新后重试。` }] }
    const { problems, values } = checkStaff(ctx, kind, input, input.id)
    if (problems.length) return { ok: false as const, problems }
    ctx.sqlite
      .prepare(
        `UPDATE ${kind.table} SET ${kind.divisionColumn} = @division_code, name = @name, sex = @sex,
           birth_date = @birth_date, phone = @phone, part_time = @part_time, concurrent_post = @concurrent_post,
           education = @education, trained = @trained, start_date = @start_date, end_date = @end_date, notes = @notes, updated_at = @now
         WHERE id = @id`,
      )
      .run({ ...values, now: ctx.now(), id: input.id })
    if (kind.level === 'village') saveAlsoServes(ctx, input.id, input.alsoServes ?? [])
    recordAudit(ctx, {
      action: `修改${kind.title}信息`,
      entity: kind.table === 'supervisors' ? 'supervisor' : 'director',
      entityId: input.id,
      before,
      after: auditView(ctx, kind, selectRecord(ctx, kind, input.id)!),
    })
    return { ok: true as const, value: { id: input.id } }
  })
}

type StaffListRow = StaffRecordRow & {
  division_name: string
  township_code: string
  township_name: string
  child_count: number
  also_serves: string
  training_count: number
  last_trained_on: string | null
}

/** The list and the single record read the same joined shape. */
function staffQuery(kind: StaffKind, filters: string[]): string {
  const township = kind.level === 'township' ? 'd' : 't'
  const childrenCount =
    kind.level === 'township'
      ? `(SELECT count(*) FROM children c JOIN divisions cv ON cv.code = c.village_code
           WHERE cv.parent_code = d.code AND c.status = 'active')`
      : `(SELECT count(*) FROM children c WHERE c.status = 'active' AND (c.village_code = d.code
           OR c.village_code IN (SELECT a.village_code FROM director_villages a WHERE a.director_id = s.id)))`
  const alsoServes =
    kind.level === 'village'
      ? `(SELECT json_group_array(json_object('code', av.code, 'name', av.name)) FROM
           (SELECT av.code, av.name FROM director_villages a JOIN divisions av ON av.code = a.village_code
             WHERE a.director_id = s.id ORDER BY av.code) av)`
      : `'[]'`
  const person = kind.level === 'village' ? 'director' : 'supervisor'
  return `SELECT s.*, d.code AS division_code, d.name AS division_name, ${township}.code AS township_code,
              ${township}.name AS township_name, ${childrenCount} AS child_count, ${alsoServes} AS also_serves,
              (SELECT count(*) FROM staff_trainings tr WHERE tr.person_kind = '${person}' AND tr.person_id = s.id) AS training_count,
              (SELECT max(tr.held_on) FROM staff_trainings tr WHERE tr.person_kind = '${person}' AND tr.person_id = s.id) AS last_trained_on
         FROM ${kind.table} s
         JOIN divisions d ON d.code = s.${kind.divisionColumn}
         ${kind.level === 'village' ? 'JOIN divisions t ON t.code = d.parent_code' : ''}
        ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
        ORDER BY d.code, s.start_date DESC, s.id DESC`
}

function toStaffRow(r: StaffListRow, today: string): StaffRow {
  return {
    id: r.id,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    age: r.birth_date ? ageOn(r.birth_date, today) : null,
    phoneMasked: r.phone ? maskPhone(r.phone) : '',
    partTime: r.part_time === 1,
    concurrentPost: r.concurrent_post,
    education: r.education,
    trained: r.trained === 1,
    startDate: r.start_date,
    endDate: r.end_date,
    notes: r.notes,
    childCount: r.child_count,
    alsoServes: JSON.parse(r.also_serves) as { code: string; name: string }[],
    trainingCount: r.training_count,
    lastTrainedOn: r.last_trained_on,
  }
}

export function listStaff(ctx: ServiceContext, kind: StaffKind, query: ParsedStaffQuery): StaffRow[] {
  const today = ctx.today()
  const township = kind.level === 'township' ? 'd' : 't'
  const filters = [query.townshipCode ? `${township}.code = @township` : '', query.includeFormer ? '' : IN_POST]
  const rows = ctx.sqlite
    .prepare(staffQuery(kind, filters.filter(Boolean)))
    .all({ today, township: query.townshipCode ?? '' }) as StaffListRow[]
  return rows.map((r) => toStaffRow(r, today))
}

export function getStaff(ctx: ServiceContext, kind: StaffKind, id: number): StaffDetail | null {
  const row = ctx.sqlite.prepare(staffQuery(kind, ['s.id = @id'])).get({ id }) as StaffListRow | undefined
  return row ? { ...toStaffRow(row, ctx.today()), phone: row.phone } : null
}
