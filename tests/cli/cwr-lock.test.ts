import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { seedDemoDistrict } from '../../src/core/demo/demo-district'
import { dispatch } from '../../src/core/dispatch'
import { openRegistry } from '../../src/core/registry'

/** A registry with an app password: the command line needs the password too, from CWR_PASSWORD only. */

let folder: string
let file: string
const PASSWORD = 'cli-pass-2026'

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-cli-lock-'))
  file = join(folder, 'registry.db')
  const ctx = await openRegistry(file)
  seedDemoDistrict(ctx)
  await dispatch(ctx, 'lock.setPassword', { newPassword: PASSWORD })
  ctx.conn.close()
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

async function run(password: string | undefined, ...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const saved = process.env.CWR_PASSWORD
  if (password === undefined) delete process.env.CWR_PASSWORD
  else process.env.CWR_PASSWORD = password
  try {
    const code = await runCli(['--db', file, ...args], { out: (t) => out.push(t), err: (t) => err.push(t) })
    return { code, out: out.join('\n'), err: err.join('\n') }
  } finally {
    if (saved === undefined) delete process.env.CWR_PASSWORD
    else process.env.CWR_PASSWORD = saved
  }
}

it('refuses without the password, with a wrong one, and works with the right one', async () => {
  const without = await run(undefined, 'children', 'list')
  expect(without.code).toBe(1)
  expect(without.err).toContain('CWR_PASSWORD')
  expect(without.out).toBe('')

  const wrong = await run('not-it-at-all', 'children', 'list')
  expect(wrong.code).toBe(1)
  expect(wrong.err).toContain('密码不正确')
  expect(wrong.err).not.toContain('not-it-at-all')

  const right = await run(PASSWORD, 'children', 'list')
  expect(right.code).toBe(0)
  expect(right.out).toMatch(/\*{10}/) // IDs listed, masked
  expect(right.err).not.toContain(PASSWORD)
}, 60_000)
