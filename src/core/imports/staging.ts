import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { ServiceContext } from '../context'

export interface StagedFile {
  id: string
  fileName: string
  path: string
  sha256: string
  size: number
}

/** Uploaded files wait beside the bureau's database (personal data stays in its folder), one folder each. */
export function stagingFolder(ctx: ServiceContext): string {
  return join(dirname(ctx.conn.file), 'imports')
}

/** Names arrive from a browser or a mail client: keep the visible name, drop any path and odd characters. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_').slice(0, 120)
  return base && base !== '.' && base !== '..' ? base : '未命名文件'
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function stageFile(ctx: ServiceContext, fileName: string, bytes: Buffer): StagedFile {
  const id = randomBytes(12).toString('hex')
  const folder = join(stagingFolder(ctx), id)
  mkdirSync(folder, { recursive: true })
  const name = safeFileName(fileName)
  const path = join(folder, name)
  writeFileSync(path, bytes)
  return { id, fileName: name, path, sha256: sha256Of(bytes), size: bytes.length }
}

export function findStaged(ctx: ServiceContext, id: string): StagedFile | null {
  if (!/^[0-9a-f]{24}$/.test(id)) return null
  const folder = join(stagingFolder(ctx), id)
  if (!existsSync(folder)) return null
  const name = readdirSync(folder).find((f) => !f.startsWith('.') && !f.endsWith('.错误说明.xlsx'))
  if (!name) return null
  const path = join(folder, name)
  const bytes = readFileSync(path)
  return { id, fileName: name, path, sha256: sha256Of(bytes), size: bytes.length }
}

export function discardStaged(ctx: ServiceContext, id: string): void {
  if (/^[0-9a-f]{24}$/.test(id)) rmSync(join(stagingFolder(ctx), id), { recursive: true, force: true })
}

/** Staged files older than a day are leftovers of an abandoned preview. */
export function sweepStaging(ctx: ServiceContext, now = Date.now()): void {
  const root = stagingFolder(ctx)
  if (!existsSync(root)) return
  for (const entry of readdirSync(root)) {
    const path = join(root, entry)
    try {
      if (now - statSync(path).mtimeMs > 24 * 3600 * 1000) rmSync(path, { recursive: true, force: true })
    } catch {
      // a file another program holds open is left for the next sweep
    }
  }
}
