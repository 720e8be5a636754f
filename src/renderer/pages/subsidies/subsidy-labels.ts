import type { Programme } from '../../../contract'

export const KIND_LABEL: Record<Programme['kind'], string> = { child: '困境儿童', director: '儿童主任' }
export const PERIOD_LABEL: Record<Programme['period'], string> = { month: '元/月', year: '元/年' }
export const START_RULE_LABEL: Record<Programme['startRule'], string> = {
  'month-after-registration': '认定次月起发放',
  'month-of-registration': '认定当月起发放',
}
export const END_RULE_LABEL: Record<Programme['endRule'], string> = {
  'month-of-exit': '发放至退出当月',
  'month-after-exit': '发放至退出次月',
}
export const STATUS_LABEL = { draft: '草稿', locked: '已锁定' } as const

export const MONTHS_OPTIONS = [
  { value: 1, label: '单月' },
  { value: 3, label: '一季度（3个月）' },
  { value: 6, label: '半年（6个月）' },
  { value: 12, label: '全年（12个月）' },
]
