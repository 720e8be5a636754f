import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileAccessMessage, readWorkbook, readWorkbookBuffer } from '../../../src/core/imports/read-workbook'
import { DEFAULT_READ_LIMITS, type ReadLimits, type ReadResult } from '../../../src/core/imports/workbook'
import { guardZip, readZipDirectory } from '../../../src/core/imports/zip-guard'
import {
  binaryGarbage,
  damagedXlsxData,
  docxLike,
  emptyFile,
  fileSystemError,
  htmlAsXls,
  jpegBytes,
  lyingZipBomb,
  manyRowsXlsx,
  millionFormattedRows,
  odsLike,
  passwordXls,
  passwordXlsx,
  pdfBytes,
  plainZip,
  pngBytes,
  realisticZipBomb,
  smallZipBomb,
  truncatedXlsx,
  wordDocAsXls,
  xlsxMissingSheet,
  xlsxWithDoctype,
  xml2003AsXls,
} from '../../fixtures/hostile-files'
import { makeTempDir, xlsxBuffer } from '../../fixtures/sheet-builders'

let temp: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => {
  temp = await makeTempDir()
})
afterAll(async () => {
  await temp.cleanup()
})

async function refused(buffer: Buffer, fileName: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<string> {
  const started = performance.now()
  const result: ReadResult = await readWorkbookBuffer(buffer, fileName, limits)
  const elapsed = performance.now() - started
  if (result.ok) throw new Error(`expected a refusal for ${fileName}, got ${result.workbook.sheets.length} sheets`)
  // every refusal is quick; none of them needs to read the whole file
  expect(elapsed).toBeLessThan(2000)
  return result.message
}

const CORRUPT = (name: string) => `文件「${name}」已损坏或不完整（可能下载或复制未完成），请让乡镇重新发送。`
const BOMB = (name: string, why: string) =>
  `文件「${name}」解压后的体积异常（${why}），不是正常的表格文件，已拒绝读取。请让乡镇用 Excel 或 WPS 重新保存后再发送。`
const PASSWORD = (name: string) =>
  `文件「${name}」设置了打开密码，无法读取。请在 Excel 或 WPS 中打开后取消密码（另存为不加密的文件）再导入。`

describe('files that are not spreadsheets', () => {
  it.each([
    ['a PDF renamed .xlsx', pdfBytes, '城关镇.xlsx', '文件「城关镇.xlsx」不是 Excel 表格（看起来是 PDF 文件），请确认附件是否选错。'],
    ['a PNG renamed .xlsx', pngBytes, '城关镇.xlsx', '文件「城关镇.xlsx」不是 Excel 表格（看起来是 PNG 图片），请确认附件是否选错。'],
    ['a JPG renamed .xls', jpegBytes, '城关镇.xls', '文件「城关镇.xls」不是 Excel 表格（看起来是 JPG 图片），请确认附件是否选错。'],
    ['binary garbage', binaryGarbage, '城关镇.xlsx', '文件「城关镇.xlsx」不是 Excel 表格，也不是 CSV 文件，请确认附件是否选错。'],
  ])('refuses %s', async (_what, build, name, message) => {
    expect(await refused(build(), name)).toBe(message)
  })

  it('refuses an empty file', async () => {
    expect(await refused(emptyFile(), '城关镇.xlsx')).toBe(
      '文件「城关镇.xlsx」是空文件（0 字节），可能下载或复制未完成，请让乡镇重新发送。',
    )
  })

  it('says what a zip that is not a workbook is', async () => {
    expect(await refused(await docxLike(), '城关镇.xlsx')).toBe(
      '文件「城关镇.xlsx」不是 Excel 表格（看起来是 Word 文档），请确认附件是否选错。',
    )
    expect(await refused(await plainZip(), '城关镇.xlsx')).toBe(
      '文件「城关镇.xlsx」是一个压缩包（ZIP），不是 Excel 表格，请先解压，再选择压缩包里的表格文件。',
    )
    expect(await refused(await odsLike(), '城关镇.xlsx')).toBe(
      '文件「城关镇.xlsx」是 OpenDocument 表格（.ods），本程序不能直接读取，请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再导入。',
    )
  })

  it('says what an OLE2 file that is not a workbook is', async () => {
    expect(await refused(wordDocAsXls(), '城关镇.xls')).toBe(
      '文件「城关镇.xls」不是 Excel 表格（看起来是 Word 文档），请确认附件是否选错。',
    )
  })

  it('explains the web pages and XML business systems export as .xls', async () => {
    expect(await refused(htmlAsXls(), '导出.xls')).toBe(
      '文件「导出.xls」不是真正的 Excel 表格（看起来是网页（HTML）文件，常见于从业务系统导出的表格），请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再导入。',
    )
    expect(await refused(xml2003AsXls(), '导出.xls')).toBe(
      '文件「导出.xls」不是真正的 Excel 表格（看起来是 Excel 2003 XML 表格，常见于从业务系统导出的表格），请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再导入。',
    )
  })
})

describe('damaged workbooks', () => {
  it('refuses a workbook cut in half', async () => {
    expect(await refused(await truncatedXlsx(), '城关镇.xlsx')).toBe(CORRUPT('城关镇.xlsx'))
  })

  it('refuses a workbook whose sheet data was damaged in transit', async () => {
    expect(await refused(await damagedXlsxData(), '城关镇.xlsx')).toBe(CORRUPT('城关镇.xlsx'))
  })

  it('refuses a workbook that names a sheet it does not contain', async () => {
    expect(await refused(await xlsxMissingSheet(), '城关镇.xlsx')).toBe(CORRUPT('城关镇.xlsx'))
  })

  it('refuses sheet XML with a DOCTYPE (entity expansion) without expanding anything', async () => {
    expect(await refused(await xlsxWithDoctype(), '城关镇.xlsx')).toBe(CORRUPT('城关镇.xlsx'))
  })

  it('refuses an .xls cut in half', async () => {
    const whole = (await import('../../fixtures/sheet-builders')).xlsBuffer([{ name: 'S', rows: [['张三']] }])
    expect(await refused(whole.subarray(0, 1000), '城关镇.xls')).toBe(CORRUPT('城关镇.xls'))
  })
})

describe('encrypted workbooks', () => {
  it('asks to remove the password of an .xls', async () => {
    expect(await refused(passwordXls(), '城关镇.xls')).toBe(PASSWORD('城关镇.xls'))
  })

  it('asks to remove the password of an .xlsx (an OLE2 file holding the encrypted package)', async () => {
    expect(await refused(passwordXlsx(), '城关镇.xlsx')).toBe(PASSWORD('城关镇.xlsx'))
  })
})

describe('zip bombs', () => {
  it('refuses a sheet that inflates beyond the limit, from the central directory', async () => {
    const bomb = await smallZipBomb(20 * 1024 * 1024)
    expect(bomb.length).toBeLessThan(100 * 1024)
    const limits = { ...DEFAULT_READ_LIMITS, maxUncompressedBytes: 10 * 1024 * 1024 }
    expect(await refused(bomb, '城关镇.xlsx', limits)).toBe(BOMB('城关镇.xlsx', '超过 10 MB'))
  })

  it('refuses a realistic bomb (a few MB that would inflate to 1.5 GB) within 2 s, without inflating it', async () => {
    const bomb = realisticZipBomb()
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024)
    const sheet = readZipDirectory(bomb).entries.get('xl/worksheets/sheet1.xml')
    expect(sheet?.uncompressedSize).toBe(1536 * 1024 * 1024)

    const rssBefore = process.memoryUsage().rss
    const started = performance.now()
    const result = await readWorkbookBuffer(bomb, '城关镇.xlsx')
    const elapsed = performance.now() - started
    expect(result).toEqual({ ok: false, message: BOMB('城关镇.xlsx', '超过 1 GB') })
    expect(elapsed).toBeLessThan(2000)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024)
    console.log(`realistic zip bomb (${(bomb.length / 1e6).toFixed(1)} MB → 1.5 GB) refused in ${elapsed.toFixed(1)} ms`)
  })

  it('refuses by ratio a single entry over 100 MB compressed more than 1000:1, whatever the total limit', () => {
    const limits = { ...DEFAULT_READ_LIMITS, maxUncompressedBytes: 8 * 1024 * 1024 * 1024 }
    expect(guardZip(realisticZipBomb(), 'a.xlsx', limits)).toEqual({ ok: false, message: BOMB('a.xlsx', '其中一个部件压缩了一千多倍，解压后达 1.5 GB') })
  })

  it('stops inflating a sheet whose directory lies about its size', async () => {
    const bomb = lyingZipBomb()
    const rssBefore = process.memoryUsage().rss
    expect(await refused(bomb, '城关镇.xlsx')).toBe(CORRUPT('城关镇.xlsx'))
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 * 1024)
  })
})

