import { rmSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { ServiceContext } from '../../src/core/context'
import { generateBulkDistrict } from '../../src/core/demo/bulk-district'
import { fieldsOf } from '../../src/core/sheets/fields'
import { openRegistry } from '../../src/core/registry'
import { childPageStatement, childRowMaker, exportChildren, exportTownships } from '../../src/core/exports/registry-book'

interface RawSheet {
  name: string
  rows: (string | null)[][]
}

/**
 * The exported cells as plain strings, read before the clock starts: the raw write measures exceljs
 * alone. The export writes every cell of the grid (empty ones too, for their borders), so by default
 * the baseline does as well, with '' for an empty value; `skipEmpty` leaves them out instead.
 */
function rawSheets(ctx: ServiceContext, skipEmpty: boolean): RawSheet[] {
  const page = childPageStatement(ctx)
  const makeRow = childRowMaker(false)
  return exportTownships(ctx).map((t) => {
    const records = page.all({ township: t.code, after: 0, limit: 1_000_000 })
    const rows = records.map((r, i) =>
      makeRow(i + 1, r).map((c) => (c == null || c === '' ? (skipEmpty ? null : '') : String(c))),
    )
    return { name: t.name, rows }
  })
}

async function rawWrite(sheets: RawSheet[], header: string[], out: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false })
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name)
    ws.addRow(['基准测试区困境儿童名册']).commit()
    ws.addRow(['填报单位：基准测试区民政局    导出日期：2026-01-01']).commit()
    ws.addRow(header).commit()
    for (const row of sheet.rows) ws.addRow(row).commit()
    ws.commit()
  }
  await workbook.commit()
}

/** Best of this many runs each: the machine's other work only ever slows a run down. */
const RUNS = 3

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/**
 * The children export of a 100,000-child district against a bare exceljs streaming write of the same
 * cells (strings, no styles). Best of RUNS runs each, alternating, after a small warm-up.
 */
export async function benchExport(
  folder: string,
  options: { skipEmpty?: boolean } = {},
): Promise<{ exportMs: number; rawMs: number; ratio: number; rows: number }> {
  const file = join(folder, 'bench.db')
  // The generated district must go into an empty database: a previous run's is thrown away.
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  const ctx = await openRegistry(file, { actor: '基准测试' })
  try {
    generateBulkDistrict(ctx, { townships: 150, villages: 3000, children: 100_000 })
    const sheets = rawSheets(ctx, options.skipEmpty ?? false)
    const header = ['序号', ...fieldsOf('children').map((f) => f.label)]
    const first = exportTownships(ctx)[0]!
    await exportChildren(ctx, { townshipCode: first.code, fullNumbers: false }, join(folder, 'warm-export.xlsx'))
    await rawWrite(sheets.slice(0, 1), header, join(folder, 'warm-raw.xlsx'))

    let exportMs = Infinity
    let rawMs = Infinity
    let rows = 0
    for (let run = 0; run < RUNS; run++) {
      exportMs = Math.min(
        exportMs,
        await timed(async () => {
          rows = (await exportChildren(ctx, { fullNumbers: false }, join(folder, 'children.xlsx'))).rows
        }),
      )
      rawMs = Math.min(rawMs, await timed(() => rawWrite(sheets, header, join(folder, 'raw.xlsx'))))
    }
    return { exportMs: Math.round(exportMs), rawMs: Math.round(rawMs), ratio: Math.round((exportMs / rawMs) * 100) / 100, rows }
  } finally {
    ctx.conn.close()
  }
}
