import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCwr, type Run } from './run-cwr'
import type { ServicesReport, StaleReport } from '../../src/contract'
import { addReview, deliverService, planService } from '../../src/core/followup/followup-service'
import { openRegistry } from '../../src/core/registry'
import { buildFollowupDistrict, ok } from '../core/followup/support'

let folder: string
let file: string
let children: ReturnType<typeof buildFollowupDistrict>['children']

const cwr = (...args: string[]): Run => runCwr(folder, ...args)

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-followup-cli-'))
  file = join(folder, 'registry.db')
  const ctx = await openRegistry(file, { actor: '测试员', clock: () => new Date('2026-11-23T09:30:00') })
  try {
    children = buildFollowupDistrict(ctx).children
    ok(addReview(ctx, { childId: children.c1, reviewedOn: '2026-08-10', reviewer: '李梅', quarter: '', noChange: true, changes: '' }))
    ok(planService(ctx, { childId: children.c1, serviceCode: 'counselling', plannedOn: '2026-02-01', provider: '', notes: '' }))
    ok(planService(ctx, { childId: children.c4, serviceCode: 'counselling', plannedOn: '2026-02-01', provider: '', notes: '' }))
    ok(deliverService(ctx, { childId: children.c1, serviceCode: 'counselling', deliveredOn: '2026-03-01', provider: '区社工站', notes: '' }))
  } finally {
    ctx.conn.close()
  }
})
afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true })
})

describe('cwr followup stale', () => {
  it('answers JSON in the contract shape', () => {
    const run = cwr('--db', file, 'followup', 'stale', '--as-of', '2026-11-23', '--json')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const report = JSON.parse(run.stdout) as StaleReport
    expect(Object.keys(report).sort()).toEqual(['asOf', 'byDirector', 'byTownship', 'deadline', 'dueQuarter', 'rows', 'total'])
    expect(report).toMatchObject({ asOf: '2026-11-23', dueQuarter: '2026-Q3', deadline: '2026-10-15', total: 4 })
    expect(report.rows).toHaveLength(4)
    expect(report.rows.map((r) => r.childId)).not.toContain(children.c1)
    expect(report.rows[0]).toEqual({
      childId: expect.any(Number),
      childName: expect.any(String),
      idNumberMasked: expect.stringMatching(/\*/),
      townshipCode: expect.any(String),
      townshipName: '城关镇',
      villageCode: expect.any(String),
      villageName: expect.any(String),
      lastReviewedOn: null,
      directorName: expect.anything(),
    })
    expect(report.byTownship.map((t) => [t.name, t.stale])).toEqual([['城关镇', 2], ['青山乡', 2]])
  })

  it('prints a table in Chinese, and refuses a malformed date with exit 2', () => {
    const run = cwr('--db', file, 'followup', 'stale', '--as-of', '2026-11-23')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('应完成2026年第3季度信息更新（截止 2026-10-15），逾期未更新 4 人')
    const bad = cwr('--db', file, 'followup', 'stale', '--as-of', '2026/11/23')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--as-of 的格式应为 YYYY-MM-DD')
  })
})

describe('cwr report services', () => {
  it('answers JSON and writes the workbook', async () => {
    const out = join(folder, '服务.xlsx')
    const run = cwr('--db', file, 'report', 'services', '--from', '2026-01-01', '--to', '2026-03-31', '--json', '--out', out)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const report = JSON.parse(run.stdout) as ServicesReport & { file: string }
    expect(report.file).toBe(out)
    expect(report.townships.map((t) => t.name)).toEqual(['城关镇', '青山乡'])
    expect(report.rows.find((r) => r.code === 'counselling')).toMatchObject({
      needed: 2,
      received: 1,
      ratePercent: 50,
      byTownship: [
        { needed: 1, received: 1, ratePercent: 100 },
        { needed: 1, received: 0, ratePercent: 0 },
      ],
    })
    expect(existsSync(out)).toBe(true)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(out)
    const sheet = book.getWorksheet('服务提供情况')!
    const row = sheet.getRow(13) // 8th service: 心理辅导
    expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value, row.getCell(6).value]).toEqual(['心理辅导', 2, 1, 0.5])
  })

  it('needs a period', () => {
    const run = cwr('--db', file, 'report', 'services', '--from', '2026-01-01')
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('需要 --from 和 --to')
    const reversed = cwr('--db', file, 'report', 'services', '--from', '2026-03-01', '--to', '2026-01-01')
    expect(reversed.status).toBe(2)
  })
})
