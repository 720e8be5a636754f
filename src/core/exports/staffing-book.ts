import type ExcelJS from 'exceljs'
import { chineseDate } from '../../contract/labels'
import type { WorkforceOverview } from '../../contract/workforce'
import { a4PageSetup, BODY_FONT, CENTRED_FOOTER, framedStyle, HEADER_STYLE, SUBTITLE_STYLE, TEXT_FORMAT, TITLE_STYLE } from '../sheets/book-style'
import { newBook, writeStatisticsHead } from '../sheets/books'

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '乡镇（街道）', width: 16 },
  { header: '村（社区）数', width: 10 },
  { header: '儿童督导员数', width: 10 },
  { header: '儿童主任数', width: 10 },
  { header: '困境儿童数', width: 10 },
  { header: '每名儿童主任服务儿童数', width: 12 },
  { header: '无儿童主任的村（社区）', width: 42 },
] as const

const LAST = COLUMNS.length
const HEADER_ROW = 4

const ratio = (children: number, directors: number) => (directors ? Math.round((children / directors) * 10) / 10 : '—')

/**
 * 《XX区儿童督导员、儿童主任配备情况统计表》 as bureaus file it: title, unit and date, one row per township, the
 * 合计 row, signature lines, A4 portrait with the header repeated; a second sheet names the gaps.
 */
export async function writeStaffingBook(overview: WorkforceOverview, districtName: string, out: string): Promise<void> {
  const book = newBook()
  const title = `${districtName || ''}儿童督导员、儿童主任配备情况统计表`
  const sheet = book.addWorksheet('配备情况统计表', {
    pageSetup: a4PageSetup('portrait', HEADER_ROW),
    headerFooter: CENTRED_FOOTER,
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  })
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }))

  writeStatisticsHead(sheet, LAST, {
    title,
    unit: `填报单位：${districtName}民政局`,
    dated: `统计日期：${chineseDate(overview.date)}`,
    note: '说明：按统计日期在册的区划、在任的人员和在册未满18周岁的困境儿童计算，由台账自动生成。',
  })
  const header = sheet.getRow(HEADER_ROW)
  COLUMNS.forEach((c, i) => Object.assign(header.getCell(i + 1), { value: c.header, style: HEADER_STYLE }))
  header.height = 36

  const aligns = ['center', 'left', 'right', 'right', 'right', 'right', 'right', 'left'] as const
  const put = (values: (string | number)[], bold = false) => {
    const row = sheet.addRow(values)
    values.forEach((_, i) => {
      row.getCell(i + 1).style = framedStyle(aligns[i]!, bold)
    })
    return row
  }
  overview.table.townships.forEach((t, i) => {
    put([i + 1, t.name, t.villages, t.supervisors, t.directors, t.children, ratio(t.children, t.directors), t.villagesWithoutDirector.join('、') || '—'])
  })
  const d = overview.table.district
  const total = put(
    ['合计', '', d.villages, d.supervisors, d.directors, d.children, ratio(d.children, d.directors), `${d.villagesWithoutDirector.length}个`],
    true,
  )
  sheet.mergeCells(total.number, 1, total.number, 2)
  total.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' }

  const foot = sheet.addRow([])
  foot.height = 10
  const signatures = sheet.addRow(['填表人：', '', '', '审核人：', '', '负责人：', '', `制表日期：${chineseDate(overview.date)}`])
  signatures.eachCell((cell) => (cell.font = BODY_FONT))
  signatures.height = 28

  writeGapsSheet(book, overview, districtName)
  await book.xlsx.writeFile(out)
}

/** The villages behind the 无儿童主任 count, with since when and how many children go unvisited. */
function writeGapsSheet(book: ExcelJS.Workbook, overview: WorkforceOverview, districtName: string) {
  const sheet = book.addWorksheet('无儿童主任的村', {
    pageSetup: a4PageSetup('portrait', 3),
    headerFooter: CENTRED_FOOTER,
  })
  sheet.columns = [{ width: 6 }, { width: 16 }, { width: 20 }, { width: 16 }, { width: 12 }, { width: 16 }]
  sheet.mergeCells(1, 1, 1, 6)
  Object.assign(sheet.getCell(1, 1), { value: `${districtName}无儿童主任的村（社区）明细`, style: TITLE_STYLE })
  sheet.mergeCells(2, 1, 2, 6)
  Object.assign(sheet.getCell(2, 1), { value: `统计日期：${chineseDate(overview.date)}`, style: SUBTITLE_STYLE })
  const headers = ['序号', '乡镇（街道）', '村（社区）', '区划代码', '困境儿童数', '空缺起始日期']
  const header = sheet.getRow(3)
  headers.forEach((h, i) => Object.assign(header.getCell(i + 1), { value: h, style: HEADER_STYLE }))
  overview.coverage.villagesWithoutDirector.forEach((v, i) => {
    const row = sheet.addRow([i + 1, v.township, v.village, v.code, v.children, v.vacantSince ?? '从未配备'])
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.style = framedStyle(col === 1 ? 'center' : col === 5 ? 'right' : 'left')
      if (col === 4) cell.numFmt = TEXT_FORMAT
    })
  })
  const total = sheet.addRow(['合计', '', `${overview.coverage.villagesWithoutDirector.length}个村`, '', overview.coverage.childrenWithoutDirector, ''])
  total.eachCell({ includeEmpty: true }, (cell) => (cell.style = framedStyle('center', true)))
  sheet.mergeCells(total.number, 1, total.number, 2)
}
