import { z } from 'zod'
import { ChildDetail } from './children'
import { call, DivisionCode, Empty, Id, IsoDate, outcome } from './define'
import { FileDownload } from './imports'

// Case follow-up (一人一档): a child's whole file, quarterly reviews, visits and risk flags, needs assessments,
// services planned and delivered, documents on file, the work dashboard and the three reports.

export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, '季度格式应为 YYYY-Qn，如 2026-Q1')
const Text = (max: number) => z.string().max(max)
const Person = z.string().max(40)
const OptionalDate = z.union([IsoDate, z.literal('')])

export const VisitKind = z.enum(['home', 'phone', 'school'])
export const RiskFlag = z.enum(['no-guardian', 'abuse-neglect', 'other'])
export const NeedLevel = z.enum(['general', 'key', 'urgent'])
export const ServiceArea = z.enum(['safety', 'physical', 'mental', 'education', 'other'])
export const ServiceDimension = z.enum(['self', 'family', 'guardianship'])
export const DocumentType = z.enum(['school-enrolment', 'disability-certificate', 'medical', 'guardianship', 'identity', 'other'])
export const ExtensionOutlook = z.enum(['applies', 'needs-document', 'none'])

export const VISIT_KIND_NAMES = { home: '入户', phone: '电话', school: '学校' } as const
export const RISK_FLAG_NAMES = { 'no-guardian': '无监护人在家', 'abuse-neglect': '疑似受虐/忽视', other: '其他风险' } as const
export const NEED_LEVEL_NAMES = { general: '一般', key: '重点', urgent: '紧急' } as const
export const SERVICE_AREA_NAMES = { safety: '安全保护', physical: '身体健康', mental: '心理健康', education: '教育', other: '其他服务' } as const
export const DOCUMENT_TYPE_NAMES = {
  'school-enrolment': '在校就读证明',
  'disability-certificate': '残疾证',
  medical: '医疗诊断材料',
  guardianship: '监护关系证明',
  identity: '身份户籍材料',
  other: '其他材料',
} as const
export const EXTENSION_OUTLOOK_NAMES = { applies: '在校延长保障', 'needs-document': '需补在校证明', none: '无延长保障' } as const

/** Who and where, on every row of a follow-up list: the ID number arrives masked. */
const ChildRef = z.object({
  childId: Id,
  childName: z.string(),
  idNumberMasked: z.string(),
  townshipCode: DivisionCode,
  townshipName: z.string(),
  villageCode: DivisionCode,
  villageName: z.string(),
})

export const Review = z.object({
  id: Id,
  quarter: Quarter,
  reviewedOn: IsoDate,
  reviewer: z.string(),
  noChange: z.boolean(),
  changes: z.string(),
  checkedAt: z.string().nullable(),
  checkedBy: z.string().nullable(),
  importBatchId: z.number().int().nullable(),
})
export type Review = z.infer<typeof Review>
export const ReviewRow = Review.extend(ChildRef.shape)

export const Visit = z.object({
  id: Id,
  visitedOn: IsoDate,
  visitor: z.string(),
  kind: VisitKind,
  findings: z.string(),
  risk: RiskFlag.nullable(),
  resolvedOn: IsoDate.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
})
export type Visit = z.infer<typeof Visit>
export const VisitRow = Visit.extend(ChildRef.shape)

export const Assessment = z.object({
  id: Id,
  assessedOn: IsoDate,
  assessor: z.string(),
  selfLevel: NeedLevel.nullable(),
  selfNotes: z.string(),
  familyLevel: NeedLevel.nullable(),
  familyNotes: z.string(),
  guardianshipLevel: NeedLevel.nullable(),
  guardianshipNotes: z.string(),
  overallLevel: NeedLevel.nullable(),
  services: z.array(z.string()),
})

export const ChildService = z.object({
  id: Id,
  serviceCode: z.string(),
  serviceName: z.string(),
  area: ServiceArea,
  status: z.enum(['planned', 'delivered']),
  plannedOn: IsoDate,
  deliveredOn: IsoDate.nullable(),
  provider: z.string(),
  notes: z.string(),
})

export const ChildDocument = z.object({
  id: Id,
  type: DocumentType,
  title: z.string(),
  issuedOn: IsoDate.nullable(),
  validUntil: IsoDate.nullable(),
  notes: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
})

export const CatalogueEntry = z.object({
  code: z.string(),
  name: z.string(),
  area: ServiceArea,
  dimension: ServiceDimension,
  referencePercent: z.number().int().nullable(),
  builtin: z.boolean(),
  active: z.boolean(),
})
export type CatalogueEntry = z.infer<typeof CatalogueEntry>

