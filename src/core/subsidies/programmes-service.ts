/**
 * The bureau's subsidy programmes and their standards: seeded from resources/programmes.json,
 * edited by the clerk, read by the roster and budget services as the rules' Programme.
 */
import type { Outcome, Problem, Programme as ProgrammeView } from '../../contract'
import type { z } from 'zod'
import type { ProgrammeInput as ProgrammeInputSchema } from '../../contract'
import defaults from '../../../resources/programmes.json'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'
import { nameSearchKeys } from '../shared/pinyin'
import { normaliseText } from '../shared/text'
import { checkProgrammes, type Programme, type Standard } from './rules'

type ParsedInput = z.output<typeof ProgrammeInputSchema>

/** A programme as the services use it: the rules' shape plus what only the app keeps. */
export interface StoredProgramme extends Programme {
  period: 'month' | 'year'
  builtin: boolean
  active: boolean
  sortOrder: number
}

interface ProgrammeRow {
  code: string
  name: string
  kind: 'child' | 'director'
  period: 'month' | 'year'
  categories: string
  excluded_by: string
  age_limit: number | null
  extension: string | null
  start_rule: Programme['startRule']
  end_rule: Programme['endRule']
  builtin: number
  active: number
  sort_order: number
}

interface StandardRow {
  programme_code: string
  amount_fen: number
  effective_from: string
  effective_to: string | null
  grp: string | null
}

type Seed = Omit<Programme, 'standards'> & { period: 'month' | 'year'; standards: Standard[] }

/** Adds the shipped programmes a database lacks, with their standards; a bureau's edits are left alone. */
export function seedProgrammes(ctx: ServiceContext): void {
  const now = ctx.now()
  const insert = ctx.sqlite.prepare(
    `INSERT OR IGNORE INTO programmes (code, name, kind, period, categories, excluded_by, age_limit, extension,
       start_rule, end_rule, builtin, active, sort_order, created_at, updated_at)
     VALUES (@code, @name, @kind, @period, @categories, @excludedBy, @ageLimit, @extension, @startRule, @endRule, 1, 1,
       @sortOrder, @now, @now)`,
  )
  const insertStandard = ctx.sqlite.prepare(
    'INSERT INTO standards (programme_code, amount_fen, effective_from, effective_to, grp) VALUES (?, ?, ?, ?, ?)',
  )
  inTransaction(ctx, () => {
    ;(defaults as Seed[]).forEach((p, index) => {
      const added = insert.run({
        code: p.code,
        name: p.name,
        kind: p.kind,
        period: p.period,
        categories: JSON.stringify(p.categories),
        excludedBy: JSON.stringify(p.excludedBy),
        ageLimit: p.ageLimit,
        extension: p.extension ? JSON.stringify(p.extension) : null,
        startRule: p.startRule,
        endRule: p.endRule,
        sortOrder: index,
        now,
      })
      if (added.changes === 0) return
      for (const s of p.standards) insertStandard.run(p.code, s.amountFen, s.effectiveFrom, s.effectiveTo, s.group ?? null)
    })
  })
}

function toProgramme(row: ProgrammeRow, standards: Standard[]): StoredProgramme {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    period: row.period,
    categories: JSON.parse(row.categories) as string[],
    excludedBy: JSON.parse(row.excluded_by) as string[],
    ageLimit: row.age_limit,
    extension: row.extension ? (JSON.parse(row.extension) as Programme['extension']) : null,
    startRule: row.start_rule,
    endRule: row.end_rule,
    standards,
    builtin: row.builtin === 1,
    active: row.active === 1,
    sortOrder: row.sort_order,
  }
}

/** Every programme with its standards (two statements), in the bureau's order. */
export function loadProgrammes(ctx: ServiceContext): StoredProgramme[] {
  const rows = ctx.sqlite.prepare('SELECT * FROM programmes ORDER BY sort_order, code').all() as ProgrammeRow[]
  const standards = ctx.sqlite
    .prepare('SELECT * FROM standards ORDER BY programme_code, effective_from, grp, id')
    .all() as StandardRow[]
  const byProgramme = new Map<string, Standard[]>()
  for (const s of standards) {
    const list = byProgramme.get(s.programme_code) ?? []
    list.push({ amountFen: s.amount_fen, effectiveFrom: s.effective_from, effectiveTo: s.effective_to, group: s.grp })
    byProgramme.set(s.programme_code, list)
  }
  return rows.map((row) => toProgramme(row, byProgramme.get(row.code) ?? []))
}

