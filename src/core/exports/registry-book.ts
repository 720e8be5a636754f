import { SEX_NAMES } from '../../contract/labels'
import type { ServiceContext } from '../context'
import { fieldsOf, KIND_NAMES, type FieldDef } from '../sheets/fields'
import { getDistrict } from '../registry/divisions-service'
import { IN_POST } from '../registry/in-post'
import { maskIdNumber, maskPhone } from '../shared/id-number'
import { registerColumns, unitLine } from '../sheets/book-style'
import { openRegisterBook, type RegisterBook, type RegisterCell } from '../sheets/register-writer'

/** One row of an export query in raw (array) mode: arrays cost far less to build than objects. */
export type SqlRow = (string | number | null)[]

/**
 * Where a cell comes from: a column of the query row as it is (its index), or a function of the
 * row. Plain indexes keep the hot loop free of a call per cell.
 */
type Source = number | ((row: SqlRow) => RegisterCell)

/** Column positions of a SELECT list given as { key: expression }, in raw mode. */
function indexOf<K extends string>(columns: Record<K, string>): Record<K, number> {
  return Object.fromEntries(Object.keys(columns).map((key, i) => [key, i])) as Record<K, number>
}

/** What the children export reads, keyed like the fields it fills; `id` only drives the pages. */
const CHILD_COLUMNS = {
  id: 'c.id',
  township: 't.name',
  village: 'v.name',
  name: 'c.name',
  sex: 'c.sex',
  idNumber: 'c.id_number',
  birthDate: 'c.birth_date',
  categories: `(SELECT group_concat(k.name, '、' ORDER BY k.sort_order, k.code)
                  FROM child_categories cc JOIN categories k ON k.code = cc.category_code
                 WHERE cc.child_id = c.id AND cc.until IS NULL)`,
  address: 'c.address',
  guardianName: 'c.guardian_name',
  guardianRelation: 'c.guardian_relation',
  guardianPhone: 'c.guardian_phone',
  bankAccount: 'c.bank_account',
  registeredOn: 'c.registered_on',
  notes: 'c.notes',
}
const CHILD = indexOf(CHILD_COLUMNS)

const MOBILE = /^1\d{10}$/

/**
 * The registry stores phones normalised, so a mobile is masked by slicing; anything else goes
 * through maskPhone's normalisation. Same result, a tenth of the time over 100,000 rows.
 */
function maskStoredPhone(phone: string): string {
  return MOBILE.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : maskPhone(phone)
}

/** Masks a value, or leaves an empty one empty (a mask of nothing would still print stars). */
function masked(i: number, mask: (value: string) => string, fullNumbers: boolean): Source {
  if (fullNumbers) return i
  return (r) => {
    const value = r[i]
    return typeof value === 'string' && value !== '' ? mask(value) : null
  }
}

function childSources(fullNumbers: boolean): Record<string, Source> {
  return {
    township: CHILD.township,
    village: CHILD.village,
    name: CHILD.name,
    sex: (r) => SEX_NAMES[r[CHILD.sex] as 'M' | 'F'],
    idNumber: masked(CHILD.idNumber, maskIdNumber, fullNumbers),
    birthDate: CHILD.birthDate,
    categories: CHILD.categories,
    address: CHILD.address,
    guardianName: CHILD.guardianName,
    guardianRelation: CHILD.guardianRelation,
    guardianPhone: masked(CHILD.guardianPhone, maskStoredPhone, fullNumbers),
    // Banks print card numbers as 6217 **** 1234 themselves: the ID mask keeps the same ends.
    bankAccount: masked(CHILD.bankAccount, maskIdNumber, fullNumbers),
    registeredOn: CHILD.registeredOn,
    notes: CHILD.notes,
  }
}

/**
 * Turns a query row into the sheet row's cells (序号 first) in the fields' order. A field with no
 * source is written empty rather than failing the whole export; the tests check that every field
 * has one.
 */
function rowMaker(fields: FieldDef[], sources: Record<string, Source>): (index: number, row: SqlRow) => RegisterCell[] {
  const ordered: Source[] = fields.map((f) => sources[f.key] ?? (() => null))
  const count = ordered.length
  return (index, row) => {
    const cells: RegisterCell[] = new Array(count + 1)
    cells[0] = index
    for (let i = 0; i < count; i++) {
      const source = ordered[i]!
      cells[i + 1] = typeof source === 'number' ? row[source]! : source(row)
    }
    return cells
  }
}

