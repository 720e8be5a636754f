import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { CallName, ChildRow, Input, Output, PayeeLine, RosterSummary } from '../contract'
import type { ServiceContext } from '../core/context'
import { DatabaseOpenError } from '../core/db/connection'
import { dispatch } from '../core/dispatch'
import { defaultDatabaseFile } from '../core/paths'
import { openRegistry } from '../core/registry'
import { resolveCategory } from '../core/registry/categories'
import { formatYuanCompact, formatYuanGrouped } from '../core/shared/money'
import { collectFiles, describeReport, importFiles, ImportUsageError } from './import-command'
import { formatTable } from './output'
import { runBackup, runCheck, runRestore } from './backup-command'
import { describeFileWriteFault, describeStorageFault } from '../core/db/faults'
import { localStamp } from '../core/backups/rotation'
import { printServicesReport, printStale } from './followup-command'

export const USAGE = `儿童福利台账 命令行工具

用法：cwr [--db 文件] [--json] <命令>

命令：
  init [--district 区县名称] [--code 区县代码]   新建（或升级）台账数据库
  divisions list                                 列出区划（区县、乡镇/街道、村/社区）
  children list [--township 名称] [--village 名称] [--category 类型] [--search 文本] [--all] [--full]
                                                 列出困境儿童（默认只列在册儿童；身份证号默认打码，--full 显示完整号码）
  import 路径... [--township 名称] [--kind 类型] [--dry-run]
                                                 导入乡镇报来的表格（文件或文件夹；按 区划→督导员→儿童主任→儿童 的顺序）
                                                 --kind：divisions | supervisors | directors | children | reviews | visits
  staffing [--date YYYY-MM-DD]                   儿童督导员、儿童主任配备情况统计表（按日期统计，默认今天）
  export children|supervisors|directors|template --out 文件 [--township 名称] [--kind 类型] [--full]
                                                 导出名册，或导出给乡镇填写的空白模板（template 需 --kind）
  roster --programme 项目代码 --month YYYY-MM [--months N] [--out 文件.xlsx] [--full]
                                                 补贴发放花名册：已锁定的照原样输出，否则按台账重新生成草稿
                                                 （--months 3 为一个季度合并发放；身份证号、账号默认打码）
  standards list                                 列出补贴项目及其各期标准
  followup stale [--as-of YYYY-MM-DD]            逾期未做季度信息更新的儿童（按乡镇、儿童主任统计，并列出名单）
  report services --from YYYY-MM-DD --to YYYY-MM-DD [--out 文件.xlsx]
                                                 困境儿童关爱服务提供情况（各服务项目的需要人数、已提供人数、提供率）
  backup [--out 文件]                            备份数据库（默认存入数据库旁的 backups 文件夹；--out 另存到U盘等位置）
  restore 备份文件                               从备份恢复（恢复前自动备份当前数据库；当前文件损坏时也可用）
  check                                          检查数据库：完整性、外键，以及台账规则（如每村同一时间只有一名儿童主任）

全局选项：
  --db FILE   数据库文件（默认：用户数据目录中的 儿童福利台账/registry.db）
  --json      以 JSON 输出，便于其他程序读取
  --help      显示本帮助

环境变量：
  CWR_PASSWORD  台账设置了开机密码时，命令行从这里读取密码（不要写在命令参数里）

退出码：0 成功；1 请求被拒绝（原因见标准错误输出）；2 用法错误。`

/** The request was understood but cannot be done: exit 1 with the reason. */
class Refusal extends Error {}

async function callOrRefuse<N extends CallName>(ctx: ServiceContext, name: N, input: Input<N>): Promise<Output<N>> {
  const answer = await dispatch(ctx, name, input)
  if ('error' in answer) {
    throw new Refusal([answer.error.message, ...(answer.error.issues ?? [])].join('\n'))
  }
  return answer.result as Output<N>
}