describe('sheets too big for their own good', () => {
  it('returns the real rows of a sheet formatted down to row 1,000,003, without holding a million rows', async () => {
    const buffer = await millionFormattedRows()
    const started = performance.now()
    const result = await readWorkbookBuffer(buffer, '城关镇.xlsx')
    const elapsed = performance.now() - started
    console.log(`1,000,000 formatted empty rows skipped in ${elapsed.toFixed(0)} ms`)
    expect(result).toEqual({
      ok: true,
      workbook: {
        fileName: '城关镇.xlsx',
        format: 'xlsx',
        sheets: [
          {
            name: '困境儿童',
            hidden: false,
            merges: [],
            rows: [
              { row: 1, cells: ['姓名', '身份证号'] },
              { row: 2, cells: ['张三', '430102201503021234'] },
              { row: 3, cells: ['李四'] },
            ],
          },
        ],
      },
    })
    expect(elapsed).toBeLessThan(10_000)
  })

  it('refuses a sheet with more data rows than the limit, naming the sheet', async () => {
    const limits = { ...DEFAULT_READ_LIMITS, maxRows: 1000 }
    // 1 header + 1000 data rows = 1001 rows with data
    expect(await refused(await manyRowsXlsx(1000), '全区名单.xlsx', limits)).toBe(
      '文件「全区名单.xlsx」的工作表「名单」超过 1000 行，请拆分后分批导入。',
    )
    const atLimit = await readWorkbookBuffer(await manyRowsXlsx(999), '全区名单.xlsx', limits)
    expect(atLimit.ok && atLimit.workbook.sheets[0]?.rows.length).toBe(1000)
  })

  it('refuses a file bigger than the uncompressed limit before reading it', async () => {
    const path = join(temp.dir, '巨大.csv')
    await writeFile(path, Buffer.alloc(2 * 1024 * 1024, 0x41))
    expect(await readWorkbook(path, '巨大.csv', { ...DEFAULT_READ_LIMITS, maxUncompressedBytes: 1024 * 1024 })).toEqual({
      ok: false,
      message: '文件「巨大.csv」太大（超过 1 MB），不像是一份乡镇台账，请确认文件是否选错，或拆分后分批导入。',
    })
  })
})

