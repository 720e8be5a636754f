import { CHILD_FIELD_LABELS, CHILD_RECORD_LABELS } from '../../contract/field-labels'
import type { ServiceContext } from '../context'
import { categoryDictionary } from '../registry/categories-service'
import { splitCategoryCell, type CategoryEntry } from '../registry/categories'
import { ADULT_AGE, checkChildInput, type ChildFacts } from '../registry/children-rules'
import { ageOn, parseLooseDate } from '../shared/dates'
import { maskIdNumber, maskPhone, normaliseIdNumber } from '../shared/id-number'
import { normaliseName, normaliseText } from '../shared/text'
import { columnRef, type MissingVillage, type RowProblem, type RowResult } from './analysis'
import { cellText, isEmptyCell } from './cells'
import type { DataRow } from './extract-rows'
import type { PlaceBook } from './places'
import type { Cell } from './workbook'

export interface ChildImportFacts extends ChildFacts {
  townshipCode: string
}

export interface SheetContext {
  sheet: string
  /** the township every row belongs to when the sheet has no township column */
  townshipCode: string | null
  /** field → "C列（身份证号）" */
  columnOf: Record<string, string>
  places: PlaceBook
  today: string
}

interface ExistingChild {
  id: number
  name: string
  village_code: string
  township_code: string
  township_name: string
  village_name: string
  address: string
  guardian_name: string
  guardian_relation: string
  guardian_phone: string
  bank_account: string
  notes: string
  status: string
  categories: string | null
}

/** Fields a township's list may update on a child already in the registry, with their Chinese names. */
const UPDATABLE: [keyof ChildImportFacts & keyof typeof CHILD_RECORD_LABELS, keyof ExistingChild][] = [
  ['name', 'name'],
  ['address', 'address'],
  ['guardianName', 'guardian_name'],
  ['guardianRelation', 'guardian_relation'],
  ['guardianPhone', 'guardian_phone'],
  ['bankAccount', 'bank_account'],
  ['notes', 'notes'],
]

const SEX_WORDS: Record<string, 'M' | 'F'> = { 男: 'M', 女: 'F', m: 'M', f: 'F', 男性: 'M', 女性: 'F' }

/** An ID that Excel turned into a number has lost its last digits once it had more than 15. */
function idText(cell: Cell): { text: string; mangled: boolean } {
  if (typeof cell === 'number') {
    const digits = String(Math.trunc(Math.abs(cell))).length
    return { text: String(cell), mangled: !Number.isSafeInteger(cell) || digits > 15 }
  }
  return { text: cellText(cell), mangled: false }
}

