import type { DataValidation, Style, Worksheet } from 'exceljs'
import type { Category } from '../../contract'
import { DIMENSION_NAMES } from '../../contract/labels'
import type { ServiceContext } from '../context'
import { fieldsOf, KIND_NAMES, type FieldDef, type SheetKind } from '../sheets/fields'
import { columnName } from '../imports/workbook'
import { listCategories } from '../registry/categories-service'
import { getDistrict } from '../registry/divisions-service'
import {
  BODY_FONT,
  BODY_STYLES,
  wrappedHeight,
  HEADER_STYLE,
  landscapePageSetup,
  PAGE_FOOTER,
  registerColumns,
  SUBTITLE_STYLE,
  TEXT_FORMAT,
  THIN_BORDER,
  TITLE_STYLE,
} from '../sheets/book-style'
import { newBook } from '../sheets/books'

export interface TemplateRequest {
  kind: SheetKind
  /** a township's own template: its name prefilled, its villages in the dropdown */
  townshipCode?: string
}

/** Everything a template shows, read from the registry first so the writer below is pure. */
export interface TemplateFacts {
  kind: SheetKind
  district: string
  township?: { code: string; name: string }
  /** that township's villages in use, or empty */
  villages: string[]
  /** all townships in use, offered when the template is not for one township */
  townships: string[]
  categories: Pick<Category, 'name' | 'dimension' | 'aliases'>[]
}

export const TEMPLATE_ROWS = 500
const HEADER_ROW = 3
const FIRST_ROW = HEADER_ROW + 1
const LAST_ROW = HEADER_ROW + TEMPLATE_ROWS
export const OPTIONS_SHEET = '选项'
export const GUIDE_SHEET = '填表说明'

const DATE_HINT = '如 2015-03-02 或 2015.3.2'

/** What the 填表说明 sheet says about each column, by field key and kind. */
function fieldHint(kind: SheetKind, key: string, facts: TemplateFacts): string {
  const staff = kind === 'supervisors' || kind === 'directors'
  switch (key) {
    case 'township':
    case 'townshipName':
      return facts.township
        ? `乡镇（街道）名称，已预填「${facts.township.name}」。`
        : '乡镇（街道）全称，可从下拉列表选择。'
    case 'village':
    case 'villageName':
      if (kind === 'divisions') return '村（社区）全称，一行一个。'
      return facts.villages.length > 0
        ? `村（社区）全称，请从下拉列表选择（列表为${facts.township?.name ?? '本乡镇'}现有的村、社区）。`
        : '村（社区）全称。'
    case 'townshipCode':
    case 'villageCode':
      return '12位统计用区划代码，不知道可不填。本列为文本格式。'
    case 'name':
      return staff ? '本人姓名。' : '儿童姓名，与户口簿一致。'
    case 'sex':
      return staff ? '男 或 女（下拉选择）。' : '男 或 女（下拉选择）。可不填，系统按身份证号核对。'
    case 'idNumber':
      return '18位公民身份号码，末位可为X。本列已设为文本格式，直接输入即可，不要加空格。'
    case 'birthDate':
      return staff
        ? '出生年月，如 1975-03 或 1975.3。本列为文本格式。'
        : `${DATE_HINT}。可不填，系统按身份证号核对。`
    case 'categories':
      return '可从下拉列表选择；一名儿童属于多个类型时直接手工输入，用「、」分隔，如「残疾儿童、低保家庭儿童」，不在列表中的写法也能输入。可写的类型见下表。'
    case 'address':
      return '家庭现住址。'
    case 'guardianName':
      return '监护人姓名。'
    case 'guardianRelation':
      return '监护人与儿童的关系，如 祖父、祖母、母亲、伯父。'
    case 'guardianPhone':
    case 'phone':
      return '11位手机号，或带区号的固定电话。本列为文本格式。'
    case 'bankAccount':
      return '发放补贴的银行卡号或存折账号。本列为文本格式，号码不会被改变。'
    case 'registeredOn':
      return `登记为困境儿童的日期，${DATE_HINT}。可不填。`
    case 'partTime':
      return '专职 或 兼职（下拉选择）。'
    case 'concurrentPost':
      return '兼任的其他职务，如 妇联主席、村委委员。'
    case 'education':
      return '如 初中、高中、大专、本科。'
    case 'trained':
      return '是否参加过儿童督导员/儿童主任培训：是 或 否（下拉选择）。'
    case 'startDate':
      return `开始任职的日期，${DATE_HINT}。`
    case 'notes':
      return '其他需要说明的情况。'
    case 'quarter':
      return '本次更新属于哪个季度，如 2026年第1季度 或 2026Q1。可不填，按更新日期所在季度计。'
    case 'reviewedOn':
      return `儿童主任更新该儿童信息的日期，${DATE_HINT}。`
    case 'reviewer':
      return '做本次更新的儿童主任姓名。'
    case 'changes':
      return '本季度的变化情况，如 监护人更换、住址变更；没有变化写「无变化」。'
    case 'visitedOn':
      return `走访日期，${DATE_HINT}。`
    case 'visitor':
      return '走访人姓名。'
    case 'kind':
      return '入户、电话 或 学校。'
    case 'findings':
      return '走访中了解到的情况。'
    case 'risk':
      return '发现风险时填写，如 无监护人在家、疑似受虐或忽视；没有风险不填。有风险的记录会在工作台上提示，直到登记处理措施。'
    default:
      return ''
  }
}

