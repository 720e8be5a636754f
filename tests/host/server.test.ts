import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Summary } from '../../src/contract'
import { startHost, type RunningHost } from '../../src/host/server'
import { demoRegistry, tableFingerprint, type TempRegistry } from '../support/temp-registry'

const TOKEN = 'a'.repeat(16) + '-test-token-' + 'b'.repeat(16)
const CJK = /[\u4e00-\u9fff]/

let reg: TempRegistry
let host: RunningHost
/** a host started with no renderer folder: pages answer 503 */
let bare: RunningHost
/** the renderer folder the main host serves; a secret file sits beside it */
let rendererFolder: string
let indexHtml: string
let secretParent: string

interface RawAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** node:http, so the Host header and the path go out exactly as written (fetch would normalise both). */
function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

function api(name: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${host.port}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cwr-token': TOKEN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function expectSecurityHeaders(headers: { get(name: string): string | null } | IncomingHttpHeaders): void {
  const get = (name: string) =>
    typeof (headers as Headers).get === 'function' ? (headers as Headers).get(name) : ((headers as IncomingHttpHeaders)[name] as string | undefined)
  const csp = get('content-security-policy') ?? ''
  const directives = csp.split(';').map((d) => d.trim())
  expect(directives).toContain("default-src 'self'")
  expect(directives).toContain("frame-ancestors 'none'")
  expect(get('x-content-type-options')).toBe('nosniff')
}

beforeAll(async () => {
  reg = await demoRegistry()
  secretParent = mkdtempSync(join(tmpdir(), 'cwr-renderer-'))
  rendererFolder = join(secretParent, 'renderer')
  mkdirSync(join(rendererFolder, 'assets'), { recursive: true })
  indexHtml = '<!doctype html><html><head><title>儿童福利台账</title></head><body><div id="root"></div></body></html>'
  writeFileSync(join(rendererFolder, 'index.html'), indexHtml)
  writeFileSync(join(rendererFolder, 'assets', 'a.js'), 'console.log("asset a")\n')
  // Files outside the served folder that a traversal would reach.
  writeFileSync(join(secretParent, 'package.json'), '{"secret":"OUTSIDE-THE-RENDERER"}')
  writeFileSync(join(secretParent, 'secret.txt'), 'OUTSIDE-THE-RENDERER')
  host = await startHost({ ctx: reg.ctx, port: 0, token: TOKEN, rendererFolder })
  bare = await startHost({ ctx: reg.ctx, port: 0, token: TOKEN })
})

afterAll(async () => {
  await host?.close()
  await bare?.close()
  reg?.cleanup()
  if (secretParent) rmSync(secretParent, { recursive: true, force: true })
})

