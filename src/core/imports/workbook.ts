/** A cell as the importer sees it: formulas already replaced by their cached result. */
export type Cell = string | number | boolean | Date | null

export interface SheetRow {
  /** the row number the clerk sees in Excel (1-based) */
  row: number
  /** 0-based by column: cells[0] is column A */
  cells: Cell[]
}

/** A merged range, 1-based and inclusive, as Excel names it (A1:D1 → top 1, left 1, bottom 1, right 4). */
export interface MergedRange {
  top: number
  left: number
  bottom: number
  right: number
}

export interface SheetData {
  name: string
  /** hidden or very hidden sheets hold instructions or lookups, never data */
  hidden: boolean
  /** only rows with at least one non-empty cell, in order */
  rows: SheetRow[]
  /** empty when the reader could not know them (streamed or csv) */
  merges: MergedRange[]
}

export interface WorkbookData {
  fileName: string
  format: 'xlsx' | 'xls' | 'csv'
  sheets: SheetData[]
}

/** Why a file could not be read at all: a Chinese sentence naming the file and the fix. */
export type ReadResult = { ok: true; workbook: WorkbookData } | { ok: false; message: string }

export interface ReadLimits {
  /** rows with data per sheet before the file is refused as too large */
  maxRows: number
  /** total uncompressed size of an xlsx's parts (zip bombs) */
  maxUncompressedBytes: number
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxRows: 300_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
}

/** Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1
  let name = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    name = String.fromCharCode(65 + rem) + name
    n = Math.floor((n - 1) / 26)
  }
  return name
}