/** Reads what the template needs: names in use, never retired ones. */
export function templateFacts(ctx: ServiceContext, request: TemplateRequest): TemplateFacts {
  let township: TemplateFacts['township']
  if (request.townshipCode) {
    township = ctx.sqlite
      .prepare<[string], { code: string; name: string }>(
        "SELECT code, name FROM divisions WHERE code = ? AND level = 'township'",
      )
      .get(request.townshipCode)
    if (!township) throw new Error(`no township with code ${request.townshipCode}`)
  }
  const names = (sql: string, ...params: string[]) => ctx.sqlite.prepare(sql).pluck().all(...params) as string[]
  return {
    kind: request.kind,
    district: getDistrict(ctx)?.name ?? '',
    township,
    villages: township
      ? names(
          "SELECT name FROM divisions WHERE parent_code = ? AND level = 'village' AND retired_on IS NULL ORDER BY code",
          township.code,
        )
      : [],
    townships: names("SELECT name FROM divisions WHERE level = 'township' AND retired_on IS NULL ORDER BY code"),
    categories: listCategories(ctx),
  }
}

export async function writeTemplate(ctx: ServiceContext, request: TemplateRequest, out: string): Promise<void> {
  await writeTemplateBook(templateFacts(ctx, request), out)
}

function listFormula(items: string[]): string {
  return `"${items.join(',')}"`
}

/** A range on the hidden 选项 sheet: inline lists stop at 255 characters, a range has no such limit. */
function optionsRange(column: string, count: number): string {
  return `'${OPTIONS_SHEET}'!$${column}$2:$${column}$${count + 1}`
}

function strictList(title: string, items: string[]): DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [listFormula(items)],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: `请从下拉列表中选择：${items.join(' 或 ')}。`,
  }
}

interface OptionColumn {
  header: string
  items: string[]
}

