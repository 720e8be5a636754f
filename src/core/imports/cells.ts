import { toHalfWidth } from '../shared/text'
import type { Cell } from './workbook'

/** A cell as text the way the clerk sees it; numbers keep all their digits, dates become ISO days. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return ''
    return cell.toISOString().slice(0, 10)
  }
  if (typeof cell === 'number') return Number.isInteger(cell) && Math.abs(cell) < 1e15 ? String(cell) : String(cell)
  if (typeof cell === 'boolean') return cell ? '是' : '否'
  return cell
}

/** Header words compared loosely: width, spaces, bracket styles and line breaks do not matter. */
export function headerKey(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u3000]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[*＊:：]/g, '')
    .toLowerCase()
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')
}
