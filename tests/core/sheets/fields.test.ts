import { describe, expect, it } from 'vitest'
import { headerKey } from '../../../src/core/imports/cells'
import { fieldsOf, KIND_ORDER, type SheetKind } from '../../../src/core/sheets/fields'
import aliases from '../../../resources/header-aliases.json'

// The labels are said once, in the contract; the aliases a township may write live in resources/header-aliases.json.
// These keep the two from drifting apart: what we write under a label must be read back as that field.

describe('sheet fields', () => {
  it('take each label as the first word the importer looks for', () => {
    for (const kind of KIND_ORDER) {
      for (const field of fieldsOf(kind)) {
        expect(field.aliases[0], `${kind}.${field.key}`).toBe(field.label)
      }
    }
  })

  it('have no alias that names a field the sheet does not have, and no alias shared by two fields', () => {
    for (const [kind, byKey] of Object.entries(aliases) as [SheetKind, Record<string, string[]>][]) {
      const keys = fieldsOf(kind).map((f) => f.key)
      expect(Object.keys(byKey).filter((key) => !keys.includes(key)), kind).toEqual([])
      const owner = new Map<string, string>()
      for (const field of fieldsOf(kind)) {
        for (const alias of field.aliases) {
          const word = headerKey(alias)
          expect(owner.get(word) ?? field.key, `${kind}: ${alias}`).toBe(field.key)
          owner.set(word, field.key)
        }
      }
    }
  })

  it('ask for the columns a row cannot be taken without', () => {
    const required = (kind: SheetKind) => fieldsOf(kind).filter((f) => f.required).map((f) => f.label)
    expect(required('children')).toEqual(['村（社区）', '姓名', '身份证号', '困境类型'])
    expect(required('directors')).toEqual(['乡镇（街道）', '村（社区）', '姓名', '性别'])
    expect(required('visits')).toEqual(['身份证号', '走访日期', '走访人'])
  })
})
