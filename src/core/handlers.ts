import type { CallName, Output, ParsedInput } from '../contract'
import pkg from '../../package.json'
import type { ServiceContext } from './context'
import { listCategories, saveCategory } from './registry/categories-service'
import { createChild, exitChild, getChild, listChildren, updateChild } from './registry/children-service'
import {
  createDivision,
  divisionTree,
  getDistrict,
  listDivisions,
  moveVillage,
  renameDivision,
  restoreDivision,
  retireDivision,
  setDistrict,
} from './registry/divisions-service'
import { createStaff, DIRECTOR, getStaff, listStaff, SUPERVISOR, updateStaff } from './registry/staff-service'
import { registrySummary } from './registry/summary-service'
import { addTraining, listTrainings, removeTraining } from './registry/trainings-service'
import { asDownload, importHandlers, StagedFileGone } from './imports/import-calls'
import { exportChildren, exportDirectors, exportSupervisors } from './exports/registry-book'
import { writeTemplate } from './exports/template-book'
import { KIND_NAMES } from './sheets/fields'
import { staffingTable } from './workforce/staffing'
import { townshipWorkforce, workforceOverview } from './workforce/overview'
import { writeStaffingBook } from './exports/staffing-book'
import { listProgrammes, saveProgramme } from './subsidies/programmes-service'
import {
  discardRoster,
  exportRoster,
  generateRoster,
  getRoster,
  getRosterSummary,
  listRosters,
  lockRoster,
  reconcileRoster,
  rosterFileName,
  rosterPrintPages,
} from './subsidies/roster-service'
import { budgetYear } from './subsidies/budget'
import { backupHandlers } from './backups/backup-calls'
import { exportAudit, listAudit } from './audit/audit-service'
import { followupHandlers } from './followup/followup-calls'
import { clearPassword, lockNow, lockStatus, recover, setPassword, unlock } from './security/app-lock'

/** A record the caller asked for by id is not there: a refusal, not a crash. */
export class NotFound extends Error {}

function found<T>(value: T | null, what: string): T {
  if (value === null) throw new NotFound(`${what}不存在，可能已被删除或编号有误，请刷新后重试。`)
  return value
}

const ROSTER = '该发放花名册'

export type Handler<N extends CallName> = (ctx: ServiceContext, input: ParsedInput<N>) => Output<N> | Promise<Output<N>>
export type HandlerMap = { [N in CallName]: Handler<N> }

