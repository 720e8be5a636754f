import type { Category, Outcome } from '../../contract'
import defaults from '../../../resources/categories.json'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'
import type { categories } from '../db/schema'
import { statement } from '../db/statements'
import { nameSearchKeys } from '../shared/pinyin'
import { normaliseText } from '../shared/text'
import type { CategoryEntry } from './categories'

type CategoryRecord = typeof categories.$inferSelect
type CategoryRow = Omit<CategoryRecord, 'aliases' | 'builtin'> & { aliases: string; builtin: number }

/** Every category (aliases are a JSON array in the table); `orderBy` empty reads them as stored. */
function allCategories(ctx: ServiceContext, orderBy = 'ORDER BY sort_order, code'): CategoryRecord[] {
  const rows = statement(
    ctx.sqlite,
    `SELECT code, name, dimension, aliases, builtin, sort_order AS sortOrder FROM categories ${orderBy}`,
  ).all() as CategoryRow[]
  return rows.map((row) => ({ ...row, aliases: JSON.parse(row.aliases) as string[], builtin: row.builtin === 1 }))
}

function toCategory(row: CategoryRecord): Category {
  return { code: row.code, name: row.name, dimension: row.dimension, aliases: row.aliases, builtin: row.builtin }
}

/** Adds the shipped categories a database lacks; a bureau's own entries and edits are left alone. */
export function seedCategories(ctx: ServiceContext): void {
  const insert = ctx.sqlite.prepare(
    'INSERT OR IGNORE INTO categories (code, name, dimension, aliases, builtin, sort_order) VALUES (?, ?, ?, ?, 1, ?)',
  )
  inTransaction(ctx, () => {
    ;(defaults as CategoryEntry[]).forEach((entry, index) =>
      insert.run(entry.code, entry.name, entry.dimension, JSON.stringify(entry.aliases), index),
    )
  })
}

export function listCategories(ctx: ServiceContext): Category[] {
  return allCategories(ctx).map(toCategory)
}

export function categoryDictionary(ctx: ServiceContext): CategoryEntry[] {
  return listCategories(ctx)
}

export function saveCategory(
  ctx: ServiceContext,
  input: { code?: string; name: string; dimension: Category['dimension']; aliases: string[] },
): Outcome<Category> {
  const name = normaliseText(input.name)
  if (!name) return { ok: false, problems: [{ field: 'name', message: '类型名称不能为空。' }] }
  const aliases = [...new Set(input.aliases.map(normaliseText).filter((a) => a && a !== name))]
  return inTransaction(ctx, () => {
    const all = allCategories(ctx, '')
    const existing = input.code ? all.find((c) => c.code === input.code) : undefined
    if (input.code && !existing) return { ok: false, problems: [{ message: '该类型不存在，请刷新后重试。' }] }
    const clash = all.find(
      (c) => c.code !== existing?.code && (c.name === name || c.aliases.includes(name) || aliases.includes(c.name)),
    )
    if (clash) {
      return { ok: false, problems: [{ field: 'name', message: `「${name}」与已有类型「${clash.name}」重复。` }] }
    }
    if (existing?.builtin && (existing.name !== name || existing.dimension !== input.dimension)) {
      return {
        ok: false,
        problems: [{ field: 'name', message: '系统内置类型的名称和维度不能修改，只能增加别名。' }],
      }
    }
    const row: CategoryRecord = existing
      ? { ...existing, name, dimension: input.dimension, aliases }
      : {
          code: newCategoryCode(name, new Set(all.map((c) => c.code))),
          name,
          dimension: input.dimension,
          aliases,
          builtin: false,
          sortOrder: 1000 + all.length,
        }
    const values = { ...row, aliases: JSON.stringify(row.aliases), builtin: row.builtin ? 1 : 0 }
    if (existing) {
      statement(
        ctx.sqlite,
        `UPDATE categories SET name = @name, dimension = @dimension, aliases = @aliases, builtin = @builtin, sort_order = @sortOrder
         WHERE code = @code`,
      ).run(values)
    } else {
      statement(
        ctx.sqlite,
        `INSERT INTO categories (code, name, dimension, aliases, builtin, sort_order)
         VALUES (@code, @name, @dimension, @aliases, @builtin, @sortOrder)`,
      ).run(values)
    }
    recordAudit(ctx, {
      action: existing ? '修改困境类型' : '新增困境类型',
      entity: 'category',
      entityId: row.code,
      before: existing,
      after: row,
    })
    return { ok: true as const, value: toCategory(row) }
  })
}

// Bureau categories get a readable, stable code from the name's pinyin (custom-<pinyin>).
function newCategoryCode(name: string, taken: Set<string>): string {
  const base = `custom-${nameSearchKeys(name).pinyin.replace(/[^a-z0-9]/g, '') || 'x'}`
  let code = base
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`
  return code
}
