import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RosterSummary } from '../../../src/contract'
import { openRegistry } from '../../../src/core/registry'
import { fingerprint, tempRegistry, type TempRegistry } from '../../support/temp-registry'
import { addChild, call, makePlace, valueOf, type MadeChild, type Place } from './support'

let reg: TempRegistry
let place: Place

beforeEach(async () => {
  // The clerk's day is 2026-11-23.
  reg = await tempRegistry()
  place = await makePlace(reg.ctx)
})
afterEach(() => reg?.cleanup())

const generate = async (programme: string, month: string, months = 1): Promise<RosterSummary> =>
  valueOf(await call(reg.ctx, 'rosters.generate', { programme, month, months }))

const detail = (id: number, fullNumbers = false) => call(reg.ctx, 'rosters.get', { id, fullNumbers })

const lock = async (id: number) => valueOf(await call(reg.ctx, 'rosters.lock', { id }))

function auditCount(entity: string): number {
  return reg.ctx.sqlite.prepare('SELECT count(*) FROM audit_log WHERE entity = ?').pluck().get(entity) as number
}

describe('seeded programmes', () => {
  it('come with the registry: orphans and unsupported children at 1200 yuan, directors 60 then 80', async () => {
    const programmes = await call(reg.ctx, 'programmes.list', {})
    const byCode = new Map(programmes.map((p) => [p.code, p]))
    expect([...byCode.keys()]).toEqual(['orphan-basic', 'unsupported-basic', 'director-subsidy'])
    const orphan = byCode.get('orphan-basic')!
    expect(orphan).toMatchObject({ name: '孤儿基本生活费', kind: 'child', categories: ['orphan'], excludedBy: [], ageLimit: 18, builtin: true, active: true })
    expect(orphan.currentAmountFen).toBe(120000)
    const unsupported = byCode.get('unsupported-basic')!
    expect(unsupported).toMatchObject({ name: '事实无人抚养儿童基本生活补贴', categories: ['unsupported'], excludedBy: ['orphan-basic'], startRule: 'month-after-registration', endRule: 'month-of-exit' })
    expect(unsupported.currentAmountFen).toBe(120000)
    const director = byCode.get('director-subsidy')!
    expect(director.kind).toBe('director')
    expect(director.standards).toEqual([
      { amountFen: 6000, effectiveFrom: '2020-01-01', effectiveTo: '2025-12-31', group: null },
      { amountFen: 8000, effectiveFrom: '2026-01-01', effectiveTo: null, group: null },
    ])
    expect(director.currentAmountFen).toBe(8000)
  })

  it('are seeded once: reopening neither duplicates them nor undoes the bureau’s edits', async () => {
    const orphan = (await call(reg.ctx, 'programmes.list', {})).find((p) => p.code === 'orphan-basic')!
    valueOf(
      await call(reg.ctx, 'programmes.save', {
        ...orphan,
        standards: [...orphan.standards.map((s) => ({ ...s, effectiveTo: '2026-06-30' })), { amountFen: 135000, effectiveFrom: '2026-07-01', effectiveTo: null, group: null }],
      }),
    )
    reg.ctx.conn.close()
    const again = await openRegistry(reg.file, { actor: '测试员', clock: () => new Date('2026-11-23T09:30:00') })
    try {
      const programmes = await call(again, 'programmes.list', {})
      expect(programmes).toHaveLength(3)
      expect(programmes.find((p) => p.code === 'orphan-basic')!.currentAmountFen).toBe(135000)
      expect(again.sqlite.prepare("SELECT count(*) FROM standards WHERE programme_code = 'director-subsidy'").pluck().get()).toBe(2)
    } finally {
      again.conn.close()
    }
  })
})

