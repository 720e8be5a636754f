import { z } from 'zod'
import { call, DivisionCode, Id, IsoDate, outcome, Sex } from './define'

export const ChildStatus = z.enum(['active', 'exited'])
export const ExitReason = z.enum(['aged_out', 'moved_away', 'category_ended', 'deceased', 'other'])

/** What a clerk types in the edit form; the service validates and normalises it. */
export const ChildInput = z.object({
  name: z.string().max(40),
  idNumber: z.string().max(40),
  villageCode: z.string().max(12),
  categories: z.array(z.string().max(40)).max(12),
  address: z.string().max(200).default(''),
  guardianName: z.string().max(40).default(''),
  guardianRelation: z.string().max(20).default(''),
  guardianPhone: z.string().max(30).default(''),
  bankAccount: z.string().max(40).default(''),
  registeredOn: z.union([IsoDate, z.literal('')]).default(''),
  notes: z.string().max(1000).default(''),
})
export type ChildInput = z.input<typeof ChildInput>

/** A row of the list: personal numbers arrive masked. */
export const ChildRow = z.object({
  id: Id,
  name: z.string(),
  sex: Sex,
  birthDate: IsoDate,
  age: z.number().int(),
  idNumberMasked: z.string(),
  /** whole, only when the query asked for full numbers (CLI --full, confirmed exports) */
  idNumber: z.string().optional(),
  townshipCode: DivisionCode,
  townshipName: z.string(),
  villageCode: DivisionCode,
  villageName: z.string(),
  categories: z.array(z.string()),
  guardianName: z.string(),
  guardianPhoneMasked: z.string(),
  status: ChildStatus,
})
export type ChildRow = z.infer<typeof ChildRow>

export const ChildDetail = z.object({
  id: Id,
  name: z.string(),
  sex: Sex,
  birthDate: IsoDate,
  age: z.number().int(),
  idNumber: z.string(),
  townshipCode: DivisionCode,
  townshipName: z.string(),
  villageCode: DivisionCode,
  villageName: z.string(),
  categories: z.array(z.object({ code: z.string(), name: z.string(), since: IsoDate.nullable() })),
  address: z.string(),
  guardianName: z.string(),
  guardianRelation: z.string(),
  guardianPhone: z.string(),
  bankAccount: z.string(),
  registeredOn: IsoDate.nullable(),
  notes: z.string(),
  status: ChildStatus,
  exitReason: ExitReason.nullable(),
  exitDate: IsoDate.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(
    z.object({ at: z.string(), actor: z.string(), action: z.string(), changes: z.array(z.string()) }),
  ),
})
export type ChildDetail = z.infer<typeof ChildDetail>

export const ChildQuery = z.object({
  townshipCode: DivisionCode.optional(),
  villageCode: DivisionCode.optional(),
  category: z.string().max(40).optional(),
  /** a name, pinyin, pinyin initials or (part of) an ID number */
  search: z.string().max(40).optional(),
  status: z.enum(['active', 'exited', 'all']).default('active'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
  fullNumbers: z.boolean().default(false),
})
export type ChildQuery = z.input<typeof ChildQuery>

export const ChildPage = z.object({ total: z.number().int(), page: z.number().int(), rows: z.array(ChildRow) })
export type ChildPage = z.infer<typeof ChildPage>

export const childCalls = {
  'children.list': call(ChildQuery, ChildPage),
  'children.get': call(z.object({ id: Id }), ChildDetail),
  'children.create': call(ChildInput, outcome(z.object({ id: Id }))),
  'children.update': call(ChildInput.extend({ id: Id }), outcome(z.object({ id: Id }))),
  'children.exit': call(
    z.object({ id: Id, reason: ExitReason, date: IsoDate }),
    outcome(z.object({ id: Id })),
  ),
}
