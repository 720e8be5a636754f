import { z } from 'zod'
import { call, IsoDate } from './define'

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

export const workforceCalls = {
  'workforce.staffing': call(z.object({ date: IsoDate.optional() }), StaffingTable),
}
