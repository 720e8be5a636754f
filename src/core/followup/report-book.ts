import type ExcelJS from 'exceljs'
import type { CategoriesReport, CompletionReport, ServicesReport } from '../../contract'
import { SERVICE_AREA_NAMES } from '../../contract/followup'
import { chineseDate } from '../../contract/labels'
import { a4PageSetup, BODY_FONT, CENTRED_FOOTER, framedStyle, HEADER_STYLE } from '../sheets/book-style'
import { newBook, writeStatisticsHead } from '../sheets/books'
import { quarterName } from './rules'

// The three follow-up reports as bureaus file them: title, unit and period, a framed table with its header repeated
// on every printed page, 合计 where a sum means something, and the signature line.

type Align = 'center' | 'left' | 'right'
const PERCENT = '0.0%'

interface SheetSpec {
  name: string
  title: string
  unit: string
  period: string
  note: string
  widths: number[]
  /** one or two header rows; a group label over several columns is repeated in each and merged */
  headers: string[][]
  landscape: boolean
}

function startSheet(book: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const last = spec.widths.length
  const headerTop = 4
  const headerBottom = headerTop + spec.headers.length - 1
  const sheet = book.addWorksheet(spec.name, {
    pageSetup: a4PageSetup(spec.landscape ? 'landscape' : 'portrait', headerTop, headerBottom),
    headerFooter: CENTRED_FOOTER,
    views: [{ state: 'frozen', ySplit: headerBottom }],
  })
  sheet.columns = spec.widths.map((width) => ({ width }))
  writeStatisticsHead(sheet, last, { title: spec.title, unit: spec.unit, dated: spec.period, note: spec.note, noteHeight: 30 })
  spec.headers.forEach((labels, r) => {
    const row = sheet.getRow(headerTop + r)
    labels.forEach((label, c) => Object.assign(row.getCell(c + 1), { value: label, style: HEADER_STYLE }))
    row.height = 36
  })
  // Merge repeated group labels across, and a label alone in its column down both header rows.
  if (spec.headers.length === 2) {
    const [top, bottom] = spec.headers as [string[], string[]]
    for (let c = 0; c < last; c++) {
      if (top[c] === bottom[c]) sheet.mergeCells(headerTop, c + 1, headerTop + 1, c + 1)
    }
    let c = 0
    while (c < last) {
      let end = c
      while (end + 1 < last && top[end + 1] === top[c] && top[c] !== bottom[c]) end++
      if (end > c) sheet.mergeCells(headerTop, c + 1, headerTop, end + 1)
      c = end + 1
    }
  }
  return sheet
}

function putRow(sheet: ExcelJS.Worksheet, values: (string | number | null)[], aligns: Align[], options: { bold?: boolean; percentColumns?: number[] } = {}) {
  const row = sheet.addRow(values.map((v) => (v === null ? '—' : v)))
  values.forEach((value, i) => {
    const cell = row.getCell(i + 1)
    cell.style = framedStyle(aligns[i] ?? 'right', options.bold)
    if (options.percentColumns?.includes(i) && typeof value === 'number') cell.numFmt = PERCENT
    if (value === null) cell.alignment = { horizontal: 'center', vertical: 'middle' }
  })
  return row
}

function signatures(sheet: ExcelJS.Worksheet, columns: number, date: string) {
  sheet.addRow([]).height = 10
  const values: string[] = new Array(columns).fill('')
  values[0] = '填表人：'
  values[Math.floor(columns / 3)] = '审核人：'
  values[Math.floor((columns * 2) / 3)] = '负责人：'
  values[columns - 1] = `制表日期：${chineseDate(date)}`
  const row = sheet.addRow(values)
  row.eachCell((cell) => (cell.font = BODY_FONT))
  row.height = 28
}

const fraction = (percent: number | null) => (percent === null ? null : Math.round(percent * 10) / 1000)

/** (b) 困境儿童关爱服务提供情况统计表: per service, district first, then each township (需要/已提供/提供率). */
export async function writeServicesBook(report: ServicesReport, district: string, today: string, out: string): Promise<void> {
  const book = newBook()
  const groups = ['全区', ...report.townships.map((t) => t.name)]
  const fixed = ['序号', '服务类别', '服务项目']
  const sheet = startSheet(book, {
    name: '服务提供情况',
    title: `${district}困境儿童关爱服务提供情况统计表`,
    unit: `填报单位：${district}民政局`,
    period: `统计期间：${chineseDate(report.from)}至${chineseDate(report.to)}`,
    note: '说明：需要人数为统计期间内有该项服务计划（含需求评估确定的需要）的儿童人数；已提供人数为期间内登记已提供该项服务的儿童人数；提供率＝已提供人数÷需要人数，无需要时记“—”。由台账自动生成。',
    widths: [6, 10, 26, ...groups.flatMap(() => [9, 9, 9])],
    headers: [
      [...fixed, ...groups.flatMap((g) => [g, g, g])],
      [...fixed, ...groups.flatMap(() => ['需要人数', '已提供人数', '提供率'])],
    ],
    landscape: true,
  })
  const aligns: Align[] = ['center', 'center', 'left']
  const percentColumns = groups.map((_, g) => 3 + g * 3 + 2)
  report.rows.forEach((r, i) => {
    const cells: (string | number | null)[] = [i + 1, SERVICE_AREA_NAMES[r.area], r.name, r.needed, r.received, fraction(r.ratePercent)]
    for (const t of r.byTownship) cells.push(t.needed, t.received, fraction(t.ratePercent))
    putRow(sheet, cells, aligns, { percentColumns })
  })
  signatures(sheet, 3 + groups.length * 3, today)
  await book.xlsx.writeFile(out)
}

