import { basename, extname } from 'node:path'
import { readMessages } from './read-messages'
import { ReadRefusal, finishCells, ownString } from './read-shared'
import type { Cell, ReadLimits, ReadResult, SheetRow } from './workbook'

/**
 * Reads a CSV or tab-separated text file as one sheet named after the file. Every cell stays text: an ID number or a
 * bank account must never pass through a float.
 *
 * Encodings as townships produce them: UTF-8 (with or without BOM, Excel's "CSV UTF-8" and WPS), GBK/GB18030 (Excel's
 * plain "CSV" on Chinese Windows), UTF-16 with BOM (Excel's "Unicode 文本", tab separated). A file that decodes to
 * replacement characters is refused rather than imported as mojibake.
 */
export function readCsv(buffer: Buffer, fileName: string, limits: ReadLimits): ReadResult {
  const text = decodeText(buffer)
  if (text === null) return { ok: false, message: readMessages.badEncoding(fileName) }
  const sheetName = basename(fileName, extname(fileName)) || fileName
  try {
    const tooMany = () => readMessages.tooManyRows(fileName, sheetName, limits.maxRows)
    const rows = parseDelimited(text, detectSeparator(text), tooMany, limits.maxRows)
    return {
      ok: true,
      workbook: { fileName, format: 'csv', sheets: [{ name: sheetName, hidden: false, rows, merges: [] }] },
    }
  } catch (error) {
    if (error instanceof ReadRefusal) return { ok: false, message: error.userMessage }
    throw error
  }
}

/** The text of the file, or null when no encoding we know reads it without replacement characters. */
export function decodeText(buffer: Buffer): string | null {
  let text: string
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    text = new TextDecoder('utf-8').decode(buffer.subarray(3))
  } else if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(buffer.subarray(2))
  } else if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(buffer.subarray(2))
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer)
    } catch {
      // GB18030 is a superset of GBK and GB2312, which is what Excel and WPS write on Chinese Windows
      text = new TextDecoder('gb18030').decode(buffer)
    }
  }
  return text.includes('\uFFFD') ? null : text
}

/** Tab when the first lines have more tabs than commas outside quotes (Excel's "Unicode 文本"), else comma. */
export function detectSeparator(text: string): ',' | '\t' {
  let commas = 0
  let tabs = 0
  let lines = 0
  let inQuotes = false
  const end = Math.min(text.length, 64 * 1024)
  for (let i = 0; i < end && lines < 10; i++) {
    const c = text[i]
    if (c === '"') inQuotes = !inQuotes
    else if (inQuotes) continue
    else if (c === ',') commas++
    else if (c === '\t') tabs++
    else if (c === '\n') lines++
  }
  return tabs > commas ? '\t' : ','
}

/**
 * RFC 4180 with the leniency of Excel: quotes only open a field at its start, a doubled quote inside a quoted field is
 * a quote, separators and line breaks inside quotes are text, CRLF / LF / CR all end a record, a final line break does
 * not make an empty record, and an unclosed quote runs to the end of the file. Row numbers count records, as Excel
 * shows them when it opens the file.
 */
export function parseDelimited(
  text: string,
  separator: ',' | '\t',
  tooMany: () => string,
  maxRows: number,
): SheetRow[] {
  const rows: SheetRow[] = []
  const sep = separator.charCodeAt(0)
  const length = text.length
  let record = 0
  let cells: Cell[] = []
  let i = 0

  const endRecord = () => {
    record++
    if (finishCells(cells)) {
      rows.push({ row: record, cells })
      if (rows.length > maxRows) throw new ReadRefusal(tooMany())
    }
    cells = []
  }

  while (i < length) {
    let value: string
    if (text.charCodeAt(i) === 34) {
      // quoted field
      let out = ''
      let from = i + 1
      for (;;) {
        const quote = text.indexOf('"', from)
        if (quote < 0) {
          out += text.slice(from)
          i = length
          break
        }
        out += text.slice(from, quote)
        if (text.charCodeAt(quote + 1) === 34) {
          out += '"'
          from = quote + 2
          continue
        }
        i = quote + 1
        break
      }
      // text after the closing quote up to the separator is kept, as Excel does with "abc"def
      let j = i
      while (j < length) {
        const c = text.charCodeAt(j)
        if (c === sep || c === 10 || c === 13) break
        j++
      }
      value = j > i ? out + text.slice(i, j) : out
      i = j
    } else {
      let j = i
      while (j < length) {
        const c = text.charCodeAt(j)
        if (c === sep || c === 10 || c === 13) break
        j++
      }
      value = text.slice(i, j)
      i = j
    }
    cells.push(value === '' ? null : ownString(value))

    if (i >= length) {
      endRecord()
      break
    }
    const c = text.charCodeAt(i)
    if (c === sep) {
      i++
      // a separator at the very end still opens one more (empty) field in this record
      if (i >= length) endRecord()
      continue
    }
    // line break: CRLF, LF or a lone CR
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1
    endRecord()
  }
  return rows
}
