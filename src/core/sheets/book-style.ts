import type { Borders, Fill, Font, PageSetup, Style } from 'exceljs'
import type { FieldDef } from './fields'

/** Shared look of every workbook the bureau sends out: 宋体, thin borders, grey header. */
export const FONT_NAME = '宋体'

const THIN = { style: 'thin' as const }
export const THIN_BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }

export const BODY_FONT: Partial<Font> = { name: FONT_NAME, size: 11 }
export const TITLE_FONT: Partial<Font> = { name: FONT_NAME, size: 16, bold: true }
export const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } }

export const TITLE_STYLE: Partial<Style> = {
  font: TITLE_FONT,
  alignment: { horizontal: 'center', vertical: 'middle' },
}
export const SUBTITLE_STYLE: Partial<Style> = {
  font: BODY_FONT,
  alignment: { horizontal: 'left', vertical: 'middle' },
}
export const HEADER_STYLE: Partial<Style> = {
  font: { ...BODY_FONT, bold: true },
  fill: HEADER_FILL,
  border: THIN_BORDER,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
}
/** Row 2's right half: the date or period a table is for. */
export const DATED_STYLE: Partial<Style> = {
  ...SUBTITLE_STYLE,
  alignment: { horizontal: 'right', vertical: 'middle' },
}
/** The small grey note under a statistics table's title that says how it was counted. */
export const NOTE_STYLE: Partial<Style> = {
  font: { name: FONT_NAME, size: 9, color: { argb: 'FF595959' } },
  alignment: { vertical: 'middle', wrapText: true },
}

/** A framed cell of a statistics table, wrapping its text. */
export function framedStyle(horizontal: 'center' | 'left' | 'right', bold = false): Partial<Style> {
  return {
    font: bold ? { ...BODY_FONT, bold: true } : BODY_FONT,
    border: THIN_BORDER,
    alignment: { horizontal, vertical: 'middle', wrapText: true },
  }
}

/** '@' keeps Excel from turning 18-digit IDs into 4.20102E+17 and dates into serial numbers. */
export const TEXT_FORMAT = '@'

export type ColumnKind = 'index' | 'text' | 'plain'

export interface RegisterColumn {
  header: string
  width: number
  kind: ColumnKind
}

/**
 * One style object per kind of column, shared by every cell of that kind: exceljs caches a style's
 * id per object, so a shared object costs one lookup per cell instead of building XML for each.
 */
export const BODY_STYLES: Record<ColumnKind, Partial<Style>> = {
  index: { font: BODY_FONT, border: THIN_BORDER, alignment: { horizontal: 'center', vertical: 'middle' } },
  text: { font: BODY_FONT, border: THIN_BORDER, numFmt: TEXT_FORMAT, alignment: { vertical: 'middle' } },
  plain: { font: BODY_FONT, border: THIN_BORDER, alignment: { vertical: 'middle' } },
}

/**
 * A4 as bureaus print: all columns on one page width, centred, the header rows (first to last) repeated on every
 * printed page.
 */
export function a4PageSetup(orientation: 'portrait' | 'landscape', headerFirst: number, headerLast = headerFirst): Partial<PageSetup> {
  return {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headerFirst}:${headerLast}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  }
}

/** The registers' and rosters' page: A4 landscape with one header row repeated. */
export const landscapePageSetup = (headerRow: number): Partial<PageSetup> => a4PageSetup('landscape', headerRow)

export const PAGE_FOOTER = '第 &P 页，共 &N 页'
/** The page number centred at the foot of every printed page. */
export const CENTRED_FOOTER = { oddFooter: `&C${PAGE_FOOTER}` }

const FORBIDDEN = /[[\]:*?/\\]/g
const REPLACEMENT: Record<string, string> = {
  '[': '【',
  ']': '】',
  ':': '：',
  '*': '＊',
  '?': '？',
  '/': '／',
  '\\': '＼',
}

/**
 * A name Excel accepts for a sheet: at most 31 characters, none of []:*?/\, no apostrophe at either
 * end, not 'History', and unique ignoring case (Excel compares names that way). Forbidden characters
 * become their full-width look-alikes so a clerk still recognises the township.
 */
export function safeSheetName(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(FORBIDDEN, (c) => REPLACEMENT[c] ?? '_').trim()
  base = base.replace(/^'+|'+$/g, '').trim() || '工作表'
  if (base.toLowerCase() === 'history') base = `${base}（表）`
  const fit = (s: string, room: number) => Array.from(s).slice(0, room).join('')
  let name = fit(base, 31)
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = `（${n}）`
    name = fit(base, 31 - suffix.length) + suffix
  }
  taken.add(name.toLowerCase())
  return name
}

/** Row 2 of an export: the sending bureau and the day it was made (YYYY-MM-DD). */
export function unitLine(district: string, today: string): string {
  return `填报单位：${district}民政局    导出日期：${today}`
}

/** Roughly how many narrow characters a text needs: a Chinese character is as wide as two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += ch.charCodeAt(0) > 0xff ? 2 : 1
  return width
}

/** Merged or wrapped cells do not grow with their text in Excel: a row height for the lines it takes. */
export function wrappedHeight(text: string, columnWidth: number): number {
  return 16 * Math.max(1, Math.ceil(displayWidth(text) / columnWidth)) + 4
}

/**
 * Column widths and kinds by field key; keys not listed get a middling plain column. 'text' columns
 * are the ones Excel must leave alone: IDs and account numbers lose digits as numbers, and 1975.10
 * typed under 出生年月 would become the number 1975.1. As text, the importer sees what was typed.
 */
const COLUMN_SHAPES: Record<string, { width: number; kind?: ColumnKind }> = {
  township: { width: 12 },
  village: { width: 14 },
  name: { width: 10 },
  sex: { width: 6 },
  idNumber: { width: 22, kind: 'text' },
  birthDate: { width: 12, kind: 'text' },
  categories: { width: 24 },
  address: { width: 30 },
  guardianName: { width: 11 },
  guardianRelation: { width: 10 },
  guardianPhone: { width: 15, kind: 'text' },
  bankAccount: { width: 24, kind: 'text' },
  registeredOn: { width: 12, kind: 'text' },
  notes: { width: 20 },
  phone: { width: 15, kind: 'text' },
  partTime: { width: 10 },
  concurrentPost: { width: 14 },
  education: { width: 10 },
  trained: { width: 9 },
  startDate: { width: 12, kind: 'text' },
  townshipName: { width: 14 },
  townshipCode: { width: 16, kind: 'text' },
  villageName: { width: 16 },
  villageCode: { width: 16, kind: 'text' },
}

/**
 * A sheet's columns: 序号 (unless the list has none, like 区划名单), then exactly the importer's
 * labels, so what we write can be read back.
 */
export function registerColumns(fields: FieldDef[], withIndex = true): RegisterColumn[] {
  return [
    ...(withIndex ? [{ header: '序号', width: 6, kind: 'index' as const }] : []),
    ...fields.map((f) => ({
      header: f.label,
      width: COLUMN_SHAPES[f.key]?.width ?? 12,
      kind: COLUMN_SHAPES[f.key]?.kind ?? ('plain' as const),
    })),
  ]
}
