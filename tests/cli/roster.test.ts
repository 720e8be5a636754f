import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonOf, queryFile, runCwr, type Run } from './run-cwr'
import { seedDemoDistrict } from '../../src/core/demo/demo-district'
import { openRegistry } from '../../src/core/registry'
import { readBook } from '../core/exports/read-book'

const CJK = /[\u4e00-\u9fff]/

let folder: string
let demoFile: string
let month: string

const cwr = (...args: string[]): Run => runCwr(folder, ...args)

const query = <T>(sql: string, ...params: unknown[]): T[] => queryFile<T>(demoFile, sql, ...params)

interface RosterJson {
  programme: string
  month: string
  months: number
  status: string
  lines: { township: string; village: string; name: string; idNumber: string; category: string; amountFen: number; months: number; rule: string }[]
  excluded: { name: string; reason: string }[]
  totalFen: number
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-roster-'))
  demoFile = join(folder, 'demo', 'registry.db')
  const ctx = await openRegistry(demoFile, { actor: '测试员' })
  try {
    seedDemoDistrict(ctx)
    month = ctx.today().slice(0, 7)
  } finally {
    ctx.conn.close()
  }
})

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true })
})

describe('cwr roster', () => {
  it('--json gives exactly the issue’s shape, with masked ID numbers, for the demo district', () => {
    const roster = jsonOf<RosterJson>(cwr('--db', demoFile, 'roster', '--programme', 'orphan-basic', '--month', month, '--json'))
    expect(Object.keys(roster)).toEqual(['programme', 'month', 'months', 'status', 'lines', 'excluded', 'totalFen'])
    expect(roster).toMatchObject({ programme: 'orphan-basic', month, months: 1, status: 'draft' })
    // The demo district has orphans with bank accounts, approved months ago: the roster is not empty.
    expect(roster.lines.length).toBeGreaterThan(0)
    for (const line of roster.lines) {
      expect(Object.keys(line)).toEqual(['township', 'village', 'name', 'idNumber', 'category', 'amountFen', 'months', 'rule'])
      expect(line.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
      expect(line.category).toBe('孤儿')
      expect(line.amountFen).toBe(120000)
      expect(line.months).toBe(1)
      expect(line.rule).toContain('孤儿基本生活费 1200元/月 × 1月')
    }
    for (const e of roster.excluded) expect(Object.keys(e)).toEqual(['name', 'reason'])
    expect(roster.totalFen).toBe(roster.lines.reduce((sum, l) => sum + l.amountFen, 0))
    const ids = query<{ id_number: string }>("SELECT id_number FROM children")
    for (const { id_number } of ids) expect(JSON.stringify(roster)).not.toContain(id_number)
  })

  it('--full gives whole ID numbers; --months 3 pays a quarter', () => {
    const roster = jsonOf<RosterJson>(cwr('--db', demoFile, 'roster', '--programme', 'unsupported-basic', '--month', month, '--months', '3', '--json', '--full'))
    expect(roster.months).toBe(3)
    expect(roster.lines.length).toBeGreaterThan(0)
    const known = new Set(query<{ id_number: string }>('SELECT id_number FROM children').map((r) => r.id_number))
    for (const line of roster.lines) {
      expect(line.idNumber).toMatch(/^\d{17}[\dX]$/)
      expect(known.has(line.idNumber)).toBe(true)
    }
  })

  it('--out writes the bureau’s workbook; the table says where', async () => {
    const out = join(folder, '名册.xlsx')
    const run = cwr('--db', demoFile, 'roster', '--programme', 'director-subsidy', '--month', month, '--out', out)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('儿童主任补贴发放花名册（草稿）')
    expect(run.stdout).toContain('合计：')
    expect(run.stdout).toContain(`已导出：${out}`)
    const book = await readBook(out)
    expect(String(book.getWorksheet('发放花名册')!.getCell('A1').value)).toContain('儿童主任补贴发放花名册（草稿）')
  })

  it('standards list shows every programme’s periods', () => {
    const rows = jsonOf<{ programme: string; amountFen: number; effectiveFrom: string; effectiveTo: string | null }[]>(
      cwr('--db', demoFile, 'standards', 'list', '--json'),
    )
    expect(rows.filter((r) => r.programme === 'director-subsidy').map((r) => [r.amountFen, r.effectiveFrom, r.effectiveTo])).toEqual([
      [6000, '2020-01-01', '2025-12-31'],
      [8000, '2026-01-01', null],
    ])
    const table = cwr('--db', demoFile, 'standards', 'list')
    expect(table.status).toBe(0)
    expect(table.stdout).toContain('事实无人抚养儿童基本生活补贴')
    expect(table.stdout).toContain('1200元/月')
  })

  it('mistakes exit 2 before anything is opened; refusals exit 1, in Chinese', () => {
    const never = join(folder, 'never', 'registry.db')
    for (const args of [
      ['roster', '--month', month],
      ['roster', '--programme', 'orphan-basic'],
      ['roster', '--programme', 'orphan-basic', '--month', '2026-13'],
      ['roster', '--programme', 'orphan-basic', '--month', month, '--months', '0'],
      ['roster', '--programme', 'orphan-basic', '--month', month, '--out', 'x.pdf'],
    ]) {
      const run = cwr('--db', never, ...args)
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(CJK)
      expect(run.stdout).toBe('')
    }
    expect(existsSync(join(folder, 'never'))).toBe(false)
    const unknown = cwr('--db', demoFile, 'roster', '--programme', 'no-such', '--month', month)
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toContain('补贴项目「no-such」不存在')
  })
})