export const ChildFile = z.object({
  child: ChildDetail,
  categoryPeriods: z.array(z.object({ code: z.string(), name: z.string(), since: IsoDate.nullable(), until: IsoDate.nullable() })),
  subsidies: z.array(
    z.object({
      rosterId: Id,
      programmeName: z.string(),
      firstMonth: z.string(),
      lastMonth: z.string(),
      category: z.string(),
      months: z.number().int(),
      paidMonths: z.string(),
      amountFen: z.number().int(),
      rule: z.string(),
      lockedAt: z.string().nullable(),
    }),
  ),
  reviews: z.array(Review),
  visits: z.array(Visit),
  assessments: z.array(Assessment),
  services: z.array(ChildService),
  documents: z.array(ChildDocument),
  schoolEnrolmentUntil: IsoDate.nullable(),
  followup: z.object({
    lastReviewedOn: IsoDate.nullable(),
    dueQuarter: Quarter,
    stale: z.boolean(),
    openRisks: z.number().int(),
  }),
  exit: z.object({ status: z.enum(['active', 'exited']), reason: z.string().nullable(), reasonName: z.string().nullable(), date: IsoDate.nullable() }),
})
export type ChildFile = z.infer<typeof ChildFile>

const Page = { page: z.number().int().min(1).max(100_000).default(1), pageSize: z.number().int().min(1).max(500).default(50) }

export const StaleGroup = z.object({ key: z.string(), name: z.string(), townshipName: z.string(), stale: z.number().int(), active: z.number().int() })

export const StaleReport = z.object({
  asOf: IsoDate,
  dueQuarter: Quarter,
  /** the last on-time day of the due quarter's reviews */
  deadline: IsoDate,
  total: z.number().int(),
  byTownship: z.array(StaleGroup),
  /** per director in post; children of villages with no director are under key 'none' */
  byDirector: z.array(StaleGroup),
  rows: z.array(ChildRef.extend({ lastReviewedOn: IsoDate.nullable(), directorName: z.string().nullable() })),
})
export type StaleReport = z.infer<typeof StaleReport>

export const WorkDashboard = z.object({
  asOf: IsoDate,
  stale: z.object({
    total: z.number().int(),
    dueQuarter: Quarter,
    deadline: IsoDate,
    byTownship: z.array(StaleGroup),
    byDirector: z.array(StaleGroup),
  }),
  ageingOut: z.object({
    total: z.number().int(),
    rows: z.array(ChildRef.extend({ turns18On: IsoDate, extension: ExtensionOutlook, programmes: z.array(z.string()), schoolEnrolmentUntil: IsoDate.nullable() })),
  }),
  risks: z.object({
    total: z.number().int(),
    rows: z.array(VisitRow),
  }),
  noDirector: z.object({
    villages: z.number().int(),
    children: z.number().int(),
    top: z.array(z.object({ code: DivisionCode, name: z.string(), townshipName: z.string(), children: z.number().int() })),
  }),
  draftRosters: z.object({
    total: z.number().int(),
    rows: z.array(z.object({ id: Id, programmeName: z.string(), firstMonth: z.string(), months: z.number().int(), generatedAt: z.string() })),
  }),
})
export type WorkDashboard = z.infer<typeof WorkDashboard>

export const CategoriesReport = z.object({
  date: IsoDate,
  categories: z.array(z.object({ code: z.string(), name: z.string(), dimension: z.string() })),
  rows: z.array(z.object({ townshipCode: DivisionCode, townshipName: z.string(), counts: z.array(z.number().int()), children: z.number().int() })),
  district: z.object({ counts: z.array(z.number().int()), children: z.number().int() }),
})
export type CategoriesReport = z.infer<typeof CategoriesReport>

const Rate = z.object({ needed: z.number().int(), received: z.number().int(), ratePercent: z.number().nullable() })
export const ServicesReport = z.object({
  from: IsoDate,
  to: IsoDate,
  townships: z.array(z.object({ code: DivisionCode, name: z.string() })),
  rows: z.array(
    Rate.extend({
      code: z.string(),
      name: z.string(),
      area: ServiceArea,
      dimension: ServiceDimension,
      referencePercent: z.number().int().nullable(),
      /** in the order of townships */
      byTownship: z.array(Rate),
    }),
  ),
})
export type ServicesReport = z.infer<typeof ServicesReport>

const Completion = z.object({ children: z.number().int(), reviewed: z.number().int(), checked: z.number().int(), ratePercent: z.number().nullable() })
export const CompletionReport = z.object({
  quarter: Quarter,
  deadline: IsoDate,
  directors: z.array(Completion.extend({ directorId: z.number().int().nullable(), directorName: z.string(), townshipName: z.string(), villageNames: z.array(z.string()) })),
  supervisors: z.array(Completion.extend({ townshipCode: DivisionCode, townshipName: z.string(), supervisorName: z.string().nullable() })),
  district: Completion,
})
export type CompletionReport = z.infer<typeof CompletionReport>

export const FollowupSettings = z.object({ reviewDeadlineDays: z.number().int() })

const ListPlace = { townshipCode: DivisionCode.optional(), villageCode: DivisionCode.optional() }

