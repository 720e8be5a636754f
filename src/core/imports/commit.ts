import type { ServiceContext } from '../context'
import { inTransaction } from '../context'
import { statement } from '../db/statements'
import { recordAudit } from '../audit/log'
import { activeCategories, auditView, CHILD_COLUMNS, columnsOf, findChild, INSERT_CHILD_SQL, writeCategories } from '../registry/children-service'
import { nextGeneratedCode } from '../registry/division-codes'
import { countsOf, type FileAnalysis, type RowResult } from './analysis'
import type { ChildImportFacts } from './children-import'
import type { DivisionImportFacts } from './divisions-import'
import type { StaffImportFacts } from './staff-import'
import { commitFollowupRows } from './followup-import'

export interface CommitMeta {
  backupFile: string | null
}

type BatchRow = { entity: 'division' | 'child' | 'supervisor' | 'director' | 'review' | 'visit'; entityId: string; action: 'insert' | 'update'; before: unknown }

/**
 * Writes one analysed file in one transaction: its accepted rows, the batch record that lets it be
 * undone, the rejected rows' problems and the audit trail. All of it, or none of it.
 */
export function commitAnalysis(ctx: ServiceContext, analysis: FileAnalysis, meta: CommitMeta): number {
  if (!analysis.kind) throw new Error('nothing to commit')
  const kind = analysis.kind
  return inTransaction(ctx, () => {
    const now = ctx.now()
    const counts = countsOf(analysis)
    const batchId = Number(
      ctx.sqlite
        .prepare(
          `INSERT INTO import_batches (file_name, sha256, kind, township_code, sheets, new_count, changed_count,
             unchanged_count, rejected_count, actor, at, backup_file)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          analysis.fileName,
          analysis.sha256,
          kind,
          analysis.township?.code ?? null,
          JSON.stringify(analysis.sheets.filter((s) => s.kind).map((s) => s.name)),
          counts.new,
          counts.changed,
          counts.unchanged,
          counts.rejected,
          ctx.actor,
          now,
          meta.backupFile,
        ).lastInsertRowid,
    )
    const written: BatchRow[] = []
    const accepted = analysis.rows.filter((r) => r.status === 'new' || r.status === 'changed')
    if (kind === 'children') for (const row of accepted as RowResult<ChildImportFacts>[]) written.push(commitChild(ctx, row, batchId))
    else if (kind === 'divisions') for (const row of accepted as RowResult<DivisionImportFacts>[]) written.push(...commitDivision(ctx, row, batchId))
    else if (kind === 'reviews' || kind === 'visits') written.push(...commitFollowupRows(ctx, kind, accepted, batchId))
    else for (const row of accepted as RowResult<StaffImportFacts>[]) written.push(commitStaff(ctx, kind, row, batchId))

    for (const row of written) {
      const table = { division: 'divisions', child: 'children', supervisor: 'supervisors', director: 'directors', review: 'quarterly_reviews', visit: 'visits' }[row.entity]
      const key = row.entity === 'division' ? 'code' : 'id'
      const updatedAt = statement(ctx.sqlite, `SELECT updated_at FROM ${table} WHERE ${key} = ?`).pluck().get(row.entityId) as string
      statement(
        ctx.sqlite,
        `INSERT OR IGNORE INTO import_batch_rows (batch_id, entity, entity_id, action, before, after_updated_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(batchId, row.entity, row.entityId, row.action, row.before === undefined ? null : JSON.stringify(row.before), updatedAt)
    }
    const problem = ctx.sqlite.prepare('INSERT INTO import_problems (batch_id, sheet, row, column_name, message) VALUES (?, ?, ?, ?, ?)')
    for (const p of [...analysis.fileProblems, ...analysis.rows.flatMap((r) => r.problems)]) {
      problem.run(batchId, p.sheet, p.row, p.column, p.message)
    }
    return batchId
  })
}

function commitChild(ctx: ServiceContext, row: RowResult<ChildImportFacts>, batchId: number): BatchRow {
  const facts = row.facts!
  const now = ctx.now()
  if (row.status === 'new') {
    const columns = columnsOf(facts)
    // The bulk path: one cached statement instead of a query built per row.
    const id = Number(statement(ctx.sqlite, INSERT_CHILD_SQL).run({ ...columns, now }).lastInsertRowid)
    writeCategories(ctx, id, facts.categories, facts.registeredOn, true)
    const { namePinyin: _p, nameInitials: _i, ...shown } = columns
    recordAudit(ctx, { action: `导入新增儿童（批次${batchId}）`, entity: 'child', entityId: id, after: { id, ...shown, status: 'active', categories: facts.categories } })
    return { entity: 'child', entityId: String(id), action: 'insert', before: undefined }
  }
  const id = Number(row.existingId)
  const before = findChild(ctx, id)!
  const beforeCategories = activeCategories(ctx, id)
  // Only what the sheet says replaces what the registry knows: blank cells keep the old values.
  const next = columnsOf(facts)
  const merged = {
    name: next.name,
    namePinyin: next.namePinyin,
    nameInitials: next.nameInitials,
    villageCode: next.villageCode,
    address: next.address || before.address,
    guardianName: next.guardianName || before.guardianName,
    guardianRelation: next.guardianRelation || before.guardianRelation,
    guardianPhone: next.guardianPhone || before.guardianPhone,
    bankAccount: next.bankAccount || before.bankAccount,
    notes: next.notes || before.notes,
    status: 'active' as const,
    exitReason: null,
    exitDate: null,
    updatedAt: now,
  }
  const after = statement(
    ctx.sqlite,
    `UPDATE children SET name = @name, name_pinyin = @namePinyin, name_initials = @nameInitials, village_code = @villageCode,
       address = @address, guardian_name = @guardianName, guardian_relation = @guardianRelation, guardian_phone = @guardianPhone,
       bank_account = @bankAccount, notes = @notes, status = @status, exit_reason = @exitReason, exit_date = @exitDate,
       updated_at = @updatedAt
     WHERE id = @id RETURNING ${CHILD_COLUMNS}`,
  ).get({ ...merged, id }) as NonNullable<ReturnType<typeof findChild>>
  writeCategories(ctx, id, facts.categories, ctx.today())
  recordAudit(ctx, {
    action: `导入更新儿童信息（批次${batchId}）`,
    entity: 'child',
    entityId: id,
    before: auditView(before, beforeCategories),
    after: auditView(after, facts.categories),
  })
  return { entity: 'child', entityId: String(id), action: 'update', before: { row: before, categories: beforeCategories } }
}

function commitStaff(ctx: ServiceContext, kind: 'supervisors' | 'directors', row: RowResult<StaffImportFacts>, batchId: number): BatchRow {
  const f = row.facts!
  const column = kind === 'supervisors' ? 'township_code' : 'village_code'
  const entity = kind === 'supervisors' ? 'supervisor' : 'director'
  const now = ctx.now()
  const title = kind === 'supervisors' ? '儿童督导员' : '儿童主任'
  if (row.status === 'new') {
    const id = Number(
      ctx.sqlite
        .prepare(
          `INSERT INTO ${kind} (${column}, name, sex, birth_date, phone, part_time, concurrent_post, education, trained,
             start_date, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(f.divisionCode, f.name, f.sex, f.birthDate, f.phone, f.partTime === false ? 0 : 1, f.concurrentPost, f.education,
          f.trained ? 1 : 0, f.startDate, f.notes, now, now).lastInsertRowid,
    )
    const after = ctx.sqlite.prepare(`SELECT * FROM ${kind} WHERE id = ?`).get(id)
    recordAudit(ctx, { action: `导入新增${title}（批次${batchId}）`, entity, entityId: id, after })
    return { entity, entityId: String(id), action: 'insert', before: undefined }
  }
  const id = Number(row.existingId)
  const before = ctx.sqlite.prepare(`SELECT * FROM ${kind} WHERE id = ?`).get(id) as Record<string, unknown>
  ctx.sqlite
    .prepare(
      `UPDATE ${kind} SET sex = ?, birth_date = coalesce(?, birth_date), phone = coalesce(nullif(?, ''), phone),
         part_time = coalesce(?, part_time), concurrent_post = coalesce(nullif(?, ''), concurrent_post),
         education = coalesce(nullif(?, ''), education), trained = coalesce(?, trained),
         start_date = coalesce(?, start_date), notes = coalesce(nullif(?, ''), notes), updated_at = ? WHERE id = ?`,
    )
    .run(f.sex, f.birthDate, f.phone, f.partTime === null ? null : f.partTime ? 1 : 0, f.concurrentPost, f.education,
      f.trained === null ? null : f.trained ? 1 : 0, f.startDate, f.notes, now, id)
  const after = ctx.sqlite.prepare(`SELECT * FROM ${kind} WHERE id = ?`).get(id)
  recordAudit(ctx, { action: `导入更新${title}信息（批次${batchId}）`, entity, entityId: id, before, after })
  return { entity, entityId: String(id), action: 'update', before }
}

function commitDivision(ctx: ServiceContext, row: RowResult<DivisionImportFacts>, batchId: number): BatchRow[] {
  const f = row.facts!
  const now = ctx.now()
  const out: BatchRow[] = []
  const district = ctx.sqlite.prepare("SELECT code FROM divisions WHERE level = 'district'").pluck().get() as string
  const taken = () => new Set(ctx.sqlite.prepare('SELECT code FROM divisions').pluck().all() as string[])
  const insert = ctx.sqlite.prepare(
    `INSERT INTO divisions (code, name, level, parent_code, code_generated, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  // A township named on several rows is created by the first and found by the others.
  let townshipCode =
    f.township.existingCode ??
    (ctx.sqlite
      .prepare("SELECT code FROM divisions WHERE level = 'township' AND name = ? AND retired_on IS NULL")
      .pluck()
      .get(f.township.name) as string | undefined) ??
    null
  if (!townshipCode) {
    townshipCode = f.township.code ?? nextGeneratedCode('township', district, taken())
    if (!townshipCode) throw new Error('township codes exhausted')
    insert.run(townshipCode, f.township.name, 'township', district, f.township.code ? 0 : 1, now, now)
    recordAudit(ctx, { action: `导入新增乡镇/街道（批次${batchId}）`, entity: 'division', entityId: townshipCode, after: { name: f.township.name } })
    out.push({ entity: 'division', entityId: townshipCode, action: 'insert', before: undefined })
  }
  if (f.village) {
    const existing =
      f.village.existingCode ??
      (ctx.sqlite
        .prepare("SELECT code FROM divisions WHERE parent_code = ? AND name = ? AND retired_on IS NULL")
        .pluck()
        .get(townshipCode, f.village.name) as string | undefined)
    if (!existing) {
      const code = f.village.code ?? nextGeneratedCode('village', townshipCode, taken())
      if (!code) throw new Error('village codes exhausted')
      insert.run(code, f.village.name, 'village', townshipCode, f.village.code ? 0 : 1, now, now)
      recordAudit(ctx, { action: `导入新增村/社区（批次${batchId}）`, entity: 'division', entityId: code, after: { name: f.village.name } })
      out.push({ entity: 'division', entityId: code, action: 'insert', before: undefined })
    }
  }
  return out
}