/** Every call of the contract, answered by the services. The fronts only validate and dispatch. */
export const handlers: HandlerMap = {
  'app.info': (ctx) => ({
    productName: pkg.productName,
    version: pkg.version,
    databaseFile: ctx.conn.file,
    schemaVersion: ctx.conn.schemaVersion,
    user: ctx.actor,
  }),
  'dashboard.summary': (ctx) => registrySummary(ctx),

  'divisions.tree': (ctx, input) => divisionTree(ctx, input),
  'divisions.list': (ctx) => listDivisions(ctx),
  'divisions.setDistrict': (ctx, input) => setDistrict(ctx, input),
  'divisions.create': (ctx, input) => createDivision(ctx, input),
  'divisions.rename': (ctx, input) => renameDivision(ctx, input),
  'divisions.move': (ctx, input) => moveVillage(ctx, input),
  'divisions.retire': (ctx, input) => retireDivision(ctx, input),
  'divisions.restore': (ctx, input) => restoreDivision(ctx, input),

  'categories.list': (ctx) => listCategories(ctx),
  'categories.save': (ctx, input) => saveCategory(ctx, input),

  'children.list': (ctx, input) => listChildren(ctx, input),
  'children.get': (ctx, input) => found(getChild(ctx, input.id), '该儿童档案'),
  'children.create': (ctx, input) => createChild(ctx, input),
  'children.update': (ctx, input) => updateChild(ctx, input),
  'children.exit': (ctx, input) => exitChild(ctx, input),

  'supervisors.list': (ctx, input) => listStaff(ctx, SUPERVISOR, input),
  'supervisors.get': (ctx, input) => found(getStaff(ctx, SUPERVISOR, input.id), '该督导员记录'),
  'supervisors.create': (ctx, input) => createStaff(ctx, SUPERVISOR, input),
  'supervisors.update': (ctx, input) => updateStaff(ctx, SUPERVISOR, input),
  'directors.list': (ctx, input) => listStaff(ctx, DIRECTOR, input),
  'directors.get': (ctx, input) => found(getStaff(ctx, DIRECTOR, input.id), '该儿童主任记录'),
  'directors.create': (ctx, input) => createStaff(ctx, DIRECTOR, input),
  'directors.update': (ctx, input) => updateStaff(ctx, DIRECTOR, input),
  'trainings.list': (ctx, input) => listTrainings(ctx, input.personKind, input.personId),
  'trainings.add': (ctx, input) => addTraining(ctx, input),
  'trainings.remove': (ctx, input) => removeTraining(ctx, input.id),

  'imports.upload': (ctx, input) => importHandlers.upload(ctx, input),
  'imports.preview': (ctx, input) => refuseGone(() => importHandlers.preview(ctx, input.files)),
  'imports.commit': (ctx, input) => refuseGone(() => importHandlers.commit(ctx, input)),
  'imports.errorBook': (ctx, input) => refuseGone(() => importHandlers.errorBook(ctx, input)),
  'imports.discard': (ctx, input) => importHandlers.discard(ctx, input),
  'imports.batches': (ctx) => importHandlers.batches(ctx),
  'imports.batchProblems': (ctx, input) => importHandlers.batchProblems(ctx, input),
  'imports.undo': (ctx, input) => importHandlers.undo(ctx, input),

  'exports.children': (ctx, input) =>
    asDownload(`困境儿童名册-${ctx.today()}.xlsx`, (out) => exportChildren(ctx, input, out)),
  'exports.staff': (ctx, input) =>
    asDownload(`${KIND_NAMES[input.kind]}-${ctx.today()}.xlsx`, (out) =>
      input.kind === 'supervisors' ? exportSupervisors(ctx, out, input) : exportDirectors(ctx, out, input),
    ),
  'workforce.staffing': (ctx, input) => staffingTable(ctx, input.date),
  'workforce.overview': (ctx, input) => workforceOverview(ctx, input.date ?? ctx.today(), input.villagesPerCentre),
  'workforce.township': (ctx, input) =>
    found(townshipWorkforce(ctx, input.code, input.date ?? ctx.today()), '该乡镇/街道（或在统计日期已撤销）'),
  'exports.staffing': (ctx, input) => {
    const date = input.date ?? ctx.today()
    const district = getDistrict(ctx)?.name ?? ''
    return asDownload(`${district}儿童督导员、儿童主任配备情况统计表-${date}.xlsx`, (out) =>
      writeStaffingBook(workforceOverview(ctx, date, 5), district, out),
    )
  },

  'exports.template': (ctx, input) =>
    asDownload(`${KIND_NAMES[input.kind]}-填报模板.xlsx`, (out) => writeTemplate(ctx, input, out)),

  'programmes.list': (ctx) => listProgrammes(ctx),
  'programmes.save': (ctx, input) => saveProgramme(ctx, input),
  'rosters.list': (ctx, input) => listRosters(ctx, input),
  'rosters.generate': (ctx, input) => generateRoster(ctx, input),
  'rosters.get': (ctx, input) => found(getRoster(ctx, input), ROSTER),
  'rosters.pages': (ctx, input) => found(rosterPrintPages(ctx, input), ROSTER),
  'rosters.lock': async (ctx, input) => found(await lockRoster(ctx, input.id), ROSTER),
  'rosters.discard': (ctx, input) => found(discardRoster(ctx, input.id), ROSTER),
  'rosters.reconcile': (ctx, input) => found(reconcileRoster(ctx, input.id), ROSTER),
  'rosters.export': (ctx, input) => {
    const summary = found(getRosterSummary(ctx, input.id), ROSTER)
    return asDownload(rosterFileName(summary), (out) => exportRoster(ctx, input, out))
  },
  'budget.year': (ctx, input) => found(budgetYear(ctx, input), `补贴项目「${input.programme}」`),
  'backups.list': (ctx) => backupHandlers.list(ctx),
  'backups.create': (ctx) => backupHandlers.create(ctx),
  'backups.restore': (ctx, input) => backupHandlers.restore(ctx, input),
  'backups.download': (ctx, input) => backupHandlers.download(ctx, input),
  'backups.check': (ctx) => backupHandlers.check(ctx),

  'lock.status': (ctx) => lockStatus(ctx),
  'lock.setPassword': (ctx, input) => setPassword(ctx, input),
  'lock.unlock': (ctx, input) => unlock(ctx, input),
  'lock.lock': (ctx) => lockNow(ctx),
  'lock.recover': (ctx, input) => recover(ctx, input),
  'lock.clear': (ctx, input) => clearPassword(ctx, input),
  'audit.list': (ctx, input) => listAudit(ctx, input),
  'exports.audit': (ctx, input) => asDownload(`操作日志-${ctx.today()}.xlsx`, (out) => exportAudit(ctx, input, out)),
  ...followupHandlers((what) => found<never>(null, what)),
}

/** A staged file that is gone is the clerk's to hear about, not a fault. */
async function refuseGone<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof StagedFileGone) throw new NotFound(error.message)
    throw error
  }
}
