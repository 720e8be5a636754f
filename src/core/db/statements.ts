import type Database from 'better-sqlite3'

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/**
 * A prepared statement kept for the life of the connection: preparing costs more than running,
 * and bulk paths (imports of 100,000 rows) run the same few statements over and over.
 */
export function statement(sqlite: Database.Database, sql: string): Database.Statement {
  let statements = cache.get(sqlite)
  if (!statements) {
    statements = new Map()
    cache.set(sqlite, statements)
  }
  let prepared = statements.get(sql)
  if (!prepared) {
    prepared = sqlite.prepare(sql)
    statements.set(sql, prepared)
  }
  return prepared
}
