import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { allProblems } from '../../../src/core/imports/analyse'
import { countsOf } from '../../../src/core/imports/analysis'
import { listBatches, undoBatch } from '../../../src/core/imports/batches'
import { analyseFile, commitFile } from '../../../src/core/imports/import-service'
import { setDistrict } from '../../../src/core/registry/divisions-service'
import { directorsPerTownshipWorkbook, divisionsWorkbook, IDS, messyChildrenWorkbook } from '../../fixtures/township-sheets'
import { fingerprint, tempRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
beforeEach(async () => {
  reg = await tempRegistry('2026-11-23')
  setDistrict(reg.ctx, { name: '江岸区', code: '420102' })
  await divisionsWorkbook(join(reg.folder, '区划名单.xlsx'))
  const divisions = await commitFile(reg.ctx, join(reg.folder, '区划名单.xlsx'), {})
  if (!divisions.ok) throw new Error(divisions.message)
})
afterEach(() => reg.cleanup())

const count = (sql: string) => reg.ctx.sqlite.prepare(sql).pluck().get() as number

describe('a division list', () => {
  it('creates the townships and villages with their official codes, merged township cells filled down', () => {
    expect(reg.ctx.sqlite.prepare("SELECT code, name, code_generated FROM divisions WHERE level <> 'district' ORDER BY code").all()).toEqual([
      { code: '420102001000', name: '城关镇', code_generated: 0 },
      { code: '420102001001', name: '东街社区', code_generated: 0 },
      { code: '420102001002', name: '西街社区', code_generated: 0 },
      { code: '420102001003', name: '南关村', code_generated: 0 },
      { code: '420102002000', name: '青山乡', code_generated: 0 },
      { code: '420102002001', name: '青山村', code_generated: 0 },
      { code: '420102002002', name: '石门村', code_generated: 0 },
    ])
  })

  it('imports again with nothing new', async () => {
    const again = await analyseFile(reg.ctx, join(reg.folder, '区划名单.xlsx'))
    expect(countsOf(again)).toEqual({ new: 0, changed: 0, unchanged: 5, rejected: 0 })
  })
})

describe('a messy township children list', () => {
  const file = () => join(reg.folder, '城关镇困境儿童名单.xlsx')
  beforeEach(async () => messyChildrenWorkbook(file()))

  it('finds the two-level header, the township from the file name, and every wrong row with its reason', async () => {
    const analysis = await analyseFile(reg.ctx, file())
    expect(analysis.kind).toBe('children')
    expect(analysis.township).toEqual({ code: '420102001000', name: '城关镇' })
    expect(analysis.townshipSource).toBe('file')
    const sheet = analysis.sheets.find((s) => s.name === 'Sheet1')!
    expect(sheet.headerRows).toEqual([3, 4])
    expect(sheet.columns.map((c) => c.field)).toEqual([
      'ignore', 'village', 'name', 'sex', 'idNumber', 'birthDate', 'categories', 'guardianName', 'guardianRelation', 'guardianPhone', 'notes',
    ])
    expect(analysis.sheets.find((s) => s.name === '填表说明')?.skipped).toContain('隐藏')
    // Footers (合计, 填表人) are not rows; the blank line inside the table is not a row either.
    expect(analysis.rows.map((r) => r.row)).toEqual([5, 6, 8, 9, 10, 11, 12, 13])
    expect(countsOf(analysis)).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 6 })
    const reasons = Object.fromEntries(analysis.rows.map((r) => [r.row, r.problems.map((p) => `${p.column ?? ''} ${p.message}`).join(' | ')]))
    expect(reasons[8]).toContain('E列（儿童基本信息/身份证号码）')
    expect(reasons[8]).toContain(`第18位校验码应为${IDS.c[17]}`)
    expect(reasons[9]).toContain('身份证号被Excel存成了数字')
    expect(reasons[9]).toContain('「文本」格式')
    expect(reasons[10]).toContain('已满18周岁')
    expect(reasons[11]).toContain('第13行也出现了')
    expect(reasons[13]).toContain('第11行也出现了')
    expect(reasons[13]).toContain('未知的困境类型「外星儿童」')
    expect(reasons[12]).toContain('「不存在村」不在城关镇的区划中')
    expect(analysis.missingVillages).toEqual([{ townshipCode: '420102001000', townshipName: '城关镇', villageName: '不存在村', rows: 1 }])
    const first = analysis.rows[0]!.facts as { name: string; idNumber: string; categories: string[]; villageCode: string; birthDate: string }
    // Ideographic space gone, full-width digits made plain, two categories from one cell, merged village filled.
    expect(first).toMatchObject({ name: '张三', idNumber: IDS.a, villageCode: '420102001001', birthDate: '2015-03-02' })
    expect(first.categories.sort()).toEqual(['disabled', 'low-income'])
    expect((analysis.rows[1]!.facts as { villageCode: string }).villageCode).toBe('420102001001')
  })

  it('commits the good rows in one batch after a backup, re-imports without duplicates, and undoes', async () => {
    const result = await commitFile(reg.ctx, file(), {})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.counts).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 6 })
    expect(count("SELECT count(*) FROM children WHERE status = 'active'")).toBe(2)
    expect(result.backupFile).toMatch(/backups[\\/].*-import(-\d+)?\.db$/)
    const [batch] = listBatches(reg.ctx)
    expect(batch).toMatchObject({ fileName: '城关镇困境儿童名单.xlsx', kind: 'children', townshipName: '城关镇', counts: result.counts, actor: '测试员' })
    expect(batch!.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(count(`SELECT count(*) FROM import_problems WHERE batch_id = ${batch!.id}`)).toBeGreaterThanOrEqual(6)

    const again = await analyseFile(reg.ctx, file())
    expect(countsOf(again)).toEqual({ new: 0, changed: 0, unchanged: 2, rejected: 6 })

    const undone = undoBatch(reg.ctx, batch!.id)
    expect(undone.ok).toBe(true)
    expect(count('SELECT count(*) FROM children')).toBe(0)
    expect(listBatches(reg.ctx)[0]?.undoneAt).not.toBeNull()
    expect(undoBatch(reg.ctx, batch!.id).ok).toBe(false)
  })

  it('refuses to undo a batch whose rows were edited afterwards, and changes nothing', async () => {
    const result = await commitFile(reg.ctx, file(), {})
    if (!result.ok) throw new Error(result.message)
    reg.ctx.sqlite.prepare("UPDATE children SET notes = '后来改的', updated_at = '2099-01-01T00:00:00Z' WHERE name = '张三'").run()
    const before = fingerprint(reg.ctx)
    const undone = undoBatch(reg.ctx, result.batchId)
    expect(undone.ok).toBe(false)
    if (!undone.ok) expect(undone.problems[0]?.message).toContain('张三')
    expect(fingerprint(reg.ctx)).toBe(before)
  })

  it('lists children missing from a township\'s new list and updates changed ones without duplicating', async () => {
    await commitFile(reg.ctx, file(), {})
    reg.ctx.sqlite.prepare("UPDATE children SET guardian_phone = '13700000000' WHERE name = '李小红'").run()
    const analysis = await analyseFile(reg.ctx, file())
    const li = analysis.rows.find((r) => r.row === 6)!
    expect(li.status).toBe('changed')
    expect(li.changes).toEqual(['监护人电话：137****0000 → 139****9000'])
    expect(analysis.notInList).toEqual([])
  })
})

