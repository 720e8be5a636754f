import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import ExcelJS from 'exceljs'
import type { ServiceContext } from '../../src/core/context'
import { dispatch } from '../../src/core/dispatch'
import { exportRoster } from '../../src/core/subsidies/roster-service'
import { addMonths } from '../../src/core/shared/months'

/**
 * Figures for the rosters and the follow-up dashboard on the bulk district (100,000 children): every child gets a
 * bank account and a registration a year back, a programme pays all of them, and each has four quarters of
 * reviews and two visits (one in fifty with an open risk).
 */
async function answer<T>(ctx: ServiceContext, name: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  const reply = await dispatch(ctx, name, input)
  if ('error' in reply) throw new Error(`${name}: ${reply.error.message}`)
  return reply.result as T
}

function prepareDistrict(ctx: ServiceContext, today: string): void {
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`
  const now = new Date().toISOString()
  ctx.sqlite.transaction(() => {
    ctx.sqlite.prepare(`UPDATE children SET bank_account = '6217' || printf('%012d', id), registered_on = ?`).run(yearAgo)
    ctx.sqlite.prepare('UPDATE child_categories SET since = ?').run(yearAgo)
    const review = ctx.sqlite.prepare(
      `INSERT INTO quarterly_reviews (child_id, quarter, reviewed_on, reviewer, no_change, created_at, created_by, updated_at)
       VALUES (?, ?, ?, '基准儿童主任', 1, ?, 'bench', ?)`,
    )
    const visit = ctx.sqlite.prepare(
      `INSERT INTO visits (child_id, visited_on, visitor, kind, findings, risk, created_at, created_by, updated_at)
       VALUES (?, ?, '基准儿童主任', 'home', '基准走访', ?, ?, 'bench', ?)`,
    )
    const ids = ctx.sqlite.prepare("SELECT id FROM children WHERE status = 'active'").pluck().all() as number[]
    const month = today.slice(0, 7)
    const quarters = [3, 6, 9, 12].map((back) => {
      const m = addMonths(month, -back)
      return { quarter: `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5)) / 3)}`, day: `${m}-15` }
    })
    for (const id of ids) {
      for (const q of quarters) review.run(id, q.quarter, q.day, now, now)
      visit.run(id, quarters[0]!.day, null, now, now)
      visit.run(id, quarters[1]!.day, id % 50 === 0 ? 'no-guardian' : null, now, now)
    }
  })()
  ctx.sqlite.exec('ANALYZE')
}

/** Every cell of a workbook as written, to be written again bare (strings and numbers, no styles). */
async function cellsOf(file: string): Promise<{ name: string; rows: unknown[][] }[]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  return book.worksheets.map((ws) => {
    const rows: unknown[][] = []
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' ? String((v as { result?: unknown }).result ?? '') : (v ?? null)))))
    return { name: ws.name, rows }
  })
}

async function rawWrite(sheets: { name: string; rows: unknown[][] }[], out: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false })
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name)
    for (const row of sheet.rows) ws.addRow(row).commit()
    ws.commit()
  }
  await workbook.commit()
}

async function bestOf(runs: number, fn: () => Promise<unknown>): Promise<number> {
  let best = Infinity
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

export interface CaseworkFigures {
  rosterMs: number
  rosterLines: number
  exportMs: number
  rawMs: number
  dashboardMs: number
}

export async function benchCasework(ctx: ServiceContext, folder: string): Promise<CaseworkFigures> {
  const today = ctx.today()
  prepareDistrict(ctx, today)
  const categories = (ctx.sqlite.prepare('SELECT DISTINCT category_code FROM child_categories').pluck().all() as string[]).sort()
  const programme = await answer<{ ok: boolean; value: { code: string } }>(ctx, 'programmes.save', {
    name: '基准测试生活补贴',
    kind: 'child',
    categories,
    excludedBy: [],
    ageLimit: 18,
    extension: null,
    standards: [{ amountFen: 30_000, effectiveFrom: '2020-01-01', effectiveTo: null, group: null }],
  })
  if (!programme.ok) throw new Error('bench programme refused')
  const month = today.slice(0, 7)
  const generate = () => answer<{ ok: boolean; value: { id: number; lineCount: number } }>(ctx, 'rosters.generate', { programme: programme.value.code, month, months: 1 })
  await generate()
  const rosterMs = await bestOf(3, generate)
  const roster = await generate()
  if (!roster.ok) throw new Error('bench roster refused')

  const exported = join(folder, 'roster.xlsx')
  // The workbook as the export writes it to its file (the download's base64 wrapping left out, as the raw write has none).
  const exportOnce = () => exportRoster(ctx, { id: roster.value.id, fullNumbers: false, rowsPerPage: 20 }, exported)
  await exportOnce()
  // The baseline writes the very cells the export wrote, read back from it before the clock starts.
  const sheets = await cellsOf(exported)
  let exportMs = Infinity
  let rawMs = Infinity
  for (let run = 0; run < 3; run++) {
    exportMs = Math.min(exportMs, await bestOf(1, exportOnce))
    rawMs = Math.min(rawMs, await bestOf(1, () => rawWrite(sheets, join(folder, 'roster-raw.xlsx'))))
  }

  await answer(ctx, 'dashboard.work', {})
  const dashboardMs = await bestOf(5, () => answer(ctx, 'dashboard.work', {}))
  return { rosterMs, rosterLines: roster.value.lineCount, exportMs, rawMs, dashboardMs }
}
