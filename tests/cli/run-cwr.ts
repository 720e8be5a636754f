import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { expect } from 'vitest'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))

export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** The real binary, as a clerk would run it; the default data folder is kept inside the test's temp folder. */
export function runCwr(folder: string, ...args: string[]): Run {
  const run = spawnSync(process.execPath, ['bin/cwr.mjs', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, CWR_DATA_DIR: join(folder, 'default-data') },
    timeout: 60_000,
  })
  if (run.error) throw run.error
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** A run that must succeed quietly, read as the JSON it printed. */
export function jsonOf<T>(run: Run): T {
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout) as T
}

/** Direct SQL against a database file, independent of the services. */
export function queryFile<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}
