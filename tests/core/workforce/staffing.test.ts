import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChildInput } from '../../../src/contract'
import { createChild, exitChild } from '../../../src/core/registry/children-service'
import { createDivision, retireDivision, setDistrict } from '../../../src/core/registry/divisions-service'
import { createStaff, DIRECTOR, SUPERVISOR } from '../../../src/core/registry/staff-service'
import { makeIdNumber } from '../../../src/core/shared/id-number'
import { addTraining } from '../../../src/core/registry/trainings-service'
import { townshipWorkforce, workforceOverview } from '../../../src/core/workforce/overview'
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

describe('directors serving several villages', () => {
  it('counts a village served by a neighbour as covered, and gives the neighbour its children', () => {
    const own = createStaff(reg.ctx, DIRECTOR, { ...person(places['一村']!), alsoServes: [places['三村']!] })
    expect(own.ok).toBe(true)
    child('一村', '2015-01-01', 1)
    child('三村', '2015-01-01', 2)
    child('三村', '2016-01-01', 3)
    const table = staffingTable(reg.ctx, '2026-11-23')
    expect(table.townships[0]).toMatchObject({ directors: 1, villagesWithoutDirector: ['二村'], maxChildrenPerDirector: 3 })
    const overview = workforceOverview(reg.ctx, '2026-11-23', 5)
    expect(overview.coverage.multiVillageDirectors).toEqual([
      expect.objectContaining({ name: '王芳', village: '一村', alsoServes: ['三村'], children: 3 }),
    ])
  })

  it('refuses to let a director also serve the own village, a township, or a village someone else serves', () => {
    createStaff(reg.ctx, DIRECTOR, { ...person(places['二村']!), name: '李强' })
    const clash = createStaff(reg.ctx, DIRECTOR, { ...person(places['一村']!), alsoServes: [places['二村']!, places['一村']!, places['甲镇']!] })
    expect(clash.ok).toBe(false)
    if (clash.ok) return
    expect(clash.problems.map((p) => p.message)).toEqual([
      '二村已由儿童主任「李强」服务，不能再由本人兼管。',
      '一村是本人所在村，无需再列为兼管村。',
      `兼管村代码 ${places['甲镇']} 不是本区的村/社区，请重新选择。`,
    ])
    const supervisor = createStaff(reg.ctx, SUPERVISOR, { ...person(places['甲镇']!), alsoServes: [places['三村']!] })
    expect(supervisor.ok).toBe(false)
    expect(reg.ctx.sqlite.prepare('SELECT count(*) FROM director_villages').pluck().get()).toBe(0)
  })

  it('ends the extra villages with the term: after the director leaves, they are uncovered again', () => {
    createStaff(reg.ctx, DIRECTOR, { ...person(places['一村']!, { endDate: '2026-06-30' }), alsoServes: [places['三村']!] })
    expect(staffingTable(reg.ctx, '2026-06-30').townships[0]!.villagesWithoutDirector).toEqual(['二村'])
    expect(staffingTable(reg.ctx, '2026-07-01').townships[0]!.villagesWithoutDirector).toEqual(['一村', '二村', '三村'])
  })
})

