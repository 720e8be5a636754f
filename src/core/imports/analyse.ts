import type { ServiceContext } from '../context'
import { columnRef, type FileAnalysis, type MissingVillage, type NotInList, type RowProblem, type RowResult, type SheetSummary } from './analysis'
import { headerKey } from './cells'
import { checkChildRows, markDuplicateIds, type ChildImportFacts, type SheetContext } from './children-import'
import { checkDivisionRows } from './divisions-import'
import { extractRows } from './extract-rows'
import { fieldsOf, KIND_NAMES, type SheetKind } from '../sheets/fields'
import { expectedHeaders, locateHeader, type HeaderColumn } from './locate-header'
import { PlaceBook } from './places'
import { checkStaffRows } from './staff-import'
import { checkReviewRows, checkVisitRows } from './followup-import'
import { columnName, type WorkbookData } from './workbook'

export interface ImportOptions {
  /** the clerk's choice when the sheet does not say */
  kind?: SheetKind
  townshipCode?: string
  /** per sheet name: column index → field (null: do not import this column) */
  mapping?: Record<string, Record<number, string | null>>
}

/** Sheets that explain how to fill the others. */
const INSTRUCTIONS = /填表说明|填报说明|说明|注意事项|选项|字典|下拉/

/** Places are filled down the rows: townships merge one village cell over all its children. */
const FILL_DOWN: Record<SheetKind, string[]> = {
  children: ['township', 'village'],
  directors: ['township'],
  supervisors: ['township'],
  divisions: ['townshipName', 'townshipCode'],
  reviews: ['township', 'village'],
  visits: ['township', 'village'],
}

/** Follow-up sheets find each child by its ID number: a township helps check the rows but is not needed. */
const TOWNSHIP_OPTIONAL: ReadonlySet<SheetKind> = new Set(['divisions', 'reviews', 'visits'])

function rememberedMapping(ctx: ServiceContext, townshipCode: string | null, kind: SheetKind): Map<string, string | null> {
  if (!townshipCode) return new Map()
  const rows = ctx.sqlite
    .prepare('SELECT header, field FROM import_mappings WHERE township_code = ? AND kind = ?')
    .all(townshipCode, kind) as { header: string; field: string | null }[]
  return new Map(rows.map((r) => [r.header, r.field]))
}