export function findProgramme(ctx: ServiceContext, code: string): StoredProgramme | undefined {
  return loadProgrammes(ctx).find((p) => p.code === code)
}

/** The ungrouped standard in force on a day (the one a list shows), or null. */
export function amountOn(programme: Programme, date: string): number | null {
  const inForce = programme.standards.filter(
    (s) => s.group == null && s.effectiveFrom <= date && (s.effectiveTo === null || s.effectiveTo >= date),
  )
  if (inForce.length === 0) return null
  return inForce.reduce((a, b) => (b.effectiveFrom > a.effectiveFrom ? b : a)).amountFen
}

export function toView(p: StoredProgramme, today: string): ProgrammeView {
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    period: p.period,
    categories: p.categories,
    excludedBy: p.excludedBy,
    ageLimit: p.ageLimit,
    extension: p.extension ?? null,
    startRule: p.startRule,
    endRule: p.endRule,
    standards: p.standards.map((s) => ({ ...s, group: s.group ?? null })),
    builtin: p.builtin,
    active: p.active,
    currentAmountFen: amountOn(p, today),
  }
}

export function listProgrammes(ctx: ServiceContext): ProgrammeView[] {
  const today = ctx.today()
  return loadProgrammes(ctx).map((p) => toView(p, today))
}

/** Programme settings' problems, as checkProgrammes words them, put under the field they concern. */
function fieldOf(message: string): string | undefined {
  if (message.includes('标准')) return 'standards'
  if (message.includes('互斥')) return 'excludedBy'
  if (message.includes('类别')) return 'categories'
  if (message.includes('延长保障')) return 'extension'
  if (message.includes('代码')) return 'code'
  return undefined
}