export interface CliIo {
  out(text: string): void
  err(text: string): void
}

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
  district: { type: 'string' },
  code: { type: 'string' },
  township: { type: 'string' },
  village: { type: 'string' },
  category: { type: 'string' },
  search: { type: 'string' },
  all: { type: 'boolean', default: false },
  full: { type: 'boolean', default: false },
  kind: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  out: { type: 'string' },
  date: { type: 'string' },
  programme: { type: 'string' },
  month: { type: 'string' },
  months: { type: 'string' },
  'as-of': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const

type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values']

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let values: Options
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true }))
  } catch (error) {
    io.err(`${localiseParseError((error as Error).message)}\n\n${USAGE}`)
    return 2
  }
  if (values.help || positionals.length === 0) {
    ;(values.help ? io.out : io.err)(USAGE)
    return values.help ? 0 : 2
  }
  const [verb = '', ...rest] = positionals
  const command = verb === 'import' || verb === 'export' || verb === 'restore' ? verb : positionals.join(' ')
  const known = ['init', 'divisions list', 'children list', 'import', 'export', 'staffing', 'roster', 'standards list', 'backup', 'restore', 'check', 'followup stale', 'report services']
  const usage = usageProblem(command, rest, values)
  if (usage) {
    io.err(`${usage}\n\n${USAGE}`)
    return 2
  }
  if (!known.includes(command)) {
    io.err(`未知的命令：${command}\n\n${USAGE}`)
    return 2
  }
  if (command === 'init' && values.code !== undefined && !values.district?.trim()) {
    io.err(`--code 需要与 --district 一起使用（--district 为区县名称）。\n\n${USAGE}`)
    return 2
  }
  const file = resolve(values.db ?? defaultDatabaseFile())
  // These two work on the file itself: they must also work when it is too damaged to open.
  if (command === 'restore' || command === 'check') {
    if (command === 'restore' && rest.length !== 1) {
      io.err(`restore 需要一个备份文件。\n\n${USAGE}`)
      return 2
    }
    try {
      return command === 'restore'
        ? await runRestore(file, rest[0]!, values.json, io)
        : await runCheck(file, localStamp(new Date()).slice(0, 10), values.json, io)
    } catch (error) {
      const fault = error instanceof DatabaseOpenError ? error.message : describeStorageFault(error, file)
      if (!fault) throw error
      io.err(fault)
      return 2
    }
  }
  let ctx: ServiceContext | undefined
  const isNewFile = !existsSync(file)
  try {
    ctx = await openRegistry(file, { mustExist: command !== 'init' })
    await unlockForCli(ctx)
    if (command === 'init') await init(ctx, values, io)
    else if (command === 'divisions list') await listDivisions(ctx, values, io)
    else if (command === 'import') return await runImport(ctx, rest, values, io)
    else if (command === 'export') await runExport(ctx, rest[0] as ExportWhat, values, io)
    else if (command === 'staffing') await printStaffing(ctx, values, io)
    else if (command === 'roster') await printRoster(ctx, values, io)
    else if (command === 'standards list') await listStandards(ctx, values, io)
    else if (command === 'backup') return await runBackup(ctx, values.out, values.json, io)
    else if (command === 'followup stale') await printStale((name, input) => callOrRefuse(ctx!, name, input), { asOf: values['as-of'], json: values.json }, io)
    else if (command === 'report services') {
      const period = { from: values.from!, to: values.to!, out: values.out, json: values.json }
      await printServicesReport((name, input) => callOrRefuse(ctx!, name, input), period, io)
    }
    else await listChildren(ctx, values, io)
    return 0
  } catch (error) {
    if (error instanceof Refusal || error instanceof DatabaseOpenError) {
      // A refused init leaves no half-made database behind.
      if (command === 'init' && isNewFile && ctx) {
        ctx.conn.close()
        ctx = undefined
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
      }
      io.err(error.message)
      return 1
    }
    // The disk, not the program (a full disk, a read-only folder, a damaged file): say so, exit 2.
    const path = (error as { path?: unknown }).path
    const code = String((error as { code?: unknown }).code ?? '')
    // A file system error while writing --out is about that file; an SQLite one is about the database.
    const target = typeof path === 'string' ? path : code.startsWith('E') && values.out ? resolve(values.out) : null
    const fault = target ? describeFileWriteFault(error, target) : describeStorageFault(error, file)
    if (fault) {
      io.err(fault)
      return 2
    }
    throw error
  } finally {
    ctx?.conn.close()
  }
}

