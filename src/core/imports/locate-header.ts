import { cellText, headerKey, isEmptyCell } from './cells'
import { fieldsOf, IGNORED_HEADERS, KIND_ORDER, type SheetKind } from '../sheets/fields'
import type { MergedRange, SheetData, SheetRow } from './workbook'

/** How far down a header may sit below titles and 填报单位 lines. */
const HEADER_SEARCH_ROWS = 30

export interface HeaderColumn {
  index: number
  /** what the sheet says, group and column joined: "监护人信息/姓名" */
  label: string
  /** the field the label names, or 'ignore' for 序号 and the like, or null when unknown */
  field: string | null
}

export interface LocatedHeader {
  kind: SheetKind
  /** Excel row numbers of the header (two for a two-level header) */
  headerRows: number[]
  columns: HeaderColumn[]
  score: number
}

function mergeAt(merges: MergedRange[], row: number, col: number): MergedRange | undefined {
  return merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right)
}

/**
 * The label of each column of a header ending at `row`, with the line above as its group where
 * the sheet has a two-level header ("儿童基本信息" over 姓名/性别/身份证号).
 */
export function columnLabels(sheet: SheetData, byRow: Map<number, SheetRow>, row: number, withGroup: boolean): string[] {
  const bottom = byRow.get(row)?.cells ?? []
  const top = withGroup ? (byRow.get(row - 1)?.cells ?? []) : []
  const width = Math.max(bottom.length, top.length)
  const labels: string[] = []
  let carried = ''
  for (let c = 0; c < width; c++) {
    let group = ''
    if (withGroup) {
      const merge = mergeAt(sheet.merges, row - 1, c + 1)
      if (merge) group = cellText(byRow.get(merge.top)?.cells[merge.left - 1]).trim()
      else if (!isEmptyCell(top[c])) group = cellText(top[c]).trim()
      else if (sheet.merges.length === 0 && carried && !isEmptyCell(bottom[c])) group = carried
      // Without merge information a group label reaches right over the columns below it.
      carried = !isEmptyCell(top[c]) ? cellText(top[c]).trim() : isEmptyCell(bottom[c]) ? '' : carried
    }
    const own = cellText(bottom[c]).trim()
    // A label merged down across both header lines sits in the upper one.
    if (!own) labels.push(group)
    else labels.push(group && group !== own ? `${group}/${own}` : own)
  }
  return labels
}

/** Which field a header label names for a kind: the group-qualified words first, then the bare column word. */
export function fieldForLabel(kind: SheetKind, label: string): string | null {
  if (!label) return null
  const key = headerKey(label)
  const [group, own] = key.includes('/') ? [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)] : ['', key]
  const candidates = group ? [key, `${group}${own}`, group.includes('监护人') ? `监护人${own}` : '', own] : [key]
  const fields = fieldsOf(kind)
  for (const candidate of candidates.filter(Boolean)) {
    for (const field of fields) {
      if (field.aliases.some((alias) => headerKey(alias) === candidate)) return field.key
    }
    if (IGNORED_HEADERS.some((word) => headerKey(word) === candidate)) return 'ignore'
  }
  return null
}

function mapColumns(kind: SheetKind, labels: string[]): { columns: HeaderColumn[]; score: number } {
  const taken = new Set<string>()
  const columns = labels.map((label, index) => {
    let field = fieldForLabel(kind, label)
    // The first column naming a field wins; a second 姓名 outside any group is not the child's name again.
    if (field && field !== 'ignore') {
      if (taken.has(field)) field = null
      else taken.add(field)
    }
    return { index, label, field }
  })
  const required = fieldsOf(kind).filter((f) => f.required)
  const requiredFound = required.filter((f) => taken.has(f.key)).length
  return { columns, score: taken.size + requiredFound * 2 }
}

/** A line of group labels has several of them; a title line above the header has one. */
function isGroupRow(row: SheetRow | undefined): boolean {
  return (row?.cells.filter((c) => !isEmptyCell(c)).length ?? 0) >= 2
}

/** Words in titles, sheet and file names that say what a sheet lists. */
const KIND_HINTS: Record<SheetKind, RegExp> = {
  divisions: /区划|村（社区）名单|村居名单|行政村/,
  supervisors: /督导员/,
  directors: /儿童主任/,
  children: /困境儿童|儿童名单|儿童名册|留守儿童|孤儿/,
  reviews: /季度更新|信息更新|档案更新|季度核查/,
  visits: /走访|探访|入户/,
}

/**
 * Finds the header among the first rows and which kind of list the sheet is, by scoring every
 * candidate row against every kind's known column words; titles and names break ties.
 */
export function locateHeader(sheet: SheetData, context: { fileName: string; kind?: SheetKind }): LocatedHeader | null {
  const candidates = sheet.rows.slice(0, HEADER_SEARCH_ROWS)
  const byRow = new Map(sheet.rows.slice(0, HEADER_SEARCH_ROWS + 1).map((r) => [r.row, r]))
  let best: LocatedHeader | null = null
  for (const candidate of candidates) {
    const above = sheet.rows.filter((r) => r.row < candidate.row).map((r) => r.cells.map(cellText).join(' '))
    const hintText = [context.fileName, sheet.name, ...above].join(' ')
    for (const kind of context.kind ? [context.kind] : KIND_ORDER) {
      for (const withGroup of isGroupRow(byRow.get(candidate.row - 1)) ? [false, true] : [false]) {
        const labels = columnLabels(sheet, byRow, candidate.row, withGroup)
        const { columns, score: base } = mapColumns(kind, labels)
        if (base < 4) continue
        const hinted = KIND_HINTS[kind].test(hintText) ? 3 : 0
        const score = base + hinted + (withGroup ? 0.5 : 0)
        if (!best || score > best.score) {
          best = { kind, headerRows: withGroup ? [candidate.row - 1, candidate.row] : [candidate.row], columns, score }
        }
      }
    }
  }
  return best
}

/** What the importer looks for, for the message when no header is found. */
export function expectedHeaders(kind?: SheetKind): string {
  const kinds = kind ? [kind] : KIND_ORDER
  return kinds
    .map((k) => fieldsOf(k).filter((f) => f.required).map((f) => f.label).join('、'))
    .filter((value, index, all) => all.indexOf(value) === index)
    .join('；或 ')
}
