import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { getTableColumns, is, SQL } from 'drizzle-orm'
import { getTableConfig, integer, primaryKey, sqliteTable, text, uniqueIndex, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Connection } from '../../../src/core/db/connection'
import { createContext } from '../../../src/core/context'
import { children, divisions, schema } from '../../../src/core/db/schema'
import { CHILD_COLUMNS } from '../../../src/core/registry/children-service'
import { findDivision } from '../../../src/core/registry/divisions-service'
import { tableNames } from '../../../src/core/db/sqlite'

/**
 * The migrations are the schema; src/core/db/schema.ts is the typed model of it the code reads rows into.
 * This compares the two on a database migrated by the real migrations, so a migration that changes a
 * table without schema.ts (or the other way round) fails here.
 */

/** Tables the migrations make that schema.ts deliberately does not model. */
const NOT_MODELLED = new Set([
  // the migrations' own bookkeeping (migrations.ts reads it with SQL; no service does)
  'schema_migrations',
])

interface ColumnInfo {
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  pk: number
}

interface IndexEntry {
  name: string
  unique: number
  /** 'c' CREATE INDEX, 'u' a UNIQUE constraint, 'pk' the primary key */
  origin: string
  partial: number
}

function indexColumns(sqlite: Database.Database, index: string): string[] {
  return (sqlite.prepare(`PRAGMA index_info("${index}")`).all() as { seqno: number; name: string }[])
    .sort((a, b) => a.seqno - b.seqno)
    .map((c) => c.name)
}

