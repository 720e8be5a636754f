import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CallName, Input, Output, StaleReport } from '../contract'
import { quarterName } from '../core/followup/rules'
import { formatTable } from './output'

// cwr followup stale | cwr report services: the case follow-up figures on the command line.

type Call = <N extends CallName>(name: N, input: Input<N>) => Promise<Output<N>>
interface Io {
  out(text: string): void
}

const percent = (value: number | null) => (value === null ? '—' : `${value}%`)

/** 逾期未更新的档案: counts per township and director, then every child (ID numbers masked). */
export async function printStale(call: Call, options: { asOf?: string; json: boolean }, io: Io): Promise<void> {
  const first = await call('followup.stale', { asOf: options.asOf, page: 1, pageSize: 500 })
  const rows: StaleReport['rows'] = [...first.rows]
  for (let page = 2; rows.length < first.total; page++) {
    const next = await call('followup.stale', { asOf: options.asOf, page, pageSize: 500 })
    if (next.rows.length === 0) break
    rows.push(...next.rows)
  }
  const report = { ...first, rows }
  if (options.json) return io.out(JSON.stringify(report, null, 2))
  io.out(`截至 ${report.asOf}：应完成${quarterName(report.dueQuarter)}信息更新（截止 ${report.deadline}），逾期未更新 ${report.total} 人`)
  io.out('')
  io.out(formatTable(['乡镇/街道', '在册儿童', '逾期未更新'], report.byTownship.map((t) => [t.name, String(t.active), String(t.stale)])))
  if (report.byDirector.length > 0) {
    io.out('')
    io.out(formatTable(['儿童主任', '乡镇/街道', '在册儿童', '逾期未更新'], report.byDirector.map((d) => [d.name, d.townshipName, String(d.active), String(d.stale)])))
  }
  if (rows.length > 0) {
    io.out('')
    io.out(
      formatTable(
        ['乡镇/街道', '村/社区', '姓名', '身份证号', '儿童主任', '上次更新'],
        rows.map((r) => [r.townshipName, r.villageName, r.childName, r.idNumberMasked, r.directorName ?? '（无）', r.lastReviewedOn ?? '从未更新']),
      ),
    )
  }
}

/** 服务提供情况: per service, district figures; --out writes the print-ready workbook with the townships too. */
export async function printServicesReport(call: Call, options: { from: string; to: string; out?: string; json: boolean }, io: Io): Promise<void> {
  const report = await call('reports.services', { from: options.from, to: options.to })
  let file: string | null = null
  if (options.out) {
    const download = await call('exports.servicesReport', { from: options.from, to: options.to })
    file = resolve(options.out)
    writeFileSync(file, Buffer.from(download.dataBase64, 'base64'))
  }
  if (options.json) return io.out(JSON.stringify(file ? { ...report, file } : report, null, 2))
  io.out(`困境儿童关爱服务提供情况（${report.from} 至 ${report.to}）`)
  io.out(
    formatTable(
      ['服务项目', '需要人数', '已提供人数', '提供率'],
      report.rows.map((r) => [r.name, String(r.needed), String(r.received), percent(r.ratePercent)]),
    ),
  )
  if (file) io.out(`\n已导出：${file}`)
}
