import type { SheetKind } from './imports'

// The Chinese name of every field, said once. The sheets' headings are what the importer looks for, what the
// exports and templates write and what the forms show; the record words are the shorter ones a change line
// reads better with ("监护人：张大 → 张二"). The core derives its sheet fields from here, the renderer its forms.

const PLACE = { township: '乡镇（街道）', village: '村（社区）' } as const

/** A child's fields as 困境儿童名单 heads its columns, in their order. */
export const CHILD_FIELD_LABELS = {
  ...PLACE,
  name: '姓名',
  sex: '性别',
  idNumber: '身份证号',
  birthDate: '出生日期',
  categories: '困境类型',
  address: '住址',
  guardianName: '监护人姓名',
  guardianRelation: '与儿童关系',
  guardianPhone: '监护人电话',
  bankAccount: '银行账号',
  registeredOn: '登记日期',
  notes: '备注',
} as const

/** Supervisors and directors are listed with the same columns; directors add their village. */
export const STAFF_FIELD_LABELS = {
  name: '姓名',
  sex: '性别',
  birthDate: '出生年月',
  phone: '联系电话',
  partTime: '专职/兼职',
  concurrentPost: '兼任职务',
  education: '文化程度',
  trained: '是否培训',
  startDate: '任职时间',
  notes: '备注',
} as const

/** A follow-up sheet names its child the way the children's list does; the ID number finds it. */
const CHILD_NAMED = {
  ...PLACE,
  name: CHILD_FIELD_LABELS.name,
  idNumber: CHILD_FIELD_LABELS.idNumber,
} as const

/** The columns of each kind of sheet, in the order the exports and templates write them. */
export const SHEET_FIELD_LABELS = {
  children: CHILD_FIELD_LABELS,
  supervisors: { township: PLACE.township, ...STAFF_FIELD_LABELS },
  directors: { ...PLACE, ...STAFF_FIELD_LABELS },
  reviews: {
    ...CHILD_NAMED,
    quarter: '季度',
    reviewedOn: '更新日期',
    reviewer: '更新人',
    changes: '变化情况',
  },
  visits: {
    ...CHILD_NAMED,
    visitedOn: '走访日期',
    visitor: '走访人',
    kind: '走访方式',
    findings: '走访情况',
    risk: '风险情况',
  },
  divisions: {
    townshipName: PLACE.township,
    townshipCode: '乡镇代码',
    villageName: PLACE.village,
    villageCode: '村代码',
  },
} as const satisfies Record<SheetKind, Record<string, string>>

/** The places as the forms and the records name them, under the codes the registry keeps. */
export const PLACE_RECORD_LABELS = { townshipCode: '乡镇/街道', villageCode: '村/社区' } as const

const C = CHILD_FIELD_LABELS

/** A child record's fields as its change history names them, in the order its lines are listed. */
export const CHILD_RECORD_LABELS = {
  name: C.name,
  idNumber: C.idNumber,
  villageCode: PLACE_RECORD_LABELS.villageCode,
  categories: C.categories,
  address: C.address,
  guardianName: '监护人',
  guardianRelation: C.guardianRelation,
  guardianPhone: C.guardianPhone,
  bankAccount: C.bankAccount,
  registeredOn: C.registeredOn,
  notes: C.notes,
  status: '状态',
  exitReason: '退出原因',
  exitDate: '退出日期',
} as const

/** The same for a supervisor's or director's record, where its words differ from the list's. */
export const STAFF_RECORD_LABELS = {
  phone: '电话',
  partTime: '专兼职',
  concurrentPost: STAFF_FIELD_LABELS.concurrentPost,
  education: '学历',
  trained: '已培训',
  startDate: '任职日期',
  endDate: '离任日期',
  alsoServes: '兼管村/社区',
} as const