describe('the workforce overview', () => {
  it('names the gaps with since when, and the children nobody visits', () => {
    createStaff(reg.ctx, DIRECTOR, person(places['三村']!, { startDate: '2020-01-01', endDate: '2025-12-31' }))
    createStaff(reg.ctx, SUPERVISOR, person(places['乙镇']!, { startDate: '2020-01-01', endDate: '2026-03-15' }))
    createStaff(reg.ctx, DIRECTOR, person(places['一村']!))
    child('三村', '2015-01-01', 1)
    child('四村', '2015-01-01', 2)
    child('四村', '2016-01-01', 3)
    const overview = workforceOverview(reg.ctx, '2026-11-23', 5)
    expect(overview.coverage.villagesWithoutDirector.map((v) => [v.township, v.village, v.children, v.vacantSince])).toEqual([
      ['甲镇', '二村', 0, null],
      ['甲镇', '三村', 1, '2026-01-01'],
      ['乙镇', '四村', 2, null],
    ])
    expect(overview.coverage.townshipsWithoutSupervisor).toEqual([
      { code: places['甲镇'], township: '甲镇', vacantSince: null },
      { code: places['乙镇'], township: '乙镇', vacantSince: '2026-03-16' },
    ])
    expect(overview.coverage.childrenWithoutDirector).toBe(3)
  })

  it('spreads the load, lists the heaviest, and plans centres township by township', () => {
    createStaff(reg.ctx, SUPERVISOR, person(places['甲镇']!))
    createStaff(reg.ctx, DIRECTOR, person(places['一村']!, { name: '甲主任' }))
    createStaff(reg.ctx, DIRECTOR, person(places['二村']!, { name: '乙主任' }))
    createStaff(reg.ctx, DIRECTOR, person(places['四村']!, { name: '丙主任' }))
    for (let i = 0; i < 4; i++) child('一村', `201${i}-01-01`, i)
    child('二村', '2015-01-01', 5)
    const overview = workforceOverview(reg.ctx, '2026-11-23', 2)
    expect(overview.load.perDirector).toEqual({ mean: 1.7, median: 1, max: 4 })
    expect(overview.load.perSupervisor).toEqual({ mean: 5, median: 5, max: 5 })
    expect(overview.load.heaviest.map((h) => [h.name, h.children])).toEqual([['甲主任', 4], ['乙主任', 1], ['丙主任', 0]])
    // 甲镇 3 villages → 2 centres at 2 per centre, 乙镇 1 village → 1
    expect(overview.planning).toMatchObject({ villagesPerCentre: 2, centres: 3 })
  })

  it('describes the people: age, sex, terms, posts held alongside, schooling, training in the last 12 months', () => {
    const a = createStaff(reg.ctx, DIRECTOR, person(places['一村']!, { birthDate: '1960-11-23', concurrentPost: '妇联主席', education: '高中', startDate: '2016-01-01' }))
    const b = createStaff(reg.ctx, DIRECTOR, person(places['二村']!, { name: '李强', sex: 'M', birthDate: '1990-05-01', startDate: '2025-12-01' }))
    createStaff(reg.ctx, DIRECTOR, { ...person(places['三村']!, { birthDate: '1966-11-24', concurrentPost: '妇联主席' }), partTime: false })
    if (!a.ok || !b.ok) throw new Error('setup')
    expect(addTraining(reg.ctx, { personKind: 'director', personId: a.value.id, heldOn: '2025-11-24', course: '儿童主任培训', hoursTenths: 15 }).ok).toBe(true)
    expect(addTraining(reg.ctx, { personKind: 'director', personId: b.value.id, heldOn: '2025-11-23', course: '儿童主任培训', hoursTenths: 20 }).ok).toBe(true)
    const people = workforceOverview(reg.ctx, '2026-11-23', 5).people.directors
    expect(people).toMatchObject({ count: 3, male: 1, female: 2, partTime: 2, fullTime: 1, over60: 1, over60Share: 33.3 })
    expect(people.ages.find((b) => b.label === '60–69岁')!.count).toBe(1)
    expect(people.ages.find((b) => b.label === '50–59岁')!.count).toBe(1)
    expect(people.concurrentPosts).toEqual([{ label: '妇联主席', count: 2 }, { label: '无兼任', count: 1 }])
    expect(people.education).toEqual([{ label: '未填', count: 2 }, { label: '高中', count: 1 }])
    // 2025-11-23 is exactly twelve months back: outside "the last 12 months", 2025-11-24 inside.
    expect(people).toMatchObject({ trainedLast12Months: 1, trainedLast12MonthsShare: 33.3, neverTrained: 1 })
    expect(people.tenure.map((t) => t.count)).toEqual([1, 1, 0, 0, 1])
    expect(people.meanYearsInPost).toBe(4)
  })

  it('opens a township: its villages with who serves each, and its people with their loads', () => {
    createStaff(reg.ctx, SUPERVISOR, person(places['甲镇']!, { name: '赵督导' }))
    createStaff(reg.ctx, DIRECTOR, { ...person(places['一村']!), alsoServes: [places['二村']!] })
    child('一村', '2015-01-01', 1)
    child('二村', '2015-01-01', 2)
    child('三村', '2015-01-01', 3)
    const township = townshipWorkforce(reg.ctx, places['甲镇']!, '2026-11-23')!
    expect(township.villages.map((v) => [v.name, v.children, v.directors, v.servedBy])).toEqual([
      ['一村', 1, ['王芳'], []],
      ['二村', 1, [], ['王芳']],
      ['三村', 1, [], []],
    ])
    expect(township.directors).toEqual([expect.objectContaining({ name: '王芳', villages: '一村、二村', children: 2 })])
    expect(township.supervisors).toEqual([expect.objectContaining({ name: '赵督导', children: 3 })])
    expect(townshipWorkforce(reg.ctx, places['一村']!, '2026-11-23')).toBeNull()
  })
})
