import { asDownload, defineHandlers, found } from '../call-kit'
import { budgetYear } from './budget'
import { listProgrammes, saveProgramme } from './programmes-service'
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
} from './roster-service'

const ROSTER = '该发放花名册'

/** The subsidies' calls: programmes and their standards, the monthly rosters, the year's budget. */
export const subsidyHandlers = defineHandlers({
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
})
