import { z } from 'zod'
import { call, Empty } from './define'

export const Summary = z.object({
  district: z.string().nullable(),
  totals: z.object({
    children: z.number().int(),
    townships: z.number().int(),
    villages: z.number().int(),
    supervisors: z.number().int(),
    directors: z.number().int(),
    villagesWithoutDirector: z.number().int(),
  }),
  byCategory: z.array(z.object({ code: z.string(), name: z.string(), dimension: z.string(), childCount: z.number().int() })),
  byTownship: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      villages: z.number().int(),
      supervisors: z.number().int(),
      directors: z.number().int(),
      childCount: z.number().int(),
    }),
  ),
})
export type Summary = z.infer<typeof Summary>

export const AppInfo = z.object({
  productName: z.string(),
  version: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.string(),
  user: z.string(),
})

export const appCalls = {
  'app.info': call(Empty, AppInfo),
  'dashboard.summary': call(Empty, Summary),
}