export function checkChildRows(ctx: ServiceContext, rows: Iterable<DataRow>, sheet: SheetContext, missing: Map<string, MissingVillage>): RowResult<ChildImportFacts>[] {
  const dictionary: CategoryEntry[] = categoryDictionary(ctx)
  // Most rows of a first import are new: a bare index probe answers them before the full read.
  const known = ctx.sqlite.prepare('SELECT 1 FROM children WHERE id_number = ?').pluck()
  const existingBy = ctx.sqlite.prepare(
    `SELECT c.id, c.name, c.village_code, v.name AS village_name, t.code AS township_code, t.name AS township_name,
            c.address, c.guardian_name, c.guardian_relation, c.guardian_phone, c.bank_account, c.notes, c.status,
            (SELECT group_concat(category_code) FROM child_categories cc WHERE cc.child_id = c.id AND cc.until IS NULL) AS categories
       FROM children c JOIN divisions v ON v.code = c.village_code JOIN divisions t ON t.code = v.parent_code
      WHERE c.id_number = ?`,
  )
  const problemAt = (row: number, field: string | null, message: string): RowProblem => ({
    sheet: sheet.sheet,
    row,
    column: field ? (sheet.columnOf[field] ?? null) : null,
    message,
  })

  // Rows arrive one at a time from the sheet, so only their results are held, never all of them twice.
  return Array.from(rows, (data) => {
    const v = data.values
    const problems: RowProblem[] = []
    const name = normaliseName(cellText(v.name ?? null))
    const id = idText(v.idNumber ?? null)
    const label = `${name || '（无姓名）'} ${id.text ? maskIdNumber(normaliseIdNumber(id.text)) : ''}`.trim()
    const result = (status: RowResult['status'], extra: Partial<RowResult<ChildImportFacts>> = {}): RowResult<ChildImportFacts> => ({
      sheet: sheet.sheet,
      row: data.row,
      status,
      label,
      changes: [],
      problems,
      cells: data.cells,
      key: id.text ? normaliseIdNumber(id.text) : undefined,
      ...extra,
    })

    if (!name && !id.text) {
      problems.push(problemAt(data.row, 'name', '该行没有姓名和身份证号，无法识别是哪名儿童。请补全，或删除该行。'))
      return result('rejected')
    }
    if (id.mangled) {
      problems.push(
        problemAt(
          data.row,
          'idNumber',
          `身份证号被Excel存成了数字（${id.text}），后几位已丢失，无法还原。请把该列设置为「文本」格式后重新录入完整的18位号码。`,
        ),
      )
    }

    // Township: the row's own column, else the sheet's.
    let townshipCode = sheet.townshipCode
    if (!isEmptyCell(v.township)) {
      const township = sheet.places.township(cellText(v.township ?? null))
      if (township) townshipCode = township.code
      else {
        problems.push(problemAt(data.row, 'township', `乡镇（街道）「${normaliseText(cellText(v.township ?? null))}」不在本区的区划中，请核对名称，或先在「区划」中添加。`))
        townshipCode = null
      }
    }
    let villageCode = ''
    const villageName = normaliseText(cellText(v.village ?? null))
    if (townshipCode) {
      if (!villageName) problems.push(problemAt(data.row, 'village', '没有填写村（社区）。'))
      else {
        const village = sheet.places.village(townshipCode, villageName)
        if (village) villageCode = village.code
        else {
          const township = sheet.places.townships.find((t) => t.code === townshipCode)!
          const known = sheet.places.villagesOf(townshipCode).map((p) => p.name)
          problems.push(
            problemAt(
              data.row,
              'village',
              `村（社区）「${villageName}」不在${township.name}的区划中。` +
                (known.length ? `现有：${known.slice(0, 12).join('、')}${known.length > 12 ? '等' : ''}。` : '') +
                '请核对名称；如确为新村，可在预览中新增该村后重新检查。',
            ),
          )
          const key = `${townshipCode}/${villageName}`
          const entry = missing.get(key) ?? { townshipCode, townshipName: township.name, villageName, rows: 0 }
          entry.rows++
          missing.set(key, entry)
        }
      }
    } else if (!sheet.townshipCode && isEmptyCell(v.township)) {
      problems.push(problemAt(data.row, null, '无法确定该行所属的乡镇（街道）：表中没有乡镇列，文件名和工作表名中也没有乡镇名称。请在导入时选择乡镇。'))
    }

    const registeredOn = isEmptyCell(v.registeredOn) ? '' : parseLooseDate(v.registeredOn as string | number | Date)
    if (registeredOn && !registeredOn.ok) problems.push(problemAt(data.row, 'registeredOn', `登记日期${registeredOn.reason}`))

    const checked = checkChildInput(
      {
        name,
        idNumber: id.mangled ? '' : id.text,
        villageCode: villageCode || 'unknown',
        categories: splitCategoryCell(cellText(v.categories ?? null)),
        address: cellText(v.address ?? null),
        guardianName: cellText(v.guardianName ?? null),
        guardianRelation: cellText(v.guardianRelation ?? null),
        guardianPhone: cellText(v.guardianPhone ?? null),
        bankAccount: cellText(v.bankAccount ?? null),
        registeredOn: registeredOn && registeredOn.ok ? registeredOn.date : '',
        notes: cellText(v.notes ?? null),
      },
      { today: sheet.today, dictionary, checkAge: false, checkCategoryAges: true },
    )
    if (!checked.ok) {
      for (const p of checked.problems) {
        if (id.mangled && p.field === 'idNumber') continue
        problems.push(problemAt(data.row, p.field ?? null, p.message))
      }
    }
    if (checked.ok || !id.mangled) {
      const facts = checked.ok ? checked.facts : null
      if (facts) {
        const age = ageOn(facts.birthDate, sheet.today)
        if (age >= ADULT_AGE) {
          problems.push(problemAt(data.row, 'idNumber', `按身份证号，该儿童已满${ADULT_AGE}周岁（${age}岁），不再属于困境儿童登记范围。请核对身份证号，或从名单中删除。`))
        }
        if (!isEmptyCell(v.sex)) {
          const sex = SEX_WORDS[normaliseText(cellText(v.sex ?? null)).toLowerCase()]
          if (!sex) problems.push(problemAt(data.row, 'sex', `性别「${cellText(v.sex ?? null)}」无法识别，请填写“男”或“女”。`))
          else if (sex !== facts.sex) {
            problems.push(problemAt(data.row, 'sex', `性别填写为“${sex === 'M' ? '男' : '女'}”，但身份证号第17位表示“${facts.sex === 'M' ? '男' : '女'}”。请核对性别或身份证号。`))
          }
        }
        if (!isEmptyCell(v.birthDate)) {
          const birth = parseLooseDate(v.birthDate as string | number | Date)
          if (!birth.ok) problems.push(problemAt(data.row, 'birthDate', `出生日期${birth.reason}`))
          else if (birth.date !== facts.birthDate) {
            problems.push(problemAt(data.row, 'birthDate', `出生日期填写为 ${birth.date}，但身份证号中的出生日期是 ${facts.birthDate}。请核对出生日期或身份证号。`))
          }
        }
      }
    }
    if (problems.length > 0 || !checked.ok || !townshipCode) return result('rejected')

    const facts: ChildImportFacts = { ...checked.facts, villageCode, townshipCode }
    const existing = known.get(facts.idNumber) ? (existingBy.get(facts.idNumber) as ExistingChild | undefined) : undefined
    if (!existing) return result('new', { facts })
    if (existing.township_code !== townshipCode) {
      problems.push(
        problemAt(
          data.row,
          'idNumber',
          `该身份证号已登记在${existing.township_name}${existing.village_name}（${existing.name}）。同一儿童不能同时属于两个乡镇；如确已迁入，请先在儿童档案中修改所在村，再重新导入。`,
        ),
      )
      return result('rejected', { existingId: existing.id })
    }
    const changes: string[] = []
    // The child's fields and the sheet's columns share their keys.
    const columnsPresent = new Set(Object.keys(sheet.columnOf))
    for (const [field, column] of UPDATABLE) {
      const title = CHILD_RECORD_LABELS[field]
      const next = String(facts[field] ?? '')
      const before = String(existing[column] ?? '')
      // A blank cell never wipes what the registry already knows.
      if (!columnsPresent.has(field) || next === '' || next === before) continue
      const show = (s: string) => (field === 'guardianPhone' ? maskPhone(s) : field === 'bankAccount' ? maskIdNumber(s) : s) || '（空）'
      changes.push(`${title}：${show(before)} → ${show(next)}`)
    }
    if (existing.village_code !== villageCode) {
      changes.push(`${CHILD_FIELD_LABELS.village}：${existing.village_name} → ${villageName}`)
    }
    const before = (existing.categories ?? '').split(',').filter(Boolean).sort()
    const after = [...facts.categories].sort()
    if (before.join() !== after.join()) {
      const nameOf = (code: string) => dictionary.find((c) => c.code === code)?.name ?? code
      changes.push(`${CHILD_FIELD_LABELS.categories}：${before.map(nameOf).join('、') || '（空）'} → ${after.map(nameOf).join('、')}`)
    }
    if (existing.status !== 'active') {
      changes.push('状态：已退出 → 在册（重新列入名单）')
    }
    return result(changes.length ? 'changed' : 'unchanged', { facts, existingId: existing.id, changes })
  })
}

/** The same child listed twice (in one file, or in two files of one import): both rows wait for the clerk. */
export function markDuplicateIds(rows: RowResult<ChildImportFacts>[], where: (r: RowResult) => string): void {
  const byId = new Map<string, RowResult<ChildImportFacts>[]>()
  for (const row of rows) {
    const id = row.facts?.idNumber ?? row.key
    if (!id) continue
    const list = byId.get(id) ?? []
    list.push(row)
    byId.set(id, list)
  }
  for (const list of byId.values()) {
    if (list.length < 2) continue
    for (const row of list) {
      const others = list.filter((o) => o !== row).map(where).join('、')
      row.status = 'rejected'
      row.problems.push({
        sheet: row.sheet,
        row: row.row,
        column: null,
        message: `同一身份证号在${others}也出现了，同一儿童只能登记一次。请核对是哪一行填错，改正后重新导入。`,
      })
    }
  }
}

export { columnRef }
