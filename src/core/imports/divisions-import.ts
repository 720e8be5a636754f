import type { ServiceContext } from '../context'
import { townshipCode as checkTownshipCode, villageCode as checkVillageCode } from '../registry/division-codes'
import { getDistrict } from '../registry/divisions-service'
import { normaliseText } from '../shared/text'
import type { RowProblem, RowResult } from './analysis'
import { cellText } from './cells'
import type { SheetContext } from './children-import'
import type { DataRow } from './extract-rows'

/** One row of a division list: a township and, usually, one of its villages. */
export interface DivisionImportFacts {
  township: { name: string; code: string | null; existingCode: string | null }
  village: { name: string; code: string | null; existingCode: string | null } | null
}

export function checkDivisionRows(ctx: ServiceContext, rows: Iterable<DataRow>, sheet: SheetContext): RowResult<DivisionImportFacts>[] {
  const district = getDistrict(ctx)
  const byCode = ctx.sqlite.prepare('SELECT code, name, level, parent_code AS parentCode FROM divisions WHERE code = ?')
  return Array.from(rows, (data) => {
    const v = data.values
    const problems: RowProblem[] = []
    const at = (field: string | null, message: string) =>
      problems.push({ sheet: sheet.sheet, row: data.row, column: field ? (sheet.columnOf[field] ?? null) : null, message })
    const townshipName = normaliseText(cellText(v.townshipName ?? null))
    const villageName = normaliseText(cellText(v.villageName ?? null))
    const townshipCodeText = normaliseText(cellText(v.townshipCode ?? null)).replace(/\s/g, '')
    const villageCodeText = normaliseText(cellText(v.villageCode ?? null)).replace(/\s/g, '')
    const result = (status: RowResult['status'], extra: Partial<RowResult<DivisionImportFacts>> = {}): RowResult<DivisionImportFacts> => ({
      sheet: sheet.sheet, row: data.row, status, label: [townshipName, villageName].filter(Boolean).join(' / ') || '（空）', changes: [], problems, cells: data.cells, ...extra,
    })
    if (!district) {
      at(null, '尚未设置本区县。请先在「区划」页面设置区县名称和代码，再导入区划名单。')
      return result('rejected')
    }
    if (!townshipName) at('townshipName', '没有填写乡镇（街道）名称。')

    let townshipCode: string | null = null
    if (townshipCodeText) {
      const checked = checkTownshipCode(townshipCodeText, district.code)
      if (checked.ok) townshipCode = checked.code
      else at('townshipCode', checked.message)
    }
    const knownTownship =
      (townshipCode ? (byCode.get(townshipCode) as { code: string; name: string; level: string } | undefined) : undefined) ??
      sheet.places.township(townshipName)
    if (knownTownship && townshipCode && knownTownship.code !== townshipCode) {
      at('townshipCode', `乡镇「${townshipName}」在台账中的代码是 ${knownTownship.code}，与表中的 ${townshipCode} 不一致，请核对。`)
    }
    let village: DivisionImportFacts['village'] = null
    if (villageName) {
      let code: string | null = null
      const parentCode = townshipCode ?? knownTownship?.code ?? null
      if (villageCodeText) {
        const checked = parentCode
          ? checkVillageCode(villageCodeText, parentCode)
          : { ok: /^\d{12}$/.test(villageCodeText), code: villageCodeText, message: '村代码应为12位数字。' }
        if (checked.ok) code = checked.code
        else at('villageCode', checked.message)
      }
      const existing = parentCode ? sheet.places.village(parentCode, villageName) : undefined
      const byItsCode = code ? (byCode.get(code) as { code: string; name: string; parentCode: string } | undefined) : undefined
      if (byItsCode && byItsCode.name !== villageName) {
        at('villageCode', `代码 ${code} 在台账中是「${byItsCode.name}」，与表中的「${villageName}」不一致。如村已更名，请在「区划」页面重命名。`)
      }
      village = { name: villageName, code, existingCode: existing?.code ?? byItsCode?.code ?? null }
    }
    if (problems.length) return result('rejected')
    const facts: DivisionImportFacts = {
      township: { name: townshipName, code: townshipCode, existingCode: knownTownship?.code ?? null },
      village,
    }
    const isNew = !facts.township.existingCode || (village !== null && !village.existingCode)
    return result(isNew ? 'new' : 'unchanged', { facts })
  })
}
