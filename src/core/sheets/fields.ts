import { SHEET_FIELD_LABELS } from '../../contract/field-labels'
import aliases from '../../../resources/header-aliases.json'

export type SheetKind = 'divisions' | 'supervisors' | 'directors' | 'children' | 'reviews' | 'visits'

/** The order files are committed in: places first, then the people who serve them, then the children. */
export const KIND_ORDER: SheetKind[] = ['divisions', 'supervisors', 'directors', 'children', 'reviews', 'visits']

export const KIND_NAMES: Record<SheetKind, string> = {
  divisions: '区划名单',
  supervisors: '儿童督导员名单',
  directors: '儿童主任名单',
  children: '困境儿童名单',
  reviews: '季度信息更新表',
  visits: '走访记录表',
}

export interface FieldDef {
  key: string
  /** the header our exports and templates write; also the first alias */
  label: string
  aliases: string[]
  required: boolean
}

/** The columns a clerk must fill for a row to be taken, by kind; the rest may stay empty. */
const REQUIRED: Record<SheetKind, string[]> = {
  children: ['village', 'name', 'idNumber', 'categories'],
  supervisors: ['township', 'name', 'sex'],
  directors: ['township', 'village', 'name', 'sex'],
  // Case follow-up sheets (src/core/imports/followup-import.ts): the child is found by its ID number.
  reviews: ['idNumber', 'reviewedOn', 'reviewer'],
  visits: ['idNumber', 'visitedOn', 'visitor'],
  divisions: ['townshipName', 'villageName'],
}

const ALIASES = aliases as Record<SheetKind, Record<string, string[]>>

/** The columns a sheet of this kind can have, in the order our exports write them. */
export function fieldsOf(kind: SheetKind): FieldDef[] {
  const labels: Record<string, string> = SHEET_FIELD_LABELS[kind]
  return Object.entries(labels).map(([key, label]) => ({
    key,
    label,
    aliases: ALIASES[kind][key] ?? [label],
    required: REQUIRED[kind].includes(key),
  }))
}

/** Header cells that carry no data of ours (row numbers, computed ages): recognised so they are not reported. */
export const IGNORED_HEADERS = ['序号', '编号', '年龄', '周岁', '岁数']
