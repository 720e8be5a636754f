import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/core/dispatch'
import { allProblems } from '../../../src/core/imports/analyse'
import { countsOf } from '../../../src/core/imports/analysis'
import { analyseFile, commitFile } from '../../../src/core/imports/import-service'
import { makeIdNumber } from '../../../src/core/shared/id-number'
import { demoRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
beforeEach(async () => {
  reg = await demoRegistry({ clock: () => new Date('2026-11-23T10:00:00') })
})
afterEach(() => reg.cleanup())

async function download(name: 'exports.children' | 'exports.staff' | 'exports.template', input: object, file: string) {
  const answer = await dispatch(reg.ctx, name, input, { validateOutput: true })
  if ('error' in answer) throw new Error(answer.error.message)
  writeFileSync(file, Buffer.from((answer.result as { dataBase64: string }).dataBase64, 'base64'))
  return file
}

/** Types rows into a template under its header, the way a township clerk fills it. */
async function fillTemplate(file: string, rows: Record<string, string>[]): Promise<void> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.worksheets.find((s) => s.state === 'visible' && !s.name.includes('说明'))!
  let headerRow = 0
  const columns = new Map<string, number>()
  for (let r = 1; r <= 6 && !headerRow; r++) {
    ws.getRow(r).eachCell((cell, col) => {
      if (cell.text === '姓名') headerRow = r
      columns.set(cell.text, col)
    })
    if (!headerRow) columns.clear()
  }
  rows.forEach((values, i) => {
    const row = ws.getRow(headerRow + 1 + i)
    for (const [label, value] of Object.entries(values)) row.getCell(columns.get(label)!).value = value
  })
  await wb.xlsx.writeFile(file)
}

describe('round trips', () => {
  it('an export with whole numbers re-imports with zero changes, for children and both staff lists', async () => {
    for (const [call, input, kind] of [
      ['exports.children', { fullNumbers: true }, 'children'],
      ['exports.staff', { kind: 'supervisors', fullNumbers: true }, 'supervisors'],
      ['exports.staff', { kind: 'directors', fullNumbers: true }, 'directors'],
    ] as const) {
      const file = await download(call, input, join(reg.folder, `${kind}.xlsx`))
      const analysis = await analyseFile(reg.ctx, file)
      expect(analysis.kind, kind).toBe(kind)
      expect(allProblems(analysis), kind).toEqual([])
      const counts = countsOf(analysis)
      expect(counts.new + counts.changed + counts.rejected, kind).toBe(0)
      expect(counts.unchanged, kind).toBeGreaterThan(0)
    }
  })

  it('a filled township template imports with zero problems', async () => {
    const township = reg.ctx.sqlite.prepare("SELECT code, name FROM divisions WHERE level = 'township' ORDER BY code").get() as { code: string; name: string }
    const village = reg.ctx.sqlite.prepare('SELECT name FROM divisions WHERE parent_code = ? ORDER BY code').pluck().get(township.code) as string
    const file = await download('exports.template', { kind: 'children', townshipCode: township.code }, join(reg.folder, `${township.name}困境儿童名单.xlsx`))
    await fillTemplate(file, [
      { '村（社区）': village, 姓名: '新来的', 身份证号: makeIdNumber('420102', '2016-02-03', 801), 困境类型: '留守、低保', 监护人姓名: '新大人', 监护人电话: '13512345678' },
      { '村（社区）': village, 姓名: '又一个', 身份证号: makeIdNumber('420102', '2013-09-10', 802), 困境类型: '孤儿', 出生日期: '2013.9.10' },
    ])
    const result = await commitFile(reg.ctx, file, {})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(allProblems(result.analysis)).toEqual([])
    expect(result.counts).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 0 })
  })

  it('the command line imports a folder and prints one JSON object per file, exit 1 when rows were refused', async () => {
    const file = await download('exports.children', { fullNumbers: true }, join(reg.folder, 'all.xlsx'))
    const bad = join(reg.folder, 'bad.csv')
    writeFileSync(bad, '村（社区）,姓名,身份证号,困境类型\n不存在村,张三,420102201501010011,孤儿\n')
    reg.ctx.conn.close()
    const root = resolve(import.meta.dirname, '../../..')
    const run = spawnSync(process.execPath, ['bin/cwr.mjs', '--db', reg.file, 'import', file, bad, '--township', '城关镇', '--json'], { cwd: root, encoding: 'utf8' })
    const reports = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { file: string; kind: string; counts: Record<string, number>; problems: { message: string }[]; errorWorkbook: string | null })
    expect(run.status).toBe(1)
    expect(reports).toHaveLength(2)
    const csv = reports.find((r) => r.file === bad)!
    expect(csv.counts.rejected).toBe(1)
    expect(csv.problems.map((p) => p.message).join()).toContain('不存在村')
    expect(csv.errorWorkbook).toMatch(/bad-错误说明\.xlsx$/)
  })
})
