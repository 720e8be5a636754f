import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDivision, retireDivision, setDistrict } from '../../../src/core/registry/divisions-service'
import { createStaff, DIRECTOR, getStaff, listStaff, SUPERVISOR, updateStaff } from '../../../src/core/registry/staff-service'
import { registrySummary } from '../../../src/core/registry/summary-service'
import { seedDemoDistrict } from '../../../src/core/demo/demo-district'
import { fingerprint, tempRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
let township = ''
let village = ''
beforeEach(async () => {
  reg = await tempRegistry('2026-11-23')
  const d = setDistrict(reg.ctx, { name: '江岸区', code: '420102' })
  if (!d.ok) throw new Error('setup')
  const t = createDivision(reg.ctx, { level: 'township', parentCode: d.value.code, name: '甲镇' })
  if (!t.ok) throw new Error('setup')
  const v = createDivision(reg.ctx, { level: 'village', parentCode: t.value.code, name: '一村' })
  if (!v.ok) throw new Error('setup')
  township = t.value.code
  village = v.value.code
})
afterEach(() => reg.cleanup())

const person = (divisionCode: string, extra: Record<string, unknown> = {}) => ({
  divisionCode,
  name: '王芳',
  sex: 'F' as const,
  birthDate: '1962-04-01',
  phone: '139 0013 9000',
  partTime: true,
  concurrentPost: '妇联主席',
  education: '高中',
  trained: true,
  startDate: '2024-03-01',
  endDate: '',
  notes: '',
  ...extra,
})

describe('supervisors and directors', () => {
  it('records a director, masks the phone in the list and shows it whole in the record', () => {
    const created = createStaff(reg.ctx, DIRECTOR, person(village))
    expect(created.ok).toBe(true)
    if (!created.ok) return
    const [row] = listStaff(reg.ctx, DIRECTOR, { includeFormer: false })
    expect(row).toMatchObject({ name: '王芳', divisionName: '一村', townshipName: '甲镇', age: 64, phoneMasked: '139****9000' })
    expect(row).not.toHaveProperty('phone')
    expect(getStaff(reg.ctx, DIRECTOR, created.value.id)?.phone).toBe('13900139000')
  })

  it('keeps one person in a post at a time; a successor starts after the predecessor leaves', () => {
    const first = createStaff(reg.ctx, SUPERVISOR, person(township))
    if (!first.ok) throw new Error('setup')
    const before = fingerprint(reg.ctx)
    const second = createStaff(reg.ctx, SUPERVISOR, person(township, { name: '李强', sex: 'M' }))
    expect(second.ok).toBe(false)
    if (!second.ok) expect(second.problems[0]?.message).toContain('已有在任儿童督导员「王芳」')
    expect(fingerprint(reg.ctx)).toBe(before)

    expect(updateStaff(reg.ctx, SUPERVISOR, { ...person(township, { endDate: '2026-10-31' }), id: first.value.id }).ok).toBe(true)
    expect(createStaff(reg.ctx, SUPERVISOR, person(township, { name: '李强', sex: 'M', startDate: '2026-11-01' })).ok).toBe(true)
    expect(listStaff(reg.ctx, SUPERVISOR, { includeFormer: false }).map((s) => s.name)).toEqual(['李强'])
    expect(listStaff(reg.ctx, SUPERVISOR, { includeFormer: true }).map((s) => s.name).sort()).toEqual(['李强', '王芳'])
  })

  it('checks the place, the dates and the phone', () => {
    const result = createStaff(
      reg.ctx,
      DIRECTOR,
      person(township, { phone: '123', startDate: '2025-01-01', endDate: '2024-01-01', birthDate: '2020-01-01' }),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map((p) => p.field).sort()).toEqual(['birthDate', 'divisionCode', 'endDate', 'phone'])
  })

  it('keeps a retired village from getting a new director', () => {
    expect(retireDivision(reg.ctx, { code: village, on: '2026-01-01' }).ok).toBe(true)
    expect(createStaff(reg.ctx, DIRECTOR, person(village)).ok).toBe(false)
  })
})

describe('summary', () => {
  it('counts the demo district the way the registry holds it', async () => {
    const demo = await tempRegistry('2026-11-23')
    try {
      seedDemoDistrict(demo.ctx)
      const summary = registrySummary(demo.ctx)
      const count = (sql: string) => demo.ctx.sqlite.prepare(sql).pluck().get() as number
      expect(summary.district).toBe('示范区')
      expect(summary.totals.children).toBe(count("SELECT count(*) FROM children WHERE status = 'active'"))
      expect(summary.totals.townships).toBe(3)
      expect(summary.totals.villages).toBe(12)
      expect(summary.totals.supervisors).toBe(3)
      expect(summary.totals.directors).toBe(9)
      expect(summary.totals.villagesWithoutDirector).toBe(3)
      expect(summary.byTownship.reduce((n, t) => n + t.childCount, 0)).toBe(summary.totals.children)
      const categorySum = summary.byCategory.reduce((n, c) => n + c.childCount, 0)
      expect(categorySum).toBe(count('SELECT count(*) FROM child_categories WHERE until IS NULL'))
    } finally {
      demo.cleanup()
    }
  })
})
