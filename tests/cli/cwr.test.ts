import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonOf, queryFile, runCwr, type Run } from './run-cwr'
import type { ChildRow, Division } from '../../src/contract'
import { seedDemoDistrict } from '../../src/core/demo/demo-district'
import { openRegistry } from '../../src/core/registry'

const CJK = /[\u4e00-\u9fff]/

let folder: string
let demoFile: string

const cwr = (...args: string[]): Run => runCwr(folder, ...args)

const query = <T>(sql: string, ...params: unknown[]): T[] => queryFile<T>(demoFile, sql, ...params)

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-cli-'))
  demoFile = join(folder, 'demo', 'registry.db')
  const ctx = await openRegistry(demoFile, { actor: '测试员' })
  try {
    seedDemoDistrict(ctx)
  } finally {
    ctx.conn.close()
  }
})

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true })
})

describe('cwr: setting up', () => {
  it('init makes an empty registry whose children list is exactly []', () => {
    const file = join(folder, 'fresh', 'registry.db')
    const init = cwr('--db', file, 'init')
    expect(init.status).toBe(0)
    expect(init.stderr).toBe('')
    expect(init.stdout).toContain(file)
    expect(init.stdout).toMatch(CJK)
    expect(existsSync(file)).toBe(true)

    const list = cwr('--db', file, 'children', 'list', '--json')
    expect(list.status).toBe(0)
    expect(list.stdout.trim()).toBe('[]')
    expect(JSON.parse(list.stdout)).toEqual([])
  })

  it('init --district --code sets the district with its 12-digit code', () => {
    const file = join(folder, 'district', 'registry.db')
    const init = cwr('--db', file, 'init', '--district', '示范区', '--code', '420102')
    expect(init.status).toBe(0)
    const divisions = jsonOf<Division[]>(cwr('--db', file, 'divisions', 'list', '--json'))
    expect(divisions).toEqual([
      { code: '420102000000', name: '示范区', level: 'district', parentCode: null, codeGenerated: false, retiredOn: null },
    ])
  })
  it('init with a district code the service refuses exits 1 and says why', () => {
    const file = join(folder, 'bad-code', 'registry.db')
    const run = cwr('--db', file, 'init', '--district', '示范区', '--code', '12')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('区县代码应为6位数字')
    expect(existsSync(file)).toBe(false)
  })
})

describe('cwr: mistakes on the command line', () => {
  it('an unknown command exits 2 with the usage on stderr', () => {
    const run = cwr('--db', join(folder, 'never', 'registry.db'), 'children', 'delete')
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('未知的命令：children delete')
    expect(run.stderr).toContain('用法：cwr')
    expect(existsSync(join(folder, 'never'))).toBe(false)
  })

  it('an unknown option exits 2 with a Chinese message and the usage', () => {
    const run = cwr('--db', join(folder, 'never', 'registry.db'), 'children', 'list', '--colour')
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('未知的选项：--colour')
    expect(run.stderr).toContain('用法：cwr')
    expect(existsSync(join(folder, 'never'))).toBe(false)
  })

  it('a command on a database file that is not there exits 1 and creates nothing', () => {
    const missing = join(folder, 'missing', 'sub', 'registry.db')
    const run = cwr('--db', missing, 'children', 'list')
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(CJK)
    expect(run.stderr).toContain('找不到数据库文件')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(missing)).toBe(false)
    expect(existsSync(join(folder, 'missing'))).toBe(false)
  })
})

describe('cwr children list on the demo district', () => {
  let all: ChildRow[]
  let active: { id: number; id_number: string; name: string; name_initials: string }[]

  beforeAll(() => {
    all = jsonOf<ChildRow[]>(cwr('--db', demoFile, 'children', 'list', '--json'))
    active = query("SELECT id, id_number, name, name_initials FROM children WHERE status = 'active' ORDER BY id")
  })

  it('lists every child in the register, with masked ID numbers', () => {
    expect(all.length).toBeGreaterThan(0)
    expect(all.map((r) => r.id).sort((a, b) => a - b)).toEqual(active.map((c) => c.id))
    const full = new Map(active.map((c) => [c.id, c.id_number]))
    for (const row of all) {
      expect(row.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
      expect(row).not.toHaveProperty('idNumber')
      const id = full.get(row.id)!
      expect(row.idNumberMasked.slice(0, 4) + row.idNumberMasked.slice(-4)).toBe(id.slice(0, 4) + id.slice(-4))
    }
    expect(JSON.stringify(all)).not.toContain(active[0]!.id_number)
  })

  it('--full gives the whole 18-character numbers', () => {
    const rows = jsonOf<ChildRow[]>(cwr('--db', demoFile, 'children', 'list', '--json', '--full'))
    expect(rows.length).toBe(active.length)
    const full = new Map(active.map((c) => [c.id, c.id_number]))
    for (const row of rows) {
      expect(row.idNumber).toMatch(/^\d{17}[\dX]$/)
      expect(row.idNumber).toBe(full.get(row.id))
    }
  })

  it('--township filters to that township', () => {
    const rows = jsonOf<ChildRow[]>(cwr('--db', demoFile, 'children', 'list', '--json', '--township', '城关镇'))
    const [{ n }] = query<{ n: number }>(
      `SELECT count(*) AS n FROM children c JOIN divisions v ON v.code = c.village_code
         JOIN divisions t ON t.code = v.parent_code WHERE t.name = ? AND c.status = 'active'`,
      '城关镇',
    ) as [{ n: number }]
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(active.length)
    expect(rows.length).toBe(n)
    for (const row of rows) expect(row.townshipName).toBe('城关镇')
  })

  it('an unknown township exits 1 and names the townships there are', () => {
    const run = cwr('--db', demoFile, 'children', 'list', '--township', '不存在镇')
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('找不到乡镇/街道「不存在镇」')
    for (const name of ['城关镇', '青山乡', '白沙街道']) expect(run.stderr).toContain(name)
  })

  it('--category takes an alias (留守 → 农村留守儿童)', () => {
    const rows = jsonOf<ChildRow[]>(cwr('--db', demoFile, 'children', 'list', '--json', '--category', '留守'))
    const [{ n }] = query<{ n: number }>(
      `SELECT count(*) AS n FROM children c WHERE c.status = 'active' AND EXISTS
         (SELECT 1 FROM child_categories cc WHERE cc.child_id = c.id AND cc.category_code = 'left-behind' AND cc.until IS NULL)`,
    ) as [{ n: number }]
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(active.length)
    expect(rows.length).toBe(n)
    for (const row of rows) expect(row.categories).toContain('农村留守儿童')
  })

  it('--search with the pinyin initials of a name finds that child', () => {
    // The child whose initials are shared by the fewest others, so the search visibly narrows the list.
    const counts = new Map<string, number>()
    for (const c of active) counts.set(c.name_initials, (counts.get(c.name_initials) ?? 0) + 1)
    const target = [...active].sort((a, b) => counts.get(a.name_initials)! - counts.get(b.name_initials)! || a.id - b.id)[0]!
    expect(target.name_initials).toMatch(/^[a-z]{2,3}$/)
    const rows = jsonOf<ChildRow[]>(cwr('--db', demoFile, 'children', 'list', '--json', '--search', target.name_initials))
    expect(rows.map((r) => r.id)).toContain(target.id)
    expect(rows.find((r) => r.id === target.id)?.name).toBe(target.name)
    expect(rows.length).toBeLessThan(active.length)
    const initials = new Map(active.map((c) => [c.id, c.name_initials]))
    for (const row of rows) expect(initials.get(row.id)!.startsWith(target.name_initials)).toBe(true)
  })
})
