import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readWorkbook } from '../../../src/core/imports/read-workbook'
import { makeTempDir, measureReadInChildProcess, writeLargeXlsx } from '../../fixtures/sheet-builders'

// A year-end county list: 100,000 children × 14 columns. The figures are printed for the performance notes; only
// correctness is asserted (timing belongs to `npm run bench`, not to test timeouts).

const DATA_ROWS = 100_000
let temp: { dir: string; cleanup: () => Promise<void> }
let path = ''

beforeAll(async () => {
  temp = await makeTempDir()
  path = join(temp.dir, '全区困境儿童名单.xlsx')
  await writeLargeXlsx(path, DATA_ROWS)
}, 120_000)

afterAll(async () => {
  await temp.cleanup()
})

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0)

describe('reading a 100,000-row workbook', () => {
  it('stays well under 400 MB of resident memory in a fresh process', async () => {
    const fileBytes = (await stat(path)).size
    const measured = await measureReadInChildProcess(path)
    console.log(
      `100,000 × 14 xlsx (${mb(fileBytes)} MB on disk, fresh process): read in ${(measured.elapsedMs / 1000).toFixed(2)} s; ` +
        `RSS before ${mb(measured.rssBeforeBytes)} MB, after ${mb(measured.rssAfterBytes)} MB ` +
        `(Δ ${mb(measured.rssAfterBytes - measured.rssBeforeBytes)} MB), peak ${mb(measured.rssPeakBytes)} MB ` +
        `(Δ ${mb(measured.rssPeakBytes - measured.rssBeforeBytes)} MB)`,
    )
    expect(measured.ok).toBe(true)
    expect(measured.sheets).toEqual([
      // every data row has 13 or 14 cells: 备注 is filled on one row in seven
      { name: '困境儿童名单', rows: DATA_ROWS + 1, cells: 14 + DATA_ROWS * 13 + Math.ceil(DATA_ROWS / 7) },
    ])
    expect(measured.rssPeakBytes).toBeLessThan(400 * 1024 * 1024)
  }, 120_000)

  it('returns every data row, exact', async () => {
    const rssBefore = process.memoryUsage().rss
    const started = performance.now()
    const result = await readWorkbook(path)
    const elapsed = performance.now() - started
    console.log(
      `same file in the test worker: read in ${(elapsed / 1000).toFixed(2)} s, RSS Δ ${mb(process.memoryUsage().rss - rssBefore)} MB`,
    )

    if (!result.ok) throw new Error(result.message)
    const sheet = result.workbook.sheets[0]
    expect(sheet?.name).toBe('困境儿童名单')
    expect(sheet?.rows).toHaveLength(DATA_ROWS + 1)
    expect(sheet?.rows[1]).toEqual({
      row: 2,
      cells: [
        '城关镇',
        '东风村0组',
        '张小0',
        '男',
        '430102201503000000',
        new Date(Date.UTC(2015, 2, 2)),
        '事实无人抚养儿童',
        '湖南省长沙市芙蓉区五一大道0号',
        '张大0',
        '祖父',
        '13800000000',
        '6217000000000000000',
        new Date(Date.UTC(2024, 0, 5)),
        '父母双亡，由祖父抚养',
      ],
    })
    const last = DATA_ROWS - 1
    expect(sheet?.rows[DATA_ROWS]).toEqual({
      row: DATA_ROWS + 1,
      cells: [
        '城关镇',
        `东风村${last % 50}组`,
        `张小${last}`,
        '女',
        `4301022015030${String(last % 100000).padStart(5, '0')}`,
        new Date(Date.UTC(2015, 2, 2)),
        '事实无人抚养儿童',
        `湖南省长沙市芙蓉区五一大道${last}号`,
        `张大${last}`,
        '祖父',
        `138${String(last).padStart(8, '0')}`,
        `6217${String(last).padStart(15, '0')}`,
        new Date(Date.UTC(2024, 0, 5)),
      ],
    })
    // not a single character lost at a chunk boundary anywhere in the sheet
    let damaged = 0
    for (const row of sheet?.rows ?? []) {
      for (const cell of row.cells) if (typeof cell === 'string' && cell.includes('\uFFFD')) damaged++
    }
    expect(damaged).toBe(0)
  }, 120_000)
})
