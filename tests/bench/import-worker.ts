// One measurement in a fresh process, so its peak RSS is its own: `raw FILE` or `import FILE DB`.
import { performance } from 'node:perf_hooks'
import ExcelJS from 'exceljs'
import { commitFile } from '../../src/core/imports/import-service'
import { openRegistry } from '../../src/core/registry'

async function rawRead(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  })
  let cells = 0
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[]
      for (const value of values) if (value !== undefined && value !== null) cells++
    }
  }
  return cells
}

async function main(): Promise<void> {
  const [mode, file, db] = process.argv.slice(2)
  const start = performance.now()
  let detail: unknown
  if (mode === 'raw') detail = { cells: await rawRead(file!) }
  else {
    const ctx = await openRegistry(db!, { actor: '基准测试' })
    const result = await commitFile(ctx, file!, {})
    if (!result.ok) throw new Error(result.message)
    detail = result.counts
    ctx.conn.close()
  }
  const ms = performance.now() - start
  // maxRSS is the process's peak resident set, in kilobytes.
  console.log(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024, detail }))
}

void main()
