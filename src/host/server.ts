import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { CallFailure } from '../contract/errors'
import { MAX_UPLOAD_BASE64 } from '../contract/imports'
import type { ServiceContext } from '../core/context'
import { dispatch } from '../core/dispatch'
import { hostAllowed, originAllowed, SECURITY_HEADERS, tokensMatch } from './security'

export interface HostOptions {
  ctx: ServiceContext
  /** the built renderer (out/renderer); the API works without it */
  rendererFolder?: string
  port?: number
  token?: string
  validateOutput?: boolean
}

export interface RunningHost {
  server: Server
  port: number
  token: string
  /** the address to open, with the token in it */
  url: string
  close(): Promise<void>
}

const MAX_BODY = 2 * 1024 * 1024
/** Uploads carry a whole workbook as base64; every other call stays small. */
const MAX_UPLOAD_BODY = MAX_UPLOAD_BASE64 + 64 * 1024
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

const STATUS_OF: Record<CallFailure['error']['code'], number> = {
  unknown_call: 404,
  invalid_input: 400,
  unauthorised: 401,
  refused: 409,
  internal: 500,
  locked: 423,
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

function fail(res: ServerResponse, code: CallFailure['error']['code'], message: string, status = STATUS_OF[code]): void {
  send(res, status, { error: { code, message } } satisfies CallFailure)
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Past the limit keep draining without storing, so the client still hears the 413.
      if (size > limit) {
        chunks.length = 0
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolveBody(size > limit ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function serveFile(res: ServerResponse, rendererFolder: string | undefined, urlPath: string): void {
  if (!rendererFolder || !existsSync(join(rendererFolder, 'index.html'))) {
    res.writeHead(503, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
    res.end('界面尚未构建：请先运行 npm run build（npm start 会自动构建）。')
    return
  }
  const root = resolve(rendererFolder)
  let relative: string
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    relative = '/'
  }
  const candidate = normalize(join(root, relative))
  const inside = candidate === root || candidate.startsWith(root + sep)
  const isFile = inside && existsSync(candidate) && statSync(candidate).isFile()
  // Unknown paths fall back to the app page; the app routes by hash, so only assets are real files.
  const file = isFile ? candidate : join(root, 'index.html')
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  })
  createReadStream(file).pipe(res)
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('hex')
  let port = 0
  const server = createServer(async (req, res) => {
    try {
      if (!hostAllowed(req.headers.host, port)) return fail(res, 'unauthorised', '拒绝访问：请求的主机名不是本机。', 403)
      const url = req.url ?? '/'
      if (!url.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 'unknown_call', '不支持的请求方法。', 405)
        return serveFile(res, options.rendererFolder, url)
      }
      if (req.method !== 'POST') return fail(res, 'unknown_call', '接口只接受 POST 请求。', 405)
      if (!originAllowed(req.headers.origin, port)) return fail(res, 'unauthorised', '拒绝访问：请求来自其他网站。', 403)
      const given = req.headers['x-cwr-token']
      if (!tokensMatch(token, Array.isArray(given) ? given[0] : given)) {
        return fail(res, 'unauthorised', '访问口令无效：请使用程序启动时显示的完整地址打开。')
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return fail(res, 'invalid_input', '请求内容必须是 JSON。', 415)
      }
      const name = url.slice('/api/'.length).split('?')[0] ?? ''
      const body = await readBody(req, name === 'imports.upload' ? MAX_UPLOAD_BODY : MAX_BODY)
      if (body === null) return fail(res, 'invalid_input', '请求内容过大。', 413)
      let payload: unknown
      try {
        payload = body.trim() ? JSON.parse(body) : {}
      } catch {
        return fail(res, 'invalid_input', '请求内容不是有效的 JSON，未做任何修改。')
      }
      const answer = await dispatch(options.ctx, name, payload, {
        validateOutput: options.validateOutput,
        onFault: (call, error) => console.error(`[host] ${call} 出错：${error instanceof Error ? error.name : 'Error'}`),
      })
      if ('error' in answer) return send(res, STATUS_OF[answer.error.code], answer)
      return send(res, 200, answer)
    } catch {
      if (!res.headersSent) fail(res, 'internal', '程序内部错误，操作未完成。')
    }
  })
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  port = (server.address() as AddressInfo).port
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}
