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

/** Supervisors and directors are listed with the same columns; directors add their village. */
const STAFF_FIELDS = {
  name: { label: '姓名', required: true },
  sex: { label: '性别', required: true },
  birthDate: { label: '出生年月' },
  phone: { label: '联系电话' },
  partTime: { label: '专职/兼职' },
  concurrentPost: { label: '兼任职务' },
  education: { label: '文化程度' },
  trained: { label: '是否培训' },
  startDate: { label: '任职时间' },
  notes: { label: '备注' },
}

const LABELS: Record<SheetKind, Record<string, { label: string; required?: boolean }>> = {
  children: {
    township: { label: '乡镇（街道）' },
    village: { label: '村（社区）', required: true },
    name: { label: '姓名', required: true },
    sex: { label: '性别' },
    idNumber: { label: '身份证号', required: true },
    birthDate: { label: '出生日期' },
    categories: { label: '困境类型', required: true },
    address: { label: '住址' },
    guardianName: { label: '监护人姓名' },
    guardianRelation: { label: '与儿童关系' },
    guardianPhone: { label: '监护人电话' },
    bankAccount: { label: '银行账号' },
    registeredOn: { label: '登记日期' },
    notes: { label: '备注' },
  },
  supervisors: { township: { label: '乡镇（街道）', required: true }, ...STAFF_FIELDS },
  directors: {
    township: { label: '乡镇（街道）', required: true },
    village: { label: '村（社区）', required: true },
    ...STAFF_FIELDS,
  },
  // Case follow-up sheets (src/core/imports/followup-import.ts): the child is found by its ID number.
  reviews: {
    township: { label: '乡镇（街道）' },
    village: { label: '村（社区）' },
    name: { label: '姓名' },
    idNumber: { label: '身份证号', required: true },
    quarter: { label: '季度' },
    reviewedOn: { label: '更新日期', required: true },
    reviewer: { label: '更新人', required: true },
    changes: { label: '变化情况' },
  },
  visits: {
    township: { label: '乡镇（街道）' },
    village: { label: '村（社区）' },
    name: { label: '姓名' },
    idNumber: { label: '身份证号', required: true },
    visitedOn: { label: '走访日期', required: true },
    visitor: { label: '走访人', required: true },
    kind: { label: '走访方式' },
    findings: { label: '走访情况' },
    risk: { label: '风险情况' },
  },
  divisions: {
    townshipName: { label: '乡镇（街道）', required: true },
    townshipCode: { label: '乡镇代码' },
    villageName: { label: '村（社区）', required: true },
    villageCode: { label: '村代码' },
  },
}

const ALIASES = aliases as Record<SheetKind, Record<string, string[]>>

/** The columns a sheet of this kind can have, in the order our exports write them. */
export function fieldsOf(kind: SheetKind): FieldDef[] {
  return Object.entries(LABELS[kind]).map(([key, def]) => ({
    key,
    label: def.label,
    aliases: ALIASES[kind][key] ?? [def.label],
    required: def.required ?? false,
  }))
}

/** Header cells that carry no data of ours (row numbers, computed ages): recognised so they are not reported. */
export const IGNORED_HEADERS = ['序号', '编号', '年龄', '周岁', '岁数']