/** A registry with an app password: the command line needs it too, from CWR_PASSWORD (never an argument, which others can see). */
async function unlockForCli(ctx: ServiceContext): Promise<void> {
  const status = await callOrRefuse(ctx, 'lock.status', {})
  if (!status.locked) return
  const password = process.env.CWR_PASSWORD
  if (!password) throw new Refusal('台账已设置开机密码：请在环境变量 CWR_PASSWORD 中提供密码后再运行。')
  const unlocked = await callOrRefuse(ctx, 'lock.unlock', { password })
  if (!unlocked.ok) throw new Refusal(unlocked.problems.map((p) => p.message).join('\n'))
}

const KINDS = ['divisions', 'supervisors', 'directors', 'children', 'reviews', 'visits'] as const
const EXPORTS = ['children', 'supervisors', 'directors', 'template'] as const
type ExportWhat = (typeof EXPORTS)[number]

/** Command lines that are wrong in themselves, found before any database is opened. */
function usageProblem(command: string, rest: string[], values: Options): string | null {
  if (values.kind !== undefined && !(KINDS as readonly string[]).includes(values.kind)) {
    return `--kind 应为 ${KINDS.join(' | ')} 之一。`
  }
  if (command === 'import' && rest.length === 0) return 'import 需要至少一个文件或文件夹。'
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) return '--date 的格式应为 YYYY-MM-DD。'
  if (command === 'roster') {
    if (!values.programme) return 'roster 需要 --programme 指定补贴项目代码（可用 standards list 查看）。'
    if (!values.month) return 'roster 需要 --month 指定发放月份（YYYY-MM）。'
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) return '--month 的格式应为 YYYY-MM（如 2026-01）。'
    if (values.months !== undefined && !/^(?:[1-9]|1[0-2])$/.test(values.months)) return '--months 应为 1 至 12 的整数。'
    if (values.out !== undefined && !/\.xlsx$/i.test(values.out)) return '--out 应为 .xlsx 文件。'
  }
  const day = /^\d{4}-\d{2}-\d{2}$/
  if (values['as-of'] !== undefined && !day.test(values['as-of'])) return '--as-of 的格式应为 YYYY-MM-DD。'
  if (command === 'report services') {
    if (!values.from || !values.to) return 'report services 需要 --from 和 --to 指定统计期间（YYYY-MM-DD）。'
    if (!day.test(values.from) || !day.test(values.to)) return '--from、--to 的格式应为 YYYY-MM-DD。'
    if (values.from > values.to) return '--from 不能晚于 --to。'
    if (values.out !== undefined && !/\.xlsx$/i.test(values.out)) return '--out 应为 .xlsx 文件。'
  }
  if (command === 'export') {
    if (rest.length !== 1 || !(EXPORTS as readonly string[]).includes(rest[0]!)) return `export 后应为 ${EXPORTS.join(' | ')} 之一。`
    if (!values.out) return 'export 需要 --out 指定输出文件。'
    if (rest[0] === 'template' && !values.kind) return '导出模板需要 --kind 指定模板类型。'
  }
  return null
}