describe('directors, one sheet per township', () => {
  it('takes each sheet\'s township from its name and imports the people with their details', async () => {
    const file = join(reg.folder, '儿童主任名单.xlsx')
    await directorsPerTownshipWorkbook(file)
    const result = await commitFile(reg.ctx, file, {})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(allProblems(result.analysis)).toEqual([])
    expect(result.analysis.township).toBeNull()
    const rows = reg.ctx.sqlite
      .prepare('SELECT d.name, v.name AS village, d.birth_date, d.part_time, d.concurrent_post, d.education, d.trained, d.start_date FROM directors d JOIN divisions v ON v.code = d.village_code ORDER BY d.id')
      .all()
    expect(rows).toEqual([
      { name: '刘芳', village: '东街社区', birth_date: '1965-03-01', part_time: 1, concurrent_post: '妇联主席', education: '初中', trained: 1, start_date: '2021-03-01' },
      { name: '陈刚', village: '西街社区', birth_date: '1970-11-01', part_time: 1, concurrent_post: '村委委员', education: '高中', trained: 0, start_date: '2022-05-01' },
      { name: '黄丽', village: '青山村', birth_date: '1962-08-01', part_time: 0, concurrent_post: '', education: '小学', trained: 1, start_date: '2020-01-01' },
    ])
  })
})

describe('staged uploads', () => {
  it('are swept away after a day, so abandoned previews do not keep personal data', async () => {
    const { stageFile, findStaged, sweepStaging } = await import('../../../src/core/imports/staging')
    const fresh = stageFile(reg.ctx, '../../城关镇.xlsx', Buffer.from('x'))
    expect(fresh.fileName).toBe('城关镇.xlsx')
    expect(findStaged(reg.ctx, fresh.id)?.sha256).toMatch(/^[0-9a-f]{64}$/)
    sweepStaging(reg.ctx, Date.now() + 2 * 24 * 3600 * 1000)
    expect(findStaged(reg.ctx, fresh.id)).toBeNull()
    expect(findStaged(reg.ctx, '../etc')).toBeNull()
  })
})
