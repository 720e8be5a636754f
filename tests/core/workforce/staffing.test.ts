import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChildInput } from '../../../src/contract'
import { createChild, exitChild } from '../../../src/core/registry/children-service'
import { createDivision, retireDivision, setDistrict } from '../../../src/core/registry/divisions-service'
import { createStaff, DIRECTOR, SUPERVISOR } from '../../../src/core/registry/staff-service'
import { makeIdNumber } from '../../../src/core/shared/id-number'
import { staffingTable } from '../../../src/core/workforce/staffing'
import { tempRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
const places: Record<string, string> = {}
beforeEach(async () => {
  reg = await tempRegistry('2026-11-23')
  const d = setDistrict(reg.ctx, { name: '江岸区', code: '420102' })
  if (!d.ok) throw new Error('setup')
  for (const [township, villages] of [['甲镇', ['一村', '二村', '三村']], ['乙镇', ['四村']]] as const) {
    const t = createDivision(reg.ctx, { level: 'township', parentCode: d.value.code, name: township })
    if (!t.ok) throw new Error('setup')
    places[township] = t.value.code
    for (const village of villages) {
      const v = createDivision(reg.ctx, { level: 'village', parentCode: t.value.code, name: village })
      if (!v.ok) throw new Error('setup')
      places[village] = v.value.code
    }
  }
})
afterEach(() => reg.cleanup())

const person = (divisionCode: string, extra: Record<string, string> = {}) => ({
  divisionCode, name: '王芳', sex: 'F' as const, birthDate: '', phone: '', partTime: true, concurrentPost: '',
  education: '', trained: false, startDate: '2024-01-01', endDate: '', notes: '', ...extra,
})

function child(village: string, birth: string, seq: number, extra: Partial<ChildInput> = {}): number {
  const result = createChild(reg.ctx, {
    name: `儿童${'甲乙丙丁戊己庚辛壬癸'[seq] ?? '子'}`, idNumber: makeIdNumber('420102', birth, seq), villageCode: places[village]!, categories: ['disabled'],
    address: '', guardianName: '', guardianRelation: '', guardianPhone: '', bankAccount: '', registeredOn: '2025-01-01', notes: '', ...extra,
  })
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.value.id
}

describe('the staffing table as of a date', () => {
  it('counts townships, villages, people and children, and names the gaps', () => {
    createStaff(reg.ctx, SUPERVISOR, person(places['甲镇']!))
    createStaff(reg.ctx, DIRECTOR, person(places['一村']!))
    createStaff(reg.ctx, DIRECTOR, person(places['二村']!, { name: '李强', sex: 'M' }))
    child('一村', '2015-01-01', 1)
    child('一村', '2016-01-01', 2)
    child('一村', '2017-01-01', 3)
    child('二村', '2015-06-01', 4)
    child('三村', '2014-06-01', 5)
    const table = staffingTable(reg.ctx, '2026-11-23')
    expect(table.district).toEqual({
      townships: 2, villages: 4, supervisors: 1, directors: 2, children: 5,
      villagesWithoutDirector: ['甲镇/三村', '乙镇/四村'],
      townshipsWithoutSupervisor: ['乙镇'],
    })
    expect(table.townships[0]).toEqual({
      name: '甲镇', code: places['甲镇'], villages: 3, supervisors: 1, directors: 2, children: 5,
      villagesWithoutDirector: ['三村'], childrenPerDirector: 2.5, maxChildrenPerDirector: 3,
    })
    expect(table.townships[1]).toMatchObject({ name: '乙镇', directors: 0, childrenPerDirector: null })
  })

  it('leaves out a director who left, a village retired, a child who turned 18 or exited — only from that day on', () => {
    createStaff(reg.ctx, DIRECTOR, person(places['一村']!, { endDate: '2026-06-30' }))
    child('一村', '2008-09-01', 6) // turns 18 on 2026-09-01
    const exited = child('二村', '2015-01-01', 7)
    expect(exitChild(reg.ctx, { id: exited, reason: 'moved_away', date: '2026-10-01' }).ok).toBe(true)
    child('二村', '2016-01-01', 8)
    expect(retireDivision(reg.ctx, { code: places['四村']!, on: '2026-03-01' }).ok).toBe(true)

    const early = staffingTable(reg.ctx, '2026-02-01')
    expect(early.district).toMatchObject({ villages: 4, directors: 1, children: 3 })
    const summer = staffingTable(reg.ctx, '2026-08-31')
    expect(summer.district).toMatchObject({ villages: 3, directors: 0, children: 3 })
    const autumn = staffingTable(reg.ctx, '2026-09-01')
    expect(autumn.district.children).toBe(2)
    const late = staffingTable(reg.ctx, '2026-10-02')
    expect(late.district.children).toBe(1)
    // Before a child was registered it is not counted either.
    expect(staffingTable(reg.ctx, '2024-12-31').district.children).toBe(0)
  })
})
