import { z } from 'zod'
import { call, Empty, outcome } from './define'

export const Dimension = z.enum(['self', 'family', 'guardianship', 'other'])
export type Dimension = z.infer<typeof Dimension>

export const Category = z.object({
  code: z.string(),
  name: z.string(),
  dimension: Dimension,
  aliases: z.array(z.string()),
  builtin: z.boolean(),
})
export type Category = z.infer<typeof Category>

export const categoryCalls = {
  'categories.list': call(Empty, z.array(Category)),
  'categories.save': call(
    z.object({
      code: z.string().max(40).optional(),
      name: z.string().max(30),
      dimension: Dimension,
      aliases: z.array(z.string().max(30)).max(30),
    }),
    outcome(Category),
  ),
}
