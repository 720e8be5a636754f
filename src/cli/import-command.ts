import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { ServiceContext } from '../core/context'
import type { ImportOptions } from '../core/imports/analyse'
import { allProblems } from '../core/imports/analyse'
import { countsOf, type FileAnalysis } from '../core/imports/analysis'
import { KIND_NAMES } from '../core/sheets/fields'
import { analyseFile, commitFile, inDependencyOrder, markConflictsAcrossFiles, writeErrorBook } from '../core/imports/import-service'

const SHEET_FILES = new Set(['.xlsx', '.xls', '.csv'])
/** Excel's own lock files (~$name.xlsx) and the error workbooks we wrote last time are not township lists. */
const NOT_INPUT = /^~\$|-错误说明\.xlsx$/

export class ImportUsageError extends Error {}

export function collectFiles(paths: string[]): string[] {
  const files: string[] = []
  for (const path of paths) {
    if (!existsSync(path)) throw new ImportUsageError(`找不到文件或文件夹：${path}`)
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const full = join(path, name)
        if (statSync(full).isFile() && SHEET_FILES.has(extname(name).toLowerCase()) && !NOT_INPUT.test(name)) files.push(full)
      }
    } else files.push(path)
  }
  return files
}

export interface FileReport {
  file: string
  kind: string | null
  township: string | null
  sheets: string[]
  counts: { new: number; changed: number; unchanged: number; rejected: number }
  problems: { sheet: string; row: number | null; column: string | null; message: string }[]
  errorWorkbook: string | null
  batchId: number | null
}

/**
 * Imports files the way a clerk drops them in: all checked first, then committed places → people →
 * children, each file in its own transaction, so a later file sees the villages an earlier one added.
 */
export async function importFiles(
  ctx: ServiceContext,
  paths: string[],
  options: ImportOptions & { dryRun: boolean },
): Promise<FileReport[]> {
  const first = await Promise.all(paths.map(async (path) => ({ path, analysis: await analyseFile(ctx, path, options) })))
  markConflictsAcrossFiles(first.map((f) => f.analysis))
  const ordered = inDependencyOrder(first.map((f) => ({ ...f, kind: f.analysis.kind })))
  const reports: FileReport[] = []
  for (const { path, analysis: checked } of ordered) {
    let analysis: FileAnalysis = checked
    let batchId: number | null = null
    const conflicted = checked.rows.some((r) => r.problems.some((p) => p.message.includes('文件「')))
    if (!options.dryRun && !conflicted) {
      const result = await commitFile(ctx, path, options)
      analysis = result.analysis
      if (result.ok) batchId = result.batchId
    }
    let errorWorkbook: string | null = join(dirname(path), `${basename(path, extname(path))}-错误说明.xlsx`)
    if (!(await writeErrorBook(analysis, errorWorkbook))) errorWorkbook = null
    reports.push({
      file: path,
      kind: analysis.kind,
      township: analysis.township?.name ?? null,
      sheets: analysis.sheets.filter((s) => s.kind).map((s) => s.name),
      counts: countsOf(analysis),
      problems: allProblems(analysis),
      errorWorkbook,
      batchId,
    })
  }
  return reports
}

export function describeReport(report: FileReport, dryRun: boolean): string {
  const c = report.counts
  const lines = [
    `${basename(report.file)}：${report.kind ? KIND_NAMES[report.kind as keyof typeof KIND_NAMES] : '未能识别'}` +
      (report.township ? `（${report.township}）` : '') +
      `  新增 ${c.new}，更新 ${c.changed}，未变 ${c.unchanged}，有误 ${c.rejected}` +
      (dryRun ? '（试运行，未写入）' : report.batchId ? `（已导入，批次 ${report.batchId}）` : '（未导入）'),
  ]
  for (const p of report.problems.slice(0, 50)) {
    const where = [p.sheet && `「${p.sheet}」`, p.row && `第${p.row}行`, p.column].filter(Boolean).join(' ')
    lines.push(`  ${where ? `${where}：` : ''}${p.message}`)
  }
  if (report.problems.length > 50) lines.push(`  ……共 ${report.problems.length} 条问题，详见错误说明表`)
  if (report.errorWorkbook) lines.push(`  错误说明表：${report.errorWorkbook}`)
  return lines.join('\n')
}
