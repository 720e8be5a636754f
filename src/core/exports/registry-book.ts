import type { ServiceContext } from '../context'
import { fieldsOf, KIND_NAMES, type FieldDef } from '../imports/fields'
import { getDistrict } from '../registry/divisions-service'
import { IN_POST } from '../registry/staff-service'
import { maskIdNumber, maskPhone } from '../shared/id-number'
import { unitLine, type ColumnKind } from './book-style'
import { openRegisterBook, type RegisterBook, type RegisterCell, type RegisterColumn } from './register-writer'

/** Column widths and kinds by field key; keys not listed get a middling plain column. */
const COLUMN_SHAPES: Record<string, { width: number; kind?: ColumnKind }> = {
  township: { width: 12 },
  village: { width: 14 },
  name: { width: 10 },
  sex: { width: 6 },
  idNumber: { width: 22, kind: 'text' },
  birthDate: { width: 12, kind: 'text' },
  categories: { width: 24 },
  address: { width: 30 },
  guardianName: { width: 11 },
  guardianRelation: { width: 10 },
  guardianPhone: { width: 15, kind: 'text' },
  bankAccount: { width: 24, kind: 'text' },
  registeredOn: { width: 12, kind: 'text' },
  notes: { width: 20 },
  phone: { width: 15, kind: 'text' },
  partTime: { width: 10 },
  concurrentPost: { width: 14 },
  education: { width: 10 },
  trained: { width: 9 },
  startDate: { width: 12, kind: 'text' },
  townshipName: { width: 14 },
  townshipCode: { width: 16, kind: 'text' },
  villageName: { width: 16 },
  villageCode: { width: 16, kind: 'text' },
}

/** The register's columns: 序号, then exactly the importer's labels, so an export can be re-imported. */
export function registerColumns(fields: FieldDef[]): RegisterColumn[] {
  return [
    { header: '序号', width: 6, kind: 'index' },
    ...fields.map((f) => ({
      header: f.label,
      width: COLUMN_SHAPES[f.key]?.width ?? 12,
      kind: COLUMN_SHAPES[f.key]?.kind ?? ('plain' as const),
    })),
  ]
}

const SEX_NAMES = { M: '男', F: '女' } as const

type Getter<T> = (record: T) => RegisterCell

/** One row of an export query in raw (array) mode: arrays cost far less to build than objects. */
export type SqlRow = (string | number | null)[]

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
} as const

type ChildColumn = keyof typeof CHILD_COLUMNS
const CHILD_INDEX = Object.fromEntries(Object.keys(CHILD_COLUMNS).map((key, i) => [key, i])) as Record<
  ChildColumn,
  number
>

function childGetters(fullNumbers: boolean): Record<string, Getter<SqlRow>> {
  const plain = (key: ChildColumn): Getter<SqlRow> => {
    const i = CHILD_INDEX[key]
    return (r) => r[i]!
  }
  const secret = (key: ChildColumn, mask: (value: string) => string): Getter<SqlRow> => {
    const i = CHILD_INDEX[key]
    return fullNumbers ? (r) => r[i]! : (r) => mask(r[i] as string)
  }
  const sex = CHILD_INDEX.sex
  return {
    township: plain('township'),
    village: plain('village'),
    name: plain('name'),
    sex: (r) => SEX_NAMES[r[sex] as 'M' | 'F'],
    idNumber: secret('idNumber', maskIdNumber),
    birthDate: plain('birthDate'),
    categories: plain('categories'),
    address: plain('address'),
    guardianName: plain('guardianName'),
    guardianRelation: plain('guardianRelation'),
    guardianPhone: secret('guardianPhone', maskPhone),
    // Banks print card numbers as 6217 **** 1234 themselves: the ID mask keeps the same ends.
    bankAccount: secret('bankAccount', maskIdNumber),
    registeredOn: plain('registeredOn'),
    notes: plain('notes'),
  }
}

/**
 * Turns a record into the row's cells (序号 first) in the fields' order. A field with no getter is
 * written empty rather than failing the whole export; the tests check that every field has one.
 */
export function rowMaker<T>(
  fields: FieldDef[],
  getters: Record<string, Getter<T>>,
): (index: number, record: T) => RegisterCell[] {
  const ordered = fields.map((f) => getters[f.key] ?? (() => null))
  const count = ordered.length
  return (index, record) => {
    const cells: RegisterCell[] = new Array(count + 1)
    cells[0] = index
    for (let i = 0; i < count; i++) cells[i + 1] = ordered[i]!(record)
    return cells
  }
}

export function childRowMaker(fullNumbers: boolean): (index: number, record: SqlRow) => RegisterCell[] {
  return rowMaker(fieldsOf('children'), childGetters(fullNumbers))
}

export function childGetterKeys(): string[] {
  return Object.keys(childGetters(false))
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
        after = records[records.length - 1]![CHILD_INDEX.id] as number
        await sheet.addRows(records.map((record, i) => makeRow(sheet.rows + i + 1, record)))
        if (records.length < PAGE_SIZE) break
      }
    }
  })
  return { rows }
}

/** A supervisor or director as the export reads it. */
export interface StaffExportRecord {
  township: string
  village: string | null
  name: string
  sex: 'M' | 'F'
  birth_date: string | null
  phone: string
  part_time: number
  concurrent_post: string
  education: string | null
  trained: number
  start_date: string | null
  notes: string
}

function staffGetters(fullNumbers: boolean): Record<string, Getter<StaffExportRecord>> {
  return {
    township: (r) => r.township,
    village: (r) => r.village,
    name: (r) => r.name,
    sex: (r) => SEX_NAMES[r.sex],
    birthDate: (r) => (r.birth_date ? r.birth_date.slice(0, 7) : null),
    phone: fullNumbers ? (r) => r.phone : (r) => (r.phone ? maskPhone(r.phone) : null),
    partTime: (r) => (r.part_time === 1 ? '兼职' : '专职'),
    concurrentPost: (r) => r.concurrent_post,
    education: (r) => r.education,
    trained: (r) => (r.trained === 1 ? '是' : '否'),
    startDate: (r) => r.start_date,
    notes: (r) => r.notes,
  }
}

export function staffGetterKeys(): string[] {
  return Object.keys(staffGetters(false))
}

export function staffRowMaker(
  kind: 'supervisors' | 'directors',
  fullNumbers: boolean,
): (index: number, record: StaffExportRecord) => RegisterCell[] {
  return rowMaker(fieldsOf(kind), staffGetters(fullNumbers))
}

function hasColumn(ctx: ServiceContext, table: string, column: string): boolean {
  const columns = ctx.sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]
  return columns.some((c) => c.name === column)
}

function staffSql(ctx: ServiceContext, kind: 'supervisors' | 'directors'): string {
  // 文化程度 arrives with a later migration; until then the column is left empty.
  const education = hasColumn(ctx, kind, 'education') ? 's.education' : 'NULL'
  const columns = `s.name, s.sex, s.birth_date, s.phone, s.part_time, s.concurrent_post, ${education} AS education,
         s.trained, s.start_date, s.notes`
  if (kind === 'supervisors') {
    return `SELECT t.name AS township, NULL AS village, ${columns}
              FROM supervisors s JOIN divisions t ON t.code = s.township_code
             WHERE ${IN_POST}
             ORDER BY t.code, s.start_date, s.id`
  }
  return `SELECT t.name AS township, v.name AS village, ${columns}
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
  const makeRow = staffRowMaker(kind, options.fullNumbers ?? false)
  const statement = ctx.sqlite.prepare<{ today: string }, StaffExportRecord>(staffSql(ctx, kind))
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