describe('loopback host: listening', () => {
  it('listens on 127.0.0.1 only, on the port it reports', () => {
    const address = host.server.address() as AddressInfo
    expect(address.address).toBe('127.0.0.1')
    expect(address.family).toBe('IPv4')
    expect(address.port).toBe(host.port)
    expect(host.port).toBeGreaterThan(0)
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`)
  })

  it('makes up a long random token when none is given', async () => {
    const other = await startHost({ ctx: reg.ctx, port: 0 })
    try {
      expect(other.token).toMatch(/^[0-9a-f]{48}$/)
      expect(other.token).not.toBe(host.token)
    } finally {
      await other.close()
    }
  })
})

describe('loopback host: API', () => {
  it('answers a call with the right token with the real data', async () => {
    const res = await api('dashboard.summary', {})
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expectSecurityHeaders(res.headers)
    const { result } = (await res.json()) as { result: Summary }

    // Compare with the database itself, through a connection of its own.
    const db = new Database(reg.file, { readonly: true, fileMustExist: true })
    try {
      const count = (sql: string) => db.prepare(sql).pluck().get() as number
      expect(result.district).toBe('示范区')
      expect(result.totals.children).toBe(count("SELECT count(*) FROM children WHERE status = 'active'"))
      expect(result.totals.townships).toBe(count("SELECT count(*) FROM divisions WHERE level = 'township'"))
      expect(result.totals.villages).toBe(count("SELECT count(*) FROM divisions WHERE level = 'village'"))
      expect(result.totals.supervisors).toBe(count('SELECT count(*) FROM supervisors'))
      expect(result.totals.directors).toBe(count('SELECT count(*) FROM directors'))
      expect(result.totals.villagesWithoutDirector).toBe(
        count("SELECT count(*) FROM divisions v WHERE v.level = 'village' AND NOT EXISTS (SELECT 1 FROM directors d WHERE d.village_code = v.code)"),
      )
      // The demo district's shape, so the comparison above is not 0 = 0.
      expect(result.totals).toMatchObject({ townships: 3, villages: 12, supervisors: 3, directors: 9, villagesWithoutDirector: 3 })
      expect(result.totals.children).toBeGreaterThanOrEqual(24)
      const byTownship = db
        .prepare(
          `SELECT t.name, count(c.id) AS childCount FROM divisions t
             LEFT JOIN divisions v ON v.parent_code = t.code
             LEFT JOIN children c ON c.village_code = v.code AND c.status = 'active'
            WHERE t.level = 'township' GROUP BY t.code ORDER BY t.code`,
        )
        .all() as { name: string; childCount: number }[]
      expect(result.byTownship.map((t) => ({ name: t.name, childCount: t.childCount }))).toEqual(byTownship)
    } finally {
      db.close()
    }
  })

  it('refuses a call without a token: 401 with a Chinese message', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/dashboard.summary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(res.status).toBe(401)
    expectSecurityHeaders(res.headers)
    const body = (await res.json()) as { error: { code: string; message: string }; result?: unknown }
    expect(body.error.code).toBe('unauthorised')
    expect(body.error.message).toMatch(CJK)
    expect(body).not.toHaveProperty('result')
  })

  it('refuses a wrong token, including one that only differs in length or by a character', async () => {
    for (const wrong of ['nope', TOKEN.slice(0, -1), TOKEN + 'x', TOKEN.slice(0, -1) + 'c', TOKEN.toUpperCase()]) {
      const res = await api('dashboard.summary', {}, { 'x-cwr-token': wrong })
      expect(res.status, wrong).toBe(401)
      const body = (await res.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('unauthorised')
      expect(body.error.message).toMatch(CJK)
      expect(JSON.stringify(body)).not.toContain('示范区')
    }
  })

  it('refuses a foreign Host header (DNS rebinding) with 403, for the API and for pages', async () => {
    for (const path of ['/api/dashboard.summary', '/']) {
      const res = await raw(host.port, {
        method: path === '/' ? 'GET' : 'POST',
        path,
        headers: { host: `evil.example:${host.port}`, 'content-type': 'application/json', 'x-cwr-token': TOKEN },
        body: path === '/' ? undefined : '{}',
      })
      expect(res.status, path).toBe(403)
      expectSecurityHeaders(res.headers)
      expect(JSON.parse(res.body).error.message).toMatch(CJK)
      expect(res.body).not.toContain('示范区')
      expect(res.body).not.toContain('<div id="root">')
    }
    // The same raw request with the machine's own name is let through, so the 403 above is about the Host.
    const ok = await raw(host.port, {
      method: 'POST',
      path: '/api/app.info',
      headers: { host: `localhost:${host.port}`, 'content-type': 'application/json', 'x-cwr-token': TOKEN },
      body: '{}',
    })
    expect(ok.status).toBe(200)
    const wrongPort = await raw(host.port, {
      method: 'POST',
      path: '/api/app.info',
      headers: { host: `127.0.0.1:${host.port + 1}`, 'content-type': 'application/json', 'x-cwr-token': TOKEN },
      body: '{}',
    })
    expect(wrongPort.status).toBe(403)
  })

  it('refuses a call from a foreign Origin with 403, even with the right token', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${host.port}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const res = await api('dashboard.summary', {}, { origin })
      expect(res.status, origin).toBe(403)
      expectSecurityHeaders(res.headers)
      const body = (await res.json()) as { error: { code: string; message: string } }
      expect(body.error.message).toMatch(CJK)
      expect(JSON.stringify(body)).not.toContain('示范区')
    }
    const own = await api('app.info', {}, { origin: `http://127.0.0.1:${host.port}` })
    expect(own.status).toBe(200)
  })

  it('answers GET on the API with 405', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/x`, { headers: { 'x-cwr-token': TOKEN } })
    expect(res.status).toBe(405)
    expectSecurityHeaders(res.headers)
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(CJK)
  })

  it('answers a body that is not declared JSON with 415', async () => {
    const res = await api('dashboard.summary', '{}', { 'content-type': 'text/plain' })
    expect(res.status).toBe(415)
    expectSecurityHeaders(res.headers)
    const form = await api('dashboard.summary', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
  })

  it('answers invalid JSON with 400 and writes nothing', async () => {
    const before = tableFingerprint(reg.ctx.sqlite)
    const res = await api('children.create', '{"name": "张三", "idNumber": ')
    expect(res.status).toBe(400)
    expectSecurityHeaders(res.headers)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.message).toMatch(CJK)
    expect(tableFingerprint(reg.ctx.sqlite)).toBe(before)
  })

  it('answers a payload that does not fit the contract with 400, Chinese issues, and writes nothing', async () => {
    const before = tableFingerprint(reg.ctx.sqlite)
    const res = await api('divisions.setDistrict', { name: 42 })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; issues: string[] } }
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.issues.length).toBeGreaterThan(0)
    expect(body.error.issues.join('\n')).toMatch(CJK)
    expect(tableFingerprint(reg.ctx.sqlite)).toBe(before)
  })

  it('answers a body over 2 MiB with 413', async () => {
    const res = await api('children.list', JSON.stringify({ search: 'x'.repeat(3 * 1024 * 1024) }))
    expect(res.status).toBe(413)
    expectSecurityHeaders(res.headers)
  })

  it('never processes a body over 2 MiB, and keeps serving afterwards', async () => {
    const before = tableFingerprint(reg.ctx.sqlite)
    const huge = JSON.stringify({ name: '张三', idNumber: '420102201501010011', villageCode: '1', categories: [], notes: ' '.repeat(3 * 1024 * 1024) })
    const outcome = await api('children.create', huge).then(
      (res) => res.status,
      () => 'connection closed',
    )
    expect([413, 'connection closed']).toContain(outcome)
    expect(tableFingerprint(reg.ctx.sqlite)).toBe(before)
    const after = await api('app.info', {})
    expect(after.status).toBe(200)
  })

  it('accepts a body just under 2 MiB', async () => {
    const padded = `{"search": "zz"${' '.repeat(2 * 1024 * 1024 - 64)}}`
    const res = await api('children.list', padded)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { result: { total: number } }
    expect(typeof body.result.total).toBe('number')
  })

  it('answers an unknown call with 404', async () => {
    const res = await api('children.delete', {})
    expect(res.status).toBe(404)
    expectSecurityHeaders(res.headers)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('unknown_call')
    expect(body.error.message).toMatch(CJK)
    const proto = await api('__proto__', {})
    expect(proto.status).toBe(404)
  })
})

describe('loopback host: pages', () => {
  it('serves index.html at / with the security headers', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/?token=${TOKEN}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expectSecurityHeaders(res.headers)
    expect(await res.text()).toBe(indexHtml)
  })

  it('serves an asset with a JavaScript content type', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/assets/a.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^(text|application)\/javascript/)
    expectSecurityHeaders(res.headers)
    expect(await res.text()).toBe('console.log("asset a")\n')
  })

  it('falls back to the app page for paths that are not files', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/children/12`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(indexHtml)
  })

  it('never serves a file outside the renderer folder', async () => {
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..\\secret.txt',
      '/%2e%2e%5csecret.txt',
      `/${'../'.repeat(12)}etc/passwd`,
      '/%00/../secret.txt',
      '/%E0%A4%A/../secret.txt',
    ]
    for (const path of attempts) {
      const res = await raw(host.port, { path, headers: { host: `127.0.0.1:${host.port}` } })
      expect(res.body, path).not.toContain('OUTSIDE-THE-RENDERER')
      expect(res.body, path).not.toContain('root:')
      expect([200, 400, 403, 404], path).toContain(res.status)
      if (res.status === 200) expect(res.body, path).toBe(indexHtml)
      expectSecurityHeaders(res.headers)
    }
    // The secret really is one level up, so the attempts above aimed at something.
    expect(readFileSync(join(rendererFolder, '..', 'secret.txt'), 'utf8')).toBe('OUTSIDE-THE-RENDERER')
  })

  it('refuses other methods than GET and HEAD on pages with 405', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`, { method: 'POST', body: 'x' })
    expect(res.status).toBe(405)
    expectSecurityHeaders(res.headers)
  })

  it('answers 503 with the security headers when the renderer is not built', async () => {
    const res = await fetch(`http://127.0.0.1:${bare.port}/`)
    expect(res.status).toBe(503)
    expectSecurityHeaders(res.headers)
    expect(await res.text()).toMatch(CJK)
    // The API still works without the renderer.
    const call = await fetch(`http://127.0.0.1:${bare.port}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cwr-token': TOKEN },
      body: '{}',
    })
    expect(call.status).toBe(200)
    expectSecurityHeaders(call.headers)
  })
})
