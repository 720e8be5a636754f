/**
 * The one place a payee line (PayeeLine in the contract) is made: built from what the rules paid, written to
 * roster_lines, and read back. The table keeps its own column names (locked rosters are frozen by triggers, so
 * it is not migrated for a name): amount_fen is the line's total, and the own months' sum is derived from it.
 */
import type { PayeeLine, RosterExcluded } from '../../contract'
import type { ServiceContext } from '../context'
import { maskIdNumber } from '../shared/id-number'
import type { PaidLine } from './rules'

/** A line before it has its place in the roster (seq is given when it is stored). */
export type ComputedLine = Omit<PayeeLine, 'seq'>
export type ComputedExcluded = Omit<RosterExcluded, 'seq'>

/** Who is paid, and where the money goes. */
export type PayeeFacts = Pick<ComputedLine, 'childId' | 'directorId' | 'township' | 'village' | 'name' | 'idNumber' | 'guardian' | 'bankAccount'>

/** The line of a payee the rules paid; `category` is the name printed for the line's category. */
export function payeeLine(payee: PayeeFacts, paid: PaidLine, category: string): ComputedLine {
  return {
    childId: payee.childId,
    directorId: payee.directorId,
    township: payee.township,
    village: payee.village,
    name: payee.name,
    idNumber: payee.idNumber,
    category,
    categoryCode: paid.categoryCode,
    standardFen: paid.standardFen,
    paidMonths: paid.paidMonths,
    backPayMonths: paid.backPayMonths,
    monthCount: paid.paidMonths.length + paid.backPayMonths.length,
    ownMonthsFen: paid.ownMonthsFen,
    backPayFen: paid.backPayFen,
    totalFen: paid.totalFen,
    guardian: payee.guardian,
    bankAccount: payee.bankAccount,
    rule: paid.rule,
  }
}

/** Stores a roster's lines and those left out, numbered in the order given. */
export function storePayees(ctx: ServiceContext, rosterId: number, lines: ComputedLine[], excluded: ComputedExcluded[]): void {
  const insertLine = ctx.sqlite.prepare(
    `INSERT INTO roster_lines (roster_id, seq, child_id, director_id, township, village, name, id_number, category,
       category_code, standard_fen, months, paid_months, back_pay_months, back_pay_fen, amount_fen, guardian,
       bank_account, rule)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  lines.forEach((l, i) =>
    insertLine.run(
      rosterId, i + 1, l.childId, l.directorId, l.township, l.village, l.name, l.idNumber, l.category, l.categoryCode,
      l.standardFen, l.monthCount, l.paidMonths.join(','), l.backPayMonths.join(','), l.backPayFen, l.totalFen,
      l.guardian, l.bankAccount, l.rule,
    ),
  )
  const insertExcluded = ctx.sqlite.prepare(
    `INSERT INTO roster_excluded (roster_id, seq, child_id, director_id, township, village, name, id_number, reason, owed_fen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  excluded.forEach((e, i) =>
    insertExcluded.run(rosterId, i + 1, e.childId, e.directorId, e.township, e.village, e.name, e.idNumber, e.reason, e.owedFen),
  )
}

type Raw = (string | number | null)[]

// Both tables start with the same seven columns: who the line is about.
const PAYEE_COLUMNS = 'seq, child_id, director_id, township, village, name, id_number'
const LINE_COLUMNS = `${PAYEE_COLUMNS}, category, category_code, standard_fen, months, paid_months, back_pay_months,
  back_pay_fen, amount_fen, guardian, bank_account, rule`

const monthList = (list: string | null) => (list ? list.split(',') : [])
const show = (value: string, full: boolean) => (full || value === '' ? value : maskIdNumber(value))

function payeeOf(r: Raw, full: boolean) {
  return {
    seq: r[0] as number,
    childId: r[1] as number | null,
    directorId: r[2] as number | null,
    township: r[3] as string,
    village: r[4] as string,
    name: r[5] as string,
    idNumber: show(r[6] as string, full),
  }
}

function toLine(r: Raw, full: boolean): PayeeLine {
  const backPayFen = r[13] as number
  const totalFen = r[14] as number
  return {
    ...payeeOf(r, full),
    category: r[7] as string,
    categoryCode: r[8] as string,
    standardFen: r[9] as number,
    paidMonths: monthList(r[11] as string),
    backPayMonths: monthList(r[12] as string),
    monthCount: r[10] as number,
    ownMonthsFen: totalFen - backPayFen,
    backPayFen,
    totalFen,
    guardian: r[15] as string,
    bankAccount: show(r[16] as string, full),
    rule: r[17] as string,
  }
}

/** Lines in print order; ID and account numbers masked unless `full`. */
export function rosterLines(ctx: ServiceContext, id: number, full: boolean, offset = 0, limit = -1): PayeeLine[] {
  const rows = ctx.sqlite
    .prepare(`SELECT ${LINE_COLUMNS} FROM roster_lines WHERE roster_id = ? ORDER BY seq LIMIT ? OFFSET ?`)
    .raw(true)
    .all(id, limit, offset) as Raw[]
  return rows.map((r) => toLine(r, full))
}

export function rosterExcluded(ctx: ServiceContext, id: number, full: boolean): RosterExcluded[] {
  const rows = ctx.sqlite
    .prepare(`SELECT ${PAYEE_COLUMNS}, reason, owed_fen FROM roster_excluded WHERE roster_id = ? ORDER BY seq`)
    .raw(true)
    .all(id) as Raw[]
  return rows.map((r) => ({ ...payeeOf(r, full), reason: r[7] as string, owedFen: r[8] as number }))
}