function newProgrammeCode(name: string, taken: Set<string>): string {
  const letters = nameSearchKeys(name).initials.replace(/[^a-z0-9]/g, '')
  const base = `custom-${letters || 'x'}`.slice(0, 36)
  let code = base
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`
  return code
}

const normaliseGroup = (g: string | null): string | null => {
  const text = g === null ? '' : normaliseText(g)
  return text === '' ? null : text
}

/**
 * Creates or edits a programme with its standards (all of them replaced by the list given). The
 * whole set of programmes must still make sense afterwards (checkProgrammes): a cycle of exclusions
 * or two standards from the same day is refused, field by field, in words.
 */
export function saveProgramme(ctx: ServiceContext, input: ParsedInput): Outcome<ProgrammeView> {
  const name = normaliseText(input.name)
  return inTransaction(ctx, () => {
    const all = loadProgrammes(ctx)
    const existing = input.code ? all.find((p) => p.code === input.code) : undefined
    const problems: Problem[] = []
    if (!name) problems.push({ field: 'name', message: '项目名称不能为空。' })
    const clash = all.find((p) => p.name === name && p.code !== existing?.code)
    if (name && clash) problems.push({ field: 'name', message: `已有名为「${name}」的补贴项目（代码 ${clash.code}）。` })
    if (existing?.builtin && existing.kind !== input.kind) {
      problems.push({ field: 'kind', message: '系统内置项目的发放对象（儿童或儿童主任）不能修改。' })
    }
    const categories = [...new Set(input.categories)]
    const excludedBy = [...new Set(input.excludedBy)]
    if (input.kind === 'director') {
      if (categories.length > 0) problems.push({ field: 'categories', message: '儿童主任补贴不按儿童类别发放，请不要选择儿童类别。' })
      if (excludedBy.length > 0) problems.push({ field: 'excludedBy', message: '儿童主任补贴不设互斥项目。' })
    }
    const known = new Set(ctx.sqlite.prepare('SELECT code FROM categories').pluck().all() as string[])
    for (const code of categories) {
      if (!known.has(code)) problems.push({ field: 'categories', message: `儿童类别「${code}」不存在，请在类别列表中选择。` })
    }
    for (const code of excludedBy) {
      const other = all.find((p) => p.code === code)
      if (other && other.kind !== 'child') problems.push({ field: 'excludedBy', message: `「${other.name}」不是儿童补贴项目，不能作为互斥项目。` })
    }
    if (input.period === 'year' && input.kind === 'director') {
      problems.push({ field: 'period', message: '儿童主任补贴按月发放。' })
    }
    const standards: Standard[] = input.standards
      .map((s) => ({ amountFen: s.amountFen, effectiveFrom: s.effectiveFrom, effectiveTo: s.effectiveTo, group: normaliseGroup(s.group) }))
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || (a.group ?? '').localeCompare(b.group ?? ''))
    const code = existing?.code ?? input.code ?? newProgrammeCode(name, new Set(all.map((p) => p.code)))
    const saved: StoredProgramme = {
      code,
      name,
      kind: input.kind,
      period: input.period,
      categories: input.kind === 'child' ? categories : [],
      excludedBy: input.kind === 'child' ? excludedBy : [],
      ageLimit: input.kind === 'child' ? input.ageLimit : null,
      extension: input.kind === 'child' ? input.extension : null,
      startRule: input.startRule,
      endRule: input.endRule,
      standards,
      builtin: existing?.builtin ?? false,
      active: input.active,
      sortOrder: existing?.sortOrder ?? 1000 + all.length,
    }
    const others = all.filter((p) => p.code !== code)
    const label = `「${name}」`
    for (const message of checkProgrammes([...others, saved])) {
      // Only what this edit is responsible for: another programme's old mistake is not this clerk's to fix here.
      if (message.includes(label) || message.includes('成环') || message.includes(`「${code}」`)) {
        problems.push({ field: fieldOf(message), message: `${message}。` })
      }
    }
    if (problems.length > 0) return { ok: false as const, problems }

    const now = ctx.now()
    const row = {
      code,
      name,
      kind: saved.kind,
      period: saved.period,
      categories: JSON.stringify(saved.categories),
      excludedBy: JSON.stringify(saved.excludedBy),
      ageLimit: saved.ageLimit,
      extension: saved.extension ? JSON.stringify(saved.extension) : null,
      startRule: saved.startRule,
      endRule: saved.endRule,
      active: saved.active ? 1 : 0,
      sortOrder: saved.sortOrder,
      now,
    }
    if (existing) {
      ctx.sqlite
        .prepare(
          `UPDATE programmes SET name = @name, kind = @kind, period = @period, categories = @categories,
             excluded_by = @excludedBy, age_limit = @ageLimit, extension = @extension, start_rule = @startRule,
             end_rule = @endRule, active = @active, updated_at = @now WHERE code = @code`,
        )
        .run(row)
      ctx.sqlite.prepare('DELETE FROM standards WHERE programme_code = ?').run(code)
    } else {
      ctx.sqlite
        .prepare(
          `INSERT INTO programmes (code, name, kind, period, categories, excluded_by, age_limit, extension, start_rule,
             end_rule, builtin, active, sort_order, created_at, updated_at)
           VALUES (@code, @name, @kind, @period, @categories, @excludedBy, @ageLimit, @extension, @startRule, @endRule, 0,
             @active, @sortOrder, @now, @now)`,
        )
        .run(row)
    }
    const insertStandard = ctx.sqlite.prepare(
      'INSERT INTO standards (programme_code, amount_fen, effective_from, effective_to, grp) VALUES (?, ?, ?, ?, ?)',
    )
    for (const s of standards) insertStandard.run(code, s.amountFen, s.effectiveFrom, s.effectiveTo, s.group ?? null)
    const audited = (p: StoredProgramme) => {
      const { sortOrder: _order, ...rest } = p
      return rest
    }
    recordAudit(ctx, {
      action: existing ? '修改补贴项目' : '新增补贴项目',
      entity: 'programme',
      entityId: code,
      before: existing ? audited(existing) : undefined,
      after: audited(saved),
    })
    return { ok: true as const, value: toView(saved, ctx.today()) }
  })
}
