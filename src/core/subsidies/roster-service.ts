/**
 * Rosters (发放花名册): generated as drafts from the registry and the standards in force, locked
 * into a frozen copy (with a backup taken first), read masked, reconciled with the previous locked
 * roster, paginated for print and written as the bureau's .xlsx.
 */
import type { Outcome, RosterDetail, RosterPages, RosterReconciliation, RosterSummary } from '../../contract'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'
import { backupDatabase } from '../db/backup'
import { getDistrict } from '../registry/divisions-service'
import { addMonths } from '../shared/months'
import { rosterExcluded, rosterLines, storePayees } from './payee-line'
import { chineseDate, DRAFT_WATERMARK, periodText, rosterColumns, rosterPages, rosterTitle, SIGNATURES, unitText } from './pages'
import { loadProgrammes } from './programmes-service'
import { reconcileRosters } from './reconcile'
import { writeRosterBook } from './roster-book'
import { computeRoster } from './roster-compute'

interface RosterRow {
  id: number
  programme_code: string
  programme_name: string
  district_name: string
  first_month: string
  months: number
  last_month: string
  status: 'draft' | 'locked'
  generated_at: string
  generated_by: string
  locked_at: string | null
  locked_by: string | null
  backup_file: string | null
  total_fen: number
  line_count: number
  excluded_count: number
  back_pay_lines: number
  locked_before: number
  kind: 'child' | 'director' | null
  period: 'month' | 'year' | null
}

const ROSTER_SELECT = `SELECT r.*, p.kind, p.period FROM rosters r LEFT JOIN programmes p ON p.code = r.programme_code`

function toSummary(row: RosterRow): RosterSummary {
  return {
    id: row.id,
    programme: row.programme_code,
    programmeName: row.programme_name,
    kind: row.kind ?? 'child',
    firstMonth: row.first_month,
    months: row.months,
    lastMonth: row.last_month,
    period: periodText(row.first_month, row.months),
    title: rosterTitle({
      districtName: row.district_name,
      programmeName: row.programme_name,
      firstMonth: row.first_month,
      months: row.months,
      status: row.status,
    }),
    status: row.status,
    generatedAt: row.generated_at,
    generatedBy: row.generated_by,
    lockedAt: row.locked_at,
    lockedBy: row.locked_by,
    lineCount: row.line_count,
    excludedCount: row.excluded_count,
    totalFen: row.total_fen,
    backPayLines: row.back_pay_lines,
  }
}

function rosterRow(ctx: ServiceContext, id: number): RosterRow | undefined {
  return ctx.sqlite.prepare(`${ROSTER_SELECT} WHERE r.id = ?`).get(id) as RosterRow | undefined
}

export function getRosterSummary(ctx: ServiceContext, id: number): RosterSummary | null {
  const row = rosterRow(ctx, id)
  return row ? toSummary(row) : null
}

export function listRosters(ctx: ServiceContext, input: { programme?: string }): RosterSummary[] {
  const rows = (
    input.programme
      ? ctx.sqlite.prepare(`${ROSTER_SELECT} WHERE r.programme_code = ? ORDER BY r.first_month DESC, r.months DESC, r.id DESC`).all(input.programme)
      : ctx.sqlite.prepare(`${ROSTER_SELECT} ORDER BY r.first_month DESC, p.sort_order, r.programme_code, r.months DESC, r.id DESC`).all()
  ) as RosterRow[]
  return rows.map(toSummary)
}

function describeLocked(row: RosterRow): string {
  return `${row.locked_at ? chineseDate(row.locked_at) : ''}由 ${row.locked_by ?? ''} 锁定`
}

/**
 * Computes the roster of a programme for `months` months from `month` and stores it as a draft,
 * replacing the draft of the same programme and months (the id stays). A locked one is refused.
 */
