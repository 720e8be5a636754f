import { z } from 'zod'
import { call, DivisionCode, Done, Empty, Id, outcome } from './define'

export const SheetKind = z.enum(['divisions', 'supervisors', 'directors', 'children', 'reviews', 'visits'])
export type SheetKind = z.infer<typeof SheetKind>

const StagedId = z.string().regex(/^[0-9a-f]{24}$/, '文件编号格式不正确')

/** What the clerk decided for one file: its kind, its township, and corrected columns per sheet. */
export const ImportChoice = z.object({
  id: StagedId,
  kind: SheetKind.optional(),
  townshipCode: DivisionCode.optional(),
  /** sheet name → column index (as text) → field key, or null to leave the column out */
  mapping: z.record(z.string().max(100), z.record(z.string().regex(/^\d{1,3}$/), z.string().max(40).nullable())).optional(),
})
export type ImportChoice = z.infer<typeof ImportChoice>

export const ImportProblem = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
})
export type ImportProblem = z.infer<typeof ImportProblem>

export const ImportCounts = z.object({
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
})

export const FilePreview = z.object({
  id: StagedId,
  fileName: z.string(),
  sha256: z.string(),
  kind: SheetKind.nullable(),
  township: z.object({ code: z.string(), name: z.string() }).nullable(),
  townshipSource: z.enum(['column', 'chosen', 'sheet', 'file']).nullable(),
  sheets: z.array(
    z.object({
      name: z.string(),
      kind: SheetKind.nullable(),
      headerRows: z.array(z.number().int()),
      columns: z.array(z.object({ index: z.number().int(), letter: z.string(), label: z.string(), field: z.string().nullable() })),
      dataRows: z.number().int(),
      skipped: z.string().nullable(),
    }),
  ),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
  counts: ImportCounts,
  rows: z.array(
    z.object({
      sheet: z.string(),
      row: z.number().int(),
      status: z.enum(['new', 'changed', 'unchanged', 'rejected']),
      label: z.string(),
      changes: z.array(z.string()),
      problems: z.array(z.string()),
    }),
  ),
  /** the preview lists at most this many rows; the counts are always whole */
  rowsShown: z.number().int(),
  fileProblems: z.array(ImportProblem),
  missingVillages: z.array(
    z.object({ townshipCode: z.string(), townshipName: z.string(), villageName: z.string(), rows: z.number().int() }),
  ),
  notInList: z.array(z.object({ id: Id, name: z.string(), townshipName: z.string(), villageName: z.string() })),
  canCommit: z.boolean(),
})
export type FilePreview = z.infer<typeof FilePreview>

export const ImportBatch = z.object({
  id: Id,
  fileName: z.string(),
  sha256: z.string(),
  kind: SheetKind,
  townshipName: z.string().nullable(),
  sheets: z.array(z.string()),
  counts: ImportCounts,
  actor: z.string(),
  at: z.string(),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
})
export type ImportBatch = z.infer<typeof ImportBatch>

/** A workbook handed to the renderer to save (the browser has no file system of ours). */
export const FileDownload = z.object({ fileName: z.string(), dataBase64: z.string() })
export type FileDownload = z.infer<typeof FileDownload>

/** 60 MB of workbook, as base64 */
export const MAX_UPLOAD_BASE64 = 80 * 1024 * 1024

export const importCalls = {
  'imports.upload': call(
    z.object({
      fileName: z.string().min(1).max(200),
      dataBase64: z.string().max(MAX_UPLOAD_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容应为 base64 编码'),
    }),
    z.object({ id: StagedId, fileName: z.string(), size: z.number().int() }),
  ),
  'imports.preview': call(z.object({ files: z.array(ImportChoice).min(1).max(50) }), z.object({ files: z.array(FilePreview) })),
  'imports.commit': call(
    ImportChoice.extend({ rememberMapping: z.boolean().default(false) }),
    outcome(z.object({ batchId: Id, counts: ImportCounts })),
  ),
  'imports.errorBook': call(ImportChoice, FileDownload.nullable()),
  'imports.discard': call(z.object({ id: StagedId }), Done),
  'imports.batches': call(Empty, z.array(ImportBatch)),
  'imports.batchProblems': call(z.object({ batchId: Id }), z.array(ImportProblem)),
  'imports.undo': call(z.object({ batchId: Id }), outcome(z.object({ id: Id }))),
}

export const exportCalls = {
  'exports.children': call(z.object({ townshipCode: DivisionCode.optional(), fullNumbers: z.boolean().default(false) }), FileDownload),
  'exports.staff': call(z.object({ kind: z.enum(['supervisors', 'directors']), fullNumbers: z.boolean().default(false) }), FileDownload),
  'exports.template': call(z.object({ kind: SheetKind, townshipCode: DivisionCode.optional() }), FileDownload),
}
