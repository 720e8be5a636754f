import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChildInput } from '../../../src/contract'
import { createChild, exitChild, getChild, listChildren, updateChild } from '../../../src/core/registry/children-service'
import { createDivision, setDistrict } from '../../../src/core/registry/divisions-service'
import { makeIdNumber } from '../../../src/core/shared/id-number'
import { fingerprint, tempRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
let villageA = ''
let villageB = ''
let townshipA = ''

beforeEach(async () => {
  reg = await tempRegistry('2026-11-23')
  const district = setDistrict(reg.ctx, { name: '江岸区', code: '420102' })
  if (!district.ok) throw new Error('setup')
  const t = createDivision(reg.ctx, { level: 'township', parentCode: district.value.code, name: '甲镇' })
  const t2 = createDivision(reg.ctx, { level: 'township', parentCode: district.value.code, name: '乙镇' })
  if (!t.ok || !t2.ok) throw new Error('setup')
  townshipA = t.value.code
  const a = createDivision(reg.ctx, { level: 'village', parentCode: t.value.code, name: '一村' })
  const b = createDivision(reg.ctx, { level: 'village', parentCode: t2.value.code, name: '二村' })
  if (!a.ok || !b.ok) throw new Error('setup')
  villageA = a.value.code
  villageB = b.value.code
})
afterEach(() => reg.cleanup())

function child(overrides: Partial<ChildInput> = {}) {
  return {
    name: '张三',
    idNumber: makeIdNumber('420102', '2015-03-02', 11),
    villageCode: villageA,
    categories: ['left-behind'],
    address: '',
    guardianName: '张大山',
    guardianRelation: '祖父',
    guardianPhone: '13800138000',
    bankAccount: '',
    registeredOn: '',
    notes: '',
    ...overrides,
  }
}

function created(input = child()): number {
  const result = createChild(reg.ctx, input)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.value.id
}

describe('registering a child', () => {
  it('takes birth date and sex from the ID number and normalises what clerks type', () => {
    const id = created(
      child({
        name: '李　小 红',
        idNumber: ` ${makeIdNumber('420102', '2012-02-29', 12)}　`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
        categories: ['残疾', '低保户儿童'],
      }),
    )
    const detail = getChild(reg.ctx, id)!
    expect(detail.name).toBe('李小红')
    expect(detail.birthDate).toBe('2012-02-29')
    expect(detail.sex).toBe('F')
    expect(detail.age).toBe(14)
    expect(detail.idNumber).toBe(makeIdNumber('420102', '2012-02-29', 12))
    expect(detail.categories.map((c) => c.code).sort()).toEqual(['disabled', 'low-income'])
    expect(detail.registeredOn).toBe('2026-11-23')
    expect(detail.history[0]).toMatchObject({ actor: '测试员', action: '新增儿童' })
  })

  it('says what is wrong under each field and writes nothing', () => {
    const before = fingerprint(reg.ctx)
    const valid = makeIdNumber('420102', '2015-03-02', 11)
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')
    const result = createChild(
      reg.ctx,
      child({ name: '', idNumber: wrongCheck, villageCode: '', categories: ['外星儿童'], guardianPhone: '12345', bankAccount: '工商银行' }),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    const fields = result.problems.map((p) => p.field).sort()
    expect(fields).toEqual(['bankAccount', 'categories', 'guardianPhone', 'idNumber', 'name', 'villageCode'])
    expect(result.problems.find((p) => p.field === 'idNumber')?.message).toContain('校验码')
    expect(result.problems.find((p) => p.field === 'categories')?.message).toContain('外星儿童')
    expect(fingerprint(reg.ctx)).toBe(before)
  })

  it('refuses adults, duplicates, exclusive categories and left-behind children aged 16+', () => {
    const adult = createChild(reg.ctx, child({ idNumber: makeIdNumber('420102', '2008-11-22', 13) }))
    expect(adult.ok).toBe(false)
    if (!adult.ok) expect(adult.problems[0]?.message).toContain('已满18周岁')
    // The day before the 18th birthday a child can still be registered.
    expect(createChild(reg.ctx, child({ idNumber: makeIdNumber('420102', '2008-11-24', 13), categories: ['disabled'] })).ok).toBe(true)

    created()
    const duplicate = createChild(reg.ctx, child({ name: '张三丰' }))
    expect(duplicate.ok).toBe(false)
    if (!duplicate.ok) expect(duplicate.problems[0]?.message).toContain('已登记为「张三」')

    const both = createChild(reg.ctx, child({ idNumber: makeIdNumber('420102', '2016-01-01', 15), categories: ['orphan', '事实孤儿'] }))
    expect(both.ok).toBe(false)
    if (!both.ok) expect(both.problems[0]?.message).toContain('不能同时登记')

    const sixteen = createChild(reg.ctx, child({ idNumber: makeIdNumber('420102', '2010-01-01', 17), categories: ['留守'] }))
    expect(sixteen.ok).toBe(false)
    if (!sixteen.ok) expect(sixteen.problems[0]?.message).toContain('未满16周岁')
  })

  it('edits a child, keeps category history and writes the before/after to the audit log', () => {
    const id = created()
    const result = updateChild(reg.ctx, { ...child({ categories: ['low-income'], guardianPhone: '13900139000', villageCode: villageB }), id })
    expect(result.ok).toBe(true)
    const detail = getChild(reg.ctx, id)!
    expect(detail.villageName).toBe('二村')
    expect(detail.categories.map((c) => c.code)).toEqual(['low-income'])
    const ended = reg.ctx.sqlite
      .prepare("SELECT until FROM child_categories WHERE child_id = ? AND category_code = 'left-behind'")
      .pluck()
      .get(id)
    expect(ended).toBe('2026-11-23')
    const change = detail.history[0]!
    expect(change.action).toBe('修改儿童信息')
    expect(change.changes).toContain('村/社区：甲镇一村 → 乙镇二村')
    expect(change.changes).toContain('困境类型：农村留守儿童 → 低保家庭儿童')
    // Phone numbers are masked even in the history view.
    expect(change.changes).toContain('监护人电话：138****8000 → 139****9000')
    const audit = reg.ctx.sqlite.prepare("SELECT before, after FROM audit_log WHERE action = '修改儿童信息'").get() as {
      before: string
      after: string
    }
    expect(JSON.parse(audit.before).guardianPhone).toBe('13800138000')
    expect(JSON.parse(audit.after).guardianPhone).toBe('13900139000')
  })

  it('checks age limits on an edit only for what the clerk changed', () => {
    // 15 when registered as left-behind; the limit is not re-applied to an unrelated edit later.
    const id = created(child({ idNumber: makeIdNumber('420102', '2010-11-24', 41), categories: ['left-behind'] }))
    reg.ctx.sqlite.prepare("UPDATE children SET birth_date = '2010-01-01' WHERE id = ?").run(id)
    expect(updateChild(reg.ctx, { ...child({ idNumber: makeIdNumber('420102', '2010-11-24', 41), categories: ['left-behind'], address: '新址' }), id }).ok).toBe(true)
    // A category added now is held to its limit; a new ID number to the age limit at registration.
    const older = created(child({ idNumber: makeIdNumber('420102', '2009-01-01', 43), categories: ['disabled'] }))
    const leftBehind = updateChild(reg.ctx, { ...child({ idNumber: makeIdNumber('420102', '2009-01-01', 43), categories: ['disabled', 'left-behind'] }), id: older })
    expect(leftBehind.ok).toBe(false)
    if (!leftBehind.ok) expect(leftBehind.problems.map((p) => p.field)).toEqual(['categories'])
    const adult = updateChild(reg.ctx, { ...child({ idNumber: makeIdNumber('420102', '2008-01-01', 45), categories: ['disabled'] }), id: older })
    expect(adult.ok).toBe(false)
    if (!adult.ok) expect(adult.problems.map((p) => p.field)).toEqual(['idNumber'])
  })

  it('lets a child leave the registry with a reason, never deleting it', () => {
    const id = created()
    expect(exitChild(reg.ctx, { id, reason: 'moved_away', date: '2026-12-01' }).ok).toBe(false)
    expect(exitChild(reg.ctx, { id, reason: 'moved_away', date: '2026-11-20' }).ok).toBe(false)
    expect(exitChild(reg.ctx, { id, reason: 'moved_away', date: '2026-11-23' }).ok).toBe(true)
    const detail = getChild(reg.ctx, id)
    expect(detail).toMatchObject({ status: 'exited', exitReason: 'moved_away', exitDate: '2026-11-23' })
    expect(detail?.history[0]).toMatchObject({ action: '退出登记（迁出本区）' })
    expect(detail?.history[0]?.changes).toEqual(
      expect.arrayContaining(['状态：在册 → 已退出', '退出原因：（空） → 迁出本区', '退出日期：（空） → 2026-11-23']),
    )
    expect(listChildren(reg.ctx, { status: 'active', page: 1, pageSize: 50, fullNumbers: false }).total).toBe(0)
    expect(listChildren(reg.ctx, { status: 'exited', page: 1, pageSize: 50, fullNumbers: false }).total).toBe(1)
  })
})

describe('finding children', () => {
  beforeEach(() => {
    created(child({ name: '张三', idNumber: makeIdNumber('420102', '2015-03-02', 11) }))
    created(child({ name: '单雄信', idNumber: makeIdNumber('420102', '2014-05-06', 21), categories: ['disabled'] }))
    created(child({ name: '曾小明', idNumber: makeIdNumber('420102', '2013-07-08', 31), villageCode: villageB, categories: ['orphan'] }))
  })
  const query = (q: Record<string, unknown>) =>
    listChildren(reg.ctx, { status: 'active', page: 1, pageSize: 50, fullNumbers: false, ...q }).rows.map((r) => r.name)

  it('by pinyin initials, pinyin, part of the name or of the ID number', () => {
    expect(query({ search: 'zs' })).toEqual(['张三'])
    expect(query({ search: 'SXX' })).toEqual(['单雄信'])
    expect(query({ search: 'zengx' })).toEqual(['曾小明'])
    expect(query({ search: '小明' })).toEqual(['曾小明'])
    expect(query({ search: makeIdNumber('420102', '2014-05-06', 21).slice(-6) })).toEqual(['单雄信'])
    expect(query({ search: '%' })).toEqual([])
  })

  it('by township, village and category, with masked numbers in the rows', () => {
    expect(query({ townshipCode: townshipA }).sort()).toEqual(['单雄信', '张三'])
    expect(query({ villageCode: villageB })).toEqual(['曾小明'])
    expect(query({ category: 'disabled' })).toEqual(['单雄信'])
    const row = listChildren(reg.ctx, { status: 'active', page: 1, pageSize: 50, fullNumbers: false, search: 'zs' }).rows[0]!
    expect(row.idNumberMasked).toMatch(/^4201\*{10}\d{3}[\dX]$/)
    expect(row.idNumber).toBeUndefined()
    expect(row.guardianPhoneMasked).toBe('138****8000')
  })

  it('pages through the list', () => {
    const first = listChildren(reg.ctx, { status: 'active', page: 1, pageSize: 2, fullNumbers: false })
    const second = listChildren(reg.ctx, { status: 'active', page: 2, pageSize: 2, fullNumbers: false })
    expect(first.total).toBe(3)
    expect(first.rows).toHaveLength(2)
    expect(second.rows).toHaveLength(1)
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(3)
  })
})
