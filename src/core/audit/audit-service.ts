import { CHILD_STATUS_NAMES, EXIT_REASON_NAMES } from '../../contract/labels'
import type { AuditPage, AuditQuery, AuditRow } from '../../contract/security'
import type { ServiceContext } from '../context'
import { openRegisterBook } from '../sheets/register-writer'
import { categoryDictionary } from '../registry/categories-service'
import { normaliseIdNumber } from '../shared/id-number'
import { describeEntry, ENTITY_NAMES, maskNumbersIn, subjectOf } from './describe'

/**
 * The audit trail, read: who did what, when, to which record, with the change in words. Personal numbers are
 * masked unless the caller asked for them whole (dispatch records that such a view or export happened).
 * Nothing here writes to audit_log, and no call of the app edits or deletes its rows (triggers refuse it too).
 */

export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize'> & { fullNumbers: boolean }

interface AuditRecord {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entity_id: string
  before: string | null
  after: string | null
}

/** The first instant of a calendar day in the clerk's (the process's) time zone, as stored: ISO, UTC. */
function startOfDay(day: string, plusDays = 0): string {
  const at = new Date(`${day}T00:00:00`)
  at.setDate(at.getDate() + plusDays)
  return at.toISOString()
}

function whereOf(ctx: ServiceContext, filter: AuditFilter): { sql: string; params: unknown[] } | null {
  const clauses: string[] = []
  const params: unknown[] = []
  if (filter.actor) {
    clauses.push('actor = ?')
    params.push(filter.actor)
  }
  if (filter.from) {
    clauses.push('at >= ?')
    params.push(startOfDay(filter.from))
  }
  if (filter.to) {
    clauses.push('at < ?')
    params.push(startOfDay(filter.to, 1))
  }
  if (filter.entity) {
    clauses.push('entity = ?')
    params.push(filter.entity)
  }
  if (filter.entityId) {
    clauses.push('entity_id = ?')
    params.push(filter.entityId)
  }
  if (filter.childId !== undefined) {
    clauses.push("entity = 'child' AND entity_id = ?")
    params.push(String(filter.childId))
  }
  const childText = filter.child?.trim()
  if (childText) {
    const idNumber = normaliseIdNumber(childText)
    const ids = ctx.sqlite
      .prepare(
        `SELECT id FROM children WHERE name LIKE ? ESCAPE '\\' OR id_number = ? OR name_pinyin LIKE ? OR name_initials = ?
         ORDER BY id LIMIT 500`,
      )
      .pluck()
      .all(`%${childText.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, idNumber, `${childText.toLowerCase()}%`, childText.toLowerCase()) as number[]
    if (ids.length === 0) return null
    clauses.push(`entity = 'child' AND entity_id IN (${ids.map(() => '?').join(', ')})`)
    params.push(...ids.map(String))
  }
  return { sql: clauses.length ? `WHERE ${clauses.map((c) => `(${c})`).join(' AND ')}` : '', params }
}

/** Codes in the snapshots become the names a clerk reads. */
function renamer(ctx: ServiceContext): (key: string, value: unknown) => unknown {
  const divisions = new Map(
    (ctx.sqlite.prepare('SELECT code, name, parent_code FROM divisions').all() as { code: string; name: string; parent_code: string | null }[]).map(
      (d) => [d.code, d],
    ),
  )
  const categories = new Map(categoryDictionary(ctx).map((c) => [c.code, c.name]))
  const place = (code: unknown) => {
    if (typeof code !== 'string') return code
    const division = divisions.get(code)
    if (!division) return code
    const parent = division.parent_code ? divisions.get(division.parent_code) : undefined
    return parent && parent.parent_code ? `${parent.name}${division.name}` : division.name
  }
  return (key, value) => {
    switch (key) {
      case 'villageCode':
      case 'divisionCode':
      case 'parentCode':
      case 'townshipCode':
        return place(value)
      case 'alsoServes':
        return Array.isArray(value) ? value.map(place) : value
      case 'categories':
        return Array.isArray(value) ? value.map((c) => categories.get(String(c)) ?? c) : value
      case 'status':
        return CHILD_STATUS_NAMES[value as keyof typeof CHILD_STATUS_NAMES] ?? value
      case 'exitReason':
        return EXIT_REASON_NAMES[value as keyof typeof EXIT_REASON_NAMES] ?? value
      case 'level':
        return ({ district: '区县', township: '乡镇/街道', village: '村/社区' } as Record<string, string>)[String(value)] ?? value
      case 'sex':
        return value === 'M' ? '男' : value === 'F' ? '女' : value
      case 'part_time':
        return value === 1 || value === true ? '兼职' : value === 0 || value === false ? '专职' : value
      case 'trained':
        return value === 1 || value === true ? '是' : value === 0 || value === false ? '否' : value
      default:
        return value
    }
  }
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null
  try {
    const value = JSON.parse(json) as unknown
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { 值: value }
  } catch {
    return { 值: json }
  }
}

function toRow(record: AuditRecord, full: boolean, rename: (key: string, value: unknown) => unknown): AuditRow {
  const before = parse(record.before)
  const after = parse(record.after)
  const subject = subjectOf(before, after)
  return {
    id: record.id,
    at: record.at,
    actor: record.actor,
    // Actions are written by the app, but an import's action may carry a file name: it is masked like any text.
    action: full ? record.action : maskNumbersIn(record.action),
    entity: record.entity,
    entityName: ENTITY_NAMES[record.entity] ?? record.entity,
    entityId: full ? record.entity_id : maskNumbersIn(record.entity_id),
    subject: full ? subject : maskNumbersIn(subject),
    changes: describeEntry(before, after, { full, rename }),
  }
}

export function listAudit(ctx: ServiceContext, query: AuditFilter & { page: number; pageSize: number }): AuditPage {
  const actors = ctx.sqlite.prepare('SELECT DISTINCT actor FROM audit_log ORDER BY actor').pluck().all() as string[]
  const where = whereOf(ctx, query)
  if (!where) return { total: 0, page: 1, rows: [], actors }
  const total = ctx.sqlite.prepare(`SELECT count(*) FROM audit_log ${where.sql}`).pluck().get(...where.params) as number
  const pages = Math.max(1, Math.ceil(total / query.pageSize))
  const page = Math.min(query.page, pages)
  const records = ctx.sqlite
    .prepare(`SELECT * FROM audit_log ${where.sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...where.params, query.pageSize, (page - 1) * query.pageSize) as AuditRecord[]
  const rename = renamer(ctx)
  return { total, page, rows: records.map((r) => toRow(r, query.fullNumbers, rename)), actors }
}

/** "2026-11-23 09:30:05" in the clerk's time zone. */
export function localTime(iso: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
}

const PAGE = 2000

/** The filtered trail as a workbook, newest first, one row per entry with its changes in words. */
export async function exportAudit(ctx: ServiceContext, filter: AuditFilter, out: string): Promise<{ rows: number }> {
  const district = (ctx.sqlite.prepare("SELECT name FROM divisions WHERE level = 'district' LIMIT 1").pluck().get() as string | undefined) ?? ''
  const scope = [
    filter.from || filter.to ? `日期：${filter.from ?? '最早'} 至 ${filter.to ?? '今天'}` : '',
    filter.actor ? `操作人：${filter.actor}` : '',
    filter.entity ? `对象：${ENTITY_NAMES[filter.entity] ?? filter.entity}` : '',
    filter.child ? `儿童：${filter.fullNumbers ? filter.child : maskNumbersIn(filter.child)}` : '',
    filter.fullNumbers ? '含完整身份证号等个人信息，请妥善保管' : '身份证号、电话、银行账号已部分隐藏',
  ].filter(Boolean)
  const book = openRegisterBook(out, {
    title: `${district}儿童福利台账操作日志`,
    unitLine: `导出时间：${localTime(ctx.now())}　${scope.join('　')}`,
    columns: [
      { header: '序号', width: 7, kind: 'index' },
      { header: '时间', width: 20, kind: 'text' },
      { header: '操作人', width: 12, kind: 'text' },
      { header: '操作', width: 28, kind: 'text' },
      { header: '对象类型', width: 12, kind: 'text' },
      { header: '对象', width: 16, kind: 'text' },
      { header: '变更内容', width: 70, kind: 'text' },
    ],
  })
  let written = 0
  try {
    const sheet = book.addSheet('操作日志')
    const where = whereOf(ctx, filter)
    const rename = renamer(ctx)
    if (where) {
      const paging = where.sql ? `${where.sql} AND id < ?` : 'WHERE id < ?'
      for (let before = Number.MAX_SAFE_INTEGER; ; ) {
        const records = ctx.sqlite
          .prepare(`SELECT * FROM audit_log ${paging} ORDER BY id DESC LIMIT ?`)
          .all(...where.params, before, PAGE) as AuditRecord[]
        if (records.length === 0) break
        before = records[records.length - 1]!.id
        await sheet.addRows(
          records.map((record, i) => {
            const row = toRow(record, filter.fullNumbers, rename)
            return [written + i + 1, localTime(row.at), row.actor, row.action, row.entityName, row.subject || row.entityId, row.changes.join('\n')]
          }),
        )
        written += records.length
        if (records.length < PAGE) break
      }
    }
    await book.finish()
  } catch (error) {
    await book.abandon()
    throw error
  }
  return { rows: written }
}
