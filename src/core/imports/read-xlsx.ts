import { posix } from 'node:path'
import { StringDecoder } from 'node:string_decoder'
import { readMessages } from './read-messages'
import { BUILTIN_DATE_FORMATS, ReadRefusal, finishCells, isDateFormat, ownString, serialToDate } from './read-shared'
import {
  XmlFormatError,
  XmlScanner,
  decodeAttribute,
  decodeOoxmlEscapes,
  decodeXml,
  readAttributes,
  type XmlHandler,
} from './read-xml'
import type { Cell, MergedRange, ReadLimits, ReadResult, SheetData, SheetRow } from './workbook'
import { ZipProblem, findWorkbookPart, guardZip, inflateEntry, zipProblemMessage, type ZipDirectory } from './zip-guard'

/**
 * Reads an .xlsx: the zip is guarded first (zip-guard.ts), then each part is inflated as a stream and tokenized
 * (read-xml.ts), so memory holds the compressed file and the rows with data, never a sheet's XML or a cell object per
 * formatted-but-empty cell. Every sheet is read the same way whatever its size, so merges and hidden flags are always
 * known and a big file behaves exactly like a small one.
 *
 * Why not exceljs for reading (it writes our exports): its streaming reader turns Chinese characters that straddle a
 * chunk into U+FFFD (exceljs issues #2063, #2316; 221 damaged cells in our 100,000-row test file) and ignores merges;
 * both its readers return a bare number for dates in the zh-CN built-in formats (numFmtId 27–36, 50–58, e.g.
 * 2015年3月2日; issue #2893); loading whole repeats a merged cell's value into its hidden parts and took 15 s and
 * 860 MB for that 100,000-row file.
 */
export async function readXlsx(buffer: Buffer, fileName: string, limits: ReadLimits): Promise<ReadResult> {
  const guarded = guardZip(buffer, fileName, limits)
  if (!guarded.ok) return guarded
  try {
    const sheets = await readWorkbookParts(guarded.zip, fileName, limits)
    if (sheets.length === 0) return { ok: false, message: readMessages.noSheets(fileName) }
    return { ok: true, workbook: { fileName, format: 'xlsx', sheets } }
  } catch (error) {
    if (error instanceof ReadRefusal) return { ok: false, message: error.userMessage }
    if (error instanceof ZipProblem) return { ok: false, message: zipProblemMessage(error, fileName) }
    if (error instanceof XmlFormatError || error instanceof PartMissing) {
      return { ok: false, message: readMessages.corrupt(fileName) }
    }
    throw error
  }
}

class PartMissing extends Error {}

interface SheetEntry {
  name: string
  hidden: boolean
  relId: string
}

interface Relationship {
  target: string
  type: string
}

async function readWorkbookParts(zip: ZipDirectory, fileName: string, limits: ReadLimits): Promise<SheetData[]> {
  const workbookPath = findWorkbookPart(zip)
  if (!workbookPath) throw new PartMissing('workbook')
  const book = await readBook(zip, workbookPath)
  const rels = await readRelationships(zip, workbookPath)

  const partOf = (typeSuffix: string, fallback: string): string | undefined => {
    for (const rel of rels.values()) if (rel.type.endsWith(typeSuffix)) return rel.target
    return zip.entries.has(fallback) ? fallback : undefined
  }
  const stylesPath = partOf('/styles', 'xl/styles.xml')
  const stringsPath = partOf('/sharedStrings', 'xl/sharedStrings.xml')
  const dateStyles = stylesPath && zip.entries.has(stylesPath) ? await readDateStyles(zip, stylesPath) : []
  const sharedStrings = stringsPath && zip.entries.has(stringsPath) ? await readSharedStrings(zip, stringsPath) : []

  const sheets: SheetData[] = []
  for (const sheet of book.sheets) {
    const rel = rels.get(sheet.relId)
    if (!rel) throw new PartMissing(`relationship ${sheet.relId} of sheet ${sheet.name}`)
    // chart sheets, dialog sheets and Excel 4 macro sheets hold no rows
    if (!rel.type.endsWith('/worksheet')) continue
    if (!zip.entries.has(rel.target)) throw new PartMissing(rel.target)
    const context: SheetContext = {
      sheetName: sheet.name,
      fileName,
      maxRows: limits.maxRows,
      sharedStrings,
      dateStyles,
      date1904: book.date1904,
    }
    const { rows, merges } = await readSheet(zip, rel.target, context)
    sheets.push({ name: sheet.name, hidden: sheet.hidden, rows, merges })
  }
  return sheets
}

