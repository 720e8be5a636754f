import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openRegisterBook, type RegisterLayout } from '../../../src/core/sheets/register-writer'
import { dataRows, readBook, rowValues } from '../exports/read-book'

let folder: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'cwr-register-'))
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

const LAYOUT: RegisterLayout = {
  title: '测试名册',
  unitLine: '填报单位：测试区民政局    导出日期：2026-11-23',
  columns: [
    { header: '序号', width: 6, kind: 'index' },
    { header: '姓名', width: 10, kind: 'plain' },
    { header: '身份证号', width: 22, kind: 'text' },
  ],
}

describe('the streaming register writer', () => {
  it('writes sheets in turn, counts rows and leaves empty cells empty but bordered', async () => {
    const out = join(folder, 'book.xlsx')
    const book = openRegisterBook(out, LAYOUT)
    const first = book.addSheet('城关镇')
    const many = Array.from({ length: 130 }, (_, i) => [i + 1, `儿童${i + 1}`, `4201022015030212${String(i % 100).padStart(2, '0')}`])
    await first.addRows(many)
    expect(first.rows).toBe(130)
    const second = book.addSheet('城关镇')
    second.addRow([1, '', null])
    expect(await book.finish()).toBe(131)

    const read = await readBook(out)
    expect(read.worksheets.map((ws) => ws.name)).toEqual(['城关镇', '城关镇（2）'])
    const [a, b] = read.worksheets
    expect(dataRows(a!)).toHaveLength(130)
    expect(rowValues(a!, 133)).toEqual([130, '儿童130', '420102201503021229'])
    expect(a!.getCell('C133').numFmt).toBe('@')
    expect(rowValues(b!, 4, 3)).toEqual([1, null, null])
    expect(b!.getCell('B4').border?.left?.style).toBe('thin')
  })

  it('removes the partial file when abandoned', async () => {
    const out = join(folder, 'partial.xlsx')
    const book = openRegisterBook(out, LAYOUT)
    book.addSheet('城关镇').addRow([1, '张三', '420102201503021234'])
    await book.abandon()
    expect(existsSync(out)).toBe(false)
  })
})
