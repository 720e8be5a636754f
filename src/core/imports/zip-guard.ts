import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib'
import { readMessages, zipBombReason } from './read-messages'
import type { ReadLimits } from './workbook'

/**
 * The zip container of an .xlsx, read from its central directory before anything is inflated.
 *
 * A township sheet arrives by e-mail or WeChat from people we do not control, so the container is treated as hostile:
 * sizes are checked from the directory first (a zip bomb is refused in milliseconds, without inflating a byte), and
 * every later inflate is capped at the size the directory declared, so a directory that lies cannot make us inflate
 * more than the limits allowed either.
 */

export interface ZipEntry {
  name: string
  crc: number
  method: number
  /** general-purpose flags; bit 0 means the entry is encrypted */
  flags: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

export interface ZipDirectory {
  buffer: Buffer
  entries: Map<string, ZipEntry>
}

export type ZipProblemKind = 'corrupt' | 'bomb' | 'encrypted' | 'unsupported'

/** A container problem found while reading; the reader maps it to a Chinese message naming the file. */
export class ZipProblem extends Error {
  constructor(
    readonly kind: ZipProblemKind,
    detail: string,
  ) {
    super(detail)
    this.name = 'ZipProblem'
  }
}

export type ZipGuardResult = { ok: true; zip: ZipDirectory } | { ok: false; message: string }

/** An entry bigger than this and compressed more than BOMB_RATIO:1 is a bomb whatever the total limit says. */
const BOMB_ENTRY_BYTES = 100 * 1024 * 1024
const BOMB_RATIO = 1000

/**
 * Reads the central directory and refuses what must not be inflated: a damaged container, a zip bomb, encryption,
 * and zips that are not workbooks at all (a Word document, a plain archive), saying what they are when it can tell.
 */
export function guardZip(buffer: Buffer, fileName: string, limits: ReadLimits): ZipGuardResult {
  try {
    const zip = readZipDirectory(buffer)

    let total = 0
    for (const entry of zip.entries.values()) total += entry.uncompressedSize
    if (total > limits.maxUncompressedBytes) {
      return { ok: false, message: readMessages.zipBomb(fileName, zipBombReason.total(limits.maxUncompressedBytes)) }
    }
    for (const entry of zip.entries.values()) {
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1)
      if (entry.uncompressedSize > BOMB_ENTRY_BYTES && ratio > BOMB_RATIO) {
        return { ok: false, message: readMessages.zipBomb(fileName, zipBombReason.ratio(entry.uncompressedSize)) }
      }
    }

    const kind = identifyZip(zip)
    if (kind !== 'xlsx') return { ok: false, message: notWorkbookMessage(kind, fileName) }
    for (const entry of zip.entries.values()) {
      if (entry.flags & 1) return { ok: false, message: readMessages.password(fileName) }
    }
    return { ok: true, zip }
  } catch (error) {
    if (error instanceof ZipProblem) return { ok: false, message: zipProblemMessage(error, fileName) }
    throw error
  }
}

export function zipProblemMessage(problem: ZipProblem, fileName: string): string {
  switch (problem.kind) {
    case 'bomb':
      // found while inflating: the data holds more than the directory declared. Damage in transit does this far more
      // often than an attack, and either way the fix is a fresh copy of the file.
      return readMessages.corrupt(fileName)
    case 'encrypted':
      return readMessages.password(fileName)
    case 'unsupported':
      return readMessages.otherSpreadsheet(fileName, '用本程序不支持的压缩方式保存的文件')
    case 'corrupt':
      return readMessages.corrupt(fileName)
  }
}

type ZipKind = 'xlsx' | 'xlsb' | 'word' | 'powerpoint' | 'ods' | 'odf' | 'ofd' | 'broken-ooxml' | 'plain'

function identifyZip(zip: ZipDirectory): ZipKind {
  const has = (name: string) => zip.entries.has(name)
  if (findWorkbookPart(zip)) return 'xlsx'
  if (has('xl/workbook.bin')) return 'xlsb'
  if (has('word/document.xml')) return 'word'
  if (has('ppt/presentation.xml')) return 'powerpoint'
  const mimetype = zip.entries.get('mimetype')
  if (mimetype) {
    const type = readSmallEntrySync(zip, mimetype, 200)?.toString('latin1') ?? ''
    return type.includes('opendocument.spreadsheet') ? 'ods' : 'odf'
  }
  if (has('OFD.xml')) return 'ofd'
  if (has('[Content_Types].xml')) return 'broken-ooxml'
  return 'plain'
}