describe('programmes.save', () => {
  const disability = {
    name: '困难残疾儿童生活补贴',
    kind: 'child' as const,
    categories: ['disabled'],
    excludedBy: [],
    ageLimit: 18,
    extension: null,
    standards: [{ amountFen: 30000, effectiveFrom: '2026-01-01', effectiveTo: null, group: null }],
  }

  it('adds a bureau programme with its standard, audited', async () => {
    const saved = valueOf(await call(reg.ctx, 'programmes.save', { ...disability, code: 'disability-living' }))
    expect(saved).toMatchObject({ code: 'disability-living', builtin: false, currentAmountFen: 30000, period: 'month' })
    expect((await call(reg.ctx, 'programmes.list', {})).map((p) => p.code)).toContain('disability-living')
    expect(auditCount('programme')).toBe(1)
    // Without a code, one is made from the name.
    const other = valueOf(await call(reg.ctx, 'programmes.save', { ...disability, name: '教育补助', categories: ['low-income'] }))
    expect(other.code).toMatch(/^custom-[a-z0-9]+/)
  })

  it('refuses bad settings field by field, in Chinese, writing nothing', async () => {
    const before = fingerprint(reg.ctx)
    const problems = async (input: Parameters<typeof call<'programmes.save'>>[2]) => {
      const outcome = await call(reg.ctx, 'programmes.save', input)
      if (outcome.ok) throw new Error('accepted')
      return outcome.problems
    }
    const orphan = (await call(reg.ctx, 'programmes.list', {})).find((p) => p.code === 'orphan-basic')!
    // orphan-basic giving way to unsupported-basic, which gives way to orphan-basic: a cycle.
    const cycle = await problems({ ...orphan, excludedBy: ['unsupported-basic'] })
    expect(cycle).toContainEqual(expect.objectContaining({ field: 'excludedBy', message: expect.stringContaining('成环') }))
    const unknown = await problems({ ...disability, categories: ['no-such-category'] })
    expect(unknown).toContainEqual(expect.objectContaining({ field: 'categories', message: expect.stringContaining('no-such-category') }))
    const twice = await problems({
      ...disability,
      standards: [
        { amountFen: 30000, effectiveFrom: '2026-01-01', effectiveTo: null, group: null },
        { amountFen: 35000, effectiveFrom: '2026-01-01', effectiveTo: null, group: null },
      ],
    })
    expect(twice).toContainEqual(expect.objectContaining({ field: 'standards', message: expect.stringContaining('2026-01-01') }))
    const backwards = await problems({ ...disability, standards: [{ amountFen: 1, effectiveFrom: '2026-05-01', effectiveTo: '2026-01-01', group: null }] })
    expect(backwards[0]!.field).toBe('standards')
    const kind = await problems({ ...orphan, kind: 'director', categories: [], excludedBy: [] })
    expect(kind).toContainEqual(expect.objectContaining({ field: 'kind' }))
    const clash = await problems({ ...disability, name: '孤儿基本生活费' })
    expect(clash).toContainEqual(expect.objectContaining({ field: 'name' }))
    for (const list of [cycle, unknown, twice, backwards, kind, clash]) {
      for (const p of list) expect(p.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(fingerprint(reg.ctx)).toBe(before)
  })
})

interface Cast {
  a: MadeChild
  both: MadeChild
  noAccount: MadeChild
  exited: MadeChild
  recent: MadeChild
}

/** Children of the two basic programmes, each showing one rule. */
async function cast(): Promise<Cast> {
  const [v1, v2] = place.villages as [string, string, string]
  const a = await addChild(reg.ctx, { name: '王小明', village: v1, categories: ['unsupported'], registeredOn: '2026-01-10' })
  // De facto unsupported since January; recognised as an orphan today (2026-11-23): this month both.
  const both = await addChild(reg.ctx, { name: '李双全', village: v2, categories: ['unsupported'], registeredOn: '2026-01-10' })
  valueOf(await call(reg.ctx, 'children.update', { ...both.input, id: both.id, categories: ['orphan'] }))
  const noAccount = await addChild(reg.ctx, { name: '赵无卡', village: v1, categories: ['unsupported'], registeredOn: '2026-01-10', bankAccount: '' })
  const exited = await addChild(reg.ctx, { name: '钱已走', village: v2, categories: ['unsupported'], registeredOn: '2026-01-10' })
  valueOf(await call(reg.ctx, 'children.exit', { id: exited.id, reason: 'moved_away', date: '2026-10-15' }))
  const recent = await addChild(reg.ctx, { name: '孙新来', village: v2, categories: ['unsupported'], registeredOn: '2026-11-05' })
  await addChild(reg.ctx, { name: '周留守', village: v1, categories: ['left-behind'], registeredOn: '2026-01-10' })
  return { a, both, noAccount, exited, recent }
}

describe('a month’s roster', () => {
  it('pays who is owed, one line each, and lists who is left out and why', async () => {
    const c = await cast()
    const roster = await generate('unsupported-basic', '2026-11')
    expect(roster).toMatchObject({
      programme: 'unsupported-basic',
      firstMonth: '2026-11',
      months: 1,
      status: 'draft',
      lineCount: 1,
      totalFen: 120000,
      title: '示范区2026年11月事实无人抚养儿童基本生活补贴发放花名册（草稿）',
    })
    const d = await detail(roster.id, true)
    expect(d.lines).toHaveLength(1)
    expect(d.lines[0]).toMatchObject({
      seq: 1,
      childId: c.a.id,
      township: '城关镇',
      village: '东街社区',
      name: '王小明',
      idNumber: c.a.idNumber,
      category: '事实无人抚养儿童',
      standardFen: 120000,
      monthCount: 1,
      ownMonthsFen: 120000,
      totalFen: 120000,
      guardian: '张大山',
      bankAccount: c.a.bankAccount,
      backPayMonths: [],
      rule: '事实无人抚养儿童基本生活补贴 1200元/月 × 1月（2020-01-01 起标准）',
    })
    const reasons = Object.fromEntries(d.excluded.map((e) => [e.name, e.reason]))
    expect(reasons).toEqual({
      李双全: '已享受孤儿基本生活费（互斥）',
      赵无卡: '缺少银行账号',
      钱已走: '已退出（2026-10-15 迁出本区）',
      孙新来: '尚未到起付月（2026-11-05 认定，次月起发放）',
    })
    // Owed but not payable: the amount is shown so the clerk can fix the account.
    expect(d.excluded.find((e) => e.name === '赵无卡')!.owedFen).toBe(120000)
    expect(d.excluded.find((e) => e.name === '钱已走')!.owedFen).toBe(0)
    expect(auditCount('roster')).toBe(1)
  })

  it('pays a child who is both orphan and unsupported in a month once, and the line says which rule won', async () => {
    const c = await cast()
    const unsupported = await detail((await generate('unsupported-basic', '2026-11')).id)
    const orphan = await detail((await generate('orphan-basic', '2026-11')).id)
    const lines = [...unsupported.lines, ...orphan.lines].filter((l) => l.childId === c.both.id)
    expect(lines).toHaveLength(1)
    expect(lines[0]!.category).toBe('孤儿')
    expect(lines[0]!.totalFen).toBe(120000)
    expect(lines[0]!.rule).toBe(
      '孤儿基本生活费 1200元/月 × 1月（2020-01-01 起标准）；同时符合「事实无人抚养儿童基本生活补贴」条件，互斥只发一项，按本项目发放',
    )
    expect(unsupported.excluded.find((e) => e.childId === c.both.id)!.reason).toBe('已享受孤儿基本生活费（互斥）')
  })

  it('masks ID and account numbers unless full numbers are asked for', async () => {
    const c = await cast()
    const roster = await generate('unsupported-basic', '2026-11')
    const masked = await detail(roster.id)
    expect(masked.lines[0]!.idNumber).toBe(`${c.a.idNumber.slice(0, 4)}**********${c.a.idNumber.slice(-4)}`)
    expect(masked.lines[0]!.bankAccount).toMatch(/^6217\*+\d{4}$/)
    expect(JSON.stringify(masked)).not.toContain(c.a.idNumber)
    expect(JSON.stringify(masked)).not.toContain(c.a.bankAccount)
    const full = await detail(roster.id, true)
    expect(full.lines[0]!.idNumber).toBe(c.a.idNumber)
  })

  it('regenerating a draft replaces it in place (same id, one draft), and reflects registry edits', async () => {
    const c = await cast()
    const first = await generate('unsupported-basic', '2026-11')
    valueOf(await call(reg.ctx, 'children.update', { ...c.noAccount.input, id: c.noAccount.id, bankAccount: '6217999988887777' }))
    const second = await generate('unsupported-basic', '2026-11')
    expect(second.id).toBe(first.id)
    expect(second.lineCount).toBe(2)
    expect(second.totalFen).toBe(240000)
    expect(reg.ctx.sqlite.prepare('SELECT count(*) FROM rosters').pluck().get()).toBe(1)
    expect((await call(reg.ctx, 'rosters.list', {})).map((r) => r.id)).toEqual([first.id])
  })

  it('refuses an unknown or inactive programme and a yearly programme over several months', async () => {
    const unknown = await call(reg.ctx, 'rosters.generate', { programme: 'no-such', month: '2026-11', months: 1 })
    expect(unknown.ok).toBe(false)
    expect(!unknown.ok && unknown.problems[0]!.message).toContain('不存在')
    const orphan = (await call(reg.ctx, 'programmes.list', {})).find((p) => p.code === 'orphan-basic')!
    valueOf(await call(reg.ctx, 'programmes.save', { ...orphan, active: false }))
    const inactive = await call(reg.ctx, 'rosters.generate', { programme: 'orphan-basic', month: '2026-11', months: 1 })
    expect(!inactive.ok && inactive.problems[0]!.message).toContain('已停用')
  })
})

describe('a quarter paid together', () => {
  it('pays each month at its own standard when the standard changes mid-quarter', async () => {
    const c = await cast()
    const unsupported = (await call(reg.ctx, 'programmes.list', {})).find((p) => p.code === 'unsupported-basic')!
    valueOf(
      await call(reg.ctx, 'programmes.save', {
        ...unsupported,
        standards: [
          { amountFen: 120000, effectiveFrom: '2020-01-01', effectiveTo: '2026-11-30', group: null },
          { amountFen: 130000, effectiveFrom: '2026-12-01', effectiveTo: null, group: null },
        ],
      }),
    )
    const roster = await generate('unsupported-basic', '2026-11', 3)
    expect(roster.period).toBe('2026年11月至2027年1月')
    expect(roster.title).toBe('示范区2026年11月至2027年1月事实无人抚养儿童基本生活补贴发放花名册（草稿）')
    expect(roster.lastMonth).toBe('2027-01')
    const d = await detail(roster.id)
    const line = d.lines.find((l) => l.childId === c.a.id)!
    expect(line).toMatchObject({ monthCount: 3, totalFen: 120000 + 130000 * 2, standardFen: 130000, paidMonths: ['2026-11', '2026-12', '2027-01'] })
    expect(line.rule).toBe('事实无人抚养儿童基本生活补贴 1200元/月 × 1月（2020-01-01 起标准）+ 1300元/月 × 2月（2026-12-01 起标准）')
    // Approved on 2026-11-05: paid from December, in the same quarter.
    const recent = d.lines.find((l) => l.childId === c.recent.id)!
    expect(recent).toMatchObject({ monthCount: 2, totalFen: 260000, paidMonths: ['2026-12', '2027-01'] })
    expect(roster.totalFen).toBe(d.lines.reduce((sum, l) => sum + l.totalFen, 0))
  })
})

describe('locking', () => {
  it('records who and when, takes a backup, and freezes the roster whatever happens to the registry', async () => {
    const c = await cast()
    const draft = await generate('unsupported-basic', '2026-11')
    const before = await detail(draft.id, true)
    const locked = await lock(draft.id)
    expect(locked).toMatchObject({ status: 'locked', lockedBy: '测试员', title: '示范区2026年11月事实无人抚养儿童基本生活补贴发放花名册' })
    expect(locked.lockedAt).toBeTruthy()
    const backup = reg.ctx.sqlite.prepare('SELECT backup_file FROM rosters WHERE id = ?').pluck().get(draft.id) as string
    expect(existsSync(backup)).toBe(true)
    expect(dirname(backup)).toBe(join(reg.folder, 'backups'))
    expect(backup).toMatch(/roster-lock/)

    // The registry moves on: a renamed child, a new account, a standard raised.
    valueOf(await call(reg.ctx, 'children.update', { ...c.a.input, id: c.a.id, name: '王改名', bankAccount: '6222000000000001' }))
    valueOf(await call(reg.ctx, 'children.update', { ...c.noAccount.input, id: c.noAccount.id, bankAccount: '6217999988887777' }))
    const unsupported = (await call(reg.ctx, 'programmes.list', {})).find((p) => p.code === 'unsupported-basic')!
    valueOf(await call(reg.ctx, 'programmes.save', { ...unsupported, standards: [{ amountFen: 150000, effectiveFrom: '2020-01-01', effectiveTo: null, group: null }] }))
    const after = await detail(draft.id, true)
    expect(after.lines).toEqual(before.lines)
    expect(after.excluded).toEqual(before.excluded)
    expect(after.lines[0]!.name).toBe('王小明')

    // Regenerating, discarding, locking again: refused, in words.
    const again = await call(reg.ctx, 'rosters.generate', { programme: 'unsupported-basic', month: '2026-11', months: 1 })
    expect(again.ok).toBe(false)
    expect(!again.ok && again.problems[0]!.message).toContain('锁定的名册不能重新生成')
    const discard = await call(reg.ctx, 'rosters.discard', { id: draft.id })
    expect(!discard.ok && discard.problems[0]!.message).toContain('不能删除')
    const relock = await call(reg.ctx, 'rosters.lock', { id: draft.id })
    expect(!relock.ok && relock.problems[0]!.message).toContain('无需再次锁定')

    // And SQL itself refuses to touch it.
    const sql = (text: string) => () => reg.ctx.sqlite.prepare(text).run(draft.id)
    expect(sql('UPDATE roster_lines SET amount_fen = 1 WHERE roster_id = ?')).toThrow('已锁定的发放花名册不可修改')
    expect(sql('DELETE FROM roster_lines WHERE roster_id = ?')).toThrow('已锁定的发放花名册不可修改')
    expect(sql("UPDATE roster_excluded SET reason = 'x' WHERE roster_id = ?")).toThrow('已锁定的发放花名册不可修改')
    expect(sql('DELETE FROM roster_excluded WHERE roster_id = ?')).toThrow('已锁定的发放花名册不可修改')
    expect(sql('UPDATE rosters SET total_fen = 0 WHERE id = ?')).toThrow('已锁定的发放花名册不可修改')
    expect(sql("UPDATE rosters SET status = 'draft', locked_at = NULL WHERE id = ?")).toThrow('已锁定的发放花名册不可修改')
    expect(sql('DELETE FROM rosters WHERE id = ?')).toThrow('已锁定的发放花名册不可删除')
    expect(
      sql(
        "INSERT INTO roster_lines (roster_id, seq, child_id, township, village, name, category, standard_fen, months, paid_months, amount_fen, rule) VALUES (?, 99, 1, '', '', '', '', 1, 1, '2026-11', 1, '')",
      ),
    ).toThrow('已锁定的发放花名册不可修改')
    expect(await detail(draft.id, true)).toEqual(after)
    expect(reg.ctx.sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'roster' ORDER BY id").pluck().all()).toEqual([
      '生成发放花名册',
      '锁定发放花名册',
    ])
  })

  it('refuses to lock a draft computed before another roster of the programme was locked', async () => {
    await cast()
    const november = await generate('unsupported-basic', '2026-11')
    await lock((await generate('unsupported-basic', '2026-10')).id)
    const stale = await call(reg.ctx, 'rosters.lock', { id: november.id })
    expect(stale.ok).toBe(false)
    expect(!stale.ok && stale.problems[0]!.message).toContain('重新生成')
    await generate('unsupported-basic', '2026-11')
    expect((await lock(november.id)).status).toBe('locked')
  })

  it('a draft can be discarded; the audit trail keeps no ID or account number', async () => {
    const c = await cast()
    const draft = await generate('unsupported-basic', '2026-11')
    expect(valueOf(await call(reg.ctx, 'rosters.discard', { id: draft.id }))).toEqual({ id: draft.id })
    expect(await call(reg.ctx, 'rosters.list', {})).toEqual([])
    expect(reg.ctx.sqlite.prepare('SELECT count(*) FROM roster_lines').pluck().get()).toBe(0)
    const trail = JSON.stringify(reg.ctx.sqlite.prepare("SELECT * FROM audit_log WHERE entity = 'roster'").all())
    expect(trail).not.toContain(c.a.idNumber)
    expect(trail).not.toContain(c.a.bankAccount)
    const gone = await call(reg.ctx, 'rosters.get', { id: draft.id }).catch((e: Error) => e.message)
    expect(gone).toContain('该发放花名册不存在')
  })
})

describe('back-pay and reconciliation', () => {
  it('back-pays months missed when approval came late, marked as such, and never pays a month twice', async () => {
    const c = await cast()
    const october = await generate('unsupported-basic', '2026-10')
    await lock(october.id)
    // Approved in September, entered into the registry only now: October was owed and not paid.
    const late = await addChild(reg.ctx, { name: '吴迟到', village: place.villages[2]!, categories: ['unsupported'], registeredOn: '2026-09-15' })
    const november = await generate('unsupported-basic', '2026-11')
    expect(november.backPayLines).toBe(1)
    const d = await detail(november.id)
    const line = d.lines.find((l) => l.childId === late.id)!
    expect(line).toMatchObject({ backPayMonths: ['2026-10'], backPayFen: 120000, ownMonthsFen: 120000, totalFen: 240000, monthCount: 2, paidMonths: ['2026-11'] })
    expect(line.rule).toBe(
      '事实无人抚养儿童基本生活补贴 1200元/月 × 1月（2020-01-01 起标准）；补发 2026-10：1200元/月 × 1月（2020-01-01 起标准）',
    )
    // Paid in the locked October roster: no back-pay.
    expect(d.lines.find((l) => l.childId === c.a.id)).toMatchObject({ backPayMonths: [], totalFen: 120000 })
  })

  it('reconciles with the previous locked roster: added, removed, changed, each with its reason', async () => {
    const c = await cast()
    await lock((await generate('unsupported-basic', '2026-10')).id)
    const late = await addChild(reg.ctx, { name: '吴迟到', village: place.villages[2]!, categories: ['unsupported'], registeredOn: '2026-09-15' })
    valueOf(await call(reg.ctx, 'children.update', { ...c.noAccount.input, id: c.noAccount.id, bankAccount: '6217999988887777' }))
    const unsupported = (await call(reg.ctx, 'programmes.list', {})).find((p) => p.code === 'unsupported-basic')!
    valueOf(
      await call(reg.ctx, 'programmes.save', {
        ...unsupported,
        standards: [
          { amountFen: 120000, effectiveFrom: '2020-01-01', effectiveTo: '2026-10-31', group: null },
          { amountFen: 130000, effectiveFrom: '2026-11-01', effectiveTo: null, group: null },
        ],
      }),
    )
    const november = await generate('unsupported-basic', '2026-11')
    const r = await call(reg.ctx, 'rosters.reconcile', { id: november.id })
    expect(r.previous?.firstMonth).toBe('2026-10')
    const by = (list: typeof r.added) => Object.fromEntries(list.map((x) => [x.name, [x.beforeFen, x.afterFen, x.reason]]))
    expect(by(r.added)).toEqual({
      赵无卡: [0, 250000, '上期未列入（缺少银行账号），本期列入；含补发 2026-10（1200元）'],
      吴迟到: [0, 250000, '本期新列入；含补发 2026-10（1200元）'],
    })
    expect(by(r.removed)).toEqual({
      钱已走: [120000, 0, '已退出（2026-10-15 迁出本区）'],
      // An orphan since 2026-11-23: paid by the orphans' programme from November.
      李双全: [120000, 0, '已享受孤儿基本生活费（互斥）'],
    })
    expect(by(r.changed)).toEqual({ 王小明: [120000, 130000, '标准 1200元/月 → 1300元/月'] })
    expect(r.unchanged).toBe(0)
    expect(r.beforeFen).toBe(360000)
    expect(r.afterFen).toBe(november.totalFen)
    expect(r.added.find((x) => x.name === '吴迟到')!.childId).toBe(late.id)
    // The first roster of a programme has nothing before it: everyone is new.
    const first = await call(reg.ctx, 'rosters.reconcile', { id: 1 })
    expect(first.previous).toBeNull()
    expect(first.added.every((x) => x.reason === '本期新列入')).toBe(true)
  })
})

describe('the directors’ subsidy roster', () => {
  it('pays the directors in post on the 1st, once each, at the standard of each month', async () => {
    const [v1, v2, v3] = place.villages as [string, string, string]
    const director = async (divisionCode: string, name: string, startDate: string, endDate = '', alsoServes: string[] = []) =>
      valueOf(await call(reg.ctx, 'directors.create', { divisionCode, name, sex: 'F', startDate, endDate, alsoServes })).id
    const wang = await director(v1, '王芳', '2024-03-01', '', [v3])
    await director(v2, '李新', '2026-11-15')
    await director(v2, '赵旧', '2023-01-01', '2026-09-30')
    const november = await generate('director-subsidy', '2026-11')
    const d = await detail(november.id)
    expect(d.lines).toHaveLength(1)
    expect(d.lines[0]).toMatchObject({
      directorId: wang,
      childId: null,
      name: '王芳',
      village: '东街社区（兼管北村）',
      category: '儿童主任',
      totalFen: 8000,
      rule: '儿童主任补贴 80元/月 × 1月（2026-01-01 起标准）',
    })
    expect(d.excluded.map((e) => [e.name, e.reason])).toEqual([['李新', '当月1日尚未在岗（2026-11-15 到岗，按每月1日在岗计发）']])
    const quarter = await detail((await generate('director-subsidy', '2025-12', 3)).id)
    expect(quarter.lines.map((l) => [l.name, l.totalFen])).toEqual([
      ['王芳', 6000 + 8000 * 2],
      ['赵旧', 6000 + 8000 * 2],
    ])
    expect(quarter.lines[0]!.rule).toBe('儿童主任补贴 60元/月 × 1月（2020-01-01 起标准）+ 80元/月 × 2月（2026-01-01 起标准）')
  })
})

describe('a yearly programme', () => {
  it('pays once a year, at the yearly standard', async () => {
    await cast()
    valueOf(
      await call(reg.ctx, 'programmes.save', {
        code: 'medical-premium',
        name: '城乡居民医保个人缴费资助',
        kind: 'child',
        period: 'year',
        categories: ['orphan', 'unsupported'],
        excludedBy: [],
        ageLimit: 18,
        extension: null,
        standards: [{ amountFen: 5000, effectiveFrom: '2026-01-01', effectiveTo: null, group: null }],
      }),
    )
    const quarter = await call(reg.ctx, 'rosters.generate', { programme: 'medical-premium', month: '2026-10', months: 3 })
    expect(!quarter.ok && quarter.problems[0]!.field).toBe('months')
    const november = await generate('medical-premium', '2026-11')
    const d = await detail(november.id)
    expect(d.lines.map((l) => l.name).sort()).toEqual(['李双全', '王小明'])
    expect(d.lines[0]!.rule).toBe('城乡居民医保个人缴费资助 50元/年 × 1年（2026-01-01 起标准）')
    await lock(november.id)
    const december = await detail((await generate('medical-premium', '2026-12')).id)
    // Approved in November: first paid in December, not yet paid this year.
    expect(december.lines.map((l) => l.name)).toEqual(['孙新来'])
    expect(december.excluded.filter((e) => e.reason === '2026年度已发放').map((e) => e.name).sort()).toEqual(['李双全', '王小明'])
  })
})
