import { asDownload, defineHandlers } from '../call-kit'
import { KIND_NAMES } from '../sheets/fields'
import { getDistrict } from '../registry/divisions-service'
import { workforceOverview } from '../workforce/overview'
import { exportChildren, exportDirectors, exportSupervisors } from './registry-book'
import { writeStaffingBook } from './staffing-book'
import { writeTemplate } from './template-book'

/** The registry's workbooks: the children's and staff registers, the staffing table and the blank templates. */
export const exportHandlers = defineHandlers({
  'exports.children': (ctx, input) =>
    asDownload(`困境儿童名册-${ctx.today()}.xlsx`, (out) => exportChildren(ctx, input, out)),
  'exports.staff': (ctx, input) =>
    asDownload(`${KIND_NAMES[input.kind]}-${ctx.today()}.xlsx`, (out) =>
      input.kind === 'supervisors' ? exportSupervisors(ctx, out, input) : exportDirectors(ctx, out, input),
    ),
  'exports.staffing': (ctx, input) => {
    const date = input.date ?? ctx.today()
    const district = getDistrict(ctx)?.name ?? ''
    return asDownload(`${district}儿童督导员、儿童主任配备情况统计表-${date}.xlsx`, (out) =>
      writeStaffingBook(workforceOverview(ctx, date, 5), district, out),
    )
  },
  'exports.template': (ctx, input) =>
    asDownload(`${KIND_NAMES[input.kind]}-填报模板.xlsx`, (out) => writeTemplate(ctx, input, out)),
})