/** (a) 困境儿童分类统计表: townships down, categories across, 合计 at the foot. */
export async function writeCategoriesBook(report: CategoriesReport, district: string, today: string, out: string): Promise<void> {
  const book = newBook()
  const headers = ['序号', '乡镇（街道）', ...report.categories.map((c) => c.name), '困境儿童人数']
  const sheet = startSheet(book, {
    name: '分类统计',
    title: `${district}困境儿童分类统计表`,
    unit: `填报单位：${district}民政局`,
    period: `统计日期：${chineseDate(report.date)}`,
    note: '说明：按统计日期在册的困境儿童及其当日所属类型统计；一名儿童属于多个类型时在各类型中分别计数，“困境儿童人数”按人计、不重复。',
    widths: [6, 16, ...report.categories.map(() => 10), 12],
    headers: [headers],
    landscape: report.categories.length > 8,
  })
  const aligns: Align[] = ['center', 'left']
  report.rows.forEach((r, i) => putRow(sheet, [i + 1, r.townshipName, ...r.counts, r.children], aligns))
  const total = putRow(sheet, ['合计', '', ...report.district.counts, report.district.children], ['center', 'center'], { bold: true })
  sheet.mergeCells(total.number, 1, total.number, 2)
  signatures(sheet, headers.length, today)
  await book.xlsx.writeFile(out)
}

/** (c) 季度更新完成情况: one sheet per director, one per supervisor (township), with the district total. */
export async function writeCompletionBook(report: CompletionReport, district: string, today: string, out: string): Promise<void> {
  const book = newBook()
  const period = `${quarterName(report.quarter)}（截止 ${chineseDate(report.deadline)}）`
  const note = '说明：应更新人数为季度末在册的困境儿童；已更新为有本季度更新记录的儿童；已审核为督导员已审核的更新。更新率＝已更新÷应更新。'
  const byDirector = startSheet(book, {
    name: '按儿童主任',
    title: `${district}困境儿童季度信息更新完成情况（按儿童主任）`,
    unit: `填报单位：${district}民政局`,
    period,
    note,
    widths: [6, 14, 12, 30, 10, 10, 10, 10],
    headers: [['序号', '乡镇（街道）', '儿童主任', '负责村（社区）', '应更新人数', '已更新人数', '更新率', '督导员已审核']],
    landscape: false,
  })
  const aligns: Align[] = ['center', 'left', 'left', 'left']
  report.directors.forEach((d, i) =>
    putRow(byDirector, [i + 1, d.townshipName, d.directorName, d.villageNames.join('、'), d.children, d.reviewed, fraction(d.ratePercent), d.checked], aligns, { percentColumns: [6] }),
  )
  const dt = report.district
  const total = putRow(byDirector, ['合计', '', '', '', dt.children, dt.reviewed, fraction(dt.ratePercent), dt.checked], ['center'], { bold: true, percentColumns: [6] })
  byDirector.mergeCells(total.number, 1, total.number, 4)
  signatures(byDirector, 8, today)

  const bySupervisor = startSheet(book, {
    name: '按督导员',
    title: `${district}困境儿童季度信息更新完成情况（按儿童督导员）`,
    unit: `填报单位：${district}民政局`,
    period,
    note,
    widths: [6, 16, 12, 10, 10, 10, 10],
    headers: [['序号', '乡镇（街道）', '儿童督导员', '应更新人数', '已更新人数', '更新率', '督导员已审核']],
    landscape: false,
  })
  report.supervisors.forEach((s, i) =>
    putRow(bySupervisor, [i + 1, s.townshipName, s.supervisorName ?? '（未配备）', s.children, s.reviewed, fraction(s.ratePercent), s.checked], ['center', 'left', 'left'], {
      percentColumns: [5],
    }),
  )
  const total2 = putRow(bySupervisor, ['合计', '', '', dt.children, dt.reviewed, fraction(dt.ratePercent), dt.checked], ['center'], { bold: true, percentColumns: [5] })
  bySupervisor.mergeCells(total2.number, 1, total2.number, 3)
  signatures(bySupervisor, 7, today)
  await book.xlsx.writeFile(out)
}