async function runImport(ctx: ServiceContext, paths: string[], values: Options, io: CliIo): Promise<number> {
  const townshipCode = values.township ? await findByName(ctx, 'township', values.township) : undefined
  let files: string[]
  try {
    files = collectFiles(paths)
  } catch (error) {
    if (error instanceof ImportUsageError) throw new Refusal(error.message)
    throw error
  }
  if (files.length === 0) throw new Refusal('没有找到可导入的表格文件（.xlsx、.xls、.csv）。')
  const reports = await importFiles(ctx, files, {
    townshipCode,
    kind: values.kind as (typeof KINDS)[number] | undefined,
    dryRun: values['dry-run'],
  })
  if (values.json) for (const report of reports) io.out(JSON.stringify(report))
  else for (const report of reports) io.out(describeReport(report, values['dry-run']))
  const refused = reports.some((r) => r.problems.length > 0 || (!values['dry-run'] && r.batchId === null))
  return refused ? 1 : 0
}

async function runExport(ctx: ServiceContext, what: ExportWhat, values: Options, io: CliIo): Promise<void> {
  const townshipCode = values.township ? await findByName(ctx, 'township', values.township) : undefined
  const download =
    what === 'children'
      ? await callOrRefuse(ctx, 'exports.children', { townshipCode, fullNumbers: values.full })
      : what === 'template'
        ? await callOrRefuse(ctx, 'exports.template', { kind: values.kind as (typeof KINDS)[number], townshipCode })
        : await callOrRefuse(ctx, 'exports.staff', { kind: what, fullNumbers: values.full })
  const out = resolve(values.out!)
  writeFileSync(out, Buffer.from(download.dataBase64, 'base64'))
  if (values.json) io.out(JSON.stringify({ file: out }))
  else io.out(`已导出：${out}`)
}

async function printStaffing(ctx: ServiceContext, values: Options, io: CliIo): Promise<void> {
  const table = await callOrRefuse(ctx, 'workforce.staffing', { date: values.date })
  if (values.json) return io.out(JSON.stringify(table, null, 2))
  const d = table.district
  io.out(`儿童督导员、儿童主任配备情况（截至 ${table.date}）`)
  io.out(
    formatTable(
      ['乡镇/街道', '村/社区', '督导员', '儿童主任', '困境儿童', '每名主任服务儿童', '无主任的村'],
      [
        ...table.townships.map((t) => [
          t.name,
          String(t.villages),
          String(t.supervisors),
          String(t.directors),
          String(t.children),
          t.childrenPerDirector === null ? '—' : String(t.childrenPerDirector),
          t.villagesWithoutDirector.join('、'),
        ]),
        [`合计（${d.townships}个乡镇）`, String(d.villages), String(d.supervisors), String(d.directors), String(d.children), '', String(d.villagesWithoutDirector.length)],
      ],
    ),
  )
  if (d.townshipsWithoutSupervisor.length) io.out(`没有督导员的乡镇：${d.townshipsWithoutSupervisor.join('、')}`)
}

/** The locked roster of these months if there is one (it never changes); otherwise a draft made now. */
async function rosterFor(ctx: ServiceContext, programme: string, month: string, months: number): Promise<RosterSummary> {
  const existing = (await callOrRefuse(ctx, 'rosters.list', { programme })).find(
    (r) => r.firstMonth === month && r.months === months && r.status === 'locked',
  )
  if (existing) return existing
  const generated = await callOrRefuse(ctx, 'rosters.generate', { programme, month, months })
  if (!generated.ok) throw new Refusal(generated.problems.map((p) => p.message).join('\n'))
  return generated.value
}

