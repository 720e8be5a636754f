/**
 * Crash safety, proven: a child process doing one batch (an import of a large workbook; locking a
 * roster) is killed with SIGKILL at random moments. After every kill the database must open, pass
 * integrity_check and foreign_key_check, and hold exactly the state before or exactly the state
 * after the batch — never anything in between. No half-written backup may pass for a good one.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listBackupsOf } from '../../../src/core/backups/service'
import { backupsFolder } from '../../../src/core/db/backup'
import { seededRandom } from '../../../src/core/demo/people'
import { generateBulkDistrict } from '../../../src/core/demo/bulk-district'
import { openRegistry } from '../../../src/core/registry'
import { generateRoster } from '../../../src/core/subsidies/roster-service'
import { writeChildrenWorkbookForBench } from '../../bench/import-bench'
import { tableFingerprint } from '../../support/temp-registry'

const ROOT = resolve(import.meta.dirname, '../../..')
const WORKER = join(ROOT, 'tests/core/backups/crash-worker.ts')
const KILLS = 20
const CLOCK = () => new Date('2026-11-23T09:30:00')

let folder: string
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-crash-'))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

interface Worker {
  child: ChildProcess
  /** resolves with each line the worker prints */
  line(match: (line: string) => boolean): Promise<string>
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Spawned ahead of time: module loading overlaps the previous round's checks. One process (tsx as a loader, not a
 * wrapper that forks), so the SIGKILL hits the process doing the work. */
function spawnWorker(): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  const waiting: { match: (line: string) => boolean; done: (line: string) => void }[] = []
  // Lines printed before anyone waits for them (a worker spawned ahead says "loaded" early) are kept.
  const seen: string[] = []
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    let nl: number
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl)
      out = out.slice(nl + 1)
      seen.push(line)
      for (const w of waiting.splice(0)) (w.match(line) ? w.done(line) : waiting.push(w))
    }
  })
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => {
      if (code) console.error(err)
      done({ code, signal })
    }),
  )
  return {
    child,
    exit,
    line: (match) =>
      new Promise((done, fail) => {
        const earlier = seen.find(match)
        if (earlier !== undefined) return done(earlier)
        waiting.push({ match, done })
        // A worker that dies before saying the line must not leave the test waiting forever.
        void exit.then(({ code, signal }) => fail(new Error(`worker ended (${code ?? signal}) before the expected line: ${err.slice(-500)}`)))
      }),
  }
}

/** The state of a database, backup paths aside (their names carry the wall-clock time of the run). */
function stateOf(sqlite: Database.Database): string {
  const text = tableFingerprint(sqlite).replace(/"backup_file":"[^"]*"/g, '"backup_file":"…"')
  return createHash('sha256').update(text).digest('hex')
}

function resetWork(base: string, work: string): void {
  rmSync(join(work, '..'), { recursive: true, force: true })
  mkdirSync(join(work, '..'), { recursive: true })
  copyFileSync(base, work)
}

interface Round {
  killedAt: number | null
  inCommitWindow: boolean
  outcome: 'before' | 'after'
}

/** Opens what the killed process left, checks it, and says which state it holds. */
async function verify(work: string, before: string, after: string | null): Promise<'before' | 'after' | string> {
  const db = new Database(work, { fileMustExist: true })
  let state: string
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    state = stateOf(db)
  } finally {
    db.close()
  }
  // No backup cut short by the kill may pass for a good one (an unfinished one keeps its .part name).
  for (const backup of listBackupsOf(work)) expect(backup.readable, backup.name).toBe(true)
  // And the app opens it, taking over the dead process's lock.
  const ctx = await openRegistry(work, { actor: '检查' })
  ctx.conn.close()
  return state === before ? 'before' : state === after ? 'after' : state
}

