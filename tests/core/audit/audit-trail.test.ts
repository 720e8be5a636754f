import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditPage, CallName, ChildDetail, FileDownload, Input } from '../../../src/contract'
import { describeEntry, maskNumbersIn } from '../../../src/core/audit/describe'
import { dispatch } from '../../../src/core/dispatch'
import { maskIdNumber, maskPhone } from '../../../src/core/shared/id-number'
import { dataRows, readBook, rowValues } from '../exports/read-book'
import { openTempRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
let now = Date.parse('2026-11-20T02:00:00Z')

async function result<T>(name: CallName, input: unknown, actor?: string): Promise<T> {
  const saved = reg.ctx.actor
  if (actor) (reg.ctx as { actor: string }).actor = actor
  try {
    const answer = await dispatch(reg.ctx, name, input, { validateOutput: true })
    if ('error' in answer) throw new Error(`${name}: ${answer.error.message} ${answer.error.issues?.join(' | ') ?? ''}`)
    return answer.result as T
  } finally {
    ;(reg.ctx as { actor: string }).actor = saved
  }
}
const list = (query: Input<'audit.list'>) => result<AuditPage>('audit.list', query)

let child: ChildDetail
const NEW_PHONE = '13912345678'
const NEW_BANK = '6217001234567890123'

beforeAll(async () => {
  reg = await openTempRegistry({ seed: true, clock: () => new Date(now) })
  const first = reg.ctx.sqlite.prepare('SELECT id FROM children ORDER BY id LIMIT 1').pluck().get() as number
  child = await result<ChildDetail>('children.get', { id: first })
  now = Date.parse('2026-11-22T03:00:00Z')
  // 王科员 edits the child's phone and bank account two days after the demo was set up.
  const edited = await result<{ ok: boolean }>(
    'children.update',
    {
      id: child.id,
      name: child.name,
      idNumber: child.idNumber,
      villageCode: child.villageCode,
      categories: child.categories.map((c) => c.code),
      address: child.address,
      guardianName: child.guardianName,
      guardianRelation: child.guardianRelation,
      guardianPhone: NEW_PHONE,
      bankAccount: NEW_BANK,
      registeredOn: child.registeredOn,
      notes: child.notes,
    },
    '王科员',
  )
  expect(edited.ok).toBe(true)
})
afterAll(() => reg?.cleanup())

describe('audit.list', () => {
  it('lists every write newest first, with who and what in words', async () => {
    const page = await list({})
    const total = reg.ctx.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number
    expect(page.total).toBe(total)
    expect(page.rows[0]).toMatchObject({ actor: '王科员', action: '修改儿童信息', entity: 'child', entityName: '困境儿童', subject: child.name })
    expect(page.actors).toEqual(expect.arrayContaining(['王科员', '测试员']))
  })

  it('masks ID numbers, phones and bank accounts unless asked for them whole', async () => {
    const masked = (await list({ actor: '王科员' })).rows[0]!
    expect(masked.changes).toContain(`监护人电话：${maskPhone(child.guardianPhone)} → ${maskPhone(NEW_PHONE)}`)
    expect(masked.changes.some((c) => c.startsWith('银行账号：') && c.endsWith(maskIdNumber(NEW_BANK)))).toBe(true)
    const text = JSON.stringify(await list({ pageSize: 200 }))
    expect(text).not.toContain(child.idNumber)
    expect(text).not.toContain(NEW_PHONE)
    expect(text).not.toContain(NEW_BANK)
    expect(text).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/)
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)

    const whole = (await list({ actor: '王科员', fullNumbers: true })).rows[0]!
    expect(whole.changes).toContain(`监护人电话：${child.guardianPhone} → ${NEW_PHONE}`)
  })

  it('filters by person, by date and by child', async () => {
    expect((await list({ actor: '王科员' })).total).toBe(1)
    expect((await list({ actor: '无此人' })).total).toBe(0)
    // Dates are the clerk's calendar days: the edit happened on 2026-11-22 (11:00 in Beijing).
    expect((await list({ from: '2026-11-22', to: '2026-11-22', entity: 'child' })).rows.map((r) => r.actor)).toEqual(['王科员'])
    expect((await list({ to: '2026-11-21' })).rows.every((r) => r.actor === '测试员')).toBe(true)
    expect((await list({ from: '2026-11-23' })).total).toBe(0)

    const byId = await list({ childId: child.id })
    expect(byId.rows.map((r) => r.action)).toEqual(['修改儿童信息', '新增儿童'])
    expect((await list({ child: child.name })).rows.map((r) => r.entityId)).toContain(String(child.id))
    expect((await list({ child: child.idNumber })).total).toBe(2)
    expect((await list({ child: '查无此人' })).total).toBe(0)
    expect((await list({ entity: 'division' })).rows.every((r) => r.entityName === '区划')).toBe(true)
  })

  it('pages', async () => {
    const all = await list({ pageSize: 200 })
    const second = await list({ page: 2, pageSize: 5 })
    expect(second.rows.map((r) => r.id)).toEqual(all.rows.slice(5, 10).map((r) => r.id))
  })

  it('cannot change the trail: the table refuses updates and deletes', () => {
    expect(() => reg.ctx.sqlite.prepare('UPDATE audit_log SET actor = ?').run('x')).toThrow(/不可修改/)
    expect(() => reg.ctx.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/不可删除/)
  })
})