/** The validations of one column, or none; options collects what goes on the hidden sheet. */
function validationFor(
  field: FieldDef,
  kind: SheetKind,
  facts: TemplateFacts,
  option: (column: OptionColumn) => string,
): DataValidation | undefined {
  switch (field.key) {
    case 'sex':
      return strictList(field.label, ['男', '女'])
    case 'partTime':
      return strictList(field.label, ['专职', '兼职'])
    case 'trained':
      return strictList(field.label, ['是', '否'])
    case 'categories': {
      const names = facts.categories.map((c) => c.name)
      if (names.length === 0) return undefined
      // A child may hold several types in one cell ("残疾儿童、低保家庭儿童"): Excel must accept
      // text that is not an item of the list, so the list only offers and never refuses.
      return {
        type: 'list',
        allowBlank: true,
        formulae: [option({ header: field.label, items: names })],
        showErrorMessage: false,
        errorStyle: 'information',
        showInputMessage: true,
        promptTitle: field.label,
        prompt: '可下拉选择；属于多个类型时手工输入，用「、」分隔。',
      }
    }
    case 'village':
      if (kind === 'divisions' || facts.villages.length === 0) return undefined
      return {
        type: 'list',
        allowBlank: true,
        formulae: [option({ header: field.label, items: facts.villages })],
        showErrorMessage: true,
        // A village the registry does not know yet is the bureau's to add, not the clerk's to be stopped at.
        errorStyle: 'warning',
        errorTitle: field.label,
        error: `该村（社区）不在${facts.township?.name ?? '本乡镇'}的名单中。请核对名称；确属新设的村（社区），请点「是」并告知区民政局。`,
      }
    case 'township':
    case 'townshipName':
      if (facts.township || facts.townships.length === 0) return undefined
      return {
        type: 'list',
        allowBlank: true,
        formulae: [option({ header: field.label, items: facts.townships })],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: field.label,
        error: '该乡镇（街道）不在本区名单中，请核对名称。',
      }
    default:
      return undefined
  }
}

