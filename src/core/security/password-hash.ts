import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Secrets (the app password, the recovery code) are stored as text that carries its own parameters:
 *
 *   scrypt$N=32768,r=8,p=1,len=32$<salt, base64>$<key, base64>
 *
 * so a later version can raise the cost and still check hashes written today.
 */
export interface ScryptParams {
  N: number
  r: number
  p: number
  len: number
}

export const DEFAULT_PARAMS: ScryptParams = { N: 32768, r: 8, p: 1, len: 32 }
const SALT_BYTES = 16

function derive(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // N=32768, r=8 needs 32 MiB; Node's default ceiling is exactly that, so allow twice the need.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, params.len, options, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

export async function hashSecret(secret: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(secret, salt, params)
  return `scrypt$N=${params.N},r=${params.r},p=${params.p},len=${params.len}$${salt.toString('base64')}$${key.toString('base64')}`
}

/** The parameters and parts of a stored hash, or null when it is not one we wrote (or its cost is out of bounds). */
export function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const m = /^scrypt\$N=(\d+),r=(\d+),p=(\d+),len=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored)
  if (!m) return null
  const [N, r, p, len] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number]
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0
  if (!powerOfTwo || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16 || len < 16 || len > 64) return null
  const salt = Buffer.from(m[5]!, 'base64')
  const key = Buffer.from(m[6]!, 'base64')
  if (salt.length < 8 || key.length !== len) return null
  return { params: { N, r, p, len }, salt, key }
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored)
  if (!parsed) return false
  const key = await derive(secret, parsed.salt, parsed.params)
  return timingSafeEqual(key, parsed.key)
}

// Crockford's base32: no I, L, O or U, so a code read off paper is not misread.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A recovery code such as "7K3D-QX9M-2HPA-W4TB-E6RN" (100 bits). */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 20 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)])
  return [0, 4, 8, 12, 16].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

/** What the clerk typed, in the form that was hashed: spaces, dashes and case ignored, O read as 0, I and L as 1. */
export function normaliseRecoveryCode(typed: string): string {
  const compact = typed.toUpperCase().replace(/[\s\-－—_]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (compact.length !== 20) return compact
  return [0, 4, 8, 12, 16].map((i) => compact.slice(i, i + 4)).join('-')
}

/** Problems with a proposed password, in words for the clerk (none means acceptable). */
export function passwordProblems(password: string): string[] {
  const problems: string[] = []
  if ([...password].length < 8) problems.push('密码至少8位。')
  if ([...password].length > 64) problems.push('密码最多64位。')
  if (/^\s|\s$/.test(password)) problems.push('密码首尾不能是空格。')
  if (password.length >= 1 && new Set(password).size === 1) problems.push('密码不能全是同一个字符。')
  return problems
}
