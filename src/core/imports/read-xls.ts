import * as XLSX from '@e965/xlsx'
import { readMessages } from './read-messages'
import { BUILTIN_DATE_FORMATS, ReadRefusal, finishCells, isDateFormat, serialToDate } from './read-shared'
import type { Cell, MergedRange, ReadLimits, ReadResult, SheetData, SheetRow } from './workbook'

/**
 * Reads a legacy .xls (BIFF8, and BIFF5 from Excel 95 / old WPS) with SheetJS. The file is an OLE2 compound file, the
 * same container Word .doc, PowerPoint .ppt and password-protected .xlsx use, so the container's streams are looked at
 * first to tell the clerk what the file really is.
 */
export async function readXls(buffer: Buffer, fileName: string, limits: ReadLimits): Promise<ReadResult> {
  const kind = identifyCompoundFile(buffer)
  switch (kind) {
    case 'corrupt':
      return { ok: false, message: readMessages.corrupt(fileName) }
    case 'encrypted-ooxml':
      return { ok: false, message: readMessages.password(fileName) }
    case 'word':
      return { ok: false, message: readMessages.notSpreadsheet(fileName, ' Word 文档') }
    case 'powerpoint':
      return { ok: false, message: readMessages.notSpreadsheet(fileName, ' PowerPoint 演示文稿') }
    case 'unknown':
      return { ok: false, message: readMessages.notSpreadsheet(fileName, '其他程序的文件，里面没有工作表') }
    case 'biff5':
      await ensureCodepages()
      break
    case 'biff8':
      break
  }

  let book: XLSX.WorkBook
  try {
    prepareFormatTable()
    book = XLSX.read(buffer, {
      type: 'buffer',
      dense: true,
      // dates are converted here from the serial and the format, the same way as for .xlsx, never in local time
      cellDates: false,
      cellNF: true,
      cellText: false,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      sheetStubs: false,
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    if (/password|encrypt/i.test(detail)) return { ok: false, message: readMessages.password(fileName) }
    return { ok: false, message: readMessages.corrupt(fileName) }
  }

  try {
    const date1904 = book.Workbook?.WBProps?.date1904 === true
    const sheets: SheetData[] = []
    book.SheetNames.forEach((name, index) => {
      const sheet = book.Sheets[name]
      if (!sheet) return
      // chart, macro and dialog sheets hold no rows; the typings only know 'chart' and 'sheet'
      const type: string | undefined = sheet['!type']
      if (type === 'chart' || type === 'macro' || type === 'dialog') return
      const hidden = (book.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0
      const tooMany = () => readMessages.tooManyRows(fileName, name, limits.maxRows)
      sheets.push({
        name,
        hidden,
        rows: sheetRows(sheet, date1904, tooMany, limits.maxRows),
        merges: (sheet['!merges'] ?? []).map(toMergedRange),
      })
    })
    if (sheets.length === 0) return { ok: false, message: readMessages.noSheets(fileName) }
    return { ok: true, workbook: { fileName, format: 'xls', sheets } }
  } catch (error) {
    if (error instanceof ReadRefusal) return { ok: false, message: error.userMessage }
    throw error
  }
}

type CompoundKind = 'biff8' | 'biff5' | 'encrypted-ooxml' | 'word' | 'powerpoint' | 'unknown' | 'corrupt'

interface CompoundFile {
  FileIndex: { name: string }[]
}

/** SheetJS bundles its OLE2 reader but types it as any; this is the one call used. */
const CFB = XLSX.CFB as { read(data: Buffer, options: { type: 'buffer' }): CompoundFile }

export function identifyCompoundFile(buffer: Buffer): CompoundKind {
  let container: CompoundFile
  try {
    container = CFB.read(buffer, { type: 'buffer' })
  } catch {
    return 'corrupt'
  }
  const names = new Set(container.FileIndex.map((entry) => entry.name))
  // an .xlsx with an open password is an OLE2 file holding the encrypted zip
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) return 'encrypted-ooxml'
  if (names.has('Workbook') || names.has('WORKBOOK')) return 'biff8'
  if (names.has('Book') || names.has('BOOK')) return 'biff5'
  if (names.has('WordDocument')) return 'word'
  if (names.has('PowerPoint Document')) return 'powerpoint'
  return 'unknown'
}

let codepagesLoaded = false

/** Excel 95 stores text in the machine's code page (GBK on Chinese Windows); SheetJS needs the tables to decode it. */
async function ensureCodepages(): Promise<void> {
  if (codepagesLoaded) return
  const codepages = await import('@e965/xlsx/dist/cpexcel.full.mjs')
  XLSX.set_cptable(codepages)
  codepagesLoaded = true
}

/**
 * SheetJS keeps one process-wide table of built-in formats, reset by its writers and missing the zh-CN date formats
 * (ids 27–36, 50–58); without them a date a Chinese Excel formatted as 2015年3月2日 comes back with no format at all.
 */
function prepareFormatTable(): void {
  const table = XLSX.SSF.get_table() as Record<number, string | undefined>
  for (const [id, code] of Object.entries(BUILTIN_DATE_FORMATS)) {
    if (table[Number(id)] === undefined) XLSX.SSF.load(code, Number(id))
  }
}

function sheetRows(sheet: XLSX.WorkSheet, date1904: boolean, tooMany: () => string, maxRows: number): SheetRow[] {
  const rows: SheetRow[] = []
  const data = sheet['!data'] as (XLSX.CellObject | undefined)[][] | undefined
  const pushRow = (index: number, source: ArrayLike<XLSX.CellObject | undefined>) => {
    const cells: Cell[] = new Array<Cell>(source.length)
    for (let c = 0; c < source.length; c++) cells[c] = cellValue(source[c], date1904)
    if (!finishCells(cells)) return
    rows.push({ row: index + 1, cells })
    if (rows.length > maxRows) throw new ReadRefusal(tooMany())
  }
  if (data) {
    for (let r = 0; r < data.length; r++) {
      const source = data[r]
      if (source) pushRow(r, source)
    }
    return rows
  }
  // sparse sheets (should SheetJS ever ignore `dense`) are keyed by address
  const ref = sheet['!ref']
  if (!ref) return rows
  const range = XLSX.utils.decode_range(ref)
  for (let r = range.s.r; r <= range.e.r; r++) {
    const source: (XLSX.CellObject | undefined)[] = []
    for (let c = 0; c <= range.e.c; c++) source.push(sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject)
    pushRow(r, source)
  }
  return rows
}

function cellValue(cell: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!cell) return null
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : cell.v == null ? null : String(cell.v)
    case 'n': {
      if (typeof cell.v !== 'number' || !Number.isFinite(cell.v)) return null
      const format = typeof cell.z === 'string' ? cell.z : undefined
      if (isDateFormat(format)) return serialToDate(cell.v, date1904) ?? cell.v
      return cell.v
    }
    case 'b':
      return cell.v === true
    case 'd':
      // not produced with cellDates off; SheetJS builds such dates with Date.UTC, so they already are wall-clock UTC
      return cell.v instanceof Date ? cell.v : null
    case 'e':
    case 'z':
    default:
      return null
  }
}

function toMergedRange(range: XLSX.Range): MergedRange {
  return { top: range.s.r + 1, left: range.s.c + 1, bottom: range.e.r + 1, right: range.e.c + 1 }
}
