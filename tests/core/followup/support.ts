import type { ServiceContext } from '../../../src/core/context'
import { createChild } from '../../../src/core/registry/children-service'
import { createDivision, setDistrict } from '../../../src/core/registry/divisions-service'
import { createStaff, DIRECTOR, SUPERVISOR } from '../../../src/core/registry/staff-service'
import { makeIdNumber } from '../../../src/core/shared/id-number'

function ok<T>(outcome: { ok: true; value: T } | { ok: false; problems: { message: string }[] }): T {
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join('；'))
  return outcome.value
}

export const IDS = {
  c1: makeIdNumber('420102', '2015-03-02', 11),
  c2: makeIdNumber('420102', '2012-07-19', 22),
  c3: makeIdNumber('420102', '2016-11-30', 33),
  c4: makeIdNumber('420102', '2014-04-04', 44),
  c5: makeIdNumber('420102', '2008-12-20', 55),
  c6: makeIdNumber('420102', '2013-05-05', 66),
}

/**
 * 示范区 on 2026-11-23: 城关镇 (东街社区 with a director, 南关村 without) and 青山乡 (青山村 with a director); a supervisor
 * in 城关镇 only. Six children: c1..c3 in 城关镇, c4..c6 in 青山乡 (c6 exited).
 */
export function buildFollowupDistrict(ctx: ServiceContext) {
  const district = ok(setDistrict(ctx, { name: '示范区', code: '420102' }))
  const a = ok(createDivision(ctx, { level: 'township', parentCode: district.code, name: '城关镇' })).code
  const b = ok(createDivision(ctx, { level: 'township', parentCode: district.code, name: '青山乡' })).code
  const a1 = ok(createDivision(ctx, { level: 'village', parentCode: a, name: '东街社区' })).code
  const a2 = ok(createDivision(ctx, { level: 'village', parentCode: a, name: '南关村' })).code
  const b1 = ok(createDivision(ctx, { level: 'village', parentCode: b, name: '青山村' })).code
  const staff = (divisionCode: string, name: string) => ({
    divisionCode,
    name,
    sex: 'F' as const,
    birthDate: '1975-01-01',
    phone: '13800001111',
    partTime: true,
    concurrentPost: '',
    education: '高中',
    trained: true,
    startDate: '2020-01-01',
    alsoServes: [],
    endDate: '',
    notes: '',
  })
  ok(createStaff(ctx, SUPERVISOR, staff(a, '王督导')))
  const directorA = ok(createStaff(ctx, DIRECTOR, staff(a1, '李梅'))).id
  const directorB = ok(createStaff(ctx, DIRECTOR, staff(b1, '赵兰'))).id
  const child = (name: string, idNumber: string, villageCode: string, categories: string[], registeredOn: string) =>
    ok(
      createChild(ctx, {
        name,
        idNumber,
        villageCode,
        categories,
        address: '东街1号',
        guardianName: '张大',
        guardianRelation: '祖父',
        guardianPhone: '13800002222',
        bankAccount: '6217000000000000',
        registeredOn,
        notes: '',
      }),
    ).id
  const ids = {
    c1: child('张一', IDS.c1, a1, ['left-behind'], '2026-01-01'),
    c2: child('张二', IDS.c2, a1, ['low-income', 'disabled'], '2026-01-01'),
    c3: child('李三', IDS.c3, a2, ['left-behind'], '2026-01-01'),
    c4: child('王四', IDS.c4, b1, ['low-income'], '2026-10-20'),
    c5: child('赵五', IDS.c5, b1, ['orphan'], '2025-06-01'),
    c6: child('孙六', IDS.c6, b1, ['orphan'], '2025-06-01'),
  }
  return { townships: { a, b }, villages: { a1, a2, b1 }, directors: { a: directorA, b: directorB }, children: ids }
}

export { ok }