/** The blank form a township fills in, with its instructions. Pure: everything comes in facts. */
export async function writeTemplateBook(facts: TemplateFacts, out: string): Promise<void> {
  const { kind } = facts
  const fields = fieldsOf(kind)
  const people = kind !== 'divisions'
  const workbook = newBook()

  const sheet = workbook.addWorksheet(KIND_NAMES[kind], {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${FIRST_ROW}` }],
    pageSetup: landscapePageSetup(HEADER_ROW),
    headerFooter: { oddFooter: PAGE_FOOTER },
  })
  const guide = workbook.addWorksheet(GUIDE_SHEET)
  const optionColumns: OptionColumn[] = []
  const option = (column: OptionColumn): string => {
    optionColumns.push(column)
    return optionsRange(columnName(optionColumns.length - 1), column.items.length)
  }

  const columns = registerColumns(fields, people)
  const offset = people ? 1 : 0
  const width = columns.length

  const place = facts.township?.name ?? ''
  sheet.mergeCells(1, 1, 1, width)
  sheet.mergeCells(2, 1, 2, width)
  const title = sheet.getCell(1, 1)
  title.value = `${facts.district}${place}${KIND_NAMES[kind]}`
  title.style = TITLE_STYLE
  sheet.getRow(1).height = 32
  const unit = sheet.getCell(2, 1)
  unit.value = `填报单位：${place || '                    '}        填报日期：        年    月    日`
  unit.style = SUBTITLE_STYLE
  sheet.getRow(2).height = 20
  sheet.getRow(HEADER_ROW).height = 30

  columns.forEach((column, i) => {
    const field = i >= offset ? fields[i - offset] : undefined
    const style: Partial<Style> = BODY_STYLES[column.kind]
    const sheetColumn = sheet.getColumn(i + 1)
    sheetColumn.width = column.width
    // The column's own format covers rows typed below the prepared ones as well.
    if (column.kind === 'text') sheetColumn.numFmt = TEXT_FORMAT
    const header = sheet.getCell(HEADER_ROW, i + 1)
    header.value = column.header
    header.style = HEADER_STYLE
    const prefill = field && (field.key === 'township' || field.key === 'townshipName') ? facts.township?.name : undefined
    for (let row = FIRST_ROW; row <= LAST_ROW; row++) {
      const cell = sheet.getCell(row, i + 1)
      cell.style = style
      if (prefill) cell.value = prefill
    }
    const validation = field ? validationFor(field, kind, facts, option) : undefined
    if (validation) {
      const letter = columnName(i)
      dataValidations(sheet).add(`${letter}${FIRST_ROW}:${letter}${LAST_ROW}`, validation)
    }
  })

  writeGuide(guide, facts, fields)

  if (optionColumns.length > 0) {
    const options = workbook.addWorksheet(OPTIONS_SHEET, { state: 'hidden' })
    optionColumns.forEach((column, i) => {
      options.getColumn(i + 1).width = 20
      options.getCell(1, i + 1).value = column.header
      column.items.forEach((item, j) => {
        options.getCell(j + 2, i + 1).value = item
      })
    })
  }

  await workbook.xlsx.writeFile(out)
}

/** exceljs keeps a sheet's validations on the worksheet but leaves them out of its type declarations. */
function dataValidations(sheet: Worksheet): { add(range: string, validation: DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: DataValidation): void } })
    .dataValidations
}

function writeGuide(guide: Worksheet, facts: TemplateFacts, fields: FieldDef[]): void {
  const { kind } = facts
  const staff = kind === 'supervisors' || kind === 'directors'
  guide.getColumn(1).width = 18
  guide.getColumn(2).width = 12
  guide.getColumn(3).width = 80
  const wrap: Partial<Style> = { font: BODY_FONT, alignment: { vertical: 'top', wrapText: true } }
  const boxed: Partial<Style> = { ...wrap, border: THIN_BORDER }
  let row = 1

  guide.mergeCells(row, 1, row, 3)
  guide.getCell(row, 1).value = `${KIND_NAMES[kind]}填表说明`
  guide.getCell(row, 1).style = TITLE_STYLE
  guide.getRow(row).height = 30
  row += 2

  const notes = [
    `从第${FIRST_ROW}行起，${kind === 'divisions' ? '每行填写一个村（社区）' : '每行填写一人'}；请不要修改第${HEADER_ROW}行的列名，不要合并单元格。`,
    '身份证号、电话、账号、代码、日期等列已设为文本格式，直接输入即可，Excel不会改动号码。',
    staff
      ? `日期可写成 2015-03-02 或 2015.3.2；出生年月可写成 1975-03 或 1975.3。`
      : '日期可写成 2015-03-02 或 2015.3.2。',
    '带下拉箭头的列可从列表中选择。',
    ...(kind === 'children'
      ? ['困境类型列既可下拉选择，也可手工输入：一名儿童属于多个类型时用「、」分隔（如「残疾儿童、低保家庭儿童」），输入列表以外的内容不会被拒绝。']
      : []),
    `表中预留了${TEMPLATE_ROWS}行，不够时可在下方继续填写。`,
    '填好后将本文件发送给区民政局。有错误的行会附「错误说明」退回，请改正后整表重新发送。',
  ]
  notes.forEach((note, i) => {
    guide.mergeCells(row, 1, row, 3)
    const cell = guide.getCell(row, 1)
    cell.value = `${i + 1}. ${note}`
    cell.style = wrap
    guide.getRow(row).height = wrappedHeight(cell.value as string, 105)
    row++
  })
  row++

  ;['列名', '是否必填', '填写要求'].forEach((text, i) => {
    const cell = guide.getCell(row, i + 1)
    cell.value = text
    cell.style = HEADER_STYLE
  })
  row++
  const listed = kind === 'divisions' ? fields : [{ key: 'index', label: '序号', required: false, aliases: [] }, ...fields]
  for (const field of listed) {
    const hint = field.key === 'index' ? '可不填。' : fieldHint(kind, field.key, facts)
    const values = [field.label, field.required ? '必填' : '选填', hint]
    values.forEach((value, i) => {
      const cell = guide.getCell(row, i + 1)
      cell.value = value
      cell.style = i === 1 && field.required ? { ...boxed, font: { ...BODY_FONT, bold: true } } : boxed
    })
    row++
  }

  if (kind !== 'children') return
  row++
  guide.mergeCells(row, 1, row, 3)
  guide.getCell(row, 1).value = '困境类型（写类型名称或下列任一写法均可识别）'
  guide.getCell(row, 1).style = { font: { ...BODY_FONT, bold: true } }
  row++
  ;['类型名称', '困境维度', '也可写作'].forEach((text, i) => {
    const cell = guide.getCell(row, i + 1)
    cell.value = text
    cell.style = HEADER_STYLE
  })
  row++
  for (const category of facts.categories) {
    const values = [category.name, DIMENSION_NAMES[category.dimension], category.aliases.join('、')]
    values.forEach((value, i) => {
      const cell = guide.getCell(row, i + 1)
      cell.value = value
      cell.style = boxed
    })
    row++
  }
}