export function analyseWorkbook(
  ctx: ServiceContext,
  workbook: WorkbookData,
  meta: { sha256: string },
  options: ImportOptions = {},
): FileAnalysis {
  const places = new PlaceBook(ctx)
  const today = ctx.today()
  const analysis: FileAnalysis = {
    fileName: workbook.fileName,
    sha256: meta.sha256,
    kind: null,
    township: null,
    townshipSource: null,
    sheets: [],
    rows: [],
    fileProblems: [],
    missingVillages: [],
    notInList: [],
  }
  const missing = new Map<string, MissingVillage>()
  const chosen = options.townshipCode ? places.townships.find((t) => t.code === options.townshipCode) : undefined
  const fileTownship = places.townshipIn(workbook.fileName)
  const sheetTownships = new Set<string>()

  for (const sheet of workbook.sheets) {
    const summary: SheetSummary = { name: sheet.name, kind: null, headerRows: [], columns: [], dataRows: 0, skipped: null, headerCells: [] }
    analysis.sheets.push(summary)
    if (sheet.hidden) {
      summary.skipped = '隐藏的工作表，已跳过'
      continue
    }
    if (sheet.rows.length === 0) {
      summary.skipped = '空白工作表，已跳过'
      continue
    }
    const located = locateHeader(sheet, { fileName: workbook.fileName, kind: options.kind ?? analysis.kind ?? undefined })
    if (!located) {
      if (INSTRUCTIONS.test(sheet.name)) summary.skipped = '说明类工作表，已跳过'
      else {
        summary.skipped = '没有找到表头'
        analysis.fileProblems.push({
          sheet: sheet.name,
          row: null,
          column: null,
          message: `工作表「${sheet.name}」中没有找到表头：前30行里没有可识别的列名。应包含：${expectedHeaders(options.kind)}。请检查表头文字，或在预览中手动指定各列。`,
        })
      }
      continue
    }
    const kind = located.kind
    if (analysis.kind && analysis.kind !== kind) {
      summary.skipped = `该表像是${KIND_NAMES[kind]}，与本文件其他工作表（${KIND_NAMES[analysis.kind]}）不同，已跳过；请分文件导入`
      continue
    }
    analysis.kind = kind
    summary.kind = kind

    // Township of the whole sheet: the clerk's choice, else the sheet's name, else the file's name.
    const sheetTownship = places.townshipIn(sheet.name)
    const township = chosen ?? sheetTownship ?? fileTownship ?? null
    const source = chosen ? 'chosen' : sheetTownship ? 'sheet' : fileTownship ? 'file' : null

    const remembered = rememberedMapping(ctx, township?.code ?? null, kind)
    const overrides = options.mapping?.[sheet.name] ?? {}
    const columns: HeaderColumn[] = located.columns.map((c) => {
      if (Object.prototype.hasOwnProperty.call(overrides, c.index)) return { ...c, field: overrides[c.index] ?? null }
      const key = headerKey(c.label)
      if (remembered.has(key)) return { ...c, field: remembered.get(key) ?? null }
      return c
    })
    summary.headerRows = located.headerRows
    summary.columns = columns.map((c) => ({ index: c.index, letter: columnName(c.index), label: c.label, field: c.field }))
    summary.headerCells = sheet.rows.filter((r) => located.headerRows.includes(r.row)).map((r) => r.cells)
    const columnOf: Record<string, string> = {}
    for (const c of columns) {
      if (c.field && c.field !== 'ignore') columnOf[c.field] = columnRef(columnName(c.index), c.label)
    }
    const hasTownshipColumn = 'township' in columnOf || 'townshipName' in columnOf
    const missingRequired = fieldsOf(kind).filter((f) => f.required && !(f.key in columnOf) && !(f.key === 'township' && township))
    if (missingRequired.length) {
      analysis.fileProblems.push({
        sheet: sheet.name,
        row: null,
        column: null,
        message: `工作表「${sheet.name}」缺少必需的列：${missingRequired.map((f) => f.label).join('、')}。请在表中补上这些列，或在预览中把对应的列指定过来。`,
      })
      summary.skipped = '缺少必需的列'
      continue
    }
    if (!hasTownshipColumn && kind !== 'divisions') {
      if (!township && TOWNSHIP_OPTIONAL.has(kind)) {
        // nothing to check the rows' townships against: each row's child says where it lives
      } else if (!township) {
        analysis.fileProblems.push({
          sheet: sheet.name,
          row: null,
          column: null,
          message: `无法确定工作表「${sheet.name}」属于哪个乡镇（街道）：表中没有乡镇列，文件名和工作表名中也没有乡镇名称。请在导入时选择乡镇。`,
        })
        summary.skipped = '无法确定乡镇'
        continue
      }
      else sheetTownships.add(township.code)
      if (township && !analysis.township) {
        analysis.township = { code: township.code, name: township.name }
        analysis.townshipSource = source
      }
    } else if (hasTownshipColumn && !analysis.townshipSource) analysis.townshipSource = 'column'

    const rows = extractRows(sheet, located.headerRows, columns, FILL_DOWN[kind])
    const context: SheetContext = {
      sheet: sheet.name,
      townshipCode: hasTownshipColumn ? (chosen?.code ?? null) : (township?.code ?? null),
      columnOf,
      places,
      today,
    }
    const results: RowResult[] =
      kind === 'children'
        ? checkChildRows(ctx, rows, context, missing)
        : kind === 'divisions'
          ? checkDivisionRows(ctx, rows, context)
          : kind === 'reviews'
            ? checkReviewRows(ctx, rows, context)
            : kind === 'visits'
              ? checkVisitRows(ctx, rows, context)
              : checkStaffRows(ctx, kind, rows, context, missing)
    summary.dataRows = results.length
    for (const result of results) analysis.rows.push(result)
  }

  // A workbook with one sheet per township belongs to no single township.
  if (sheetTownships.size > 1) analysis.township = null
  if (analysis.kind === 'children') {
    const childRows = analysis.rows as RowResult<ChildImportFacts>[]
    markDuplicateIds(childRows, (r) => `「${r.sheet}」第${r.row}行`)
    analysis.notInList = childrenNotInList(ctx, childRows)
  }
  if (!analysis.kind && analysis.fileProblems.length === 0) {
    analysis.fileProblems.push({
      sheet: '',
      row: null,
      column: null,
      message: `文件「${workbook.fileName}」中没有可导入的工作表（都是隐藏、空白或说明页）。`,
    })
  }
  analysis.missingVillages = [...missing.values()]
  return analysis
}

/** Children the registry has in the townships this list covers, whom the list no longer names. */
function childrenNotInList(ctx: ServiceContext, rows: RowResult<ChildImportFacts>[]): NotInList[] {
  const townships = new Set(rows.map((r) => r.facts?.townshipCode).filter((c): c is string => Boolean(c)))
  if (townships.size === 0) return []
  // Rows rejected for other reasons still name their child: those are not "missing from the list".
  const listed = new Set(rows.map((r) => r.facts?.idNumber ?? r.key).filter(Boolean))
  const out: NotInList[] = []
  const query = ctx.sqlite.prepare(
    `SELECT c.id, c.name, c.id_number, t.name AS township_name, v.name AS village_name
       FROM children c JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code
      WHERE t.code = ? AND c.status = 'active' ORDER BY v.code, c.name_pinyin`,
  )
  for (const code of townships) {
    for (const child of query.all(code) as { id: number; name: string; id_number: string; township_name: string; village_name: string }[]) {
      if (!listed.has(child.id_number)) {
        out.push({ id: child.id, name: child.name, townshipName: child.township_name, villageName: child.village_name })
      }
    }
  }
  return out
}

export function allProblems(analysis: FileAnalysis): RowProblem[] {
  return [...analysis.fileProblems, ...analysis.rows.flatMap((r) => r.problems)]
}
