import { cellText, isEmptyCell } from './cells'
import type { HeaderColumn } from './locate-header'
import type { Cell, MergedRange, SheetData, SheetRow } from './workbook'

/** Lines under a table that sign it or sum it up: never data. */
const FOOTER = /^(合计|小计|总计|共计|填表人|填报人|制表人|审核人|负责人|单位负责人|备注|说明|注[:：]|填表说明|联系人|填报日期|制表日期)/

export interface DataRow {
  row: number
  cells: Cell[]
  /** fields → raw cell, with merged and forward-filled cells resolved */
  values: Record<string, Cell>
}

export function isFooterRow(cells: Cell[]): boolean {
  const texts = cells.map(cellText).map((t) => t.replace(/[\s\u3000]/g, '')).filter(Boolean)
  if (texts.length === 0) return true
  return texts.some((t) => FOOTER.test(t)) && texts.length <= 4
}

function mergedValue(merges: MergedRange[], byRow: Map<number, SheetRow>, row: number, col: number): Cell | undefined {
  const merge = merges.find((m) => row >= m.top && row <= m.bottom && col + 1 >= m.left && col + 1 <= m.right)
  if (!merge || merge.top === row) return undefined
  return byRow.get(merge.top)?.cells[merge.left - 1]
}

/**
 * The data rows under the header: footers and rows holding only a 序号 dropped, merged cells
 * resolved. Where the reader knew no merges (large or csv files) the place columns are filled down
 * from the row above, because townships merge one village over all its children.
 */
export function* extractRows(
  sheet: SheetData,
  headerRows: number[],
  columns: HeaderColumn[],
  fillDown: readonly string[],
): Generator<DataRow> {
  const lastHeader = Math.max(...headerRows)
  // Only the rows a merge starts on are looked up again; a 100,000-row sheet has few of them.
  const tops = new Set(sheet.merges.map((m) => m.top))
  const byRow = new Map(sheet.rows.filter((r) => tops.has(r.row)).map((r) => [r.row, r]))
  const mapped = columns.filter((c) => c.field && c.field !== 'ignore')
  const previous: Record<string, Cell> = {}
  for (const row of sheet.rows) {
    if (row.row <= lastHeader) continue
    if (isFooterRow(row.cells)) continue
    const values: Record<string, Cell> = {}
    for (const column of mapped) {
      let value = row.cells[column.index] ?? null
      if (isEmptyCell(value)) value = mergedValue(sheet.merges, byRow, row.row, column.index) ?? null
      values[column.field!] = value
    }
    const hasData = mapped.some((c) => !fillDown.includes(c.field!) && !isEmptyCell(values[c.field!]))
    if (!hasData) continue
    if (sheet.merges.length === 0) {
      for (const field of fillDown) {
        if (isEmptyCell(values[field]) && !isEmptyCell(previous[field])) values[field] = previous[field] ?? null
      }
    }
    for (const field of fillDown) previous[field] = values[field] ?? null
    yield { row: row.row, cells: row.cells, values }
  }
}
