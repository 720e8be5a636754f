import { defineHandlers, found } from '../call-kit'
import { townshipWorkforce, workforceOverview } from './overview'
import { staffingTable } from './staffing'

/** The workforce's calls: the staffing table, the coverage overview and one township's picture. */
export const workforceHandlers = defineHandlers({
  'workforce.staffing': (ctx, input) => staffingTable(ctx, input.date),
  'workforce.overview': (ctx, input) => workforceOverview(ctx, input.date ?? ctx.today(), input.villagesPerCentre),
  'workforce.township': (ctx, input) =>
    found(townshipWorkforce(ctx, input.code, input.date ?? ctx.today()), '该乡镇/街道（或在统计日期已撤销）'),
})
