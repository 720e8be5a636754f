/**
 * How a roster is laid out on paper, shared by the .xlsx and the print view so both break pages at
 * the same lines and print the same 本页小计: pure functions, no IO.
 */
import { rmbCapital } from '../shared/money'
import { addMonths } from '../shared/months'

/** The columns of the bureau's 发放花名册, in order. */
export const ROSTER_COLUMNS = [
  '序号',
  '乡镇',
  '村',
  '姓名',
  '身份证号',
  '类别',
  '标准(元/月)',
  '月数',
  '金额(元)',
  '监护人',
  '账号',
  '领款人签字',
] as const

/** The 标准 header of a yearly programme says so. */
export function rosterColumns(period: 'month' | 'year' = 'month'): string[] {
  return ROSTER_COLUMNS.map((c) => (c === '标准(元/月)' && period === 'year' ? '标准(元/年)' : c))
}

export const SIGNATURES = ['制表人：', '审核人：', '负责人：'] as const

export const DRAFT_WATERMARK = '草稿'

export const DEFAULT_ROWS_PER_PAGE = 20

/** "2026年11月", "2026年10月至12月", "2026年11月至2027年1月". */
export function periodText(firstMonth: string, months: number): string {
  const last = addMonths(firstMonth, Math.max(1, months) - 1)
  const [fy, fm] = [Number(firstMonth.slice(0, 4)), Number(firstMonth.slice(5, 7))]
  const [ly, lm] = [Number(last.slice(0, 4)), Number(last.slice(5, 7))]
  if (last === firstMonth) return `${fy}年${fm}月`
  return fy === ly ? `${fy}年${fm}月至${lm}月` : `${fy}年${fm}月至${ly}年${lm}月`
}

/** XX区2026年11月孤儿基本生活费发放花名册, and （草稿） while it is a draft. */
export function rosterTitle(r: {
  districtName: string
  programmeName: string
  firstMonth: string
  months: number
  status: 'draft' | 'locked'
}): string {
  const draft = r.status === 'draft' ? `（${DRAFT_WATERMARK}）` : ''
  return `${r.districtName}${periodText(r.firstMonth, r.months)}${r.programmeName}发放花名册${draft}`
}

/** "2026年11月23日" from an ISO date or timestamp (its date part). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  return `${y}年${m}月${d}日`
}

export function unitText(districtName: string): string {
  return `填报单位：${districtName}民政局`
}

export interface PrintedPage<L> {
  /** 1-based */
  number: number
  lines: L[]
  subtotalFen: number
  subtotalCapital: string
}

export interface PaginatedRoster<L> {
  rowsPerPage: number
  pages: PrintedPage<L>[]
  totalFen: number
  totalCapital: string
}

/**
 * The roster cut into printed pages of rowsPerPage lines, each with its 本页小计 in figures and in
 * capitals; the total is the sum of the pages, so the pages always add up to it. An empty roster
 * is one empty page (the form still prints, with 合计 零元整).
 */
export function rosterPages<L extends { totalFen: number }>(roster: { lines: readonly L[] }, rowsPerPage: number): PaginatedRoster<L> {
  if (!Number.isInteger(rowsPerPage) || rowsPerPage < 1) throw new RangeError(`rowsPerPage must be a positive integer: ${rowsPerPage}`)
  const pages: PrintedPage<L>[] = []
  const lines = roster.lines
  let totalFen = 0
  for (let start = 0; start < lines.length || pages.length === 0; start += rowsPerPage) {
    const slice = lines.slice(start, start + rowsPerPage)
    let subtotalFen = 0
    for (const line of slice) subtotalFen += line.totalFen
    totalFen += subtotalFen
    pages.push({ number: pages.length + 1, lines: slice, subtotalFen, subtotalCapital: rmbCapital(subtotalFen) })
  }
  return { rowsPerPage, pages, totalFen, totalCapital: rmbCapital(totalFen) }
}
