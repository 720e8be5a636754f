import type { Outcome } from '../../contract'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'

export interface BatchSummary {
  id: number
  fileName: string
  sha256: string
  kind: 'divisions' | 'supervisors' | 'directors' | 'children' | 'reviews' | 'visits'
  townshipName: string | null
  sheets: string[]
  counts: { new: number; changed: number; unchanged: number; rejected: number }
  actor: string
  at: string
  undoneAt: string | null
  undoneBy: string | null
}

interface BatchRecord {
  id: number
  file_name: string
  sha256: string
  kind: BatchSummary['kind']
  township_name: string | null
  sheets: string
  new_count: number
  changed_count: number
  unchanged_count: number
  rejected_count: number
  actor: string
  at: string
  undone_at: string | null
  undone_by: string | null
}

const TABLES = {
  division: ['divisions', 'code'],
  child: ['children', 'id'],
  supervisor: ['supervisors', 'id'],
  director: ['directors', 'id'],
  review: ['quarterly_reviews', 'id'],
  visit: ['visits', 'id'],
} as const

function toSummary(r: BatchRecord): BatchSummary {
  return {
    id: r.id,
    fileName: r.file_name,
    sha256: r.sha256,
    kind: r.kind,
    townshipName: r.township_name,
    sheets: JSON.parse(r.sheets) as string[],
    counts: { new: r.new_count, changed: r.changed_count, unchanged: r.unchanged_count, rejected: r.rejected_count },
    actor: r.actor,
    at: r.at,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  }
}

export function listBatches(ctx: ServiceContext, limit = 200): BatchSummary[] {
  return (
    ctx.sqlite
      .prepare(
        `SELECT b.*, t.name AS township_name FROM import_batches b LEFT JOIN divisions t ON t.code = b.township_code
          ORDER BY b.id DESC LIMIT ?`,
      )
      .all(limit) as BatchRecord[]
  ).map(toSummary)
}

export function batchProblems(ctx: ServiceContext, batchId: number) {
  return ctx.sqlite
    .prepare('SELECT sheet, row, column_name AS "column", message FROM import_problems WHERE batch_id = ? ORDER BY rowid')
    .all(batchId) as { sheet: string; row: number | null; column: string | null; message: string }[]
}

/**
 * 撤销本次导入: takes back everything a batch wrote, as one transaction, but only while nothing
 * later touched those records; otherwise it says which record changed since.
 */
export function undoBatch(ctx: ServiceContext, batchId: number): Outcome<{ id: number }> {
  try {
    return undoInTransaction(ctx, batchId)
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      return {
        ok: false,
        problems: [{ message: '无法撤销：本次导入新增的区划或人员已被后来登记的记录使用（例如新村里已登记了儿童）。请在相应页面手工更正。' }],
      }
    }
    throw error
  }
}

function undoInTransaction(ctx: ServiceContext, batchId: number): Outcome<{ id: number }> {
  return inTransaction(ctx, () => {
    const batch = ctx.sqlite.prepare('SELECT * FROM import_batches WHERE id = ?').get(batchId) as BatchRecord | undefined
    if (!batch) return { ok: false as const, problems: [{ message: '该导入批次不存在，请刷新后重试。' }] }
    if (batch.undone_at) return { ok: false as const, problems: [{ message: `该批次已于 ${batch.undone_at.slice(0, 16).replace('T', ' ')} 撤销。` }] }
    const rows = ctx.sqlite
      .prepare('SELECT entity, entity_id, action, before, after_updated_at FROM import_batch_rows WHERE batch_id = ? ORDER BY rowid DESC')
      .all(batchId) as { entity: keyof typeof TABLES; entity_id: string; action: 'insert' | 'update'; before: string | null; after_updated_at: string }[]
    for (const row of rows) {
      const [table, key] = TABLES[row.entity]
      const current = ctx.sqlite.prepare(`SELECT * FROM ${table} WHERE ${key} = ?`).get(row.entity_id) as Record<string, unknown> | undefined
      if (!current || current.updated_at !== row.after_updated_at) {
        const who = current?.name ? `「${String(current.name)}」` : `编号 ${row.entity_id}`
        return {
          ok: false as const,
          problems: [{ message: `无法撤销：本次导入的记录${who}之后又被修改过。为避免覆盖后来的修改，请在相应页面手工更正。` }],
        }
      }
    }
    for (const row of rows) {
      const [table, key] = TABLES[row.entity]
      const current = ctx.sqlite.prepare(`SELECT * FROM ${table} WHERE ${key} = ?`).get(row.entity_id) as Record<string, unknown>
      if (row.action === 'insert') {
        ctx.sqlite.prepare(`DELETE FROM ${table} WHERE ${key} = ?`).run(row.entity_id)
        recordAudit(ctx, { action: `撤销导入（批次${batchId}）：删除导入新增的记录`, entity: row.entity, entityId: row.entity_id, before: current })
        continue
      }
      const before = JSON.parse(row.before ?? '{}') as Record<string, unknown>
      if (row.entity === 'child') restoreChild(ctx, Number(row.entity_id), before as { row: Record<string, unknown>; categories: string[] })
      else {
        const columns = Object.keys(before).filter((c) => c !== key)
        ctx.sqlite
          .prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE ${key} = @${key}`)
          .run(before)
      }
      recordAudit(ctx, { action: `撤销导入（批次${batchId}）：恢复导入前的信息`, entity: row.entity, entityId: row.entity_id, before: current, after: before })
    }
    ctx.sqlite.prepare('UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?').run(ctx.now(), ctx.actor, batchId)
    return { ok: true as const, value: { id: batchId } }
  })
}

function restoreChild(ctx: ServiceContext, id: number, before: { row: Record<string, unknown>; categories: string[] }): void {
  const r = before.row
  ctx.sqlite
    .prepare(
      `UPDATE children SET name = ?, name_pinyin = ?, name_initials = ?, village_code = ?, address = ?, guardian_name = ?,
         guardian_relation = ?, guardian_phone = ?, bank_account = ?, notes = ?, status = ?, exit_reason = ?, exit_date = ?,
         updated_at = ? WHERE id = ?`,
    )
    .run(r.name, r.namePinyin, r.nameInitials, r.villageCode, r.address, r.guardianName, r.guardianRelation, r.guardianPhone,
      r.bankAccount, r.notes, r.status, r.exitReason ?? null, r.exitDate ?? null, r.updatedAt, id)
  // The categories the import opened are removed and those it closed are reopened.
  ctx.sqlite.prepare('DELETE FROM child_categories WHERE child_id = ? AND until IS NULL AND category_code NOT IN (SELECT value FROM json_each(?))').run(id, JSON.stringify(before.categories))
  for (const code of before.categories) {
    const open = ctx.sqlite.prepare('SELECT 1 FROM child_categories WHERE child_id = ? AND category_code = ? AND until IS NULL').get(id, code)
    if (!open) {
      ctx.sqlite
        .prepare(
          `UPDATE child_categories SET until = NULL WHERE rowid = (SELECT rowid FROM child_categories WHERE child_id = ? AND category_code = ? ORDER BY until DESC LIMIT 1)`,
        )
        .run(id, code)
    }
  }
}
