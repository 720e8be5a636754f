import type { FilePreview, SheetKind } from '../../../contract'

// The words the import page shows for the contract's codes.

export const KIND_LABEL: Record<SheetKind, string> = {
  divisions: '区划名单',
  supervisors: '儿童督导员名单',
  directors: '儿童主任名单',
  children: '困境儿童名单',
  reviews: '季度更新记录',
  visits: '走访记录',
}

export const KIND_OPTIONS = (Object.keys(KIND_LABEL) as SheetKind[]).map((value) => ({ value, label: KIND_LABEL[value] }))

export type RowStatus = FilePreview['rows'][number]['status']

export const STATUS_LABEL: Record<RowStatus, string> = {
  new: '新增',
  changed: '更新',
  unchanged: '未变',
  rejected: '有误',
}

export const STATUS_COLOR: Record<RowStatus, string> = {
  new: 'green',
  changed: 'blue',
  unchanged: 'default',
  rejected: 'red',
}

export const TOWNSHIP_SOURCE_LABEL: Record<NonNullable<FilePreview['townshipSource']>, string> = {
  column: '按表中的乡镇列',
  chosen: '已选择',
  sheet: '由工作表名识别',
  file: '由文件名识别',
}