/** Streams one part through the tokenizer. Parts are UTF-8 (OOXML requires it); a BOM is dropped. */
async function scanPart(zip: ZipDirectory, path: string, handler: XmlHandler): Promise<void> {
  const entry = zip.entries.get(path)
  if (!entry) throw new PartMissing(path)
  const scanner = new XmlScanner(handler)
  const decoder = new StringDecoder('utf8')
  let started = false
  for await (const chunk of inflateEntry(zip, entry)) {
    let text = decoder.write(chunk)
    if (!started && text.length > 0) {
      started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    scanner.write(text)
  }
  scanner.write(decoder.end())
  scanner.end()
}

async function readBook(zip: ZipDirectory, path: string): Promise<{ sheets: SheetEntry[]; date1904: boolean }> {
  const sheets: SheetEntry[] = []
  let date1904 = false
  await scanPart(zip, path, {
    wantText: false,
    open(name, attrs) {
      if (name === 'workbookPr') {
        const flag = readAttributes(attrs)['date1904']
        date1904 = flag === '1' || flag === 'true'
      } else if (name === 'sheet') {
        const a = readAttributes(attrs)
        sheets.push({
          name: a['name'] ?? `Sheet${sheets.length + 1}`,
          hidden: a['state'] === 'hidden' || a['state'] === 'veryHidden',
          relId: a['id'] ?? '',
        })
      }
    },
    close() {},
    text() {},
  })
  return { sheets, date1904 }
}

async function readRelationships(zip: ZipDirectory, partPath: string): Promise<Map<string, Relationship>> {
  const dir = posix.dirname(partPath)
  const relsPath = posix.join(dir, '_rels', `${posix.basename(partPath)}.rels`)
  const rels = new Map<string, Relationship>()
  if (!zip.entries.has(relsPath)) return rels
  await scanPart(zip, relsPath, {
    wantText: false,
    open(name, attrs) {
      if (name !== 'Relationship') return
      const a = readAttributes(attrs)
      if (!a['Id'] || !a['Target'] || a['TargetMode'] === 'External') return
      rels.set(a['Id'], { target: resolvePart(dir, a['Target']), type: a['Type'] ?? '' })
    },
    close() {},
    text() {},
  })
  return rels
}

function resolvePart(baseDir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : posix.join(baseDir, target)
  return posix.normalize(path).replace(/^(\.\.\/)+/, '')
}

/** For each cell style index (the s="…" of a cell), whether its number format shows a date. */
async function readDateStyles(zip: ZipDirectory, path: string): Promise<boolean[]> {
  const customFormats = new Map<number, string>()
  const formatIds: number[] = []
  let section = ''
  await scanPart(zip, path, {
    wantText: false,
    open(name, attrs) {
      if (name === 'numFmts' || name === 'cellXfs' || name === 'cellStyleXfs' || name === 'dxfs') section = name
      else if (name === 'numFmt' && section === 'numFmts') {
        const a = readAttributes(attrs)
        customFormats.set(Number(a['numFmtId']), a['formatCode'] ?? '')
      } else if (name === 'xf' && section === 'cellXfs') {
        formatIds.push(Number(readAttributes(attrs)['numFmtId'] ?? 0))
      }
    },
    close(name) {
      if (name === section) section = ''
    },
    text() {},
  })
  return formatIds.map((id) => isDateFormat(customFormats.get(id) ?? BUILTIN_DATE_FORMATS[id]))
}

async function readSharedStrings(zip: ZipDirectory, path: string): Promise<string[]> {
  const strings: string[] = []
  let inItem = false
  let phoneticDepth = 0
  let capturing = false
  let raw = ''
  await scanPart(zip, path, {
    get wantText() {
      return capturing
    },
    open(name, _attrs, selfClosing) {
      if (name === 'si') {
        inItem = true
        raw = ''
      } else if (name === 'rPh') {
        // the phonetic guide (furigana / pinyin) is not part of what the cell shows
        phoneticDepth++
      } else if (name === 't' && inItem && phoneticDepth === 0 && !selfClosing) {
        capturing = true
      }
    },
    close(name) {
      if (name === 't') capturing = false
      else if (name === 'rPh') phoneticDepth--
      else if (name === 'si') {
        strings.push(ownString(decodeOoxmlEscapes(decodeXml(raw))))
        inItem = false
        raw = ''
      }
    },
    text(piece) {
      raw += piece
    },
  })
  return strings
}

interface SheetContext {
  sheetName: string
  fileName: string
  maxRows: number
  sharedStrings: string[]
  dateStyles: boolean[]
  date1904: boolean
}

const MAX_ROW = 1_048_576
const MAX_COLUMN = 16_384

const enum Capture {
  None,
  Value,
  Inline,
}

async function readSheet(
  zip: ZipDirectory,
  path: string,
  context: SheetContext,
): Promise<{ rows: SheetRow[]; merges: MergedRange[] }> {
  const { sharedStrings, dateStyles, date1904, maxRows } = context
  const rows: SheetRow[] = []
  const merges: MergedRange[] = []
  let outOfOrder = false

  let inSheetData = false
  let rowNumber = 0
  let lastRow = 0
  let cells: Cell[] | null = null
  let column = -1
  let lastColumn = -1
  let type = ''
  let style = 0
  let valueText: string | null = null
  let inlineText: string | null = null
  let inInline = false
  let phoneticDepth = 0
  let capture = Capture.None

  const handler: XmlHandler = {
    get wantText() {
      return capture !== Capture.None
    },
    open(name, attrs, selfClosing) {
      switch (name) {
        case 'sheetData':
          inSheetData = true
          break
        case 'row': {
          if (!inSheetData) break
          const r = attributeValue(attrs, 'r')
          const parsed = r === undefined ? NaN : Number(r)
          rowNumber = Number.isInteger(parsed) && parsed >= 1 ? parsed : lastRow + 1
          if (rowNumber > MAX_ROW) throw new XmlFormatError(`row ${rowNumber} beyond the sheet`)
          if (rowNumber <= lastRow) outOfOrder = true
          cells = null
          lastColumn = -1
          break
        }
        case 'c': {
          if (!inSheetData) break
          // every cell resets the state, a styled empty <c r="H6" s="6"/> too: its close must not see the last value
          column = columnFromRef(attributeValue(attrs, 'r'), lastColumn)
          valueText = null
          inlineText = null
          if (selfClosing) {
            type = ''
            style = 0
            break
          }
          type = attributeValue(attrs, 't') ?? ''
          const s = attributeValue(attrs, 's')
          style = s === undefined ? 0 : Number(s)
          break
        }
        case 'v':
          if (!selfClosing && inSheetData) {
            capture = Capture.Value
            valueText = ''
          }
          break
        case 'is':
          inInline = true
          inlineText = ''
          break
        case 'rPh':
          phoneticDepth++
          break
        case 't':
          if (inInline && phoneticDepth === 0 && !selfClosing) capture = Capture.Inline
          break
        case 'mergeCell': {
          const range = parseRange(attributeValue(attrs, 'ref'))
          if (range) merges.push(range)
          break
        }
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          capture = Capture.None
          break
        case 'is':
          inInline = false
          break
        case 'rPh':
          phoneticDepth--
          break
        case 'c': {
          if (!inSheetData) break
          const value = cellValue(type, style, valueText, inlineText, sharedStrings, dateStyles, date1904)
          lastColumn = column
          if (value === null) break
          if (cells === null) cells = []
          while (cells.length < column) cells.push(null)
          cells[column] = value
          break
        }
        case 'row':
          if (!inSheetData) break
          if (cells !== null && finishCells(cells)) {
            rows.push({ row: rowNumber, cells })
            if (rows.length > maxRows) {
              throw new ReadRefusal(readMessages.tooManyRows(context.fileName, context.sheetName, maxRows))
            }
          }
          cells = null
          lastRow = Math.max(lastRow, rowNumber)
          break
        case 'sheetData':
          inSheetData = false
          break
      }
    },
    text(piece) {
      if (capture === Capture.Value) valueText += piece
      else inlineText += piece
    },
  }

  await scanPart(zip, path, handler)
  if (outOfOrder) rows.sort((a, b) => a.row - b.row)
  return { rows, merges }
}

function cellValue(
  type: string,
  style: number,
  valueText: string | null,
  inlineText: string | null,
  sharedStrings: string[],
  dateStyles: boolean[],
  date1904: boolean,
): Cell {
  switch (type) {
    case 's': {
      if (valueText === null) return null
      return sharedStrings[Number(valueText)] ?? null
    }
    case 'str':
      return valueText === null ? null : ownString(decodeOoxmlEscapes(decodeXml(valueText)))
    case 'inlineStr': {
      const raw = inlineText ?? valueText
      return raw === null ? null : ownString(decodeOoxmlEscapes(decodeXml(raw)))
    }
    case 'b':
      return valueText === null ? null : valueText.trim() === '1' || valueText.trim() === 'true'
    case 'e':
      // #N/A, #DIV/0!, #REF!: nothing the clerk meant to enter
      return null
    case 'd':
      return valueText === null ? null : isoDate(valueText)
    default: {
      if (valueText === null) {
        // some writers put inline text without t="inlineStr"
        return inlineText === null ? null : ownString(decodeOoxmlEscapes(decodeXml(inlineText)))
      }
      const trimmed = valueText.trim()
      if (trimmed === '') return null
      const number = Number(trimmed)
      if (!Number.isFinite(number)) return null
      if (dateStyles[style] === true) return serialToDate(number, date1904) ?? number
      return number
    }
  }
}

/** t="d" cells (strict OOXML, some exporters) hold ISO 8601 wall-clock text: keep the wall clock, as UTC. */
function isoDate(text: string): Cell {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?/.exec(text.trim())
  if (!match) return text
  const [, y, mo, d, h, mi, s, frac] = match
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms))
}

