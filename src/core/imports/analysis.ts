import type { SheetKind } from '../sheets/fields'
import type { Cell } from './workbook'

export interface RowProblem {
  sheet: string
  /** the Excel row number, null for a problem of the whole sheet or file */
  row: number | null
  /** "C列（身份证号）", null when no single column is at fault */
  column: string | null
  message: string
}

export type RowStatus = 'new' | 'changed' | 'unchanged' | 'rejected'

export interface RowResult<F = unknown> {
  sheet: string
  row: number
  status: RowStatus
  /** who the row is about, for the preview: a name, with the ID masked */
  label: string
  facts?: F
  /** what identifies the row's record even when rejected (a child's ID number as written) */
  key?: string
  /** the record this row updates */
  existingId?: number | string
  /** "监护人电话：138****8000 → 139****9000" */
  changes: string[]
  problems: RowProblem[]
  /** the township's own cells, for the error workbook */
  cells: Cell[]
}

export interface MissingVillage {
  townshipCode: string
  townshipName: string
  villageName: string
  rows: number
}

export interface NotInList {
  id: number
  name: string
  townshipName: string
  villageName: string
}

export interface SheetSummary {
  name: string
  kind: SheetKind | null
  headerRows: number[]
  columns: { index: number; letter: string; label: string; field: string | null }[]
  dataRows: number
  /** why the sheet was passed over (hidden, instructions, no header) */
  skipped: string | null
  /** the header rows as they were, for the error workbook */
  headerCells: Cell[][]
}

export interface FileAnalysis {
  fileName: string
  sha256: string
  kind: SheetKind | null
  township: { code: string; name: string } | null
  townshipSource: 'column' | 'chosen' | 'sheet' | 'file' | null
  sheets: SheetSummary[]
  rows: RowResult[]
  /** problems of the whole file (unreadable, no header, no township): nothing can be committed */
  fileProblems: RowProblem[]
  missingVillages: MissingVillage[]
  notInList: NotInList[]
}

export function countsOf(analysis: FileAnalysis) {
  const counts = { new: 0, changed: 0, unchanged: 0, rejected: 0 }
  for (const row of analysis.rows) counts[row.status]++
  return counts
}

export function columnRef(letter: string, label: string): string {
  return label ? `${letter}列（${label}）` : `${letter}列`
}
