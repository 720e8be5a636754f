import { afterEach, describe, expect, it } from 'vitest'
import { contract, OPEN_WHILE_LOCKED, type CallName } from '../../../src/contract'
import { dispatch } from '../../../src/core/dispatch'
import {
  hashSecret,
  newRecoveryCode,
  normaliseRecoveryCode,
  parseHash,
  passwordProblems,
  verifySecret,
} from '../../../src/core/security/password-hash'
import { openTempRegistry, type TempRegistry } from '../../support/temp-registry'

const PASSWORD = '民政局2026secure'
let reg: TempRegistry | undefined
afterEach(() => reg?.cleanup())

async function call(name: CallName, input: unknown = {}) {
  return dispatch(reg!.ctx, name, input, { validateOutput: true })
}
async function result<T>(name: CallName, input: unknown = {}): Promise<T> {
  const answer = await call(name, input)
  if ('error' in answer) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`)
  return answer.result as T
}
type Outcome = { ok: boolean; value?: { recoveryCode: string }; problems?: { field?: string; message: string }[] }

describe('password hashes', () => {
  it('are salted scrypt with their parameters recorded, and verify only the right secret', async () => {
    const a = await hashSecret('correct horse')
    const b = await hashSecret('correct horse')
    expect(a).toMatch(/^scrypt\$N=32768,r=8,p=1,len=32\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    expect(a).not.toBe(b) // a fresh salt each time
    expect(a).not.toContain('correct')
    expect(await verifySecret('correct horse', a)).toBe(true)
    expect(await verifySecret('correct horse ', a)).toBe(false)
    expect(await verifySecret('Correct horse', a)).toBe(false)
  })

  it('are checked with the parameters they were written with', async () => {
    const cheap = await hashSecret('口令', { N: 1024, r: 8, p: 1, len: 32 })
    expect(parseHash(cheap)?.params).toEqual({ N: 1024, r: 8, p: 1, len: 32 })
    expect(await verifySecret('口令', cheap)).toBe(true)
  })

  it('refuse text that is not a hash we wrote, or asks for an absurd cost', async () => {
    for (const junk of ['', 'plain', 'scrypt$N=3,r=8,p=1,len=32$AAAAAAAAAAAAAAAA$AAAA', 'scrypt$N=4194304,r=8,p=1,len=32$AAAAAAAAAAAAAAAAAAAAAA==$AAAA']) {
      expect(parseHash(junk)).toBeNull()
      expect(await verifySecret('x', junk)).toBe(false)
    }
  })

  it('recovery codes read back however the clerk types them', () => {
    const code = newRecoveryCode()
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/)
    expect(normaliseRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code)
    expect(normaliseRecoveryCode('o1IL-0000-0000-0000-0000')).toBe('0111-0000-0000-0000-0000')
  })

  it('passwords need 8 characters, not all the same', () => {
    expect(passwordProblems('1234567')).toHaveLength(1)
    expect(passwordProblems('aaaaaaaa')).toHaveLength(1)
    expect(passwordProblems(PASSWORD)).toEqual([])
  })
})

describe('the app lock', () => {
  it('with no password the app works as before, and status says so', async () => {
    reg = await openTempRegistry({ seed: true })
    expect(await result('lock.status')).toMatchObject({ passwordSet: false, locked: false, idleMinutes: 15 })
    expect('result' in (await call('children.list', {}))).toBe(true)
    // lock.lock without a password locks nothing
    await result('lock.lock')
    expect('result' in (await call('dashboard.summary', {}))).toBe(true)
  })

  it('stores only hashes, refuses a wrong password, and refuses every other call while locked', async () => {
    reg = await openTempRegistry({ seed: true })
    const set = await result<Outcome>('lock.setPassword', { newPassword: PASSWORD })
    expect(set.ok).toBe(true)
    const row = reg.ctx.sqlite.prepare('SELECT * FROM app_lock').get() as Record<string, string>
    expect(row.password_hash).toMatch(/^scrypt\$N=\d+,r=\d+,p=\d+,len=\d+\$/)
    expect(row.recovery_hash).toMatch(/^scrypt\$/)
    expect(JSON.stringify(row)).not.toContain(PASSWORD)
    expect(JSON.stringify(row)).not.toContain((set as { value: { recoveryCode: string } }).value.recoveryCode)
    // setting it leaves the clerk's session open
    expect(await result('lock.status')).toMatchObject({ passwordSet: true, locked: false })

    await result('lock.lock')
    expect(await result('lock.status')).toMatchObject({ passwordSet: true, locked: true })
    const open = new Set(OPEN_WHILE_LOCKED)
    const refused: string[] = []
    for (const name of Object.keys(contract) as CallName[]) {
      if (open.has(name)) continue
      const answer = await call(name, {})
      if ('error' in answer && answer.error.code === 'locked') {
        expect(answer.error.message).toContain('已锁定')
        refused.push(name)
      }
    }
    expect(refused.sort()).toEqual((Object.keys(contract) as string[]).filter((n) => !open.has(n)).sort())
    expect('result' in (await call('app.info', {}))).toBe(true)

    const wrong = await result<Outcome>('lock.unlock', { password: 'not-the-password' })
    expect(wrong).toEqual({ ok: false, problems: [{ field: 'password', message: '密码不正确，请重新输入。' }] })
    expect(await result('lock.status')).toMatchObject({ locked: true })
    expect((await call('children.list', {})) as { error?: { code: string } }).toMatchObject({ error: { code: 'locked' } })

    expect((await result<Outcome>('lock.unlock', { password: PASSWORD })).ok).toBe(true)
    expect(await result('lock.status')).toMatchObject({ locked: false })
    const list = await result<{ total: number }>('children.list', {})
    expect(list.total).toBeGreaterThan(0)
  })

  it('starts locked when the registry is opened again', async () => {
    reg = await openTempRegistry({ seed: false })
    await result('lock.setPassword', { newPassword: PASSWORD })
    reg.ctx.conn.close()
    const { openRegistry } = await import('../../../src/core/registry')
    const again = await openRegistry(reg.file)
    try {
      expect(await dispatch(again, 'dashboard.summary', {})).toMatchObject({ error: { code: 'locked' } })
      expect(await dispatch(again, 'lock.unlock', { password: PASSWORD })).toMatchObject({ result: { ok: true } })
      expect('result' in (await dispatch(again, 'dashboard.summary', {}))).toBe(true)
    } finally {
      again.conn.close()
    }
  })

  it('locks itself after 15 minutes without a call', async () => {
    let now = new Date('2026-11-23T09:00:00+08:00').getTime()
    reg = await openTempRegistry({ clock: () => new Date(now) })
    await result('lock.setPassword', { newPassword: PASSWORD })
    now += 14 * 60_000
    expect('result' in (await call('dashboard.summary', {}))).toBe(true)
    now += 14 * 60_000 // 28 minutes after setting, 14 after the last call
    expect('result' in (await call('dashboard.summary', {}))).toBe(true)
    now += 15 * 60_000 + 1000
    expect(await call('dashboard.summary', {})).toMatchObject({ error: { code: 'locked' } })
    expect(await result('lock.status')).toMatchObject({ locked: true })
  })

  it('changing the password needs the current one', async () => {
    reg = await openTempRegistry()
    await result('lock.setPassword', { newPassword: PASSWORD })
    const without = await result<Outcome>('lock.setPassword', { newPassword: 'another-pass-1' })
    expect(without.ok).toBe(false)
    const wrong = await result<Outcome>('lock.setPassword', { currentPassword: 'nope-nope-1', newPassword: 'another-pass-1' })
    expect(wrong).toMatchObject({ ok: false, problems: [{ field: 'currentPassword' }] })
    const weak = await result<Outcome>('lock.setPassword', { currentPassword: PASSWORD, newPassword: 'short' })
    expect(weak).toMatchObject({ ok: false, problems: [{ field: 'newPassword', message: '密码至少8位。' }] })
    expect((await result<Outcome>('lock.setPassword', { currentPassword: PASSWORD, newPassword: 'another-pass-1' })).ok).toBe(true)
    await result('lock.lock')
    expect((await result<Outcome>('lock.unlock', { password: PASSWORD })).ok).toBe(false)
    expect((await result<Outcome>('lock.unlock', { password: 'another-pass-1' })).ok).toBe(true)
  })

  it('a recovery code sets a new password once, and a new code replaces it', async () => {
    reg = await openTempRegistry()
    const set = (await result<Outcome>('lock.setPassword', { newPassword: PASSWORD })) as { value: { recoveryCode: string } }
    const code = set.value.recoveryCode
    await result('lock.lock')
    const used = await result<Outcome>('lock.recover', { recoveryCode: code.toLowerCase(), newPassword: 'forgot-it-2026' })
    expect(used.ok).toBe(true)
    const next = (used as { value: { recoveryCode: string } }).value.recoveryCode
    expect(next).not.toBe(code)
    expect(await result('lock.status')).toMatchObject({ locked: false })
    await result('lock.lock')
    const again = await result<Outcome>('lock.recover', { recoveryCode: code, newPassword: 'second-try-2026' })
    expect(again).toMatchObject({ ok: false, problems: [{ field: 'recoveryCode' }] })
    expect((await result<Outcome>('lock.unlock', { password: 'forgot-it-2026' })).ok).toBe(true)
    // the new code works
    await result('lock.lock')
    expect((await result<Outcome>('lock.recover', { recoveryCode: next, newPassword: 'third-pass-2026' })).ok).toBe(true)
  })

  it('slows down guessing after five wrong passwords', async () => {
    let now = Date.parse('2026-11-23T01:00:00Z')
    reg = await openTempRegistry({ clock: () => new Date(now) })
    await result('lock.setPassword', { newPassword: PASSWORD })
    await result('lock.lock')
    for (let i = 0; i < 5; i++) expect((await result<Outcome>('lock.unlock', { password: `wrong-${i}-guess` })).ok).toBe(false)
    const waiting = await result<Outcome>('lock.unlock', { password: PASSWORD })
    expect(waiting).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('秒后再试') }] })
    now += 31_000
    expect((await result<Outcome>('lock.unlock', { password: PASSWORD })).ok).toBe(true)
  })

  it('clearing needs the password; the trail records set, change, recover and clear, never a secret', async () => {
    reg = await openTempRegistry()
    const set = (await result<Outcome>('lock.setPassword', { newPassword: PASSWORD })) as { value: { recoveryCode: string } }
    await result('lock.setPassword', { currentPassword: PASSWORD, newPassword: 'second-pass-1' })
    const recovered = (await result<Outcome>('lock.recover', { recoveryCode: 'AAAA-AAAA-AAAA-AAAA-AAAA', newPassword: 'third-pass-1' }))
    expect(recovered.ok).toBe(false)
    expect((await result<Outcome>('lock.clear', { password: 'wrong-pass-1' })).ok).toBe(false)
    expect((await result<Outcome>('lock.clear', { password: 'second-pass-1' })).ok).toBe(true)
    expect(await result('lock.status')).toMatchObject({ passwordSet: false, locked: false })
    const trail = reg.ctx.sqlite.prepare("SELECT action, before, after FROM audit_log WHERE entity = 'app' ORDER BY id").all()
    expect(trail.map((r) => (r as { action: string }).action)).toEqual(['设置开机密码', '修改开机密码', '取消开机密码'])
    const text = JSON.stringify(reg.ctx.sqlite.prepare('SELECT * FROM audit_log').all())
    for (const secret of [PASSWORD, 'second-pass-1', set.value.recoveryCode, 'scrypt$']) expect(text).not.toContain(secret)
  })
})