/** Reads one attribute without building an object: cells and rows are most of the tags in a sheet. */
function attributeValue(attrs: string, name: string): string | undefined {
  let from = 0
  for (;;) {
    const at = attrs.indexOf(name, from)
    if (at < 0) return undefined
    from = at + name.length
    const before = at === 0 ? 32 : attrs.charCodeAt(at - 1)
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13 && before !== 58) continue
    let i = from
    while (i < attrs.length && attrs.charCodeAt(i) <= 32) i++
    if (attrs.charCodeAt(i) !== 61) continue // '='
    i++
    while (i < attrs.length && attrs.charCodeAt(i) <= 32) i++
    const quote = attrs.charCodeAt(i)
    if (quote !== 34 && quote !== 39) continue
    const end = attrs.indexOf(String.fromCharCode(quote), i + 1)
    if (end < 0) return undefined
    return decodeAttribute(attrs.slice(i + 1, end))
  }
}

/** "AB12" → 27 (0-based column); a cell without a reference follows the previous one. */
function columnFromRef(ref: string | undefined, previous: number): number {
  if (!ref) return previous + 1
  let column = 0
  let i = 0
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32 // upper-case
    if (c < 65 || c > 90) break
    column = column * 26 + (c - 64)
  }
  if (i === 0) return previous + 1
  if (column > MAX_COLUMN) throw new XmlFormatError(`column ${ref} beyond the sheet`)
  return column - 1
}

function parseRange(ref: string | undefined): MergedRange | null {
  if (!ref) return null
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim())
  if (!match) return null
  const [, c1, r1, c2, r2] = match
  const left = columnFromRef(c1, -1) + 1
  const right = columnFromRef(c2, -1) + 1
  const top = Number(r1)
  const bottom = Number(r2)
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  }
}