async function printRoster(ctx: ServiceContext, values: Options, io: CliIo): Promise<void> {
  const months = Number(values.months ?? '1')
  const roster = await rosterFor(ctx, values.programme!, values.month!, months)
  const lines: PayeeLine[] = []
  for (let page = 1; lines.length < roster.lineCount; page++) {
    const detail = await callOrRefuse(ctx, 'rosters.get', { id: roster.id, fullNumbers: values.full, page, pageSize: 100_000 })
    lines.push(...detail.lines)
    if (detail.lines.length === 0) break
  }
  const excluded = (await callOrRefuse(ctx, 'rosters.get', { id: roster.id, fullNumbers: values.full, page: 1, pageSize: 1 })).excluded
  let out: string | undefined
  if (values.out) {
    const download = await callOrRefuse(ctx, 'rosters.export', { id: roster.id, fullNumbers: values.full })
    out = resolve(values.out)
    writeFileSync(out, Buffer.from(download.dataBase64, 'base64'))
  }
  if (values.json) {
    return io.out(
      JSON.stringify(
        {
          programme: roster.programme,
          month: roster.firstMonth,
          months: roster.months,
          status: roster.status,
          lines: lines.map((l) => ({
            township: l.township,
            village: l.village,
            name: l.name,
            idNumber: l.idNumber,
            category: l.category,
            // The documented names: amountFen is the line's total (back-pay included), months its month count.
            amountFen: l.totalFen,
            months: l.monthCount,
            rule: l.rule,
          })),
          excluded: excluded.map((e) => ({ name: e.name, reason: e.reason })),
          totalFen: roster.totalFen,
        },
        null,
        2,
      ),
    )
  }
  io.out(roster.title)
  io.out(
    roster.status === 'locked'
      ? `状态：已锁定（${roster.lockedBy ?? ''}，${roster.lockedAt?.slice(0, 10) ?? ''}），内容不再随台账变化`
      : '状态：草稿（未锁定，台账修改后可重新生成）',
  )
  if (lines.length === 0) io.out('本期没有应发放的对象。')
  else {
    io.out(
      formatTable(
        ['序号', '乡镇/街道', '村/社区', '姓名', '身份证号', '类别', '月数', '金额(元)', '计发依据'],
        lines.map((l) => [
          String(l.seq),
          l.township,
          l.village,
          l.name,
          l.idNumber,
          l.category,
          String(l.monthCount),
          formatYuanCompact(l.totalFen),
          l.rule,
        ]),
      ),
    )
  }
  io.out(`合计：${lines.length} 人，${formatYuanGrouped(roster.totalFen)} 元`)
  if (excluded.length > 0) {
    io.out(`\n未列入名单（${excluded.length} 人）：`)
    io.out(formatTable(['姓名', '原因'], excluded.map((e) => [e.name, e.reason])))
  }
  if (out) io.out(`已导出：${out}`)
}

async function listStandards(ctx: ServiceContext, values: Options, io: CliIo): Promise<void> {
  const programmes = await callOrRefuse(ctx, 'programmes.list', {})
  const rows = programmes.flatMap((p) =>
    p.standards.map((s) => ({
      programme: p.code,
      programmeName: p.name,
      kind: p.kind,
      period: p.period,
      active: p.active,
      amountFen: s.amountFen,
      effectiveFrom: s.effectiveFrom,
      effectiveTo: s.effectiveTo,
      group: s.group,
    })),
  )
  if (values.json) return io.out(JSON.stringify(rows, null, 2))
  if (rows.length === 0) return io.out('尚未设置补贴项目。')
  io.out(
    formatTable(
      ['项目代码', '项目名称', '标准', '起始日期', '截止日期', '适用对象', '状态'],
      rows.map((r) => [
        r.programme,
        r.programmeName,
        `${formatYuanCompact(r.amountFen)}元/${r.period === 'year' ? '年' : '月'}`,
        r.effectiveFrom,
        r.effectiveTo ?? '长期',
        r.group ?? (r.kind === 'director' ? '儿童主任' : '全部'),
        r.active ? '' : '已停用',
      ]),
    ),
  )
}

function localiseParseError(message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message)
  if (unknown) return `未知的选项：${unknown[1]}`
  const missing = /Option '([^']+)[^']*' argument missing/.exec(message)
  if (missing) return `选项 ${missing[1]} 需要一个值`
  return `命令行有误：${message}`
}