/** A default as SQLite keeps it (the text of the DEFAULT clause), from the value drizzle would insert. */
function sqlLiteral(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`
  if (typeof value === 'boolean') return value ? '1' : '0'
  return String(value)
}

/** `col IN ('a', 'b')` checks in a CREATE TABLE statement, by column: what the database lets into a text column. */
function checkedValues(createSql: string): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const match of createSql.matchAll(/\b(\w+)\s+IN\s*\(([^)]*)\)/gi)) {
    const items = match[2]!.split(',').map((item) => item.trim())
    if (!items.every((item) => /^'[^']*'$/.test(item))) continue
    found.set(match[1]!, items.map((item) => item.slice(1, -1)).sort())
  }
  return found
}

const key = (columns: string[]) => columns.join(', ')

/** What differs between one schema.ts table and the migrated table of the same name; empty when they agree. */
export function tableDrift(sqlite: Database.Database, table: SQLiteTable): string[] {
  const config = getTableConfig(table)
  const name = config.name
  const info = sqlite.prepare(`PRAGMA table_info("${name}")`).all() as ColumnInfo[]
  if (info.length === 0) return [`${name}: in schema.ts but not made by any migration`]
  const drift: string[] = []
  const inDb = new Map(info.map((c) => [c.name, c]))
  const modelled = new Map(config.columns.map((c) => [c.name, c]))
  for (const column of info) if (!modelled.has(column.name)) drift.push(`${name}.${column.name}: in the migrations but not in schema.ts`)

  const compositeKey = config.primaryKeys[0]?.columns.map((c) => c.name)
  for (const column of config.columns) {
    const sqlColumn = inDb.get(column.name)
    if (!sqlColumn) {
      drift.push(`${name}.${column.name}: in schema.ts but not in the migrations`)
      continue
    }
    const where = `${name}.${column.name}`
    const type = column.getSQLType().toUpperCase()
    if (type !== sqlColumn.type.toUpperCase()) drift.push(`${where}: type ${type} in schema.ts, ${sqlColumn.type} in the migrations`)
    // A one-column primary key is NOT NULL in drizzle's model (SQLite's rowid alias cannot be null either).
    const singleKey = sqlColumn.pk === 1 && info.filter((c) => c.pk > 0).length === 1
    const sqlNotNull = sqlColumn.notnull === 1 || singleKey
    if (column.notNull !== sqlNotNull) {
      drift.push(`${where}: ${column.notNull ? 'NOT NULL' : 'nullable'} in schema.ts, ${sqlNotNull ? 'NOT NULL' : 'nullable'} in the migrations`)
    }
    const modelledDefault =
      column.default === undefined || is(column.default, SQL) ? null : sqlLiteral(column.mapToDriverValue(column.default))
    if (modelledDefault !== sqlColumn.dflt_value) {
      drift.push(`${where}: default ${modelledDefault ?? 'none'} in schema.ts, ${sqlColumn.dflt_value ?? 'none'} in the migrations`)
    }
  }

  const sqlKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name)
  const modelledKey = compositeKey ?? config.columns.filter((c) => c.primary).map((c) => c.name)
  if (key(sqlKey) !== key(modelledKey)) drift.push(`${name}: primary key (${key(modelledKey)}) in schema.ts, (${key(sqlKey)}) in the migrations`)

  // Uniqueness changes what a write may do, so every unique constraint or index is modelled; plain indexes are the
  // migrations' business and only checked where schema.ts names one.
  const indexes = sqlite.prepare(`PRAGMA index_list("${name}")`).all() as IndexEntry[]
  const sqlUnique = new Set(indexes.filter((i) => i.unique === 1 && i.origin !== 'pk').map((i) => key(indexColumns(sqlite, i.name))))
  const modelledUnique = new Set([
    ...config.columns.filter((c) => c.isUnique).map((c) => c.name),
    ...config.uniqueConstraints.map((u) => key(u.columns.map((c) => c.name))),
    ...config.indexes.filter((i) => i.config.unique).map((i) => key(i.config.columns.map((c) => (c as { name: string }).name))),
  ])
  for (const columns of sqlUnique) if (!modelledUnique.has(columns)) drift.push(`${name}: unique (${columns}) in the migrations but not in schema.ts`)
  for (const columns of modelledUnique) if (!sqlUnique.has(columns)) drift.push(`${name}: unique (${columns}) in schema.ts but not in the migrations`)
  for (const index of config.indexes) {
    const wanted = key(index.config.columns.map((c) => (c as { name: string }).name))
    const made = indexes.find((i) => i.name === index.config.name)
    if (!made) drift.push(`${name}: index ${index.config.name} in schema.ts but not in the migrations`)
    else if (key(indexColumns(sqlite, made.name)) !== wanted) drift.push(`${name}: index ${index.config.name} is on (${key(indexColumns(sqlite, made.name))}), schema.ts says (${wanted})`)
  }

  // A text enum in schema.ts and a CHECK (col IN (...)) in the migrations must list the same values.
  const createSql = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) as string
  const checks = checkedValues(createSql)
  for (const column of config.columns) {
    const modelledValues = (column as { enumValues?: string[] }).enumValues
    const sqlValues = checks.get(column.name)
    if (sqlValues && !modelledValues?.length) drift.push(`${name}.${column.name}: CHECK IN (${key(sqlValues)}) in the migrations, no enum in schema.ts`)
    if (sqlValues && modelledValues?.length && key([...modelledValues].sort()) !== key(sqlValues)) {
      drift.push(`${name}.${column.name}: enum (${key([...modelledValues].sort())}) in schema.ts, CHECK IN (${key(sqlValues)}) in the migrations`)
    }
  }
  return drift
}

/** Every difference between schema.ts's tables and the migrated database, tables missing on either side included. */
export function schemaDrift(sqlite: Database.Database, tables: SQLiteTable[], notModelled: Set<string>): string[] {
  const modelled = new Set(tables.map((t) => getTableConfig(t).name))
  const unmodelled = tableNames(sqlite)
    .filter((t) => !modelled.has(t) && !notModelled.has(t))
    .map((t) => `${t}: made by the migrations but not in schema.ts (model it, or list it in NOT_MODELLED with the reason)`)
  return [...unmodelled, ...tables.flatMap((t) => tableDrift(sqlite, t))]
}

let folder: string
let conn: Connection

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-drift-'))
  delete process.env.CWR_MIGRATIONS_DIR
  conn = await openDatabase(join(folder, 'registry.db'))
})
afterAll(() => {
  conn.close()
  rmSync(folder, { recursive: true, force: true })
})

const modelledTables = () => Object.values(schema) as SQLiteTable[]

describe('schema.ts and the migrations', () => {
  it('agree on every table: columns, types, NOT NULL, defaults, primary keys, unique constraints and enums', () => {
    expect(schemaDrift(conn.sqlite, modelledTables(), NOT_MODELLED)).toEqual([])
  })

  it('model every table the migrations make, but for the listed exceptions', () => {
    const modelled = modelledTables().map((t) => getTableConfig(t).name)
    expect(tableNames(conn.sqlite).filter((t) => !NOT_MODELLED.has(t))).toEqual([...modelled].sort())
  })
})

describe('the records the services read', () => {
  // The services name their columns in SQL; the record they build must be schema.ts's row type, key for key and in
  // its order (the audit trail and an import's undo keep records as JSON).
  it('a child is read with every column of schema.ts, named and ordered as its row type', () => {
    const names = conn.sqlite.prepare(`SELECT ${CHILD_COLUMNS} FROM children`).columns().map((c) => c.name)
    expect(names).toEqual(Object.keys(getTableColumns(children)))
  })

  it('a division likewise, with its flag as a boolean', () => {
    conn.sqlite
      .prepare("INSERT INTO divisions (code, name, level, code_generated, created_at, updated_at) VALUES ('420102000000', '江岸区', 'district', 1, 'x', 'x')")
      .run()
    try {
      const record = findDivision(createContext(conn), '420102000000')!
      expect(Object.keys(record)).toEqual(Object.keys(getTableColumns(divisions)))
      expect(record.codeGenerated).toBe(true)
    } finally {
      conn.sqlite.prepare("DELETE FROM divisions WHERE code = '420102000000'").run()
    }
  })
})

describe('the drift check', () => {
  // A divisions table as someone might misremember it.
  const wrongDivisions = sqliteTable(
    'divisions',
    {
      code: text('code').primaryKey(),
      name: text('name'),
      level: text('level', { enum: ['district', 'township'] }).notNull(),
      parentCode: integer('parent_code'),
      codeGenerated: integer('code_generated', { mode: 'boolean' }).notNull().default(true),
      retiredOn: text('retired_on'),
      createdAt: text('created_at').notNull(),
      renamedAt: text('renamed_at'),
    },
    (t) => [uniqueIndex('divisions_name_unique').on(t.name)],
  )

  it('names each way a table definition differs from the migrations', () => {
    expect(tableDrift(conn.sqlite, wrongDivisions).sort()).toEqual(
      [
        'divisions.updated_at: in the migrations but not in schema.ts',
        'divisions.renamed_at: in schema.ts but not in the migrations',
        'divisions.name: nullable in schema.ts, NOT NULL in the migrations',
        'divisions.parent_code: type INTEGER in schema.ts, TEXT in the migrations',
        'divisions.code_generated: default 1 in schema.ts, 0 in the migrations',
        'divisions: unique (name) in schema.ts but not in the migrations',
        'divisions: index divisions_name_unique in schema.ts but not in the migrations',
        'divisions.level: enum (district, township) in schema.ts, CHECK IN (district, township, village) in the migrations',
      ].sort(),
    )
  })

  it('notices a missing unique constraint, a wrong primary key and a default schema.ts does not know', () => {
    const categories = sqliteTable('categories', {
      code: text('code').notNull(),
      name: text('name').notNull(),
      dimension: text('dimension', { enum: ['self', 'family', 'guardianship', 'other'] }).notNull(),
      aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull(),
      builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
      sortOrder: integer('sort_order').notNull().default(100),
    })
    const links = sqliteTable(
      'child_categories',
      {
        childId: integer('child_id').notNull(),
        categoryCode: text('category_code').notNull(),
        since: text('since'),
        until: text('until'),
      },
      (t) => [primaryKey({ columns: [t.childId, t.categoryCode] })],
    )
    expect(tableDrift(conn.sqlite, categories).sort()).toEqual(
      [
        "categories.aliases: default none in schema.ts, '[]' in the migrations",
        'categories: primary key () in schema.ts, (code) in the migrations',
        'categories: unique (name) in the migrations but not in schema.ts',
      ].sort(),
    )
    expect(tableDrift(conn.sqlite, links)).toEqual([
      'child_categories: primary key (child_id, category_code) in schema.ts, (child_id, category_code, since) in the migrations',
    ])
  })

  it('notices a table of the migrations that schema.ts leaves out, and one that no migration makes', () => {
    const ghost = sqliteTable('ghosts', { id: integer('id').primaryKey() })
    const withoutVisits = modelledTables().filter((t) => getTableConfig(t).name !== 'visits')
    expect(schemaDrift(conn.sqlite, [...withoutVisits, ghost], NOT_MODELLED)).toEqual([
      'visits: made by the migrations but not in schema.ts (model it, or list it in NOT_MODELLED with the reason)',
      'ghosts: in schema.ts but not made by any migration',
    ])
  })
})
