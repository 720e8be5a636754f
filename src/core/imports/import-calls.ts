import type { FileDownload, FilePreview, ImportChoice, Outcome } from '../../contract'
import { asDownload, defineHandlers, NotFound } from '../call-kit'
import type { ServiceContext } from '../context'
import type { ImportOptions } from './analyse'
import { countsOf, type FileAnalysis } from './analysis'
import { batchProblems, listBatches, undoBatch } from './batches'
import { fieldsOf, type SheetKind } from '../sheets/fields'
import { analyseFile, commitFile, markConflictsAcrossFiles, rememberMapping, writeErrorBook } from './import-service'
import { discardStaged, findStaged, stageFile, type StagedFile } from './staging'

/** The preview lists this many rows at most; a 100,000-row file is summed up, not shipped whole. */
export const PREVIEW_ROW_LIMIT = 2000

function optionsOf(choice: ImportChoice): ImportOptions {
  const mapping: ImportOptions['mapping'] = {}
  for (const [sheet, columns] of Object.entries(choice.mapping ?? {})) {
    mapping[sheet] = Object.fromEntries(Object.entries(columns).map(([index, field]) => [Number(index), field]))
  }
  return { kind: choice.kind, townshipCode: choice.townshipCode, mapping }
}

function staged(ctx: ServiceContext, id: string): StagedFile {
  const file = findStaged(ctx, id)
  if (!file) throw new StagedFileGone()
  return file
}

/** The staged file was committed, discarded or swept away meanwhile. */
export class StagedFileGone extends Error {
  constructor() {
    super('该文件已不在待导入列表中（可能已导入或已移除），请重新选择文件。')
  }
}

export function uploadFile(ctx: ServiceContext, input: { fileName: string; dataBase64: string }) {
  const bytes = Buffer.from(input.dataBase64, 'base64')
  const file = stageFile(ctx, input.fileName, bytes)
  return { id: file.id, fileName: file.fileName, size: file.size }
}

export function toPreview(id: string, analysis: FileAnalysis): FilePreview {
  const counts = countsOf(analysis)
  const ordered = [...analysis.rows].sort((a, b) => rank(a.status) - rank(b.status))
  return {
    id,
    fileName: analysis.fileName,
    sha256: analysis.sha256,
    kind: analysis.kind,
    township: analysis.township,
    townshipSource: analysis.townshipSource,
    sheets: analysis.sheets.map(({ headerCells: _cells, ...sheet }) => sheet),
    fields: analysis.kind ? fieldsOf(analysis.kind).map((f) => ({ key: f.key, label: f.label, required: f.required })) : [],
    counts,
    rows: ordered.slice(0, PREVIEW_ROW_LIMIT).map((r) => ({
      sheet: r.sheet,
      row: r.row,
      status: r.status,
      label: r.label,
      changes: r.changes,
      problems: r.problems.map((p) => (p.column ? `${p.column}：${p.message}` : p.message)),
    })),
    rowsShown: Math.min(ordered.length, PREVIEW_ROW_LIMIT),
    fileProblems: analysis.fileProblems,
    missingVillages: analysis.missingVillages,
    notInList: analysis.notInList,
    canCommit: analysis.fileProblems.length === 0 && analysis.kind !== null && counts.new + counts.changed > 0,
  }
}

// Rejected rows first: they are what the clerk has to act on.
function rank(status: string): number {
  return ['rejected', 'new', 'changed', 'unchanged'].indexOf(status)
}

export async function previewFiles(ctx: ServiceContext, files: ImportChoice[]): Promise<{ files: FilePreview[] }> {
  const analyses: { id: string; analysis: FileAnalysis }[] = []
  for (const choice of files) {
    const file = staged(ctx, choice.id)
    analyses.push({ id: choice.id, analysis: await analyseFile(ctx, file.path, optionsOf(choice), file.fileName) })
  }
  markConflictsAcrossFiles(analyses.map((a) => a.analysis))
  return { files: analyses.map(({ id, analysis }) => toPreview(id, analysis)) }
}

export async function commitStaged(
  ctx: ServiceContext,
  choice: ImportChoice & { rememberMapping: boolean },
): Promise<Outcome<{ batchId: number; counts: ReturnType<typeof countsOf> }>> {
  const file = staged(ctx, choice.id)
  const options = optionsOf(choice)
  const result = await commitFile(ctx, file.path, options, file.fileName)
  if (!result.ok) return { ok: false, problems: [{ message: result.message }] }
  // The clerk's corrections are kept for the township the file turned out to be from.
  const township = options.townshipCode ?? result.analysis.township?.code
  const kind = options.kind ?? result.analysis.kind
  if (choice.rememberMapping && choice.mapping && township && kind) {
    for (const sheet of result.analysis.sheets) {
      if (choice.mapping[sheet.name]) rememberMapping(ctx, township, kind as SheetKind, sheet.columns)
    }
  }
  discardStaged(ctx, choice.id)
  return { ok: true, value: { batchId: result.batchId, counts: result.counts } }
}

export async function errorBookOf(ctx: ServiceContext, choice: ImportChoice): Promise<FileDownload | null> {
  const file = staged(ctx, choice.id)
  const analysis = await analyseFile(ctx, file.path, optionsOf(choice), file.fileName)
  if (!analysis.rows.some((r) => r.status === 'rejected')) return null
  const name = `${file.fileName.replace(/\.[^.]+$/, '')}-错误说明.xlsx`
  return asDownload(name, (out) => writeErrorBook(analysis, out))
}

/** A staged file that is gone is the clerk's to hear about, not a fault. */
async function refuseGone<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof StagedFileGone) throw new NotFound(error.message)
    throw error
  }
}

/** The import's calls: staging a file, previewing, committing, the error book, the batches and their undo. */
export const importHandlers = defineHandlers({
  'imports.upload': (ctx, input) => uploadFile(ctx, input),
  'imports.preview': (ctx, input) => refuseGone(() => previewFiles(ctx, input.files)),
  'imports.commit': (ctx, input) => refuseGone(() => commitStaged(ctx, input)),
  'imports.errorBook': (ctx, input) => refuseGone(() => errorBookOf(ctx, input)),
  'imports.discard': (ctx, input) => {
    discardStaged(ctx, input.id)
    return { ok: true as const }
  },
  'imports.batches': (ctx) => listBatches(ctx),
  'imports.batchProblems': (ctx, input) => batchProblems(ctx, input.batchId),
  'imports.undo': (ctx, input) => undoBatch(ctx, input.batchId),
})