async function init(ctx: ServiceContext, values: Options, io: CliIo): Promise<void> {
  if (values.district !== undefined) {
    const outcome = await callOrRefuse(ctx, 'divisions.setDistrict', { name: values.district, code: values.code })
    if (!outcome.ok) throw new Refusal(outcome.problems.map((p) => p.message).join('\n'))
  }
  const info = await callOrRefuse(ctx, 'app.info', {})
  if (values.json) io.out(JSON.stringify({ databaseFile: info.databaseFile, schemaVersion: info.schemaVersion }))
  else io.out(`台账数据库已就绪：${info.databaseFile}（结构版本 ${info.schemaVersion}）`)
}

const LEVEL_NAMES = { district: '区县', township: '乡镇/街道', village: '村/社区' } as const

async function listDivisions(ctx: ServiceContext, values: Options, io: CliIo): Promise<void> {
  const divisions = await callOrRefuse(ctx, 'divisions.list', {})
  if (values.json) return io.out(JSON.stringify(divisions, null, 2))
  if (divisions.length === 0) return io.out('尚未设置区划。')
  io.out(
    formatTable(
      ['代码', '名称', '级别', '上级代码', '状态'],
      divisions.map((d) => [
        d.code + (d.codeGenerated ? '*' : ''),
        d.name,
        LEVEL_NAMES[d.level],
        d.parentCode ?? '',
        d.retiredOn ? `已撤销 ${d.retiredOn}` : '',
      ]),
    ),
  )
  if (divisions.some((d) => d.codeGenerated)) io.out('（* 为程序生成的临时代码）')
}

async function findByName(ctx: ServiceContext, level: 'township' | 'village', name: string, townshipCode?: string): Promise<string> {
  const divisions = (await callOrRefuse(ctx, 'divisions.list', {})).filter(
    (d) => d.level === level && (!townshipCode || d.parentCode === townshipCode),
  )
  const match = divisions.filter((d) => d.name === name.trim() || d.code === name.trim())
  if (match.length === 1) return match[0]!.code
  const what = LEVEL_NAMES[level]
  if (match.length > 1) {
    throw new Refusal(`有多个名为「${name}」的${what}，请同时用 --township 指定乡镇/街道，或改用12位区划代码。`)
  }
  const names = divisions.filter((d) => !d.retiredOn).map((d) => d.name)
  throw new Refusal(`找不到${what}「${name}」。现有${what}：${names.slice(0, 30).join('、') || '（无）'}`)
}

async function listChildren(ctx: ServiceContext, values: Options, io: CliIo): Promise<void> {
  const townshipCode = values.township ? await findByName(ctx, 'township', values.township) : undefined
  const villageCode = values.village ? await findByName(ctx, 'village', values.village, townshipCode) : undefined
  let category: string | undefined
  if (values.category) {
    const dictionary = await callOrRefuse(ctx, 'categories.list', {})
    const resolved = resolveCategory(values.category, dictionary)
    if (!resolved.ok) throw new Refusal(resolved.reason)
    category = resolved.code
  }
  const rows: ChildRow[] = []
  for (let page = 1; ; page++) {
    const answer = await callOrRefuse(ctx, 'children.list', {
      townshipCode,
      villageCode,
      category,
      search: values.search,
      status: values.all ? 'all' : 'active',
      page,
      pageSize: 500,
      fullNumbers: values.full,
    })
    rows.push(...answer.rows)
    if (rows.length >= answer.total || answer.rows.length === 0) break
  }
  if (values.json) return io.out(JSON.stringify(rows, null, 2))
  if (rows.length === 0) return io.out('没有符合条件的儿童。')
  io.out(
    formatTable(
      ['姓名', '性别', '年龄', '身份证号', '乡镇/街道', '村/社区', '困境类型', '状态'],
      rows.map((r) => [
        r.name,
        r.sex === 'M' ? '男' : '女',
        String(r.age),
        r.idNumber ?? r.idNumberMasked,
        r.townshipName,
        r.villageName,
        r.categories.join('、'),
        r.status === 'active' ? '在册' : '已退出',
      ]),
    ),
  )
  io.out(`共 ${rows.length} 人`)
}