export function generateRoster(
  ctx: ServiceContext,
  input: { programme: string; month: string; months: number },
): Outcome<RosterSummary> {
  return inTransaction(ctx, () => {
    const all = loadProgrammes(ctx)
    const programme = all.find((p) => p.code === input.programme)
    if (!programme) {
      return { ok: false as const, problems: [{ field: 'programme', message: `补贴项目「${input.programme}」不存在，请在补贴项目列表中选择。` }] }
    }
    if (!programme.active) {
      return { ok: false as const, problems: [{ field: 'programme', message: `「${programme.name}」已停用，不能生成发放花名册；如需发放，请先在补贴项目中启用。` }] }
    }
    if (programme.period === 'year' && input.months !== 1) {
      return { ok: false as const, problems: [{ field: 'months', message: `「${programme.name}」按年发放，每次生成一个月（发放月份）的名册，月数应为1。` }] }
    }
    const existing = ctx.sqlite
      .prepare(`${ROSTER_SELECT} WHERE r.programme_code = ? AND r.first_month = ? AND r.months = ?`)
      .get(programme.code, input.month, input.months) as RosterRow | undefined
    if (existing?.status === 'locked') {
      return {
        ok: false as const,
        problems: [
          {
            message: `${periodText(input.month, input.months)}${programme.name}发放花名册已于${describeLocked(existing)}，锁定的名册不能重新生成。如有漏发，请在下一期名册中补发。`,
          },
        ],
      }
    }
    const computed = computeRoster(ctx, programme, all, input.month, input.months)
    const lockedBefore = ctx.sqlite
      .prepare("SELECT count(*) FROM rosters WHERE programme_code = ? AND status = 'locked'")
      .pluck()
      .get(programme.code) as number
    const totalFen = computed.lines.reduce((sum, l) => sum + l.totalFen, 0)
    const backPayLines = computed.lines.filter((l) => l.backPayMonths.length > 0).length
    const now = ctx.now()
    const values = {
      programme: programme.code,
      programmeName: programme.name,
      district: getDistrict(ctx)?.name ?? '',
      first: input.month,
      months: input.months,
      last: addMonths(input.month, input.months - 1),
      now,
      actor: ctx.actor,
      total: totalFen,
      lines: computed.lines.length,
      excluded: computed.excluded.length,
      backPayLines,
      lockedBefore,
    }
    let id: number
    if (existing) {
      id = existing.id
      ctx.sqlite.prepare('DELETE FROM roster_lines WHERE roster_id = ?').run(id)
      ctx.sqlite.prepare('DELETE FROM roster_excluded WHERE roster_id = ?').run(id)
      ctx.sqlite
        .prepare(
          `UPDATE rosters SET programme_name = @programmeName, district_name = @district, generated_at = @now,
             generated_by = @actor, total_fen = @total, line_count = @lines, excluded_count = @excluded,
             back_pay_lines = @backPayLines, locked_before = @lockedBefore WHERE id = @id`,
        )
        .run({ ...values, id })
    } else {
      id = Number(
        ctx.sqlite
          .prepare(
            `INSERT INTO rosters (programme_code, programme_name, district_name, first_month, months, last_month, status,
               generated_at, generated_by, total_fen, line_count, excluded_count, back_pay_lines, locked_before)
             VALUES (@programme, @programmeName, @district, @first, @months, @last, 'draft', @now, @actor, @total, @lines,
               @excluded, @backPayLines, @lockedBefore)`,
          )
          .run(values).lastInsertRowid,
      )
    }
    storePayees(ctx, id, computed.lines, computed.excluded)
    // The trail keeps counts and sums, never the payees' numbers.
    recordAudit(ctx, {
      action: existing ? '重新生成发放花名册' : '生成发放花名册',
      entity: 'roster',
      entityId: id,
      before: existing
        ? { totalFen: existing.total_fen, lineCount: existing.line_count, excludedCount: existing.excluded_count, generatedAt: existing.generated_at }
        : undefined,
      after: { programme: programme.code, firstMonth: input.month, months: input.months, totalFen, lineCount: computed.lines.length, excludedCount: computed.excluded.length },
    })
    return { ok: true as const, value: toSummary(rosterRow(ctx, id)!) }
  })
}

/**
 * Locks a draft: takes a backup of the database first, then records who and when. From then on
 * the roster never changes (triggers refuse it). A draft computed before another roster of the
 * programme was locked may pay a month twice: it must be generated again first.
 */
export async function lockRoster(ctx: ServiceContext, id: number): Promise<Outcome<RosterSummary> | null> {
  const row = rosterRow(ctx, id)
  if (!row) return null
  if (row.status === 'locked') {
    return { ok: false, problems: [{ message: `该名册已于${describeLocked(row)}，无需再次锁定。` }] }
  }
  const stale = staleProblem(ctx, row)
  if (stale) return { ok: false, problems: [{ message: stale }] }
  const backup = await backupDatabase(ctx.sqlite, ctx.conn.file, 'roster-lock', new Date(ctx.now()))
  return inTransaction(ctx, () => {
    const again = rosterRow(ctx, id)
    if (!again || again.status !== 'draft' || again.generated_at !== row.generated_at) {
      return { ok: false as const, problems: [{ message: '锁定前该名册已被他人重新生成、锁定或删除，请刷新后重试。' }] }
    }
    const staleNow = staleProblem(ctx, again)
    if (staleNow) return { ok: false as const, problems: [{ message: staleNow }] }
    const now = ctx.now()
    ctx.sqlite
      .prepare("UPDATE rosters SET status = 'locked', locked_at = ?, locked_by = ?, backup_file = ? WHERE id = ?")
      .run(now, ctx.actor, backup, id)
    recordAudit(ctx, {
      action: '锁定发放花名册',
      entity: 'roster',
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'locked', programme: again.programme_code, firstMonth: again.first_month, months: again.months, totalFen: again.total_fen, lineCount: again.line_count },
    })
    return { ok: true as const, value: toSummary(rosterRow(ctx, id)!) }
  })
}

function staleProblem(ctx: ServiceContext, row: RosterRow): string | null {
  const locked = ctx.sqlite
    .prepare("SELECT count(*) FROM rosters WHERE programme_code = ? AND status = 'locked'")
    .pluck()
    .get(row.programme_code) as number
  if (locked === row.locked_before) return null
  return '生成此草稿后，本项目又有名册被锁定，已发放月份可能已变化。请先重新生成此名册，核对后再锁定。'
}

