import { z } from 'zod'
import { call, DivisionCode, Id, IsoDate, Sex } from './define'
import { FileDownload } from './imports'

const Counts = {
  townships: z.number().int(),
  villages: z.number().int(),
  supervisors: z.number().int(),
  directors: z.number().int(),
  children: z.number().int(),
}

/** The staffing table of DOMAIN.md, per township and for the district, as of one day. */
export const StaffingTable = z.object({
  date: IsoDate,
  district: z.object({
    ...Counts,
    /** "乡镇/村" */
    villagesWithoutDirector: z.array(z.string()),
    townshipsWithoutSupervisor: z.array(z.string()),
  }),
  townships: z.array(
    z.object({
      name: z.string(),
      code: z.string(),
      villages: z.number().int(),
      supervisors: z.number().int(),
      directors: z.number().int(),
      children: z.number().int(),
      villagesWithoutDirector: z.array(z.string()),
      /** null where the township has no director at all */
      childrenPerDirector: z.number().nullable(),
      maxChildrenPerDirector: z.number().int(),
    }),
  ),
})
export type StaffingTable = z.infer<typeof StaffingTable>

const Spread = z.object({ mean: z.number().nullable(), median: z.number().nullable(), max: z.number().nullable() })
const Bucket = z.object({ label: z.string(), count: z.number().int() })
export type Bucket = z.infer<typeof Bucket>

/** Who the directors (or supervisors) in post are: age, sex, terms, posts held alongside, schooling, training. */
const PeopleStats = z.object({
  count: z.number().int(),
  male: z.number().int(),
  female: z.number().int(),
  partTime: z.number().int(),
  fullTime: z.number().int(),
  /** 60 and over, among those whose birth date is known */
  over60: z.number().int(),
  over60Share: z.number().nullable(),
  ages: z.array(Bucket),
  concurrentPosts: z.array(Bucket),
  education: z.array(Bucket),
  trainedLast12Months: z.number().int(),
  trainedLast12MonthsShare: z.number().nullable(),
  neverTrained: z.number().int(),
  tenure: z.array(Bucket),
  meanYearsInPost: z.number().nullable(),
})
export type PeopleStats = z.infer<typeof PeopleStats>

const VillagesPerCentre = z.number().int('每个中心覆盖的村数应为整数').min(1, '每个中心至少覆盖1个村').max(50, '每个中心最多覆盖50个村')

export const WorkforceOverview = z.object({
  date: IsoDate,
  table: StaffingTable,
  coverage: z.object({
    villagesWithoutDirector: z.array(
      z.object({
        townshipCode: z.string(),
        township: z.string(),
        code: z.string(),
        village: z.string(),
        children: z.number().int(),
        /** null: the village never had a director on record */
        vacantSince: IsoDate.nullable(),
      }),
    ),
    townshipsWithoutSupervisor: z.array(z.object({ code: z.string(), township: z.string(), vacantSince: IsoDate.nullable() })),
    multiVillageDirectors: z.array(
      z.object({ id: Id, name: z.string(), township: z.string(), village: z.string(), alsoServes: z.array(z.string()), children: z.number().int() }),
    ),
    /** children in villages that no director serves: nobody visits them */
    childrenWithoutDirector: z.number().int(),
  }),
  load: z.object({
    perDirector: Spread,
    perSupervisor: Spread,
    heaviest: z.array(z.object({ id: Id, name: z.string(), township: z.string(), villages: z.string(), children: z.number().int() })),
  }),
  people: z.object({ directors: PeopleStats, supervisors: PeopleStats }),
  planning: z.object({
    villagesPerCentre: z.number().int(),
    centres: z.number().int(),
    byTownship: z.array(z.object({ code: z.string(), township: z.string(), villages: z.number().int(), centres: z.number().int() })),
  }),
})
export type WorkforceOverview = z.infer<typeof WorkforceOverview>

export const WorkforcePerson = z.object({
  id: Id,
  name: z.string(),
  sex: Sex,
  age: z.number().int().nullable(),
  partTime: z.boolean(),
  concurrentPost: z.string(),
  education: z.string(),
  startDate: IsoDate.nullable(),
  yearsInPost: z.number().int().nullable(),
  trainingsLast12Months: z.number().int(),
  lastTrainedOn: IsoDate.nullable(),
  /** the villages served, own first */
  villages: z.string(),
  children: z.number().int(),
})
export type WorkforcePerson = z.infer<typeof WorkforcePerson>

/** One township opened up: its villages with who serves each, and its people. */
export const TownshipWorkforce = z.object({
  date: IsoDate,
  code: z.string(),
  name: z.string(),
  supervisors: z.array(WorkforcePerson),
  directors: z.array(WorkforcePerson),
  villages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      children: z.number().int(),
      directors: z.array(z.string()),
      /** directors of other villages who also serve this one */
      servedBy: z.array(z.string()),
      vacantSince: IsoDate.nullable(),
    }),
  ),
})
export type TownshipWorkforce = z.infer<typeof TownshipWorkforce>

export const workforceCalls = {
  'workforce.staffing': call(z.object({ date: IsoDate.optional() }), StaffingTable),
  'workforce.overview': call(z.object({ date: IsoDate.optional(), villagesPerCentre: VillagesPerCentre.default(5) }), WorkforceOverview),
  'workforce.township': call(z.object({ code: DivisionCode, date: IsoDate.optional() }), TownshipWorkforce),
  'exports.staffing': call(z.object({ date: IsoDate.optional() }), FileDownload),
}
