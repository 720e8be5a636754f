import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base } from '@playwright/test'
import { CLERK_TIME_ZONE } from './clerk-time-zone'

export interface RunningApp {
  /** the address with the token, as the host prints it */
  url: string
  port: number
  token: string
  db: string
}

const root = resolve(import.meta.dirname, '../..')

/** The real loopback host (real services, a fresh database file) serving the built renderer. */
async function startApp(options: { demo: boolean }): Promise<{ app: RunningApp; child: ChildProcess; folder: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'cwr-e2e-'))
  const db = join(folder, 'registry.db')
  const args = [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/host/main.ts', '--db', db, '--port', '0', '--ready-json']
  if (options.demo) args.push('--demo')
  // On a clerk's PC the window and the services share one clock and zone; here the browser runs in the clerk's zone,
  // so the host must too, or "today" differs between them for the hours one side is past midnight.
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: CLERK_TIME_ZONE } })
  const app = await new Promise<RunningApp>((done, fail) => {
    let out = ''
    let err = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) done(JSON.parse(line) as RunningApp)
    })
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('exit', (code) => fail(new Error(`host exited ${code}: ${err}`)))
  })
  return { app, child, folder }
}

export const test = base.extend<{ app: RunningApp; demoApp: RunningApp }>({
  app: async ({}, use) => {
    const { app, child, folder } = await startApp({ demo: false })
    await use(app)
    child.kill('SIGTERM')
    rmSync(folder, { recursive: true, force: true })
  },
  demoApp: async ({}, use) => {
    const { app, child, folder } = await startApp({ demo: true })
    await use(app)
    child.kill('SIGTERM')
    rmSync(folder, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'
