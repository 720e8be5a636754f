import type { ServiceContext } from '../context'
import { recordAudit } from './log'
import { maskNumbersIn } from './describe'

/**
 * Any call answered with whole ID numbers, phones and bank accounts (its input says fullNumbers: true, which the
 * renderer sends only after the clerk confirmed) leaves a line in the audit trail: who took the numbers, when,
 * from which list or export, and the scope asked for. Dispatch calls this after the call succeeded, so every
 * front (window, loopback host, CLI) and every present or future call with fullNumbers is covered.
 */
const WHAT: Record<string, string> = {
  'exports.children': '导出困境儿童名册',
  'exports.staff': '导出儿童督导员/儿童主任名册',
  'exports.audit': '导出操作日志',
  'rosters.export': '导出发放花名册',
  'rosters.pages': '打印发放花名册',
  'rosters.get': '查看发放花名册',
  'children.list': '查看儿童列表',
  'audit.list': '查看操作日志',
}

export function disclosesFullNumbers(input: unknown): boolean {
  return typeof input === 'object' && input !== null && (input as { fullNumbers?: unknown }).fullNumbers === true
}

export function disclosureAction(call: string): string {
  const what = WHAT[call] ?? call
  return call.startsWith('exports.') || call === 'rosters.export'
    ? `导出完整身份证号（${what}）`
    : `查看完整身份证号（${what}）`
}

export function recordDisclosure(ctx: ServiceContext, call: string, input: unknown, result: unknown): void {
  const { fullNumbers: _full, page: _page, pageSize: _size, ...scope } = input as Record<string, unknown>
  const after: Record<string, unknown> = { call: WHAT[call] ?? call }
  for (const [key, value] of Object.entries(scope)) {
    // The scope is the filter (a township, a roster id, a search word); a typed ID number in it is masked.
    if (value !== undefined) after[key === 'id' ? '记录编号' : key] = typeof value === 'string' ? maskNumbersIn(value) : value
  }
  const fileName = (result as { fileName?: unknown } | null)?.fileName
  if (typeof fileName === 'string') after.fileName = fileName
  recordAudit(ctx, { action: disclosureAction(call), entity: 'export', entityId: call, after })
}
