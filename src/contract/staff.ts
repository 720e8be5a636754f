import { z } from 'zod'
import { call, DivisionCode, Id, IsoDate, outcome, Sex } from './define'

/** Supervisors (one per township) and directors (one per village) share one record shape. */
export const StaffInput = z.object({
  /** township code for a supervisor, village code for a director */
  divisionCode: z.string().max(12),
  name: z.string().max(40),
  sex: Sex,
  birthDate: z.union([IsoDate, z.literal('')]).default(''),
  phone: z.string().max(30).default(''),
  partTime: z.boolean().default(true),
  concurrentPost: z.string().max(40).default(''),
  education: z.string().max(20).default(''),
  trained: z.boolean().default(false),
  startDate: z.union([IsoDate, z.literal('')]).default(''),
  endDate: z.union([IsoDate, z.literal('')]).default(''),
  notes: z.string().max(500).default(''),
  /** directors only: villages without a director of their own that this one also serves */
  alsoServes: z.array(DivisionCode).max(30).default([]),
})
export type StaffInput = z.input<typeof StaffInput>

export const StaffRow = z.object({
  id: Id,
  divisionCode: DivisionCode,
  divisionName: z.string(),
  townshipCode: DivisionCode,
  townshipName: z.string(),
  name: z.string(),
  sex: Sex,
  birthDate: IsoDate.nullable(),
  age: z.number().int().nullable(),
  phoneMasked: z.string(),
  partTime: z.boolean(),
  concurrentPost: z.string(),
  education: z.string(),
  trained: z.boolean(),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  notes: z.string(),
  /** children in difficulty in the divisions this person serves */
  childCount: z.number().int(),
  alsoServes: z.array(z.object({ code: DivisionCode, name: z.string() })),
  trainingCount: z.number().int(),
  lastTrainedOn: IsoDate.nullable(),
})
export type StaffRow = z.infer<typeof StaffRow>

/** One person's whole record, for the edit form: the phone number arrives unmasked only here. */
export const StaffDetail = StaffRow.extend({ phone: z.string() })
export type StaffDetail = z.infer<typeof StaffDetail>

export const StaffQuery = z.object({
  townshipCode: DivisionCode.optional(),
  /** people whose end date is past are hidden unless asked for */
  includeFormer: z.boolean().default(false),
})

export const PersonKind = z.enum(['supervisor', 'director'])
export type PersonKind = z.infer<typeof PersonKind>

export const TrainingInput = z.object({
  personKind: PersonKind,
  personId: Id,
  heldOn: IsoDate,
  course: z.string().max(60),
  /** tenths of an hour (1.5 学时 = 15): hours are summed, so they travel as integers */
  hoursTenths: z.number().int('学时最多保留一位小数').positive('学时应大于0').max(10000, '学时不能超过1000'),
})

export const TrainingRow = z.object({
  id: Id,
  heldOn: IsoDate,
  course: z.string(),
  hoursTenths: z.number().int(),
})
export type TrainingRow = z.infer<typeof TrainingRow>

export const staffCalls = {
  'supervisors.list': call(StaffQuery, z.array(StaffRow)),
  'supervisors.get': call(z.object({ id: Id }), StaffDetail),
  'supervisors.create': call(StaffInput, outcome(z.object({ id: Id }))),
  'supervisors.update': call(StaffInput.extend({ id: Id }), outcome(z.object({ id: Id }))),
  'directors.list': call(StaffQuery, z.array(StaffRow)),
  'directors.get': call(z.object({ id: Id }), StaffDetail),
  'directors.create': call(StaffInput, outcome(z.object({ id: Id }))),
  'directors.update': call(StaffInput.extend({ id: Id }), outcome(z.object({ id: Id }))),
  'trainings.list': call(z.object({ personKind: PersonKind, personId: Id }), z.array(TrainingRow)),
  'trainings.add': call(TrainingInput, outcome(z.object({ id: Id }))),
  'trainings.remove': call(z.object({ id: Id }), outcome(z.object({ id: Id }))),
}