export const followupCalls = {
  'children.file': call(z.object({ id: Id }), ChildFile),

  'reviews.list': call(
    z.object({ ...ListPlace, childId: Id.optional(), quarter: Quarter.optional(), checked: z.enum(['all', 'checked', 'unchecked']).default('all'), ...Page }),
    z.object({ total: z.number().int(), page: z.number().int(), rows: z.array(ReviewRow) }),
  ),
  'reviews.add': call(
    z.object({
      childId: Id,
      reviewedOn: IsoDate,
      reviewer: Person,
      /** the quarter the review is for; '' = the quarter of reviewedOn */
      quarter: z.union([Quarter, z.literal('')]).default(''),
      noChange: z.boolean().default(false),
      changes: Text(2000).default(''),
    }),
    outcome(z.object({ id: Id })),
  ),
  /** the supervisor's check of one review (a review already checked keeps its first check) */
  'reviews.check': call(z.object({ id: Id, checker: Person }), outcome(z.object({ id: Id, checked: z.boolean() }))),
  /** a review entered by mistake; an imported one goes back with its batch */
  'reviews.remove': call(z.object({ id: Id }), outcome(z.object({ id: Id }))),

  'visits.list': call(
    z.object({ ...ListPlace, childId: Id.optional(), risk: z.enum(['all', 'open', 'flagged']).default('all'), from: IsoDate.optional(), to: IsoDate.optional(), ...Page }),
    z.object({ total: z.number().int(), page: z.number().int(), rows: z.array(VisitRow) }),
  ),
  'visits.add': call(
    z.object({
      childId: Id,
      visitedOn: IsoDate,
      visitor: Person,
      kind: VisitKind,
      findings: Text(2000).default(''),
      risk: RiskFlag.nullable().default(null),
    }),
    outcome(z.object({ id: Id })),
  ),
  'visits.remove': call(z.object({ id: Id }), outcome(z.object({ id: Id }))),
  'visits.resolve': call(
    z.object({ id: Id, action: Text(1000), resolvedBy: Person, resolvedOn: IsoDate }),
    outcome(z.object({ id: Id })),
  ),

  'assessments.save': call(
    z.object({
      childId: Id,
      assessedOn: IsoDate,
      assessor: Person,
      selfLevel: NeedLevel.nullable().default(null),
      selfNotes: Text(1000).default(''),
      familyLevel: NeedLevel.nullable().default(null),
      familyNotes: Text(1000).default(''),
      guardianshipLevel: NeedLevel.nullable().default(null),
      guardianshipNotes: Text(1000).default(''),
      /** catalogue codes the child needs: each without an open plan gets a planned service */
      services: z.array(z.string().max(40)).max(40).default([]),
    }),
    outcome(z.object({ id: Id, planned: z.number().int() })),
  ),

  'services.catalogue': call(z.object({ includeInactive: z.boolean().default(false) }), z.array(CatalogueEntry)),
  'services.catalogueSave': call(
    z.object({ code: z.string().max(40).optional(), name: Text(40), area: ServiceArea, dimension: ServiceDimension, active: z.boolean().default(true) }),
    outcome(z.object({ code: z.string() })),
  ),
  'services.plan': call(
    z.object({ childId: Id, serviceCode: z.string().max(40), plannedOn: IsoDate, provider: Text(100).default(''), notes: Text(1000).default('') }),
    outcome(z.object({ id: Id })),
  ),
  'services.deliver': call(
    z.object({
      childId: Id,
      serviceCode: z.string().max(40),
      /** the plan this delivery fulfils; without it the delivery is recorded on its own */
      planId: Id.optional(),
      deliveredOn: IsoDate,
      provider: Text(100).default(''),
      notes: Text(1000).default(''),
    }),
    outcome(z.object({ id: Id })),
  ),

  'documents.add': call(
    z.object({ childId: Id, type: DocumentType, title: Text(100), issuedOn: OptionalDate.default(''), validUntil: OptionalDate.default(''), notes: Text(1000).default('') }),
    outcome(z.object({ id: Id })),
  ),
  'documents.remove': call(z.object({ id: Id }), outcome(z.object({ id: Id }))),

  'followup.stale': call(
    z.object({ asOf: IsoDate.optional(), ...ListPlace, ...Page }),
    StaleReport,
  ),
  'dashboard.work': call(z.object({ asOf: IsoDate.optional() }), WorkDashboard),

  'reports.categories': call(z.object({ date: IsoDate.optional() }), CategoriesReport),
  'reports.services': call(z.object({ from: IsoDate, to: IsoDate }), ServicesReport),
  'reports.completion': call(z.object({ quarter: Quarter.optional() }), CompletionReport),
  'exports.categoriesReport': call(z.object({ date: IsoDate.optional() }), FileDownload),
  'exports.servicesReport': call(z.object({ from: IsoDate, to: IsoDate }), FileDownload),
  'exports.completionReport': call(z.object({ quarter: Quarter.optional() }), FileDownload),

  'settings.get': call(Empty, FollowupSettings),
  'settings.save': call(z.object({ reviewDeadlineDays: z.number().int().min(1).max(90) }), outcome(FollowupSettings)),
}
