// The contract speaks English codes; clerks read Chinese. The names of the contract's own enums live
// here, beside them, so the services (history, messages) and the renderer say the same words.

export const SEX_NAMES = { M: '男', F: '女' } as const

export const CHILD_STATUS_NAMES = { active: '在册', exited: '已退出' } as const

export const EXIT_REASON_NAMES = {
  aged_out: '年满18周岁',
  moved_away: '迁出本区',
  category_ended: '困境情形消除',
  deceased: '死亡',
  other: '其他',
} as const

export const DIMENSION_NAMES = {
  self: '自身困境',
  family: '家庭困境',
  guardianship: '监护困境',
  other: '其他',
} as const

/** 2026-11-23 → 2026年11月23日, as dates are written on the sheets a bureau signs. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** What an audit entry is about, as the 操作日志 page and its export name it. */
export const AUDIT_ENTITY_NAMES = {
  child: '困境儿童',
  supervisor: '儿童督导员',
  director: '儿童主任',
  division: '区划',
  category: '困境类型',
  programme: '补贴项目',
  roster: '发放花名册',
  review: '季度更新',
  visit: '走访',
  assessment: '需求评估',
  service: '儿童服务',
  document: '在档材料',
  setting: '设置',
  export: '导出/打印',
  database: '数据库',
  app: '系统',
} as const
