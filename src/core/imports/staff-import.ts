import type { ServiceContext } from '../context'
import { parseLooseDate, parseYearMonth } from '../shared/dates'
import { maskPhone } from '../shared/id-number'
import { checkPhone, normaliseName, normalisePhone, normaliseText } from '../shared/text'
import type { RowProblem, RowResult } from './analysis'
import { cellText, isEmptyCell } from './cells'
import type { SheetContext } from './children-import'
import type { DataRow } from './extract-rows'
import type { MissingVillage } from './analysis'
import type { StaffRecordRow } from '../registry/staff-service'

export interface StaffImportFacts {
  divisionCode: string
  name: string
  sex: 'M' | 'F'
  birthDate: string | null
  phone: string
  partTime: boolean | null
  concurrentPost: string
  education: string
  trained: boolean | null
  startDate: string | null
  notes: string
}

type ExistingStaff = Omit<StaffRecordRow, 'division_code'>

const YES = /^(是|已培训|已参加|参加|有|√|y|yes)$/i
const NO = /^(否|未培训|未参加|无|没有|×|n|no)$/i

export function checkStaffRows(
  ctx: ServiceContext,
  kind: 'supervisors' | 'directors',
  rows: Iterable<DataRow>,
  sheet: SheetContext,
  missing: Map<string, MissingVillage>,
): RowResult<StaffImportFacts>[] {
  const title = kind === 'supervisors' ? '儿童督导员' : '儿童主任'
  const column = kind === 'supervisors' ? 'township_code' : 'village_code'
  const inPost = ctx.sqlite.prepare(
    `SELECT * FROM ${kind} WHERE ${column} = ? AND (end_date IS NULL OR end_date >= ?) ORDER BY id`,
  )
  return Array.from(rows, (data) => {
    const v = data.values
    const problems: RowProblem[] = []
    const at = (field: string | null, message: string) =>
      problems.push({ sheet: sheet.sheet, row: data.row, column: field ? (sheet.columnOf[field] ?? null) : null, message })
    const name = normaliseName(cellText(v.name ?? null))
    const result = (status: RowResult['status'], extra: Partial<RowResult<StaffImportFacts>> = {}): RowResult<StaffImportFacts> => ({
      sheet: sheet.sheet, row: data.row, status, label: name || '（无姓名）', changes: [], problems, cells: data.cells, ...extra,
    })
    if (!name) at('name', `没有填写${title}姓名。`)

    let townshipCode = sheet.townshipCode
    if (!isEmptyCell(v.township)) {
      const township = sheet.places.township(cellText(v.township ?? null))
      townshipCode = township?.code ?? null
      if (!township) at('township', `乡镇（街道）「${normaliseText(cellText(v.township ?? null))}」不在本区的区划中，请核对名称，或先在「区划」中添加。`)
    } else if (!townshipCode) at(null, '无法确定所属乡镇（街道）：表中没有乡镇列。请在导入时选择乡镇。')

    let divisionCode = townshipCode ?? ''
    if (kind === 'directors' && townshipCode) {
      const villageName = normaliseText(cellText(v.village ?? null))
      const village = villageName ? sheet.places.village(townshipCode, villageName) : undefined
      divisionCode = village?.code ?? ''
      if (!villageName) at('village', '没有填写村（社区）。')
      else if (!village) {
        const township = sheet.places.townships.find((t) => t.code === townshipCode)!
        at('village', `村（社区）「${villageName}」不在${township.name}的区划中。请核对名称；如确为新村，可在预览中新增该村后重新检查。`)
        const key = `${townshipCode}/${villageName}`
        const entry = missing.get(key) ?? { townshipCode, townshipName: township.name, villageName, rows: 0 }
        entry.rows++
        missing.set(key, entry)
      }
    }

    const sexText = normaliseText(cellText(v.sex ?? null))
    const sex = sexText.startsWith('男') ? 'M' : sexText.startsWith('女') ? 'F' : null
    if (!sex) at('sex', sexText ? `性别「${sexText}」无法识别，请填写“男”或“女”。` : '没有填写性别。')

    let birthDate: string | null = null
    // 出生年月 names a month: a registry that knows the day within it keeps the day.
    let birthMonth: string | null = null
    if (!isEmptyCell(v.birthDate)) {
      const month = parseYearMonth(v.birthDate as string | number | Date)
      if (month.ok) {
        birthMonth = month.month
        birthDate = `${month.month}-01`
      }
      else {
        const day = parseLooseDate(v.birthDate as string | number | Date)
        if (day.ok) birthDate = day.date
        else at('birthDate', `出生年月${month.reason}`)
      }
    }
    const phone = normalisePhone(cellText(v.phone ?? null))
    if (phone) {
      const checked = checkPhone(phone)
      if (!checked.ok) at('phone', checked.reason)
    }
    const partText = normaliseText(cellText(v.partTime ?? null))
    const partTime = !partText ? null : partText.includes('兼') ? true : partText.includes('专') ? false : undefined
    if (partTime === undefined) at('partTime', `「${partText}」无法识别，请填写“专职”或“兼职”。`)
    const trainedText = normaliseText(cellText(v.trained ?? null))
    const trained = !trainedText ? null : YES.test(trainedText) ? true : NO.test(trainedText) ? false : undefined
    if (trained === undefined) at('trained', `「${trainedText}」无法识别，请填写“是”或“否”。`)
    let startDate: string | null = null
    if (!isEmptyCell(v.startDate)) {
      const day = parseLooseDate(v.startDate as string | number | Date)
      const month = day.ok ? null : parseYearMonth(v.startDate as string | number | Date)
      if (day.ok) startDate = day.date
      else if (month?.ok) startDate = `${month.month}-01`
      else at('startDate', `任职时间${day.reason}`)
    }
    if (problems.length || !sex || !divisionCode) return result('rejected')

    const facts: StaffImportFacts = {
      divisionCode,
      name,
      sex,
      birthDate,
      phone,
      partTime: partTime ?? null,
      concurrentPost: normaliseText(cellText(v.concurrentPost ?? null)),
      education: normaliseText(cellText(v.education ?? null)),
      trained: trained ?? null,
      startDate,
      notes: normaliseText(cellText(v.notes ?? null)),
    }
    const current = inPost.all(divisionCode, sheet.today) as ExistingStaff[]
    const same = current.find((s) => s.name === name)
    if (!same && current.length > 0) {
      at(
        'name',
        `该${kind === 'supervisors' ? '乡镇' : '村'}已有在任${title}「${current[0]!.name}」，与表中的「${name}」不同。如已更换，请先在「${title}」页面填写原任的离任日期，再重新导入。`,
      )
      return result('rejected')
    }
    if (!same) return result('new', { facts })
    if (birthMonth && same.birth_date?.startsWith(birthMonth)) facts.birthDate = null
    const changes: string[] = []
    const compare = (label: string, before: string, after: string, show = (s: string) => s) => {
      if (after !== '' && before !== after) changes.push(`${label}：${show(before) || '（空）'} → ${show(after)}`)
    }
    compare('性别', same.sex === 'M' ? '男' : '女', sex === 'M' ? '男' : '女')
    compare('出生年月', same.birth_date ?? '', facts.birthDate ?? '')
    compare('联系电话', same.phone, phone, maskPhone)
    if (partTime !== null && partTime !== undefined) compare('专职/兼职', same.part_time ? '兼职' : '专职', partTime ? '兼职' : '专职')
    compare('兼任职务', same.concurrent_post, facts.concurrentPost)
    compare('文化程度', same.education, facts.education)
    if (trained !== null && trained !== undefined) compare('是否培训', same.trained ? '是' : '否', trained ? '是' : '否')
    compare('任职时间', same.start_date ?? '', startDate ?? '')
    compare('备注', same.notes, facts.notes)
    return result(changes.length ? 'changed' : 'unchanged', { facts, existingId: same.id, changes })
  })
}
