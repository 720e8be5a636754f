import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { ServiceContext } from '../context'
import { backupDatabase } from '../db/backup'
import { writeErrorWorkbook } from '../exports/error-book'
import { analyseWorkbook, type ImportOptions } from './analyse'
import { countsOf, type FileAnalysis, type RowResult } from './analysis'
import { headerKey } from './cells'
import { markDuplicateIds, type ChildImportFacts } from './children-import'
import { commitAnalysis } from './commit'
import { KIND_ORDER, type SheetKind } from '../sheets/fields'
import { readWorkbook } from './read-workbook'
import { sha256Of } from './staging'

/** Reads and checks one file; a file that cannot be read becomes an analysis with one file problem. */
export async function analyseFile(
  ctx: ServiceContext,
  path: string,
  options: ImportOptions = {},
  fileName = basename(path),
): Promise<FileAnalysis> {
  let sha256 = ''
  try {
    sha256 = sha256Of(readFileSync(path))
  } catch {
    // readWorkbook explains an unreadable file in the clerk's words
  }
  const read = await readWorkbook(path, fileName)
  if (!read.ok) {
    return {
      fileName,
      sha256,
      kind: null,
      township: null,
      townshipSource: null,
      sheets: [],
      rows: [],
      fileProblems: [{ sheet: '', row: null, column: null, message: read.message }],
      missingVillages: [],
      notInList: [],
    }
  }
  return analyseWorkbook(ctx, read.workbook, { sha256 }, options)
}

/** Several files checked together: the same child in two townships' files is a conflict for the clerk. */
export function markConflictsAcrossFiles(analyses: FileAnalysis[]): void {
  const rows = analyses.flatMap((a) =>
    (a.kind === 'children' ? (a.rows as RowResult<ChildImportFacts>[]) : []).map((row) => ({ row, file: a.fileName })),
  )
  const fileOf = new Map(rows.map(({ row, file }) => [row, file]))
  const byId = new Map<string, Set<string>>()
  for (const { row, file } of rows) {
    if (!row.facts) continue
    const files = byId.get(row.facts.idNumber) ?? new Set()
    files.add(file)
    byId.set(row.facts.idNumber, files)
  }
  const across = rows.map((r) => r.row).filter((r) => r.facts && (byId.get(r.facts.idNumber)?.size ?? 0) > 1)
  markDuplicateIds(across, (r) => `文件「${fileOf.get(r as RowResult<ChildImportFacts>)}」的「${r.sheet}」第${r.row}行`)
}

/** Files in the order their contents depend on each other: places, then people, then children. */
export function inDependencyOrder<T extends { kind: SheetKind | null }>(items: T[]): T[] {
  const rank = (kind: SheetKind | null) => (kind ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length)
  return [...items].sort((a, b) => rank(a.kind) - rank(b.kind))
}

export type CommitResult =
  | { ok: true; batchId: number; counts: ReturnType<typeof countsOf>; backupFile: string; analysis: FileAnalysis }
  | { ok: false; message: string; analysis: FileAnalysis }

/** Checks the file again (the registry may have changed since the preview), backs up, then writes it whole. */
export async function commitFile(ctx: ServiceContext, path: string, options: ImportOptions, fileName?: string): Promise<CommitResult> {
  const analysis = await analyseFile(ctx, path, options, fileName)
  if (analysis.fileProblems.length > 0 || !analysis.kind) {
    return { ok: false, message: analysis.fileProblems.map((p) => p.message).join('\n') || '文件中没有可导入的内容。', analysis }
  }
  // Only rejected rows go back in an error workbook; letting go of the rest frees the sheet's cells before the writes.
  for (const row of analysis.rows) if (row.status !== 'rejected') row.cells = []
  const backupFile = await backupDatabase(ctx.sqlite, ctx.conn.file, 'import')
  const batchId = commitAnalysis(ctx, analysis, { backupFile })
  return { ok: true, batchId, counts: countsOf(analysis), backupFile, analysis }
}

/** The rejected rows in the township's own columns, with 错误说明, ready to send back. */
export async function writeErrorBook(analysis: FileAnalysis, out: string): Promise<boolean> {
  const rejected = analysis.rows.filter((r) => r.status === 'rejected')
  if (rejected.length === 0) return false
  await writeErrorWorkbook(
    {
      fileName: analysis.fileName,
      sheets: analysis.sheets
        .filter((s) => rejected.some((r) => r.sheet === s.name))
        .map((s) => ({
          name: s.name,
          headerRows: s.headerCells,
          rows: rejected
            .filter((r) => r.sheet === s.name)
            .map((r) => ({ row: r.row, cells: r.cells, reasons: r.problems.map((p) => (p.column ? `${p.column}：${p.message}` : p.message)) })),
        })),
    },
    out,
  )
  return true
}

/** The clerk's corrections of a township's columns, used the next time that township sends a file. */
export function rememberMapping(
  ctx: ServiceContext,
  townshipCode: string,
  kind: SheetKind,
  columns: { label: string; field: string | null }[],
): void {
  const upsert = ctx.sqlite.prepare(
    `INSERT INTO import_mappings (township_code, kind, header, field, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (township_code, kind, header) DO UPDATE SET field = excluded.field, updated_at = excluded.updated_at`,
  )
  const now = ctx.now()
  ctx.sqlite.transaction(() => {
    for (const column of columns) if (column.label) upsert.run(townshipCode, kind, headerKey(column.label), column.field, now)
  })()
}
