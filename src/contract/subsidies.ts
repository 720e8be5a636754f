import { z } from 'zod'
import { call, Empty, Id, IsoDate, outcome } from './define'
import { FileDownload } from './imports'

/** A calendar month, 'YYYY-MM'. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM（如 2026-01）')
export const ProgrammeCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, '项目代码应为2至40位小写字母、数字或连字符，以字母开头')

export const ProgrammeKind = z.enum(['child', 'director'])
export const ProgrammePeriod = z.enum(['month', 'year'])
export const StartRule = z.enum(['month-after-registration', 'month-of-registration'])
export const EndRule = z.enum(['month-after-exit', 'month-of-exit'])

/** One period of a standard: fen per month (or per year for a yearly programme), from a day to a day. */
export const Standard = z.object({
  amountFen: z.number().int('金额应为整数分').min(0, '金额不能为负数').max(100_000_000, '金额过大（每人每月最多100万元）'),
  effectiveFrom: IsoDate,
  /** inclusive; null = open-ended */
  effectiveTo: IsoDate.nullable(),
  /** e.g. 集中供养 / 散居; null = every child */
  group: z.string().max(20).nullable(),
})
export type Standard = z.infer<typeof Standard>

export const Extension = z.object({
  untilAge: z.number().int().min(1).max(30),
  needs: z.literal('school-enrolment'),
})

export const Programme = z.object({
  code: z.string(),
  name: z.string(),
  kind: ProgrammeKind,
  period: ProgrammePeriod,
  categories: z.array(z.string()),
  excludedBy: z.array(z.string()),
  ageLimit: z.number().int().nullable(),
  extension: Extension.nullable(),
  startRule: StartRule,
  endRule: EndRule,
  standards: z.array(Standard),
  builtin: z.boolean(),
  active: z.boolean(),
  /** the standard in force today, for lists: fen, or null when none is */
  currentAmountFen: z.number().int().nullable(),
})
export type Programme = z.infer<typeof Programme>

/** What the clerk edits; a code not yet in use creates a programme (left out, one is made from the name). */
export const ProgrammeInput = z.object({
  code: ProgrammeCode.optional(),
  name: z.string().max(40),
  kind: ProgrammeKind,
  period: ProgrammePeriod.default('month'),
  categories: z.array(z.string().max(40)).max(20),
  excludedBy: z.array(z.string().max(40)).max(20),
  ageLimit: z.number().int().min(1, '年龄上限至少为1周岁').max(30, '年龄上限最多为30周岁').nullable(),
  extension: Extension.nullable(),
  startRule: StartRule.default('month-after-registration'),
  endRule: EndRule.default('month-of-exit'),
  standards: z.array(Standard).min(1, '至少需要一条补贴标准').max(50),
  active: z.boolean().default(true),
})
export type ProgrammeInput = z.input<typeof ProgrammeInput>

export const RosterStatus = z.enum(['draft', 'locked'])

export const RosterSummary = z.object({
  id: Id,
  programme: z.string(),
  programmeName: z.string(),
  kind: ProgrammeKind,
  firstMonth: Month,
  months: z.number().int(),
  lastMonth: Month,
  /** "2026年10月至12月" */
  period: z.string(),
  /** XX区2026年11月孤儿基本生活费发放花名册, with （草稿） while a draft */
  title: z.string(),
  status: RosterStatus,
  generatedAt: z.string(),
  generatedBy: z.string(),
  lockedAt: z.string().nullable(),
  lockedBy: z.string().nullable(),
  lineCount: z.number().int(),
  excludedCount: z.number().int(),
  totalFen: z.number().int(),
  /** lines that carry back-pay */
  backPayLines: z.number().int(),
})
export type RosterSummary = z.infer<typeof RosterSummary>

/** Who a roster line (paid or left out) is about. ID numbers arrive masked unless full numbers were asked for. */
export const Payee = z.object({
  /** 1-based print order */
  seq: z.number().int(),
  childId: Id.nullable(),
  directorId: Id.nullable(),
  township: z.string(),
  village: z.string(),
  name: z.string(),
  idNumber: z.string(),
})
export type Payee = z.infer<typeof Payee>

/**
 * One payee line of a roster: the one shape the rules' result is built into, stored as, read back as, and
 * written to the .xlsx, reconciled and printed from. Each amount keeps its meaning all the way:
 * ownMonthsFen for the roster's own months, backPayFen for owed months before them, totalFen the two
 * together (the 金额 printed, and what the roster's total adds up). Account numbers are masked like ID numbers.
 */
export const PayeeLine = Payee.extend({
  /** the category's name as printed; '儿童主任' on a directors' roster */
  category: z.string(),
  /** the category's code ('' on a directors' roster) */
  categoryCode: z.string(),
  /** the standard of the latest month paid: fen per month, or per year for a yearly programme */
  standardFen: z.number().int(),
  /** the roster's own months paid on this line */
  paidMonths: z.array(Month),
  /** owed months before the roster, paid on this line */
  backPayMonths: z.array(Month),
  /** paidMonths and backPayMonths together: the printed 月数 */
  monthCount: z.number().int(),
  ownMonthsFen: z.number().int(),
  backPayFen: z.number().int(),
  /** ownMonthsFen + backPayFen: what the line pays */
  totalFen: z.number().int(),
  guardian: z.string(),
  bankAccount: z.string(),
  /** the rule in words: which standard, how many months, back-pay, which programme won */
  rule: z.string(),
})
export type PayeeLine = z.infer<typeof PayeeLine>

