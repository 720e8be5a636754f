import { appHandlers } from './app-calls'
import { auditHandlers } from './audit/audit-calls'
import { backupHandlers } from './backups/backup-calls'
import { combineHandlers, type HandlerMap } from './call-kit'
import { exportHandlers } from './exports/export-calls'
import { followupHandlers } from './followup/followup-calls'
import { importHandlers } from './imports/import-calls'
import { registryHandlers } from './registry/registry-calls'
import { securityHandlers } from './security/security-calls'
import { subsidyHandlers } from './subsidies/subsidy-calls'
import { workforceHandlers } from './workforce/workforce-calls'

/**
 * Every call of the contract, answered by the domain that owns it. Each domain declares its own typed map;
 * here they are only put together: a call left unanswered does not compile, a call answered twice does not load.
 */
export const handlers: HandlerMap = combineHandlers(
  appHandlers,
  registryHandlers,
  importHandlers,
  exportHandlers,
  workforceHandlers,
  subsidyHandlers,
  backupHandlers,
  securityHandlers,
  auditHandlers,
  followupHandlers,
)
