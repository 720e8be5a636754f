import dayjs from 'dayjs'
import type { Dimension } from '../../contract'

// The contract speaks English codes; the clerk reads Chinese. Every such translation lives here.

export const SEX_LABEL: Record<'M' | 'F', string> = { M: '男', F: '女' }

export const STATUS_LABEL: Record<'active' | 'exited', string> = { active: '在册', exited: '已退出' }

export const EXIT_REASONS = [
  { value: 'aged_out', label: '年满18周岁' },
  { value: 'moved_away', label: '迁出' },
  { value: 'category_ended', label: '类别终止' },
  { value: 'deceased', label: '死亡' },
  { value: 'other', label: '其他' },
] as const
export type ExitReasonValue = (typeof EXIT_REASONS)[number]['value']

export function exitReasonLabel(value: string | null): string {
  return EXIT_REASONS.find((r) => r.value === value)?.label ?? ''
}

export const DIMENSION_LABEL: Record<Dimension, string> = {
  self: '自身困境',
  family: '家庭困境',
  guardianship: '监护困境',
  other: '其他',
}

export function dimensionLabel(value: string): string {
  return (DIMENSION_LABEL as Record<string, string>)[value] ?? value
}

/** Colour per dimension, so a child's tags read at a glance which kind of difficulty they are. */
export const DIMENSION_COLOR: Record<string, string> = {
  self: 'volcano',
  family: 'gold',
  guardianship: 'geekblue',
  other: 'default',
}

export const DATE_FORMAT = 'YYYY-MM-DD'

export function showDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : ''
}

/** Audit times are stored in UTC; the clerk reads them in local time. */
export function showTime(iso: string): string {
  const at = dayjs(iso)
  return at.isValid() ? at.format('YYYY-MM-DD HH:mm') : iso
}

/** A dash in an empty cell tells the clerk "not recorded", which a blank does not. */
export function orDash(value: string | number | null | undefined): string | number {
  return value === null || value === undefined || value === '' ? '—' : value
}