export const RosterExcluded = Payee.extend({
  reason: z.string(),
  /** owed but not payable (e.g. no bank account); 0 when nothing is owed */
  owedFen: z.number().int(),
})
export type RosterExcluded = z.infer<typeof RosterExcluded>

export const RosterDetail = z.object({
  roster: RosterSummary,
  /** the page of lines shown (roster.lineCount says how many there are in all) */
  page: z.number().int(),
  pageSize: z.number().int(),
  lines: z.array(PayeeLine),
  excluded: z.array(RosterExcluded),
})
export type RosterDetail = z.infer<typeof RosterDetail>

/** One printed page of a roster: its lines and the 本页小计. */
export const RosterPage = z.object({
  number: z.number().int(),
  lines: z.array(PayeeLine),
  subtotalFen: z.number().int(),
  /** 人民币大写 of the subtotal */
  subtotalCapital: z.string(),
})
export type RosterPage = z.infer<typeof RosterPage>

export const RosterPages = z.object({
  roster: RosterSummary,
  title: z.string(),
  /** 填报单位：XX区民政局 */
  unit: z.string(),
  /** 制表日期：2026年11月23日 (the lock day of a locked roster) */
  date: z.string(),
  /** '草稿' on every page of a draft; null once locked */
  watermark: z.string().nullable(),
  columns: z.array(z.string()),
  rowsPerPage: z.number().int(),
  pages: z.array(RosterPage),
  totalFen: z.number().int(),
  totalCapital: z.string(),
  signatures: z.array(z.string()),
})
export type RosterPages = z.infer<typeof RosterPages>

const Change = z.object({
  childId: Id.nullable(),
  directorId: Id.nullable(),
  name: z.string(),
  township: z.string(),
  village: z.string(),
  beforeFen: z.number().int(),
  afterFen: z.number().int(),
  reason: z.string(),
})

/** This roster against the previous locked roster of the same programme. */
export const RosterReconciliation = z.object({
  roster: RosterSummary,
  previous: RosterSummary.nullable(),
  added: z.array(Change),
  removed: z.array(Change),
  changed: z.array(Change),
  unchanged: z.number().int(),
  beforeFen: z.number().int(),
  afterFen: z.number().int(),
})
export type RosterReconciliation = z.infer<typeof RosterReconciliation>

export const WhatIf = z.object({
  /** a new standard (fen per month; per year for a yearly programme) from fromMonth on */
  newAmountFen: z.number().int().min(0).max(100_000_000).optional(),
  /** first month the what-if applies to; the year's January when left out */
  fromMonth: Month.optional(),
  /** more (or fewer) payees from fromMonth on, in percent: 10 = one tenth more */
  caseloadChangePercent: z.number().min(-100, '减少不能超过100%').max(1000, '增加不能超过1000%').optional(),
})
export type WhatIf = z.infer<typeof WhatIf>

export const BudgetMonth = z.object({
  month: Month,
  caseload: z.number().int(),
  amountFen: z.number().int(),
  whatIfCaseload: z.number().int(),
  whatIfAmountFen: z.number().int(),
})

export const BudgetYear = z.object({
  programme: z.string(),
  programmeName: z.string(),
  year: z.number().int(),
  /** the registry as of this day is projected over the year (no new cases; ages, exits and standards applied) */
  asOf: IsoDate,
  months: z.array(BudgetMonth),
  totalFen: z.number().int(),
  whatIfTotalFen: z.number().int(),
  differenceFen: z.number().int(),
  notes: z.array(z.string()),
})
export type BudgetYear = z.infer<typeof BudgetYear>

const Year = z.number().int().min(2000, '年份应在2000至2100之间').max(2100, '年份应在2000至2100之间')

export const subsidyCalls = {
  'programmes.list': call(Empty, z.array(Programme)),
  'programmes.save': call(ProgrammeInput, outcome(Programme)),
  'rosters.list': call(z.object({ programme: ProgrammeCode.optional() }), z.array(RosterSummary)),
  'rosters.generate': call(
    z.object({
      programme: ProgrammeCode,
      month: Month,
      /** months paid together (3 = a quarter) */
      months: z.number().int().min(1, '月数至少为1').max(12, '月数最多为12').default(1),
    }),
    outcome(RosterSummary),
  ),
  'rosters.get': call(
    z.object({
      id: Id,
      fullNumbers: z.boolean().default(false),
      /** 1-based; pages of pageSize lines */
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100_000).default(2000),
    }),
    RosterDetail,
  ),
  'rosters.pages': call(
    z.object({ id: Id, rowsPerPage: z.number().int().min(5).max(60).default(20), fullNumbers: z.boolean().default(false) }),
    RosterPages,
  ),
  'rosters.lock': call(z.object({ id: Id }), outcome(RosterSummary)),
  'rosters.discard': call(z.object({ id: Id }), outcome(z.object({ id: Id }))),
  'rosters.reconcile': call(z.object({ id: Id }), RosterReconciliation),
  'rosters.export': call(
    z.object({ id: Id, fullNumbers: z.boolean().default(false), rowsPerPage: z.number().int().min(5).max(60).default(20) }),
    FileDownload,
  ),
  'budget.year': call(z.object({ programme: ProgrammeCode, year: Year, whatIf: WhatIf.optional() }), BudgetYear),
}
