import { describe, expect, it } from 'vitest'
import defaults from '../../../resources/categories.json'
import {
  DIMENSION_NAMES,
  resolveCategory,
  resolveCategoryCell,
  splitCategoryCell,
  type CategoryEntry,
} from '../../../src/core/registry/categories'

const dict = defaults as CategoryEntry[]

function codeOf(word: string): string {
  const result = resolveCategory(word, dict)
  if (!result.ok) throw new Error(`${word}: ${result.reason}`)
  return result.code
}

describe('the default dictionary', () => {
  it('holds the categories of DOMAIN.md under their codes and dimensions', () => {
    expect(dict.map((c) => [c.code, c.name, c.dimension])).toEqual([
      ['disabled', '残疾儿童', 'self'],
      ['seriously-ill', '重病儿童', 'self'],
      ['low-income', '低保家庭儿童', 'family'],
      ['destitute', '特困家庭儿童', 'family'],
      ['orphan', '孤儿', 'guardianship'],
      ['unsupported', '事实无人抚养儿童', 'guardianship'],
      ['left-behind', '农村留守儿童', 'guardianship'],
      ['other', '其他困境儿童', 'other'],
    ])
  })

  it('never gives one word to two categories', () => {
    const words = dict.flatMap((c) => [c.name, ...c.aliases])
    expect(new Set(words).size).toBe(words.length)
  })

  it('names every dimension in Chinese', () => {
    expect(DIMENSION_NAMES).toEqual({ self: '自身困境', family: '家庭困境', guardianship: '监护困境', other: '其他' })
    for (const c of dict) expect(DIMENSION_NAMES[c.dimension]).toBeTruthy()
  })
})

describe('splitCategoryCell', () => {
  it('splits on every separator townships use', () => {
    expect(splitCategoryCell('残疾、低保')).toEqual(['残疾', '低保'])
    expect(splitCategoryCell('残疾，低保,孤儿')).toEqual(['残疾', '低保', '孤儿'])
    expect(splitCategoryCell('残疾/低保／孤儿')).toEqual(['残疾', '低保', '孤儿'])
    expect(splitCategoryCell('残疾；低保;孤儿')).toEqual(['残疾', '低保', '孤儿'])
    expect(splitCategoryCell('残疾 低保\u3000孤儿\n留守')).toEqual(['残疾', '低保', '孤儿', '留守'])
  })

  it('drops empty pieces', () => {
    expect(splitCategoryCell('、残疾、、 ，低保、')).toEqual(['残疾', '低保'])
    expect(splitCategoryCell('')).toEqual([])
    expect(splitCategoryCell('  、 ')).toEqual([])
    expect(splitCategoryCell(null)).toEqual([])
  })
})

describe('resolveCategory', () => {
  it('matches names and aliases exactly', () => {
    expect(codeOf('残疾儿童')).toBe('disabled')
    expect(codeOf('重残')).toBe('disabled')
    expect(codeOf('大病')).toBe('seriously-ill')
    expect(codeOf('低保户儿童')).toBe('low-income')
    expect(codeOf('特困供养儿童')).toBe('destitute')
    expect(codeOf('社会散居孤儿')).toBe('orphan')
    expect(codeOf('事实孤儿')).toBe('unsupported')
    expect(codeOf('留守')).toBe('left-behind')
    expect(codeOf('其他')).toBe('other')
  })

  it('ignores width, case and spaces', () => {
    expect(codeOf(' 低保 ')).toBe('low-income')
    expect(codeOf('低\u3000保')).toBe('low-income')
    const custom: CategoryEntry[] = [...dict, { code: 'hiv', name: 'HIV感染儿童', dimension: 'self', aliases: ['艾滋病'] }]
    const result = resolveCategory('ｈｉｖ感染儿童', custom)
    expect(result).toEqual({ ok: true, code: 'hiv' })
  })

  it('accepts a code as well', () => {
    expect(codeOf('left-behind')).toBe('left-behind')
  })

  it('suggests the category one character away', () => {
    expect(resolveCategory('残疾人儿童', dict)).toEqual({
      ok: false,
      reason: '未知的困境类型「残疾人儿童」，是否为「残疾儿童」？',
      suggestion: 'disabled',
    })
    expect(resolveCategory('孤儿童', dict)).toMatchObject({ ok: false, suggestion: 'orphan' })
    expect(resolveCategory('低宝', dict)).toMatchObject({ ok: false, suggestion: 'low-income' })
  })

  it('suggests the category that contains the word or is contained in it', () => {
    expect(resolveCategory('重度残疾', dict)).toEqual({
      ok: false,
      reason: '未知的困境类型「重度残疾」，是否为「残疾儿童」？',
      suggestion: 'disabled',
    })
    expect(resolveCategory('农村留守', dict)).toMatchObject({ ok: false, suggestion: 'left-behind' })
    expect(resolveCategory('事实无人抚养的儿童', dict)).toMatchObject({ ok: false, suggestion: 'unsupported' })
  })

  it('does not guess between equally close categories', () => {
    // "儿童" is in nearly every name.
    const result = resolveCategory('儿童', dict)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.suggestion).toBeUndefined()
      expect(result.reason).toContain('可选')
    }
  })

  it('lists the choices and points to the dictionary when nothing is close', () => {
    const result = resolveCategory('单亲家庭', dict)
    expect(result).toEqual({
      ok: false,
      reason:
        '未知的困境类型「单亲家庭」。可选：残疾儿童、重病儿童、低保家庭儿童、特困家庭儿童、孤儿、事实无人抚养儿童、农村留守儿童、其他困境儿童。如需新增类型，请在「类型字典」中添加。',
    })
  })

  it('resolves entries a bureau added', () => {
    const custom: CategoryEntry[] = [...dict, { code: 'single-parent', name: '单亲家庭儿童', dimension: 'family', aliases: ['单亲'] }]
    expect(resolveCategory('单亲', custom)).toEqual({ ok: true, code: 'single-parent' })
    expect(resolveCategory('单亲家庭', custom)).toMatchObject({ ok: false, suggestion: 'single-parent' })
  })

  it('reports an empty word', () => {
    expect(resolveCategory('  ', dict)).toMatchObject({ ok: false })
  })
})

describe('resolveCategoryCell', () => {
  it('resolves every word once', () => {
    expect(resolveCategoryCell('残疾、低保，残疾儿童', dict)).toEqual({ codes: ['disabled', 'low-income'], problems: [] })
  })

  it('keeps the known words and reports the unknown ones', () => {
    const result = resolveCategoryCell('散居孤儿/重度残疾/单亲', dict)
    expect(result.codes).toEqual(['orphan'])
    expect(result.problems).toHaveLength(2)
    expect(result.problems[0]).toBe('未知的困境类型「重度残疾」，是否为「残疾儿童」？')
    expect(result.problems[1]).toContain('未知的困境类型「单亲」。可选：')
  })

  it('gives nothing for an empty cell', () => {
    expect(resolveCategoryCell('', dict)).toEqual({ codes: [], problems: [] })
  })
})
