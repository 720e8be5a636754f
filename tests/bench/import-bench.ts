import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import { generateBulkDistrict } from '../../src/core/demo/bulk-district'
import { pick, randomBirthDate, randomMobile, randomName, seededRandom } from '../../src/core/demo/people'
import { benchExport } from './export-bench'
import { openRegistry } from '../../src/core/registry'
import { makeIdNumber } from '../../src/core/shared/id-number'

const root = resolve(import.meta.dirname, '../..')
const CATEGORIES = ['农村留守儿童', '低保、残疾', '孤儿', '事实无人抚养儿童', '重病儿童', '特困']

/** A township-style children list of `rows` rows over the bulk district's villages, written by exceljs's streaming writer. */
export async function writeChildrenWorkbookForBench(file: string, villages: { township: string; village: string }[], rows: number): Promise<void> {
  const random = seededRandom(99)
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false })
  const ws = wb.addWorksheet('困境儿童')
  ws.addRow(['基准测试区困境儿童名单']).commit()
  ws.addRow(['序号', '乡镇（街道）', '村（社区）', '姓名', '性别', '身份证号', '出生日期', '困境类型', '监护人姓名', '监护人电话']).commit()
  const used = new Set<string>()
  for (let i = 0; i < rows; i++) {
    let id = ''
    let birth = ''
    do {
      birth = randomBirthDate(random, 2011, 2024)
      id = makeIdNumber('420999', birth, 1 + Math.floor(random() * 998))
    } while (used.has(id))
    used.add(id)
    const place = villages[i % villages.length]!
    const sex = Number(id[16]) % 2 === 1 ? '男' : '女'
    ws.addRow([i + 1, place.township, place.village, randomName(random), sex, id, birth, pick(random, CATEGORIES), randomName(random), randomMobile(random)]).commit()
  }
  ws.commit()
  await wb.commit()
}

function worker(args: string[]): { ms: number; peakRssMb: number; detail: unknown } {
  const out = execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'tests/bench/import-worker.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  })
  return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; peakRssMb: number; detail: unknown }
}

export interface ImportFigures {
  rows: number
  rawReadMs: number
  rawPeakRssMb: number
  importMs: number
  importPeakRssMb: number
  importRatio: number
  exportMs: number
  rawWriteMs: number
  exportRatio: number
}

export async function benchImportExport(folder: string, rows = 100_000): Promise<ImportFigures> {
  const db = join(folder, 'import.db')
  const ctx = await openRegistry(db, { actor: '基准测试' })
  generateBulkDistrict(ctx, { townships: 150, villages: 3000, children: 0 })
  const villages = ctx.sqlite
    .prepare("SELECT t.name AS township, v.name AS village FROM divisions v JOIN divisions t ON t.code = v.parent_code WHERE v.level = 'village'")
    .all() as { township: string; village: string }[]
  ctx.conn.close()
  const file = join(folder, '困境儿童名单.xlsx')
  await writeChildrenWorkbookForBench(file, villages, rows)

  const raw = worker(['raw', file])
  const imported = worker(['import', file, db])
  const counts = imported.detail as { new: number; rejected: number }
  if (counts.new !== rows) throw new Error(`import bench: expected ${rows} new rows, got ${JSON.stringify(counts)}`)
  const exported = await benchExport(folder)
  return {
    rows,
    rawReadMs: raw.ms,
    rawPeakRssMb: raw.peakRssMb,
    importMs: imported.ms,
    importPeakRssMb: imported.peakRssMb,
    importRatio: imported.ms / raw.ms,
    exportMs: exported.exportMs,
    rawWriteMs: exported.rawMs,
    exportRatio: exported.ratio,
  }
}
