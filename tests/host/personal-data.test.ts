import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'

/**
 * Personal data never leaves through the side doors: after a round of ordinary and failing operations on the
 * demo registry, neither what the host printed (stdout, stderr) nor any refusal or error answer holds an ID number,
 * a phone number or a bank account of the demo data, nor the app password.
 */

const root = resolve(import.meta.dirname, '../..')
let child: ChildProcess
let folder: string
let base: string
let token: string
let out = ''
let err = ''

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-pii-'))
  const db = join(folder, 'registry.db')
  child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/host/main.ts', '--db', db, '--port', '0', '--ready-json', '--demo'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'development' },
  })
  const ready = await new Promise<{ port: number; token: string }>((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) done(JSON.parse(line) as { port: number; token: string })
    })
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('exit', (code) => fail(new Error(`host exited ${code}: ${err}`)))
  })
  base = `http://127.0.0.1:${ready.port}`
  token = ready.token
}, 60_000)

afterAll(() => {
  child?.kill('SIGTERM')
  if (folder) rmSync(folder, { recursive: true, force: true })
})

async function call(name: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cwr-token': token },
    body: JSON.stringify(body),
  })
  return response.json()
}

/** The words a refusal speaks: error messages and issues, and the problems of an { ok: false } answer. */
function refusalText(answer: unknown): string {
  const a = answer as { error?: unknown; result?: { ok?: boolean; problems?: unknown } }
  if (a.error) return JSON.stringify(a.error)
  if (a.result && a.result.ok === false) return JSON.stringify(a.result.problems)
  return ''
}

it('host output and refusals hold no ID number, phone or bank account of the demo data', async () => {
  const sqlite = new Database(join(folder, 'registry.db'), { readonly: true, fileMustExist: true })
  const kids = sqlite.prepare('SELECT * FROM children ORDER BY id').all() as Record<string, string | number | null>[]
  const secrets = [
    ...kids.flatMap((k) => [k.id_number, k.guardian_phone, k.bank_account]),
    ...(sqlite.prepare('SELECT phone FROM directors UNION SELECT phone FROM supervisors').pluck().all() as string[]),
  ].filter((v): v is string => typeof v === 'string' && v.length >= 11)
  sqlite.close()
  expect(kids.length).toBeGreaterThan(5)
  expect(secrets.length).toBeGreaterThan(10)

  const [first, second] = kids as [Record<string, string | number | null>, Record<string, string | number | null>]
  const input = {
    name: String(first.name),
    idNumber: String(first.id_number),
    villageCode: String(first.village_code),
    categories: ['left-behind'],
    address: '',
    guardianName: '',
    guardianRelation: '',
    guardianPhone: String(first.guardian_phone ?? ''),
    bankAccount: '',
    registeredOn: String(first.registered_on ?? ''),
    notes: '',
  }
  const idNumber = String(first.id_number)
  const wrongDigit = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1')
  const refusals: string[] = []
  const answers = [
    await call('children.list', { search: idNumber }),
    await call('children.get', { id: first.id }),
    // a duplicate: the same child registered again
    await call('children.create', input),
    // another child's number on this one
    await call('children.update', { ...input, id: second.id }),
    // a mistyped check digit
    await call('children.create', { ...input, idNumber: wrongDigit }),
    // an ID where a date goes, a phone where an id goes, an ID in a call's name
    await call('children.create', { ...input, registeredOn: idNumber }),
    await call('children.get', { id: String(first.guardian_phone) }),
    await call('children.exit', { id: first.id, reason: idNumber, date: '2026-01-01' }),
    await call(`children.${idNumber}`, {}),
    await call('exports.children', { fullNumbers: 'yes' }),
    await call('divisions.rename', { code: String(first.village_code), name: '' }),
    await call('lock.setPassword', { newPassword: 'pass-民政-2026' }),
    await call('lock.lock', {}),
    await call('children.list', { search: idNumber }),
    await call('lock.unlock', { password: idNumber }),
    await call('lock.unlock', { password: 'pass-民政-2026' }),
    await call('audit.list', { child: idNumber }),
    await call('exports.audit', { child: idNumber }),
  ]
  for (const answer of answers) refusals.push(refusalText(answer))
  expect(refusals.filter(Boolean).length).toBeGreaterThanOrEqual(8)
  // the locked call was refused as locked, and the audit list answered masked
  expect(JSON.stringify(answers[13])).toContain('"locked"')
  expect(JSON.stringify((answers[16] as { result: unknown }).result)).not.toContain(idNumber)

  // Give the host a moment to flush what it writes.
  await new Promise((r) => setTimeout(r, 200))
  const printed = out + err
  const said = refusals.join('\n')
  for (const secret of [...secrets, 'pass-民政-2026']) {
    expect(printed, 'host output').not.toContain(secret)
    expect(said, 'refusals').not.toContain(secret)
  }
  for (const text of [printed, said]) {
    expect(text).not.toMatch(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/)
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
  }
}, 60_000)