/**
 * The workbook part: xl/workbook.xml in everything Excel and WPS write, else wherever _rels/.rels says the main
 * document is, as long as that is a workbook.
 */
export function findWorkbookPart(zip: ZipDirectory): string | undefined {
  if (zip.entries.has('xl/workbook.xml')) return 'xl/workbook.xml'
  const rels = zip.entries.get('_rels/.rels')
  const xml = rels && readSmallEntrySync(zip, rels, 64 * 1024)?.toString('utf8')
  if (!xml) return undefined
  for (const match of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const tag = match[0]
    if (!/Type\s*=\s*["'][^"']*\/officeDocument["']/.test(tag)) continue
    const target = /Target\s*=\s*["']\/?([^"']+)["']/.exec(tag)?.[1]
    if (target && /workbook[^/]*\.xml$/i.test(target) && zip.entries.has(target)) return target
  }
  return undefined
}

/** Small control parts (mimetype, _rels/.rels) are read at once; anything bigger than expected is ignored. */
function readSmallEntrySync(zip: ZipDirectory, entry: ZipEntry, maxBytes: number): Buffer | undefined {
  if (entry.uncompressedSize > maxBytes || entry.flags & 1) return undefined
  const start = localDataOffset(zip.buffer, entry)
  const data = zip.buffer.subarray(start, start + entry.compressedSize)
  if (entry.method === 0) return data
  if (entry.method !== 8) return undefined
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes })
  } catch {
    return undefined
  }
}

function notWorkbookMessage(kind: Exclude<ZipKind, 'xlsx'>, fileName: string): string {
  switch (kind) {
    case 'word':
      return readMessages.notSpreadsheet(fileName, ' Word 文档')
    case 'powerpoint':
      return readMessages.notSpreadsheet(fileName, ' PowerPoint 演示文稿')
    case 'odf':
      return readMessages.notSpreadsheet(fileName, ' OpenDocument 文档')
    case 'ofd':
      return readMessages.notSpreadsheet(fileName, ' OFD 版式文件')
    case 'xlsb':
      return readMessages.otherSpreadsheet(fileName, ' Excel 二进制工作簿（.xlsb）')
    case 'ods':
      return readMessages.otherSpreadsheet(fileName, ' OpenDocument 表格（.ods）')
    case 'broken-ooxml':
      return readMessages.corrupt(fileName)
    case 'plain':
      return readMessages.plainZip(fileName)
  }
}

const EOCD_SIGNATURE = 0x06054b50
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50
const ZIP64_EOCD_SIGNATURE = 0x06064b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const MAX_COMMENT = 0xffff

