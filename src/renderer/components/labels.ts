import dayjs from 'dayjs'
import type { Dimension } from '../../contract'
import { CHILD_STATUS_NAMES, DIMENSION_NAMES, EXIT_REASON_NAMES, SEX_NAMES } from '../../contract/labels'

// The contract speaks English codes; the clerk reads Chinese. Every such translation lives here.

export const SEX_LABEL: Record<'M' | 'F', string> = SEX_NAMES

export const STATUS_LABEL: Record<'active' | 'exited', string> = CHILD_STATUS_NAMES

export type ExitReasonValue = keyof typeof EXIT_REASON_NAMES
export const EXIT_REASONS = (Object.keys(EXIT_REASON_NAMES) as ExitReasonValue[]).map((value) => ({
  value,
  label: EXIT_REASON_NAMES[value],
}))

export function exitReasonLabel(value: string | null): string {
  return EXIT_REASONS.find((r) => r.value === value)?.label ?? ''
}

export const DIMENSION_LABEL: Record<Dimension, string> = DIMENSION_NAMES

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