/** Removes a draft (a locked roster cannot be removed). */
export function discardRoster(ctx: ServiceContext, id: number): Outcome<{ id: number }> | null {
  return inTransaction(ctx, () => {
    const row = rosterRow(ctx, id)
    if (!row) return null
    if (row.status === 'locked') {
      return { ok: false as const, problems: [{ message: `该名册已于${describeLocked(row)}，锁定的名册不能删除。` }] }
    }
    ctx.sqlite.prepare('DELETE FROM roster_lines WHERE roster_id = ?').run(id)
    ctx.sqlite.prepare('DELETE FROM roster_excluded WHERE roster_id = ?').run(id)
    ctx.sqlite.prepare('DELETE FROM rosters WHERE id = ?').run(id)
    recordAudit(ctx, {
      action: '删除发放花名册草稿',
      entity: 'roster',
      entityId: id,
      before: { programme: row.programme_code, firstMonth: row.first_month, months: row.months, totalFen: row.total_fen, lineCount: row.line_count },
    })
    return { ok: true as const, value: { id } }
  })
}

/** The lines of a stored roster, as payee-line reads them. */
export { rosterExcluded, rosterLines }

export function getRoster(
  ctx: ServiceContext,
  input: { id: number; fullNumbers: boolean; page: number; pageSize: number },
): RosterDetail | null {
  const row = rosterRow(ctx, input.id)
  if (!row) return null
  return {
    roster: toSummary(row),
    page: input.page,
    pageSize: input.pageSize,
    lines: rosterLines(ctx, input.id, input.fullNumbers, (input.page - 1) * input.pageSize, input.pageSize),
    excluded: rosterExcluded(ctx, input.id, input.fullNumbers),
  }
}

function printedDate(row: RosterRow): string {
  return `制表日期：${chineseDate(row.locked_at ?? row.generated_at)}`
}

/** The roster cut into printed pages, each with its 本页小计: what the print view shows. */
export function rosterPrintPages(
  ctx: ServiceContext,
  input: { id: number; rowsPerPage: number; fullNumbers: boolean },
): RosterPages | null {
  const row = rosterRow(ctx, input.id)
  if (!row) return null
  const summary = toSummary(row)
  const paged = rosterPages({ lines: rosterLines(ctx, input.id, input.fullNumbers) }, input.rowsPerPage)
  return {
    roster: summary,
    title: summary.title,
    unit: unitText(row.district_name),
    date: printedDate(row),
    watermark: row.status === 'draft' ? DRAFT_WATERMARK : null,
    columns: rosterColumns(row.period ?? 'month'),
    rowsPerPage: paged.rowsPerPage,
    pages: paged.pages,
    totalFen: paged.totalFen,
    totalCapital: paged.totalCapital,
    signatures: [...SIGNATURES],
  }
}

/** The .xlsx of a roster, written to `out`; false when there is no such roster. */
export async function exportRoster(
  ctx: ServiceContext,
  input: { id: number; fullNumbers: boolean; rowsPerPage: number },
  out: string,
): Promise<boolean> {
  const row = rosterRow(ctx, input.id)
  if (!row) return false
  const summary = toSummary(row)
  await writeRosterBook(
    {
      title: summary.title,
      unit: unitText(row.district_name),
      date: printedDate(row),
      status: row.status,
      period: row.period ?? 'month',
      rowsPerPage: input.rowsPerPage,
      lines: rosterLines(ctx, input.id, input.fullNumbers),
      excluded: rosterExcluded(ctx, input.id, input.fullNumbers),
    },
    out,
  )
  return true
}

/** The file name a roster's export gets: its title, safe for every file system. */
export function rosterFileName(summary: RosterSummary): string {
  return `${summary.title.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`
}

/** The previous locked roster of the same programme: the latest one starting before this one. */
function previousLocked(ctx: ServiceContext, row: RosterRow): RosterRow | undefined {
  return ctx.sqlite
    .prepare(
      `${ROSTER_SELECT} WHERE r.programme_code = ? AND r.status = 'locked' AND r.first_month < ? AND r.id <> ?
        ORDER BY r.first_month DESC, r.locked_at DESC, r.id DESC LIMIT 1`,
    )
    .get(row.programme_code, row.first_month, row.id) as RosterRow | undefined
}

function reconcileSide(ctx: ServiceContext, id: number) {
  return { lines: rosterLines(ctx, id, false), excluded: rosterExcluded(ctx, id, false) }
}

export function reconcileRoster(ctx: ServiceContext, id: number): RosterReconciliation | null {
  const row = rosterRow(ctx, id)
  if (!row) return null
  const previous = previousLocked(ctx, row)
  const current = reconcileSide(ctx, id)
  const before = previous ? reconcileSide(ctx, previous.id) : { lines: [], excluded: [] }
  const result = reconcileRosters(current, before, row.period === 'year' ? '年' : '月')
  return { roster: toSummary(row), previous: previous ? toSummary(previous) : null, ...result }
}