describe('files the operating system will not give us', () => {
  it('explains a file held open by Excel or WPS (EBUSY / EPERM / EACCES on Windows)', () => {
    for (const code of ['EBUSY', 'EPERM', 'EACCES'] as const) {
      expect(fileAccessMessage(fileSystemError(code), '城关镇.xlsx')).toBe(
        '文件「城关镇.xlsx」正被其他程序（如 Excel、WPS）打开或无权读取，请关闭该文件后重试。',
      )
    }
    expect(fileAccessMessage(fileSystemError('EIO'), '城关镇.xlsx')).toBe(
      '无法打开文件「城关镇.xlsx」（EIO），请把文件复制到桌面后重试。',
    )
  })

  it('explains a file that is gone', async () => {
    expect(await readWorkbook(join(temp.dir, '不存在.xlsx'))).toEqual({
      ok: false,
      message: '找不到文件「不存在.xlsx」，可能已被移动、改名或删除，请重新选择文件。',
    })
  })

  it('explains a folder chosen instead of a file', async () => {
    const folder = join(temp.dir, '城关镇.xlsx')
    await mkdir(folder)
    expect(await readWorkbook(folder)).toEqual({
      ok: false,
      message: '「城关镇.xlsx」是一个文件夹，不是表格文件，请选择文件夹里的表格文件。',
    })
  })

  it('never throws, whatever the bytes', async () => {
    const good = await xlsxBuffer([{ name: 'S', rows: [['姓名'], ['张三']] }])
    // cut the good file at many points and flip bytes: each result is a value, never an exception
    for (let cut = 1; cut < good.length; cut += Math.ceil(good.length / 40)) {
      const result = await readWorkbookBuffer(good.subarray(0, cut), 'a.xlsx')
      expect(result.ok).toBe(false)
    }
    for (let at = 0; at < good.length; at += Math.ceil(good.length / 60)) {
      const copy = Buffer.from(good)
      copy[at] = (copy[at] ?? 0) ^ 0xff
      const result = await readWorkbookBuffer(copy, 'a.xlsx')
      expect(typeof result.ok).toBe('boolean')
      if (!result.ok) expect(result.message).toMatch(/文件「a\.xlsx」|a\.xlsx/)
    }
  })
})