describe('exports.audit', () => {
  it('writes the filtered trail, masked, as a workbook', async () => {
    const file = await result<FileDownload>('exports.audit', { child: child.name })
    expect(file.fileName).toMatch(/^操作日志-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const path = join(reg.folder, file.fileName)
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'))
    const book = await readBook(path)
    const sheet = book.getWorksheet('操作日志')!
    expect(String(sheet.getCell('A1').value)).toContain('操作日志')
    expect(rowValues(sheet, 3)).toEqual(['序号', '时间', '操作人', '操作', '对象类型', '对象', '变更内容'])
    const rows = dataRows(sheet).map((r) => rowValues(sheet, r, 7))
    expect(rows[0]!.slice(0, 6)).toEqual([1, '2026-11-22 ' + localClock('2026-11-22T03:00:00Z'), '王科员', '修改儿童信息', '困境儿童', child.name])
    expect(String(rows[0]![6])).toContain(`监护人电话：${maskPhone(child.guardianPhone)} → ${maskPhone(NEW_PHONE)}`)
    const everything = JSON.stringify(rows)
    expect(everything).not.toContain(NEW_PHONE)
    expect(everything).not.toContain(child.idNumber)
  })

  it('a full export is confirmed by the caller and written to the trail', async () => {
    const before = (await list({ entity: 'export' })).total
    const file = await result<FileDownload>('exports.audit', { actor: '王科员', fullNumbers: true })
    const path = join(reg.folder, 'full.xlsx')
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'))
    const sheet = (await readBook(path)).getWorksheet('操作日志')!
    expect(JSON.stringify(dataRows(sheet).map((r) => rowValues(sheet, r)))).toContain(NEW_PHONE)
    const trail = await list({ entity: 'export' })
    expect(trail.total).toBe(before + 1)
    expect(trail.rows[0]).toMatchObject({ action: '导出完整身份证号（导出操作日志）', actor: '测试员' })
    expect(trail.rows[0]!.changes).toContain(`文件名：${file.fileName}`)
  })
})

describe('full-number exports and views leave a line in the trail; masked ones do not', () => {
  it.each([
    ['exports.children', { fullNumbers: true }, '导出完整身份证号（导出困境儿童名册）'],
    ['exports.staff', { kind: 'directors', fullNumbers: true }, '导出完整身份证号（导出儿童督导员/儿童主任名册）'],
    ['children.list', { fullNumbers: true, search: child?.idNumber ?? '4201' }, '查看完整身份证号（查看儿童列表）'],
  ] as const)('%s', async (name, input, action) => {
    const count = () => reg.ctx.sqlite.prepare("SELECT count(*) FROM audit_log WHERE entity = 'export'").pluck().get() as number
    const before = count()
    await result(name, { ...input, fullNumbers: false })
    expect(count()).toBe(before)
    await result(name, input)
    expect(count()).toBe(before + 1)
    const row = reg.ctx.sqlite.prepare("SELECT * FROM audit_log WHERE entity = 'export' ORDER BY id DESC LIMIT 1").get() as Record<string, string>
    expect(row.action).toBe(action)
    expect(row.actor).toBe('测试员')
    // the scope is kept, a typed ID number in it masked
    expect(row.after).not.toMatch(/\d{17}[\dX]/)
  })
})

describe('describing changes', () => {
  it('masks numbers inside free text but keeps division codes and amounts', () => {
    expect(maskNumbersIn('张三 420102201501010011 电话13800138000 卡号6217000000000000123 村420102901901')).toBe(
      `张三 ${maskIdNumber('420102201501010011')} 电话138****8000 卡号${maskIdNumber('6217000000000000123')} 村420102901901`,
    )
    expect(describeEntry({ totalFen: 12345678901, notes: '' }, { totalFen: 13800138000, notes: '见13800138000' }, { full: false })).toEqual([
      '备注：（空） → 见138****8000',
      '金额合计（分）：12345678901 → 13800138000',
    ])
  })

  it('reads a creation as its fields, a change as before → after', () => {
    expect(describeEntry(null, { id: 3, name: '李四', idNumber: '420102201501010011', createdAt: 'x' }, { full: false })).toEqual([
      '姓名：李四',
      `身份证号：${maskIdNumber('420102201501010011')}`,
    ])
  })
})

function localClock(iso: string): string {
  const at = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
}
