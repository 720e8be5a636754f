import type { z } from 'zod'
import type { Outcome, PersonKind, TrainingInput, TrainingRow } from '../../contract'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'
import { statement } from '../db/statements'
import { normaliseText } from '../shared/text'

const TABLE: Record<PersonKind, 'supervisors' | 'directors'> = { supervisor: 'supervisors', director: 'directors' }
const TITLE: Record<PersonKind, string> = { supervisor: '儿童督导员', director: '儿童主任' }

interface TrainingRecord {
  id: number
  person_kind: PersonKind
  person_id: number
  held_on: string
  course: string
  hours_tenths: number
}

const toRow = (r: TrainingRecord): TrainingRow => ({ id: r.id, heldOn: r.held_on, course: r.course, hoursTenths: r.hours_tenths })

export function listTrainings(ctx: ServiceContext, personKind: PersonKind, personId: number): TrainingRow[] {
  const rows = statement(
    ctx.sqlite,
    'SELECT * FROM staff_trainings WHERE person_kind = ? AND person_id = ? ORDER BY held_on DESC, id DESC',
  ).all(personKind, personId) as TrainingRecord[]
  return rows.map(toRow)
}

export function addTraining(ctx: ServiceContext, input: z.output<typeof TrainingInput>): Outcome<{ id: number }> {
  return inTransaction(ctx, () => {
    const person = statement(ctx.sqlite, `SELECT name, start_date FROM ${TABLE[input.personKind]} WHERE id = ?`).get(input.personId) as
      | { name: string; start_date: string | null }
      | undefined
    if (!person) return { ok: false as const, problems: [{ message: `该${TITLE[input.personKind]}记录不存在，请刷新后重试。` }] }
    const problems = []
    const course = normaliseText(input.course)
    if (!course) problems.push({ field: 'course', message: '请填写培训内容（课程名称）。' })
    if (input.heldOn > ctx.today()) problems.push({ field: 'heldOn', message: '培训日期不能晚于今天。' })
    const tenths = input.hoursTenths
    if (problems.length) return { ok: false as const, problems }
    const result = statement(
      ctx.sqlite,
      `INSERT INTO staff_trainings (person_kind, person_id, held_on, course, hours_tenths, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(input.personKind, input.personId, input.heldOn, course, tenths, ctx.now())
    const id = Number(result.lastInsertRowid)
    recordAudit(ctx, {
      action: `登记${TITLE[input.personKind]}培训`,
      entity: input.personKind,
      entityId: input.personId,
      after: { trainingId: id, heldOn: input.heldOn, course, hours: tenths / 10 },
    })
    return { ok: true as const, value: { id } }
  })
}

export function removeTraining(ctx: ServiceContext, id: number): Outcome<{ id: number }> {
  return inTransaction(ctx, () => {
    const row = statement(ctx.sqlite, 'SELECT * FROM staff_trainings WHERE id = ?').get(id) as TrainingRecord | undefined
    if (!row) return { ok: false as const, problems: [{ message: '该培训记录不存在，可能已被删除，请刷新后重试。' }] }
    statement(ctx.sqlite, 'DELETE FROM staff_trainings WHERE id = ?').run(id)
    recordAudit(ctx, {
      action: `删除${TITLE[row.person_kind]}培训记录`,
      entity: row.person_kind,
      entityId: row.person_id,
      before: toRow(row),
    })
    return { ok: true as const, value: { id } }
  })
}
