import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportChildren, exportDirectors, exportSupervisors } from '../../../src/core/exports/registry-book'
import { writeTemplate } from '../../../src/core/exports/template-book'
import { fieldsOf, type SheetKind } from '../../../src/core/sheets/fields'
import { analyseFile } from '../../../src/core/imports/import-service'
import { locateHeader } from '../../../src/core/imports/locate-header'
import { readWorkbook } from '../../../src/core/imports/read-workbook'
import type { SheetData } from '../../../src/core/imports/workbook'
import { demoRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
beforeEach(async () => {
  reg = await demoRegistry()
})
afterEach(() => reg.cleanup())

async function sheetsOf(file: string): Promise<SheetData[]> {
  const read = await readWorkbook(file)
  if (!read.ok) throw new Error(read.message)
  return read.workbook.sheets
}

/** The importer finds our header on row 3 and maps every column to its field (序号 ignored). */
function expectRecognised(sheet: SheetData, fileName: string, kind: SheetKind, withIndex: boolean): void {
  const header = locateHeader(sheet, { fileName })
  expect(header?.kind).toBe(kind)
  expect(header?.headerRows).toEqual([3])
  const fields = header!.columns.map((c) => c.field)
  expect(fields).toEqual([...(withIndex ? ['ignore'] : []), ...fieldsOf(kind).map((f) => f.key)])
}

describe('what we write, our importer reads back', () => {
  it('recognises every column of the children register', async () => {
    const out = join(reg.folder, '困境儿童名册.xlsx')
    await exportChildren(reg.ctx, { fullNumbers: true }, out)
    const sheets = await sheetsOf(out)
    expect(sheets).toHaveLength(3)
    for (const sheet of sheets) expectRecognised(sheet, '困境儿童名册.xlsx', 'children', true)
  })

  it('recognises every column of the staff registers', async () => {
    const supervisors = join(reg.folder, '儿童督导员名册.xlsx')
    const directors = join(reg.folder, '儿童主任名册.xlsx')
    await exportSupervisors(reg.ctx, supervisors)
    await exportDirectors(reg.ctx, directors)
    expectRecognised((await sheetsOf(supervisors))[0]!, '儿童督导员名册.xlsx', 'supervisors', true)
    expectRecognised((await sheetsOf(directors))[0]!, '儿童主任名册.xlsx', 'directors', true)
  })

  it('re-imports a full-number township export as unchanged rows', async () => {
    const township = reg.ctx.sqlite
      .prepare("SELECT code, name FROM divisions WHERE level = 'township' ORDER BY code")
      .get() as { code: string; name: string }
    const out = join(reg.folder, `${township.name}困境儿童名册.xlsx`)
    const { rows } = await exportChildren(reg.ctx, { townshipCode: township.code, fullNumbers: true }, out)
    const analysis = await analyseFile(reg.ctx, out, { townshipCode: township.code })
    expect(analysis.fileProblems).toEqual([])
    expect(analysis.rows.map((r) => [r.row, r.status, r.problems.map((p) => p.message)])).toEqual(
      Array.from({ length: rows }, (_, i) => [i + 4, 'unchanged', []]),
    )
  })

  it('re-imports the staff registers with full numbers without problems', async () => {
    for (const [kind, write] of [
      ['supervisors', exportSupervisors],
      ['directors', exportDirectors],
    ] as const) {
      const out = join(reg.folder, `${kind}.xlsx`)
      const { rows } = await write(reg.ctx, out, { fullNumbers: true })
      const analysis = await analyseFile(reg.ctx, out, { kind })
      expect(analysis.fileProblems).toEqual([])
      expect(analysis.rows).toHaveLength(rows)
      expect(analysis.rows.flatMap((r) => r.problems.map((p) => p.message))).toEqual([])
      // 出生年月 is written as YYYY-MM, as the bureau's forms have it; the importer keeps the day it knows.
      expect(analysis.rows.flatMap((r) => r.changes)).toEqual([])
      expect(analysis.rows.every((r) => r.status === 'unchanged')).toBe(true)
    }
  })

  it('recognises the templates’ headers and sees the 选项 sheet as hidden', async () => {
    const township = reg.ctx.sqlite.prepare("SELECT code FROM divisions WHERE level = 'township'").pluck().get() as string
    for (const kind of ['children', 'supervisors', 'directors', 'divisions'] as const) {
      const out = join(reg.folder, `${kind}-template.xlsx`)
      await writeTemplate(reg.ctx, { kind, townshipCode: township }, out)
      const sheets = await sheetsOf(out)
      expectRecognised(sheets[0]!, `${kind}-template.xlsx`, kind, kind !== 'divisions')
      const options = sheets.find((s) => s.name === '选项')
      if (options) expect(options.hidden).toBe(true)
    }
  })
})
