import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { workDashboard } from '../../../src/core/followup/dashboard'
import { undoBatch } from '../../../src/core/imports/batches'
import { parseQuarter } from '../../../src/core/imports/followup-import'
import { analyseFile, commitFile } from '../../../src/core/imports/import-service'
import { makeIdNumber } from '../../../src/core/shared/id-number'
import { writeXlsx } from '../../fixtures/sheet-builders'
import { tempRegistry, type TempRegistry } from '../../support/temp-registry'
import { buildFollowupDistrict, IDS } from './support'

let reg: TempRegistry
let place: ReturnType<typeof buildFollowupDistrict>

beforeEach(async () => {
  reg = await tempRegistry('2026-11-23')
  place = buildFollowupDistrict(reg.ctx)
})
afterEach(() => reg.cleanup())

const UNKNOWN = makeIdNumber('420102', '2015-01-01', 999)

async function reviewSheet(): Promise<string> {
  return writeXlsx(join(reg.folder, '城关镇2026年第3季度信息更新.xlsx'), [
    {
      name: 'Sheet1',
      rows: [
        ['城关镇2026年第3季度困境儿童信息更新表'],
        ['序号', '村（社区）', '姓名', '身份证号', '更新日期', '更新人', '变化情况'],
        [1, '东街社区', '张一', IDS.c1, '2026.8.10', '李梅', '无'],
        [2, '', '张二', IDS.c2, '2026年9月1日', '李梅', '监护人电话变更为139'],
        [3, '南关村', '李三', Number(IDS.c3), '2026-09-02', '李梅', '无'],
        [4, '东街社区', '无名', UNKNOWN, '2026-09-02', '李梅', ''],
        [5, '青山村', '赵五', IDS.c5, '2026-09-03', '赵兰', '无'],
        [6, '东街社区', '张一', IDS.c1, '2026-12-30', '李梅', '无'],
        ['合计', '6人'],
      ],
      merges: ['A1:G1'],
    },
  ])
}

describe('importing a quarter of updates', () => {
  it('checks each row against the registry and says what is wrong where', async () => {
    const analysis = await analyseFile(reg.ctx, await reviewSheet())
    expect(analysis.fileProblems).toEqual([])
    expect(analysis.kind).toBe('reviews')
    expect(analysis.township?.name).toBe('城关镇')
    expect(analysis.sheets[0]!.headerRows).toEqual([2])
    const byRow = new Map(analysis.rows.map((r) => [r.row, r]))
    expect([...byRow.values()].map((r) => [r.row, r.status])).toEqual([
      [3, 'new'],
      [4, 'new'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'rejected'],
      [8, 'rejected'],
    ])
    const problem = (row: number) => byRow.get(row)!.problems[0]!
    expect(problem(5)).toMatchObject({ sheet: 'Sheet1', row: 5, column: 'D列（身份证号）', message: expect.stringContaining('被Excel存成了数字') })
    expect(problem(6)).toMatchObject({ row: 6, column: 'D列（身份证号）', message: expect.stringMatching(/在台账中找不到对应的儿童/) })
    expect(problem(6).message).not.toContain(UNKNOWN)
    expect(problem(7)).toMatchObject({ column: 'D列（身份证号）', message: expect.stringContaining('该儿童登记在青山乡青山村，不属于城关镇') })
    expect(problem(8)).toMatchObject({ column: 'E列（更新日期）', message: expect.stringContaining('晚于今天') })
  })

  it('commits the accepted rows as one batch, which can be undone', async () => {
    const file = await reviewSheet()
    const result = await commitFile(reg.ctx, file, {})
    if (!result.ok) throw new Error(result.message)
    expect(result.counts).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 4 })
    const rows = reg.ctx.sqlite.prepare('SELECT child_id, quarter, reviewed_on, reviewer, no_change, changes, import_batch_id FROM quarterly_reviews ORDER BY id').all()
    expect(rows).toEqual([
      { child_id: place.children.c1, quarter: '2026-Q3', reviewed_on: '2026-08-10', reviewer: '李梅', no_change: 1, changes: '', import_batch_id: result.batchId },
      { child_id: place.children.c2, quarter: '2026-Q3', reviewed_on: '2026-09-01', reviewer: '李梅', no_change: 0, changes: '监护人电话变更为139', import_batch_id: result.batchId },
    ])
    // c3 (never reviewed), c5 and c6 (青山乡, never reviewed) are still due
    expect(workDashboard(reg.ctx, {}).stale.total).toBe(3)
    // The same file again: nothing new.
    const again = await analyseFile(reg.ctx, file)
    expect(again.rows.filter((r) => r.status === 'unchanged')).toHaveLength(2)
    const batch = reg.ctx.sqlite.prepare('SELECT kind, new_count FROM import_batches WHERE id = ?').get(result.batchId)
    expect(batch).toEqual({ kind: 'reviews', new_count: 2 })
    expect(undoBatch(reg.ctx, result.batchId).ok).toBe(true)
    expect(reg.ctx.sqlite.prepare('SELECT count(*) FROM quarterly_reviews').pluck().get()).toBe(0)
    expect(reg.ctx.sqlite.prepare('SELECT last_reviewed_at FROM children WHERE id = ?').pluck().get(place.children.c1)).toBeNull()
    expect(workDashboard(reg.ctx, {}).stale.total).toBe(5)
  })

  it('reads the quarter columns townships write', () => {
    expect(parseQuarter('2026年第1季度', '2026-02-01')).toBe('2026-Q1')
    expect(parseQuarter('2026Q3', '2026-09-01')).toBe('2026-Q3')
    expect(parseQuarter('２０２６－Ｑ２', '2026-05-01')).toBe('2026-Q2')
    expect(parseQuarter('第四季度', '2027-01-10')).toBe('2026-Q4')
    expect(parseQuarter('三季度', '2026-08-10')).toBe('2026-Q3')
    expect(parseQuarter('上半年', '2026-08-10')).toBeNull()
  })
})

describe('importing visits', () => {
  it('raises the risk a visit sheet reports', async () => {
    const file = await writeXlsx(join(reg.folder, '青山乡走访记录.xlsx'), [
      {
        name: '走访',
        rows: [
          ['青山乡困境儿童走访记录'],
          ['姓名', '身份证号', '走访日期', '走访人', '走访方式', '走访情况', '风险情况'],
          ['王四', IDS.c4, '2026-11-02', '赵兰', '入户', '祖母卧病', '无人监护'],
          ['赵五', IDS.c5, '2026-11-03', '赵兰', '电话', '正常', '无'],
          ['赵五', IDS.c5, '2026-11-04', '赵兰', '飞鸽', '正常', ''],
        ],
      },
    ])
    const result = await commitFile(reg.ctx, file, {})
    if (!result.ok) throw new Error(result.message)
    expect(result.counts).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 1 })
    expect(result.analysis.rows[2]!.problems[0]).toMatchObject({ column: 'E列（走访方式）', message: expect.stringContaining('无法识别') })
    const risks = workDashboard(reg.ctx, {}).risks
    expect(risks.total).toBe(1)
    expect(risks.rows[0]).toMatchObject({ childId: place.children.c4, risk: 'no-guardian', kind: 'home', findings: '祖母卧病' })
  })
})