async function killRounds(options: {
  base: string
  job: (work: string) => object
}): Promise<Round[]> {
  const work = join(folder, 'work', 'registry.db')
  const random = seededRandom(20261123)
  const before = (() => {
    const db = new Database(options.base, { readonly: true })
    try {
      return stateOf(db)
    } finally {
      db.close()
    }
  })()
  // Reference run, not killed: the "after" state and the phase times.
  resetWork(options.base, work)
  let next = spawnWorker()
  await next.line((l) => l === 'loaded')
  next.child.stdin!.write(`${JSON.stringify(options.job(work))}\n`)
  const done = await next.line((l) => l.startsWith('done '))
  await next.exit
  const reference = JSON.parse(done.slice(5)) as { commitAt: number; total: number }
  const db = new Database(work)
  const after = stateOf(db)
  db.close()
  expect(after).not.toBe(before)

  const rounds: Round[] = []
  next = spawnWorker()
  for (let attempt = 0; rounds.length < KILLS && attempt < KILLS * 3; attempt++) {
    const worker = next
    resetWork(options.base, work)
    await worker.line((l) => l === 'loaded')
    worker.child.stdin!.write(`${JSON.stringify(options.job(work))}\n`)
    await worker.line((l) => l === 'ready')
    // Half the kills at any moment of the batch; half timed from the start of its write transaction,
    // to land inside it or just after it commits.
    const inWrite = random() < 0.5
    if (inWrite) await worker.line((l) => l === 'commit')
    const delay = inWrite ? random() * (reference.total - reference.commitAt) * 2.5 + 1 : random() * reference.total
    if (process.env.CWR_CRASH_DEBUG) console.error(`round ${attempt}: kill after ${delay.toFixed(0)} ms`)
    await new Promise((r) => setTimeout(r, delay))
    worker.child.kill('SIGKILL')
    const exit = await worker.exit
    next = spawnWorker()
    const outcome = await verify(work, before, after)
    expect(['before', 'after'], `kill at ${delay.toFixed(0)} ms left a state that is neither before nor after`).toContain(outcome)
    // A worker that finished before the kill is not a kill: it does not count.
    if (exit.signal !== 'SIGKILL') continue
    rounds.push({ killedAt: delay, inCommitWindow: inWrite, outcome: outcome as 'before' | 'after' })
  }
  next.child.kill('SIGKILL')
  await next.exit
  return rounds
}

function report(label: string, rounds: Round[]): void {
  const count = (f: (r: Round) => boolean) => rounds.filter(f).length
  console.log(
    `${label}: ${rounds.length} kills — ${count((r) => r.outcome === 'before')} left the state before, ` +
      `${count((r) => r.outcome === 'after')} the state after; ${count((r) => r.inCommitWindow)} timed from the start of the write transaction`,
  )
}

describe('crash safety under SIGKILL', () => {
  it(`importing a large workbook, killed ${KILLS} times at random moments`, async () => {
    const base = join(folder, 'import-base.db')
    const ctx = await openRegistry(base, { actor: '崩溃测试', clock: CLOCK })
    generateBulkDistrict(ctx, { townships: 20, villages: 400, children: 0 })
    const villages = ctx.sqlite
      .prepare("SELECT t.name AS township, v.name AS village FROM divisions v JOIN divisions t ON t.code = v.parent_code WHERE v.level = 'village'")
      .all() as { township: string; village: string }[]
    ctx.conn.close()
    const workbook = join(folder, '困境儿童名单.xlsx')
    await writeChildrenWorkbookForBench(workbook, villages, 8_000)

    const rounds = await killRounds({
      base,
      job: (db) => ({ mode: 'import', db, file: workbook }),
    })
    report('import', rounds)
    expect(rounds.length).toBeGreaterThanOrEqual(20)
    expect(rounds.some((r) => r.outcome === 'before')).toBe(true)
    expect(rounds.some((r) => r.inCommitWindow)).toBe(true)
  }, 300_000)

  it(`locking a roster, killed ${KILLS} times at random moments`, async () => {
    const base = join(folder, 'roster-base.db')
    const ctx = await openRegistry(base, { actor: '崩溃测试', clock: CLOCK })
    generateBulkDistrict(ctx, { townships: 20, villages: 400, children: 8_000 })
    const roster = generateRoster(ctx, { programme: 'orphan-basic', month: '2026-11', months: 1 })
    if (!roster.ok) throw new Error(JSON.stringify(roster.problems))
    // (the bulk district's children were all registered this month, so they are listed as not yet due)
    expect(roster.value.lineCount + roster.value.excludedCount).toBeGreaterThan(500)
    ctx.conn.close()
    expect(existsSync(backupsFolder(base))).toBe(false)

    const rounds = await killRounds({
      base,
      job: (db) => ({ mode: 'lock', db, rosterId: roster.value.id }),
    })
    report('roster lock', rounds)
    expect(rounds.length).toBeGreaterThanOrEqual(20)
    expect(readdirSync(folder).length).toBeGreaterThan(0)
  }, 300_000)
})