/** Parses the central directory; throws ZipProblem('corrupt') if it is missing, cut off or points outside the file. */
export function readZipDirectory(buffer: Buffer): ZipDirectory {
  const eocd = findEndOfCentralDirectory(buffer)
  if (eocd < 0) throw new ZipProblem('corrupt', 'end of central directory not found')

  let count = buffer.readUInt16LE(eocd + 10)
  let size = buffer.readUInt32LE(eocd + 12)
  let offset = buffer.readUInt32LE(eocd + 16)
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20
    if (locator < 0 || buffer.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) {
      throw new ZipProblem('corrupt', 'zip64 locator missing')
    }
    const zip64 = readSafeUInt64(buffer, locator + 8)
    if (zip64 + 56 > buffer.length || buffer.readUInt32LE(zip64) !== ZIP64_EOCD_SIGNATURE) {
      throw new ZipProblem('corrupt', 'zip64 end of central directory missing')
    }
    count = readSafeUInt64(buffer, zip64 + 32)
    size = readSafeUInt64(buffer, zip64 + 40)
    offset = readSafeUInt64(buffer, zip64 + 48)
  }
  if (offset + size > buffer.length) throw new ZipProblem('corrupt', 'central directory outside the file')

  const entries = new Map<string, ZipEntry>()
  let at = offset
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw new ZipProblem('corrupt', 'central directory entry damaged')
    }
    const flags = buffer.readUInt16LE(at + 8)
    const method = buffer.readUInt16LE(at + 10)
    const crc = buffer.readUInt32LE(at + 16)
    let compressedSize = buffer.readUInt32LE(at + 20)
    let uncompressedSize = buffer.readUInt32LE(at + 24)
    const nameLength = buffer.readUInt16LE(at + 28)
    const extraLength = buffer.readUInt16LE(at + 30)
    const commentLength = buffer.readUInt16LE(at + 32)
    let localHeaderOffset = buffer.readUInt32LE(at + 42)
    const nameEnd = at + 46 + nameLength
    const extraEnd = nameEnd + extraLength
    if (extraEnd + commentLength > buffer.length) throw new ZipProblem('corrupt', 'central directory truncated')
    // bit 11: UTF-8 names; OOXML part names are ASCII either way, and other names only serve to recognise the file
    const name = buffer.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, nameEnd)

    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // the zip64 extra field holds the 64-bit values, in this order, for the fields that overflowed
      let extra = nameEnd
      while (extra + 4 <= extraEnd) {
        const id = buffer.readUInt16LE(extra)
        const length = buffer.readUInt16LE(extra + 2)
        if (id === 0x0001) {
          let field = extra + 4
          if (uncompressedSize === 0xffffffff) (uncompressedSize = readSafeUInt64(buffer, field)), (field += 8)
          if (compressedSize === 0xffffffff) (compressedSize = readSafeUInt64(buffer, field)), (field += 8)
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = readSafeUInt64(buffer, field)
          break
        }
        extra += 4 + length
      }
    }

    const entry: ZipEntry = { name, crc, method, flags, compressedSize, uncompressedSize, localHeaderOffset }
    // a cut-off file keeps its directory only if the cut is inside the data; the entries then point past the end
    if (!name.endsWith('/')) {
      const dataStart = localDataOffset(buffer, entry)
      if (dataStart + compressedSize > buffer.length) throw new ZipProblem('corrupt', `entry ${name} truncated`)
    }
    entries.set(name.startsWith('/') ? name.slice(1) : name, entry)
    at = extraEnd + commentLength
  }
  return { buffer, entries }
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const last = buffer.length - 22
  const first = Math.max(0, last - MAX_COMMENT)
  for (let at = last; at >= first; at--) {
    if (buffer[at] === 0x50 && buffer.readUInt32LE(at) === EOCD_SIGNATURE) return at
  }
  return -1
}

function readSafeUInt64(buffer: Buffer, at: number): number {
  if (at + 8 > buffer.length) throw new ZipProblem('corrupt', 'zip64 field truncated')
  const value = buffer.readBigUInt64LE(at)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipProblem('corrupt', 'zip64 size out of range')
  return Number(value)
}

/** Where an entry's data starts: the local header repeats the name and may carry a different extra field. */
function localDataOffset(buffer: Buffer, entry: ZipEntry): number {
  const at = entry.localHeaderOffset
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE) {
    throw new ZipProblem('corrupt', `local header of ${entry.name} damaged`)
  }
  return at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28)
}

const INFLATE_CHUNK = 64 * 1024

/**
 * The entry's bytes, inflated chunk by chunk. Inflation stops with ZipProblem('bomb') as soon as it produces more than
 * the directory declared: the directory was what the limits were checked against. The CRC is checked at the end, so
 * data damaged in transit is reported as damage rather than surfacing as odd cells.
 */
export async function* inflateEntry(zip: ZipDirectory, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.flags & 1) throw new ZipProblem('encrypted', `entry ${entry.name} is encrypted`)
  const start = localDataOffset(zip.buffer, entry)
  const data = zip.buffer.subarray(start, start + entry.compressedSize)
  let produced = 0
  let crc = 0
  if (entry.method === 0) {
    if (data.length > entry.uncompressedSize) {
      throw new ZipProblem('corrupt', `stored entry ${entry.name} is bigger than declared`)
    }
    for (let at = 0; at < data.length; at += INFLATE_CHUNK) {
      const chunk = data.subarray(at, at + INFLATE_CHUNK)
      crc = crc32(chunk, crc)
      yield chunk
    }
  } else if (entry.method === 8) {
    const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK })
    inflater.end(data)
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        produced += chunk.length
        if (produced > entry.uncompressedSize) {
          throw new ZipProblem('bomb', `entry ${entry.name} inflates beyond ${entry.uncompressedSize} bytes`)
        }
        crc = crc32(chunk, crc)
        yield chunk
      }
    } catch (error) {
      if (error instanceof ZipProblem) throw error
      throw new ZipProblem('corrupt', `entry ${entry.name}: ${(error as Error).message}`)
    } finally {
      inflater.destroy()
    }
  } else {
    throw new ZipProblem('unsupported', `compression method ${entry.method}`)
  }
  if (crc >>> 0 !== entry.crc >>> 0) throw new ZipProblem('corrupt', `entry ${entry.name} fails its CRC check`)
}
