import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/core/dispatch'
import { fingerprint, tempRegistry, type TempRegistry } from '../../support/temp-registry'
import { addChild, call, makePlace, valueOf, type Place } from './support'

let reg: TempRegistry
let place: Place

beforeEach(async () => {
  reg = await tempRegistry()
  place = await makePlace(reg.ctx)
  // Paid from February 2026 (approved in January), and until the end of the budgets below.
  await addChild(reg.ctx, { name: '王小明', village: place.villages[0]!, categories: ['unsupported'], registeredOn: '2026-01-10' })
  // Turns 18 on 2027-03-15: paid through March 2027.
  await addChild(reg.ctx, { name: '李将满', village: place.villages[1]!, birthDate: '2009-03-15', categories: ['unsupported'], registeredOn: '2025-03-01' })
  // Neither programme's category: costs nothing.
  await addChild(reg.ctx, { name: '周留守', village: place.villages[1]!, categories: ['left-behind'], registeredOn: '2025-03-01' })
})
afterEach(() => reg?.cleanup())

describe('budget.year', () => {
  it('costs a year month by month under the standards in force, from the registry as it stands', async () => {
    const before = fingerprint(reg.ctx)
    const b2026 = await call(reg.ctx, 'budget.year', { programme: 'unsupported-basic', year: 2026 })
    expect(b2026.asOf).toBe('2026-11-23')
    expect(b2026.months.map((m) => m.caseload)).toEqual([1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2])
    expect(b2026.totalFen).toBe(23 * 120000)
    expect(b2026.whatIfTotalFen).toBe(b2026.totalFen)
    expect(b2026.differenceFen).toBe(0)
    const b2027 = await call(reg.ctx, 'budget.year', { programme: 'unsupported-basic', year: 2027 })
    expect(b2027.months.map((m) => m.caseload)).toEqual([2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    expect(b2027.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`))
    expect(b2027.totalFen).toBe(15 * 120000)
    expect(b2027.notes[0]).toContain('2026-11-23')
    // A read: nothing written.
    expect(fingerprint(reg.ctx)).toBe(before)
  })

  it('answers what-ifs: a new standard from a month, a caseload change', async () => {
    const raised = await call(reg.ctx, 'budget.year', {
      programme: 'unsupported-basic',
      year: 2027,
      whatIf: { newAmountFen: 150000, fromMonth: '2027-07' },
    })
    expect(raised.months[5]).toEqual({ month: '2027-06', caseload: 1, amountFen: 120000, whatIfCaseload: 1, whatIfAmountFen: 120000 })
    expect(raised.months[6]).toEqual({ month: '2027-07', caseload: 1, amountFen: 120000, whatIfCaseload: 1, whatIfAmountFen: 150000 })
    expect(raised.whatIfTotalFen).toBe(15 * 120000 + 6 * 30000)
    expect(raised.differenceFen).toBe(6 * 30000)
    expect(raised.notes.join('')).toContain('2027-07 起标准调整为 1500元/月')

    const doubled = await call(reg.ctx, 'budget.year', { programme: 'unsupported-basic', year: 2027, whatIf: { caseloadChangePercent: 100 } })
    expect(doubled.months.map((m) => m.whatIfCaseload)).toEqual([4, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2])
    expect(doubled.whatIfTotalFen).toBe(2 * doubled.totalFen)
    expect(doubled.notes.join('')).toContain('增加 100%')

    const both = await call(reg.ctx, 'budget.year', {
      programme: 'unsupported-basic',
      year: 2027,
      whatIf: { newAmountFen: 100000, fromMonth: '2027-04', caseloadChangePercent: -100 },
    })
    expect(both.months.slice(3).every((m) => m.whatIfCaseload === 0 && m.whatIfAmountFen === 0)).toBe(true)
    expect(both.whatIfTotalFen).toBe(3 * 2 * 120000)
  })

  it('costs the directors’ subsidy from the directors in post each month', async () => {
    const director = async (name: string, startDate: string, endDate = '') =>
      valueOf(await call(reg.ctx, 'directors.create', { divisionCode: place.villages[0]!, name, sex: 'F', startDate, endDate }))
    await director('王芳', '2024-03-01', '2026-10-31')
    valueOf(await call(reg.ctx, 'directors.create', { divisionCode: place.villages[1]!, name: '李新', sex: 'F', startDate: '2026-06-10' }))
    const b = await call(reg.ctx, 'budget.year', { programme: 'director-subsidy', year: 2026 })
    // 王芳 January–October; 李新 from July (in post on the 1st).
    expect(b.months.map((m) => m.caseload)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1])
    expect(b.totalFen).toBe(16 * 8000)
    const b2025 = await call(reg.ctx, 'budget.year', { programme: 'director-subsidy', year: 2025 })
    expect(b2025.totalFen).toBe(12 * 6000)
  })

  it('refuses an unknown programme and a malformed what-if in Chinese', async () => {
    const unknown = await dispatch(reg.ctx, 'budget.year', { programme: 'no-such', year: 2026 })
    expect('error' in unknown && unknown.error).toMatchObject({ code: 'refused', message: expect.stringContaining('不存在') })
    const bad = await dispatch(reg.ctx, 'budget.year', { programme: 'unsupported-basic', year: 2026, whatIf: { fromMonth: '2026-13', caseloadChangePercent: -150 } })
    expect('error' in bad && bad.error.code).toBe('invalid_input')
    expect('error' in bad && bad.error.issues!.join(' ')).toMatch(/whatIf\.fromMonth.*月份格式/)
  })
})
