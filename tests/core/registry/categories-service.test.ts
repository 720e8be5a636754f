import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listCategories, saveCategory, seedCategories } from '../../../src/core/registry/categories-service'
import { resolveCategory } from '../../../src/core/registry/categories'
import { fingerprint, tempRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
beforeEach(async () => {
  reg = await tempRegistry()
})
afterEach(() => reg.cleanup())

describe('the bureau extends the category dictionary', () => {
  it('starts with the national types in their three dimensions, seeded once', () => {
    const first = listCategories(reg.ctx)
    expect(first.map((c) => c.name)).toContain('事实无人抚养儿童')
    expect(first.every((c) => c.builtin)).toBe(true)
    seedCategories(reg.ctx)
    expect(listCategories(reg.ctx)).toEqual(first)
  })

  it('adds its own category, which then resolves by name and alias', () => {
    const saved = saveCategory(reg.ctx, { name: '隔代抚养儿童', dimension: 'guardianship', aliases: ['隔代抚养', ' 隔代抚养 ', ''] })
    expect(saved.ok).toBe(true)
    if (!saved.ok) return
    expect(saved.value).toMatchObject({ code: 'custom-gedaifuyangertong', builtin: false, aliases: ['隔代抚养'] })
    expect(resolveCategory('隔代抚养', listCategories(reg.ctx))).toEqual({ ok: true, code: saved.value.code })
    const audit = reg.ctx.sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'category'").pluck().all()
    expect(audit).toEqual(['新增困境类型'])
  })

  it('adds aliases to a built-in type but never renames it, and refuses clashes', () => {
    const orphan = listCategories(reg.ctx).find((c) => c.code === 'orphan')!
    const more = saveCategory(reg.ctx, { ...orphan, aliases: [...orphan.aliases, '孤儿（散居）'] })
    expect(more.ok).toBe(true)
    const before = fingerprint(reg.ctx)
    const renamed = saveCategory(reg.ctx, { ...orphan, name: '孤残儿童' })
    expect(renamed).toMatchObject({ ok: false, problems: [{ field: 'name' }] })
    const clash = saveCategory(reg.ctx, { name: '留守', dimension: 'other', aliases: [] })
    expect(clash.ok).toBe(false)
    if (!clash.ok) expect(clash.problems[0]?.message).toContain('农村留守儿童')
    expect(fingerprint(reg.ctx)).toBe(before)
  })
})
