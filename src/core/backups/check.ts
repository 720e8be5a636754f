/**
 * `cwr check` and the page's 检查数据库: SQLite's own integrity and foreign-key checks, then the
 * registry's invariants that no constraint can express (one director per village at a time, ...).
 * Messages name the place (village, table, row) but never an ID number, phone or bank account.
 */
import type Database from 'better-sqlite3'
import { brokenReferences, integrityProblems, tableNames } from '../db/sqlite'

export interface CheckFinding {
  kind: 'integrity' | 'foreign-key' | 'invariant'
  message: string
}

export interface CheckReport {
  ok: boolean
  findings: CheckFinding[]
  /** how many checks ran (SQLite's two plus each invariant) */
  checks: number
}

const MAX_FINDINGS = 200

interface Invariant {
  /** tables it needs: skipped on an older schema that lacks them */
  tables: string[]
  sql: string
  message: (row: Record<string, unknown>) => string
}

const INVARIANTS: Invariant[] = [
  {
    tables: ['directors', 'divisions'],
    sql: `SELECT v.code, v.name AS village, count(*) AS n, group_concat(d.name, '、') AS names
          FROM directors d JOIN divisions v ON v.code = d.village_code
          WHERE (d.start_date IS NULL OR d.start_date <= @today) AND (d.end_date IS NULL OR d.end_date >= @today)
          GROUP BY v.code HAVING count(*) > 1`,
    message: (r) => `村/社区「${r.village}」（${r.code}）同时有 ${r.n} 名在任儿童主任（${r.names}）。每个村/社区同一时间只能有一名儿童主任：请在前任的记录中填写离任日期。`,
  },
  {
    tables: ['supervisors', 'divisions'],
    sql: `SELECT t.code, t.name AS township, count(*) AS n, group_concat(s.name, '、') AS names
          FROM supervisors s JOIN divisions t ON t.code = s.township_code
          WHERE (s.start_date IS NULL OR s.start_date <= @today) AND (s.end_date IS NULL OR s.end_date >= @today)
          GROUP BY t.code HAVING count(*) > 1`,
    message: (r) => `乡镇/街道「${r.township}」（${r.code}）同时有 ${r.n} 名在任儿童督导员（${r.names}）。每个乡镇/街道同一时间只能有一名督导员：请在前任的记录中填写离任日期。`,
  },
  {
    tables: ['children', 'divisions'],
    sql: `SELECT c.id, c.name, d.name AS place, d.level FROM children c JOIN divisions d ON d.code = c.village_code WHERE d.level <> 'village'`,
    message: (r) => `儿童档案（编号 ${r.id}，${r.name}）登记在「${r.place}」，这不是村/社区。请在档案中改为所在的村/社区。`,
  },
  {
    tables: ['directors', 'divisions'],
    sql: `SELECT s.id, s.name, d.name AS place FROM directors s JOIN divisions d ON d.code = s.village_code WHERE d.level <> 'village'`,
    message: (r) => `儿童主任（编号 ${r.id}，${r.name}）所在的「${r.place}」不是村/社区。请改为所在的村/社区。`,
  },
  {
    tables: ['supervisors', 'divisions'],
    sql: `SELECT s.id, s.name, d.name AS place FROM supervisors s JOIN divisions d ON d.code = s.township_code WHERE d.level <> 'township'`,
    message: (r) => `儿童督导员（编号 ${r.id}，${r.name}）所在的「${r.place}」不是乡镇/街道。请改为所在的乡镇/街道。`,
  },
  {
    tables: ['divisions'],
    sql: `SELECT c.code, c.name, c.level, p.level AS parent_level FROM divisions c JOIN divisions p ON p.code = c.parent_code
          WHERE (c.level = 'township' AND p.level <> 'district') OR (c.level = 'village' AND p.level <> 'township')`,
    message: (r) => `区划「${r.name}」（${r.code}）的上级区划级别不对（${r.level} 的上级是 ${r.parent_level}）。请在“区划”页面调整。`,
  },
  {
    tables: ['children'],
    sql: `SELECT id, name, status FROM children
          WHERE (status = 'exited' AND (exit_date IS NULL OR exit_reason IS NULL)) OR (status = 'active' AND exit_date IS NOT NULL)`,
    message: (r) =>
      r.status === 'exited'
        ? `儿童档案（编号 ${r.id}，${r.name}）已退出，但缺少退出日期或退出原因。请补填。`
        : `儿童档案（编号 ${r.id}，${r.name}）在册，却记有退出日期。请核对其状态。`,
  },
  {
    tables: ['rosters', 'roster_lines'],
    sql: `SELECT r.id, r.programme_name, r.first_month, r.total_fen, r.line_count,
                 (SELECT coalesce(sum(amount_fen), 0) FROM roster_lines l WHERE l.roster_id = r.id) AS lines_fen,
                 (SELECT count(*) FROM roster_lines l WHERE l.roster_id = r.id) AS lines
          FROM rosters r WHERE r.status = 'locked'
          AND (r.total_fen <> (SELECT coalesce(sum(amount_fen), 0) FROM roster_lines l WHERE l.roster_id = r.id)
               OR r.line_count <> (SELECT count(*) FROM roster_lines l WHERE l.roster_id = r.id))`,
    message: (r) =>
      `已锁定的发放花名册（编号 ${r.id}，${r.programme_name} ${r.first_month}）的合计（${r.line_count} 行，${r.total_fen} 分）与明细（${r.lines} 行，${r.lines_fen} 分）不符。请联系技术支持，并从锁定时的备份核对。`,
  },
]

function hasTables(sqlite: Database.Database, tables: string[]): boolean {
  const present = new Set(tableNames(sqlite))
  return tables.every((t) => present.has(t))
}

/** Runs every check; the database is only read. `today` decides who is in post. */
export function checkDatabase(sqlite: Database.Database, today: string): CheckReport {
  const findings: CheckFinding[] = []
  for (const line of integrityProblems(sqlite, 100)) findings.push({ kind: 'integrity', message: `数据库文件结构损坏：${line}` })
  const broken = brokenReferences(sqlite)
  for (const row of broken.slice(0, MAX_FINDINGS)) {
    findings.push({
      kind: 'foreign-key',
      message: `表 ${row.table} 的第 ${row.rowid ?? '?'} 行引用了 ${row.parent} 中不存在的记录（外键不成立）。请联系技术支持，或从最近的备份恢复。`,
    })
  }
  if (broken.length > MAX_FINDINGS) findings.push({ kind: 'foreign-key', message: `另有 ${broken.length - MAX_FINDINGS} 处外键不成立，未逐一列出。` })
  let checks = 2
  // A damaged file cannot be trusted to answer the registry's own questions.
  if (!findings.some((f) => f.kind === 'integrity')) {
    for (const invariant of INVARIANTS) {
      if (!hasTables(sqlite, invariant.tables)) continue
      checks++
      const statement = sqlite.prepare(invariant.sql)
      const rows = (invariant.sql.includes('@today') ? statement.all({ today }) : statement.all()) as Record<string, unknown>[]
      for (const row of rows.slice(0, MAX_FINDINGS)) findings.push({ kind: 'invariant', message: invariant.message(row) })
    }
  }
  return { ok: findings.length === 0, findings, checks }
}
