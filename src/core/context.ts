import { userInfo } from 'node:os'
import type { Connection } from './db/connection'
import type Database from 'better-sqlite3'

/** What every service needs: the open database, who is acting, and what day it is. */
export interface ServiceContext {
  conn: Connection
  sqlite: Database.Database
  actor: string
  /** the clerk's calendar day, YYYY-MM-DD */
  today(): string
  /** a timestamp for created_at / audit rows */
  now(): string
}

export function currentUser(): string {
  try {
    return userInfo().username || process.env.USER || process.env.USERNAME || '未知用户'
  } catch {
    return process.env.USER || process.env.USERNAME || '未知用户'
  }
}

function localDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

export function createContext(conn: Connection, options: { actor?: string; clock?: () => Date } = {}): ServiceContext {
  const clock = options.clock ?? (() => new Date())
  return {
    conn,
    sqlite: conn.sqlite,
    actor: options.actor ?? currentUser(),
    today: () => localDate(clock()),
    now: () => clock().toISOString(),
  }
}

/** Runs fn in one IMMEDIATE transaction: all of it is written, or none of it. */
export function inTransaction<T>(ctx: ServiceContext, fn: () => T): T {
  return ctx.sqlite.transaction(fn).immediate()
}
