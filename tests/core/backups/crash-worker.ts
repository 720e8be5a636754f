// A child process for the crash test: loads, says "loaded", waits for one JSON line on stdin
// ({ mode: 'import', db, file } or { mode: 'lock', db, rosterId }), opens the registry, says "ready",
// does the one batch, and says "done" with the times of its phases. The test kills it with SIGKILL.
import { createInterface } from 'node:readline'
import { commitFile } from '../../../src/core/imports/import-service'
import { openRegistry } from '../../../src/core/registry'
import { lockRoster } from '../../../src/core/subsidies/roster-service'

const CLOCK = () => new Date('2026-11-23T09:30:00')

interface Job {
  mode: 'import' | 'lock'
  db: string
  file?: string
  rosterId?: number
}

async function run(job: Job): Promise<void> {
  const ctx = await openRegistry(job.db, { actor: '崩溃测试', clock: CLOCK })
  const t0 = performance.now()
  let commitAt = -1
  // Note when the batch's one write transaction begins (for the test's choice of kill moments).
  const transaction = ctx.sqlite.transaction.bind(ctx.sqlite)
  const mark = () => {
    if (commitAt >= 0) return
    commitAt = performance.now() - t0
    // Pipes are written synchronously on Linux: the test hears this before the transaction runs.
    process.stdout.write('commit\n')
  }
  ctx.sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = transaction(fn)
    return Object.assign((...args: unknown[]) => (mark(), tx(...args)), {
      default: tx.default,
      deferred: tx.deferred,
      exclusive: tx.exclusive,
      immediate: (...args: unknown[]) => (mark(), tx.immediate(...args)),
    })
  }) as unknown as typeof ctx.sqlite.transaction
  process.stdout.write('ready\n')
  let outcome: unknown
  if (job.mode === 'import') {
    const result = await commitFile(ctx, job.file!, {})
    if (!result.ok) throw new Error(result.message)
    outcome = result.counts
  } else {
    const result = await lockRoster(ctx, job.rosterId!)
    if (!result?.ok) throw new Error(JSON.stringify(result))
    outcome = result.value.status
  }
  const total = performance.now() - t0
  ctx.conn.close()
  process.stdout.write(`done ${JSON.stringify({ commitAt, total, outcome })}\n`)
}

process.stdout.write('loaded\n')
const lines = createInterface({ input: process.stdin })
lines.once('line', (line) => {
  lines.close()
  run(JSON.parse(line) as Job).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
      process.exit(3)
    },
  )
})
