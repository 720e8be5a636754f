import { readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { readCsv } from './read-csv'
import { readMessages } from './read-messages'
import { readXls } from './read-xls'
import { readXlsx } from './read-xlsx'
import { DEFAULT_READ_LIMITS, type ReadLimits, type ReadResult } from './workbook'

/**
 * Reads a township's file into plain rows. The format is decided by the file's content, not its name: townships rename
 * files, systems export HTML as ".xls", and WeChat strips or changes extensions. Never throws for a bad file: every
 * failure is { ok: false, message } in Chinese, naming the file and saying what to do.
 */
export async function readWorkbook(
  path: string,
  fileName = basename(path),
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<ReadResult> {
  let buffer: Buffer
  try {
    const info = await stat(path)
    if (info.isDirectory()) return { ok: false, message: readMessages.isFolder(fileName) }
    if (info.size > limits.maxUncompressedBytes) {
      return { ok: false, message: readMessages.tooLarge(fileName, limits.maxUncompressedBytes) }
    }
    buffer = await readFile(path)
  } catch (error) {
    return { ok: false, message: fileAccessMessage(error, fileName, limits) }
  }
  return readWorkbookBuffer(buffer, fileName, limits)
}

/** The same as readWorkbook for bytes already in memory (a file dropped on the window, a test). */
export async function readWorkbookBuffer(
  buffer: Buffer,
  fileName: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<ReadResult> {
  try {
    if (buffer.length === 0) return { ok: false, message: readMessages.empty(fileName) }
    const kind = sniffContent(buffer)
    switch (kind.type) {
      case 'zip':
        return await readXlsx(buffer, fileName, limits)
      case 'ole2':
        return await readXls(buffer, fileName, limits)
      case 'known':
        return { ok: false, message: readMessages.notSpreadsheet(fileName, kind.looksLike) }
      case 'old-excel':
        return { ok: false, message: readMessages.otherSpreadsheet(fileName, ' Excel 4.0 或更早版本的表格') }
      case 'fake-xls':
        return { ok: false, message: readMessages.fakeXls(fileName, kind.looksLike) }
      case 'text':
        if (!isTextExtension(fileName)) return { ok: false, message: readMessages.textNotCsv(fileName) }
        return readCsv(buffer, fileName, limits)
      case 'undecodable':
        // text in an encoding we cannot read, or binary: the extension tells which message helps
        if (isTextExtension(fileName)) return { ok: false, message: readMessages.badEncoding(fileName) }
        return { ok: false, message: readMessages.notSpreadsheet(fileName) }
    }
  } catch (error) {
    // a file no check above foresaw; still the clerk's words, with the technical detail for support
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, message: readMessages.unexpected(fileName, detail.slice(0, 200)) }
  }
}

/** What the operating system said, in the clerk's words. */
export function fileAccessMessage(error: unknown, fileName: string, limits: ReadLimits = DEFAULT_READ_LIMITS): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return readMessages.notFound(fileName)
    // Windows reports a file Excel or WPS holds open as EBUSY or EPERM; EACCES, a permission problem, has the same fix
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return readMessages.locked(fileName)
    case 'EISDIR':
      return readMessages.isFolder(fileName)
    case 'ERR_FS_FILE_TOO_LARGE':
      return readMessages.tooLarge(fileName, limits.maxUncompressedBytes)
    default:
      return readMessages.cannotOpen(fileName, code ?? (error instanceof Error ? error.message : String(error)))
  }
}

function isTextExtension(fileName: string): boolean {
  const ext = extname(fileName).toLowerCase()
  return ext === '.csv' || ext === '.txt' || ext === '.tsv'
}

type Sniffed =
  | { type: 'zip' | 'ole2' | 'old-excel' | 'text' | 'undecodable' }
  | { type: 'known' | 'fake-xls'; looksLike: string }

const SIGNATURES: { bytes: number[]; looksLike: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], looksLike: ' PDF 文件' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], looksLike: ' PNG 图片' },
  { bytes: [0xff, 0xd8, 0xff], looksLike: ' JPG 图片' },
  { bytes: [0x47, 0x49, 0x46, 0x38], looksLike: ' GIF 图片' },
  { bytes: [0x52, 0x61, 0x72, 0x21], looksLike: ' RAR 压缩包' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], looksLike: ' 7z 压缩包' },
  { bytes: [0x1f, 0x8b], looksLike: ' gz 压缩包' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], looksLike: ' RTF 文档' },
]

function startsWith(buffer: Buffer, bytes: number[], at = 0): boolean {
  if (buffer.length < at + bytes.length) return false
  return bytes.every((b, i) => buffer[at + i] === b)
}

function sniffContent(buffer: Buffer): Sniffed {
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buffer, [0x50, 0x4b, 0x05, 0x06])) {
    return { type: 'zip' }
  }
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { type: 'ole2' }
  if (startsWith(buffer, [0x52, 0x49, 0x46, 0x46]) && startsWith(buffer, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { type: 'known', looksLike: ' WebP 图片' }
  }
  for (const signature of SIGNATURES) {
    if (startsWith(buffer, signature.bytes)) return { type: 'known', looksLike: signature.looksLike }
  }
  // a bare BIFF2–4 worksheet starts with a BOF record, not with a container
  if (buffer[0] === 0x09 && (buffer[1] === 0x00 || buffer[1] === 0x02 || buffer[1] === 0x04) && buffer[3] === 0x00) {
    return { type: 'old-excel' }
  }

  // what business systems export as ".xls": a web page or Excel 2003 XML
  const head = buffer.subarray(0, 4096).toString('latin1').replace(/\0/g, '').toLowerCase()
  const start = head.replace(/^(\u00ef\u00bb\u00bf|\u00ff\u00fe|\u00fe\u00ff)/, '').trimStart()
  if (start.startsWith('mime-version:')) return { type: 'fake-xls', looksLike: '网页存档（MHT）文件' }
  if (start.startsWith('<')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      return { type: 'fake-xls', looksLike: ' Excel 2003 XML 表格' }
    }
    if (/<(!doctype html|html|table|head|body|meta)\b/.test(head)) {
      return { type: 'fake-xls', looksLike: '网页（HTML）文件' }
    }
    if (start.startsWith('<?xml')) return { type: 'known', looksLike: ' XML 文件' }
  }

  // text has no NUL bytes, except UTF-16, which Excel only writes with a BOM; whether the encoding is one we can read
  // is for the CSV reader to say, with a message about encodings
  const hasBom = startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])
  const binary = !hasBom && buffer.subarray(0, 8192).includes(0)
  if (binary && startsWith(buffer, [0x4d, 0x5a])) return { type: 'known', looksLike: '程序文件（.exe）' }
  return binary ? { type: 'undecodable' } : { type: 'text' }
}
