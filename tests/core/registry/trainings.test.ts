import { afterEach, beforeEach, expect, it } from 'vitest'
import { addTraining, listTrainings, removeTraining } from '../../../src/core/registry/trainings-service'
import { demoRegistry, fingerprint, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
let directorId: number
beforeEach(async () => {
  reg = await demoRegistry()
  // A director the demo left untrained, so the list holds only what the test adds.
  directorId = reg.ctx.sqlite
    .prepare("SELECT id FROM directors d WHERE NOT EXISTS (SELECT 1 FROM staff_trainings t WHERE t.person_kind = 'director' AND t.person_id = d.id) ORDER BY id LIMIT 1")
    .pluck()
    .get() as number
})
afterEach(() => reg.cleanup())

const audits = () =>
  reg.ctx.sqlite.prepare("SELECT action, entity_id AS entityId FROM audit_log WHERE entity = 'director' AND action LIKE '%培训%' AND entity_id = ? ORDER BY id").all(String(directorId))

it('keeps each training with its date, course and hours, newest first, and audits adding and removing', () => {
  const first = addTraining(reg.ctx, { personKind: 'director', personId: directorId, heldOn: '2025-03-01', course: ' 儿童主任 业务培训 ', hoursTenths: 15 })
  const second = addTraining(reg.ctx, { personKind: 'director', personId: directorId, heldOn: '2026-04-10', course: '个案管理', hoursTenths: 40 })
  expect(first.ok && second.ok).toBe(true)
  expect(listTrainings(reg.ctx, 'director', directorId).map(({ heldOn, course, hoursTenths }) => [heldOn, course, hoursTenths])).toEqual([
    ['2026-04-10', '个案管理', 40],
    ['2025-03-01', '儿童主任 业务培训', 15],
  ])
  // A supervisor with the same id number has none of a director's trainings.
  expect(listTrainings(reg.ctx, 'supervisor', directorId).some((t) => t.course === '个案管理')).toBe(false)
  if (!first.ok) return
  expect(removeTraining(reg.ctx, first.value.id).ok).toBe(true)
  expect(listTrainings(reg.ctx, 'director', directorId)).toHaveLength(1)
  expect(audits()).toEqual([
    { action: '登记儿童主任培训', entityId: String(directorId) },
    { action: '登记儿童主任培训', entityId: String(directorId) },
    { action: '删除儿童主任培训记录', entityId: String(directorId) },
  ])
})

it('refuses a training for nobody, in the future or without a course, and writes nothing', () => {
  const before = fingerprint(reg.ctx)
  const nobody = addTraining(reg.ctx, { personKind: 'supervisor', personId: 999_999, heldOn: '2025-01-01', course: '培训', hoursTenths: 10 })
  expect(nobody).toEqual({ ok: false, problems: [{ message: '该儿童督导员记录不存在，请刷新后重试。' }] })
  const wrong = addTraining(reg.ctx, { personKind: 'director', personId: directorId, heldOn: '2099-01-01', course: '  ', hoursTenths: 10 })
  expect(wrong.ok).toBe(false)
  if (!wrong.ok) expect(wrong.problems.map((p) => p.field)).toEqual(['course', 'heldOn'])
  expect(removeTraining(reg.ctx, 424242).ok).toBe(false)
  expect(fingerprint(reg.ctx)).toBe(before)
})