export function childRowMaker(fullNumbers: boolean): (index: number, row: SqlRow) => RegisterCell[] {
  return rowMaker(fieldsOf('children'), childSources(fullNumbers))
}

/** The field keys the children export fills (for the test that none is forgotten). */
export function childSourceKeys(): string[] {
  return Object.keys(childSources(false))
}

// Townships drive the sheets; CROSS JOIN keeps SQLite walking villages → children by index instead of
// scanning every child by id for each township. Keyset pages (id > @after) let the export yield
// between pages without a statement left open while other calls use the connection.
export const CHILD_PAGE_SQL = `
  SELECT ${Object.values(CHILD_COLUMNS).join(', ')}
    FROM divisions t
         CROSS JOIN divisions v
         CROSS JOIN children c
   WHERE t.code = @township AND v.parent_code = t.code AND v.level = 'village'
     AND c.village_code = v.code AND c.status = 'active' AND c.id > @after
   ORDER BY c.id
   LIMIT @limit`

/** Prepared once per export, in raw mode: rows come back as arrays in CHILD_COLUMNS order. */
export function childPageStatement(ctx: ServiceContext) {
  return ctx.sqlite.prepare<{ township: string; after: number; limit: number }, SqlRow>(CHILD_PAGE_SQL).raw(true)
}

export const PAGE_SIZE = 2000

export interface TownshipRow {
  code: string
  name: string
}

/** Townships in code order; a retired one only while active children are still registered under it. */
export function exportTownships(ctx: ServiceContext, townshipCode?: string): TownshipRow[] {
  if (townshipCode) {
    const one = ctx.sqlite
      .prepare<[string], TownshipRow>("SELECT code, name FROM divisions WHERE code = ? AND level = 'township'")
      .get(townshipCode)
    if (!one) throw new Error(`no township with code ${townshipCode}`)
    return [one]
  }
  return ctx.sqlite
    .prepare<[], TownshipRow>(
      `SELECT t.code, t.name FROM divisions t
        WHERE t.level = 'township'
          AND (t.retired_on IS NULL OR EXISTS (
                SELECT 1 FROM divisions v JOIN children c ON c.village_code = v.code
                 WHERE v.parent_code = t.code AND c.status = 'active'))
        ORDER BY t.code`,
    )
    .all()
}

function districtName(ctx: ServiceContext): string {
  return getDistrict(ctx)?.name ?? ''
}

/** Writes the whole book or removes the partial file: a half-written export must not be mistaken for one. */
async function writeOrAbandon(book: RegisterBook, fill: () => Promise<void>): Promise<number> {
  try {
    await fill()
    return await book.finish()
  } catch (error) {
    await book.abandon()
    throw error
  }
}

/**
 * The register of active children: one sheet per township (or only the given one), rows in id order.
 * Personal numbers are masked unless fullNumbers (a confirmed export).
 */
export async function exportChildren(
  ctx: ServiceContext,
  options: { townshipCode?: string; fullNumbers: boolean },
  out: string,
): Promise<{ rows: number }> {
  const district = districtName(ctx)
  const townships = exportTownships(ctx, options.townshipCode)
  const book = openRegisterBook(out, {
    title: `${district}困境儿童名册`,
    unitLine: unitLine(district, ctx.today()),
    columns: registerColumns(fieldsOf('children')),
  })
  const page = childPageStatement(ctx)
  const makeRow = childRowMaker(options.fullNumbers)
  const rows = await writeOrAbandon(book, async () => {
    // Excel refuses a workbook without sheets: an empty registry still gets its header.
    if (townships.length === 0) book.addSheet(KIND_NAMES.children)
    for (const township of townships) {
      const sheet = book.addSheet(township.name)
      for (let after = 0; ; ) {
        // A page is read whole, so no statement stays open while the writer yields to the zip.
        const records = page.all({ township: township.code, after, limit: PAGE_SIZE })
        if (records.length === 0) break
        after = records[records.length - 1]![CHILD.id] as number
        await sheet.addRows(records.map((record, i) => makeRow(sheet.rows + i + 1, record)))
        if (records.length < PAGE_SIZE) break
      }
    }
  })
  return { rows }
}

