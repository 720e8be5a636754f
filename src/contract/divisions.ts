import { z } from 'zod'
import { call, DivisionCode, Empty, IsoDate, outcome } from './define'

export const DivisionLevel = z.enum(['district', 'township', 'village'])
export type DivisionLevel = z.infer<typeof DivisionLevel>

export const Division = z.object({
  code: DivisionCode,
  name: z.string(),
  level: DivisionLevel,
  parentCode: DivisionCode.nullable(),
  /** true when the app made the code up because the official one was not known */
  codeGenerated: z.boolean(),
  retiredOn: IsoDate.nullable(),
})
export type Division = z.infer<typeof Division>

export const VillageNode = Division.extend({ childCount: z.number().int(), directors: z.number().int() })
export const TownshipNode = Division.extend({
  villages: z.array(VillageNode),
  childCount: z.number().int(),
  supervisors: z.number().int(),
})
export const DivisionTree = z.object({
  district: Division.nullable(),
  townships: z.array(TownshipNode),
})
export type DivisionTree = z.infer<typeof DivisionTree>

const Name = z.string().max(60)

export const divisionCalls = {
  'divisions.tree': call(z.object({ includeRetired: z.boolean().default(false) }), DivisionTree),
  'divisions.setDistrict': call(
    z.object({ name: Name, code: z.string().max(12).optional() }),
    outcome(Division),
  ),
  'divisions.create': call(
    z.object({
      level: z.enum(['township', 'village']),
      parentCode: DivisionCode,
      name: Name,
      code: z.string().max(12).optional(),
    }),
    outcome(Division),
  ),
  'divisions.rename': call(z.object({ code: DivisionCode, name: Name }), outcome(Division)),
  'divisions.move': call(z.object({ code: DivisionCode, parentCode: DivisionCode }), outcome(Division)),
  'divisions.retire': call(z.object({ code: DivisionCode, on: IsoDate }), outcome(Division)),
  'divisions.restore': call(z.object({ code: DivisionCode }), outcome(Division)),
  'divisions.list': call(Empty, z.array(Division)),
}
