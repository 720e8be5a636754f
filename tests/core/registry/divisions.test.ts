import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createDivision,
  divisionTree,
  moveVillage,
  renameDivision,
  restoreDivision,
  retireDivision,
  setDistrict,
} from '../../../src/core/registry/divisions-service'
import { fingerprint, tempRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
beforeEach(async () => {
  reg = await tempRegistry()
})
afterEach(() => reg.cleanup())

function value<T>(outcome: { ok: true; value: T } | { ok: false; problems: unknown }): T {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.problems)}`)
  return outcome.value
}

describe('division tree', () => {
  it('refuses a township before the district is set', () => {
    const result = createDivision(reg.ctx, { level: 'township', parentCode: '420102000000', name: '城关镇' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems[0]?.message).toContain('请先设置本区县')
  })

  it('builds district → township → village with official and generated codes', () => {
    const district = value(setDistrict(reg.ctx, { name: '江岸区', code: '420102' }))
    expect(district.code).toBe('420102000000')
    const official = value(createDivision(reg.ctx, { level: 'township', parentCode: district.code, name: '大智街道', code: '420102001000' }))
    expect(official.codeGenerated).toBe(false)
    const generated = value(createDivision(reg.ctx, { level: 'township', parentCode: district.code, name: '新镇' }))
    expect(generated.code).toBe('420102901000')
    expect(generated.codeGenerated).toBe(true)
    const village = value(createDivision(reg.ctx, { level: 'village', parentCode: official.code, name: '　新村 ' }))
    expect(village.name).toBe('新村')
    expect(village.code).toBe('420102001901')

    const tree = divisionTree(reg.ctx, { includeRetired: false })
    expect(tree.district?.name).toBe('江岸区')
    expect(tree.townships.map((t) => t.name)).toEqual(['大智街道', '新镇'])
    expect(tree.townships[0]?.villages.map((v) => v.name)).toEqual(['新村'])

    const audit = reg.ctx.sqlite.prepare('SELECT action, actor FROM audit_log ORDER BY id').all()
    expect(audit).toEqual([
      { action: '设置区县', actor: '测试员' },
      { action: '新增乡镇/街道', actor: '测试员' },
      { action: '新增乡镇/街道', actor: '测试员' },
      { action: '新增村/社区', actor: '测试员' },
    ])
  })

  it('explains wrong codes and duplicate names, and writes nothing', () => {
    const district = value(setDistrict(reg.ctx, { name: '江岸区', code: '420102' }))
    const township = value(createDivision(reg.ctx, { level: 'township', parentCode: district.code, name: '大智街道', code: '420102001000' }))
    const before = fingerprint(reg.ctx)
    const foreign = createDivision(reg.ctx, { level: 'township', parentCode: district.code, name: '外区镇', code: '420103001000' })
    expect(foreign).toMatchObject({ ok: false, problems: [{ field: 'code' }] })
    if (!foreign.ok) expect(foreign.problems[0]?.message).toContain('420102')
    const badVillage = createDivision(reg.ctx, { level: 'village', parentCode: township.code, name: '甲村', code: '420102002001' })
    expect(badVillage.ok).toBe(false)
    const duplicate = createDivision(reg.ctx, { level: 'township', parentCode: district.code, name: '大智街道' })
    expect(duplicate).toMatchObject({ ok: false, problems: [{ field: 'name' }] })
    const blank = createDivision(reg.ctx, { level: 'village', parentCode: township.code, name: '　' })
    expect(blank.ok).toBe(false)
    expect(fingerprint(reg.ctx)).toBe(before)
  })

  it('renames, moves, retires and restores a village, keeping the history in the audit log', () => {
    const district = value(setDistrict(reg.ctx, { name: '江岸区', code: '420102' }))
    const a = value(createDivision(reg.ctx, { level: 'township', parentCode: district.code, name: '甲镇' }))
    const b = value(createDivision(reg.ctx, { level: 'township', parentCode: district.code, name: '乙镇' }))
    const village = value(createDivision(reg.ctx, { level: 'village', parentCode: a.code, name: '旧名村' }))
    expect(value(renameDivision(reg.ctx, { code: village.code, name: '新名村' })).name).toBe('新名村')
    expect(value(moveVillage(reg.ctx, { code: village.code, parentCode: b.code })).parentCode).toBe(b.code)
    expect(value(retireDivision(reg.ctx, { code: village.code, on: '2026-06-30' })).retiredOn).toBe('2026-06-30')
    expect(divisionTree(reg.ctx, { includeRetired: false }).townships[1]?.villages).toHaveLength(0)
    expect(divisionTree(reg.ctx, { includeRetired: true }).townships[1]?.villages).toHaveLength(1)
    // A retired village takes no new villages' names hostage, and comes back on restore.
    expect(value(restoreDivision(reg.ctx, { code: village.code })).retiredOn).toBeNull()
    const actions = reg.ctx.sqlite.prepare("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id").pluck().all(village.code)
    expect(actions).toEqual(['新增村/社区', '重命名区划', '移动村/社区', '撤销区划', '恢复区划'])
  })

  it('refuses to retire a township that still has villages', () => {
    const district = value(setDistrict(reg.ctx, { name: '江岸区' }))
    expect(district.codeGenerated).toBe(true)
    const township = value(createDivision(reg.ctx, { level: 'township', parentCode: district.code, name: '甲镇' }))
    value(createDivision(reg.ctx, { level: 'village', parentCode: township.code, name: '一村' }))
    const result = retireDivision(reg.ctx, { code: township.code, on: '2026-01-01' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems[0]?.message).toContain('1 个未撤销的村/社区')
  })
})