function hasColumn(ctx: ServiceContext, table: string, column: string): boolean {
  const columns = ctx.sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]
  return columns.some((c) => c.name === column)
}

/** What the staff exports read; supervisors have no village, so theirs is NULL. */
function staffColumns(kind: 'supervisors' | 'directors', education: boolean) {
  return {
    township: 't.name',
    village: kind === 'directors' ? 'v.name' : 'NULL',
    name: 's.name',
    sex: 's.sex',
    birthDate: 's.birth_date',
    phone: 's.phone',
    partTime: 's.part_time',
    concurrentPost: 's.concurrent_post',
    // 文化程度 came with a later migration: a database without the column exports it empty.
    education: education ? 's.education' : 'NULL',
    trained: 's.trained',
    startDate: 's.start_date',
    notes: 's.notes',
  }
}
const STAFF = indexOf(staffColumns('directors', true))

function staffSources(fullNumbers: boolean): Record<string, Source> {
  return {
    township: STAFF.township,
    village: STAFF.village,
    name: STAFF.name,
    sex: (r) => SEX_NAMES[r[STAFF.sex] as 'M' | 'F'],
    // 出生年月 as the bureau's forms print it: year and month only.
    birthDate: (r) => (typeof r[STAFF.birthDate] === 'string' ? (r[STAFF.birthDate] as string).slice(0, 7) : null),
    phone: masked(STAFF.phone, maskStoredPhone, fullNumbers),
    partTime: (r) => (r[STAFF.partTime] === 1 ? '兼职' : '专职'),
    concurrentPost: STAFF.concurrentPost,
    education: STAFF.education,
    trained: (r) => (r[STAFF.trained] === 1 ? '是' : '否'),
    startDate: STAFF.startDate,
    notes: STAFF.notes,
  }
}

/** The field keys the staff exports fill (for the test that none is forgotten). */
export function staffSourceKeys(): string[] {
  return Object.keys(staffSources(false))
}

function staffSql(ctx: ServiceContext, kind: 'supervisors' | 'directors'): string {
  const select = Object.values(staffColumns(kind, hasColumn(ctx, kind, 'education'))).join(', ')
  if (kind === 'supervisors') {
    return `SELECT ${select}
              FROM supervisors s JOIN divisions t ON t.code = s.township_code
             WHERE ${IN_POST}
             ORDER BY t.code, s.start_date, s.id`
  }
  return `SELECT ${select}
            FROM directors s JOIN divisions v ON v.code = s.village_code JOIN divisions t ON t.code = v.parent_code
           WHERE ${IN_POST}
           ORDER BY t.code, v.code, s.start_date, s.id`
}

async function exportStaff(
  ctx: ServiceContext,
  kind: 'supervisors' | 'directors',
  out: string,
  options: { fullNumbers?: boolean },
): Promise<{ rows: number }> {
  const district = districtName(ctx)
  const title = kind === 'supervisors' ? '儿童督导员' : '儿童主任'
  const book = openRegisterBook(out, {
    title: `${district}${title}名册`,
    unitLine: unitLine(district, ctx.today()),
    columns: registerColumns(fieldsOf(kind)),
  })
  const makeRow = rowMaker(fieldsOf(kind), staffSources(options.fullNumbers ?? false))
  const statement = ctx.sqlite.prepare<{ today: string }, SqlRow>(staffSql(ctx, kind)).raw(true)
  // A district has hundreds of staff, not thousands: read them whole, then write.
  const records = statement.all({ today: ctx.today() })
  const rows = await writeOrAbandon(book, async () => {
    const sheet = book.addSheet(KIND_NAMES[kind])
    for (const record of records) sheet.addRow(makeRow(sheet.rows + 1, record))
  })
  return { rows }
}

/** Supervisors in post today (no end date, or one not yet past). Phones masked unless fullNumbers. */
export function exportSupervisors(
  ctx: ServiceContext,
  out: string,
  options: { fullNumbers?: boolean } = {},
): Promise<{ rows: number }> {
  return exportStaff(ctx, 'supervisors', out, options)
}

/** Directors in post today, by township and village. Phones masked unless fullNumbers. */
export function exportDirectors(
  ctx: ServiceContext,
  out: string,
  options: { fullNumbers?: boolean } = {},
): Promise<{ rows: number }> {
  return exportStaff(ctx, 'directors', out, options)
}
