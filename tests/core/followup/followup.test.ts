import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/core/dispatch'
import { childFile, schoolEnrolmentUntil } from '../../../src/core/followup/child-file'
import { staleReport, workDashboard } from '../../../src/core/followup/dashboard'
import {
  addDocument,
  addReview,
  addVisit,
  checkReview,
  deliverService,
  listReviews,
  listVisits,
  planService,
  removeDocument,
  removeReview,
  removeVisit,
  resolveRisk,
  saveAssessment,
  saveCatalogueEntry,
  serviceCatalogue,
} from '../../../src/core/followup/followup-service'
import { categoriesReport, completionReport, servicesReport } from '../../../src/core/followup/reports'
import { followupSettings, saveFollowupSettings } from '../../../src/core/followup/settings'
import { exitChild, updateChild } from '../../../src/core/registry/children-service'
import { tempRegistry, type TempRegistry } from '../../support/temp-registry'
import { buildFollowupDistrict, ok } from './support'

let reg: TempRegistry
let place: ReturnType<typeof buildFollowupDistrict>

beforeEach(async () => {
  reg = await tempRegistry('2026-11-23')
  place = buildFollowupDistrict(reg.ctx)
})
afterEach(() => reg.cleanup())

const review = (childId: number, reviewedOn: string, extra: Partial<Parameters<typeof addReview>[1]> = {}) =>
  addReview(reg.ctx, { childId, reviewedOn, reviewer: '李梅', quarter: '', noChange: true, changes: '', ...extra })

function seedReviews() {
  const { c1, c2, c5, c6 } = place.children
  ok(review(c1, '2026-08-10'))
  ok(review(c2, '2026-05-10', { noChange: false, changes: '监护人电话变更' }))
  ok(review(c5, '2026-10-05', { quarter: '2026-Q3' }))
  ok(exitChild(reg.ctx, { id: c6, reason: 'moved_away', date: '2026-06-30' }))
}

describe('quarterly reviews', () => {
  it('records a review, keeps the child\'s last review date, and lets the supervisor check it once', () => {
    const { c1 } = place.children
    const id = ok(review(c1, '2026-08-10')).id
    ok(review(c1, '2026-05-02', { noChange: false, changes: '住址变更' }))
    expect(reg.ctx.sqlite.prepare('SELECT last_reviewed_at FROM children WHERE id = ?').pluck().get(c1)).toBe('2026-08-10')
    expect(ok(checkReview(reg.ctx, { id, checker: '王督导' }))).toEqual({ id, checked: true })
    expect(ok(checkReview(reg.ctx, { id, checker: '别人' }))).toEqual({ id, checked: false })
    const list = listReviews(reg.ctx, { checked: 'checked', page: 1, pageSize: 50 })
    expect(list.total).toBe(1)
    expect(list.rows[0]).toMatchObject({ quarter: '2026-Q3', reviewer: '李梅', checkedBy: '王督导', noChange: true, townshipName: '城关镇', villageName: '东街社区' })
    expect(list.rows[0]!.idNumberMasked).toMatch(/\*{4,}/)
    expect(listReviews(reg.ctx, { quarter: '2026-Q2', checked: 'all', page: 1, pageSize: 50 }).rows[0]!.changes).toBe('住址变更')
    const audit = reg.ctx.sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'review' ORDER BY id").pluck().all()
    expect(audit).toEqual(['登记季度更新（2026年第3季度）', '登记季度更新（2026年第2季度）', '督导员审核季度更新'])
  })

  it('refuses in Chinese, per field', () => {
    const { c1, c6 } = place.children
    const future = review(c1, '2026-12-01')
    expect(future.ok ? [] : future.problems).toEqual([{ field: 'reviewedOn', message: expect.stringContaining('晚于今天') }])
    const noText = review(c1, '2026-08-10', { noChange: false, changes: '  ' })
    expect(noText.ok ? [] : noText.problems.map((p) => p.field)).toEqual(['changes'])
    const wrongQuarter = review(c1, '2026-08-10', { quarter: '2026-Q4' })
    expect(wrongQuarter.ok ? [] : wrongQuarter.problems[0]!.message).toMatch(/早于该季度/)
    const nobody = review(c1, '2026-08-10', { reviewer: '　' })
    expect(nobody.ok ? [] : nobody.problems.map((p) => p.field)).toEqual(['reviewer'])
    ok(exitChild(reg.ctx, { id: c6, reason: 'moved_away', date: '2026-06-30' }))
    const afterExit = review(c6, '2026-08-10')
    expect(afterExit.ok ? '' : afterExit.problems[0]!.message).toMatch(/已于 2026-06-30 退出登记/)
    expect(review(99999, '2026-08-10').ok).toBe(false)
    expect(reg.ctx.sqlite.prepare('SELECT count(*) FROM quarterly_reviews').pluck().get()).toBe(0)
  })
})

describe('records entered by mistake', () => {
  it('takes a review or a visit back: the last review date and the dashboard follow, the trail keeps what it said', () => {
    const { c1, c2 } = place.children
    ok(review(c1, '2026-05-02', { noChange: false, changes: '住址变更' }))
    const wrong = ok(review(c1, '2026-08-10')).id
    expect(reg.ctx.sqlite.prepare('SELECT last_reviewed_at FROM children WHERE id = ?').pluck().get(c1)).toBe('2026-08-10')
    ok(removeReview(reg.ctx, wrong))
    expect(reg.ctx.sqlite.prepare('SELECT last_reviewed_at FROM children WHERE id = ?').pluck().get(c1)).toBe('2026-05-02')

    const visit = ok(addVisit(reg.ctx, { childId: c2, visitedOn: '2026-11-20', visitor: '李梅', kind: 'home', findings: '记错了儿童', risk: 'other' }))
    expect(workDashboard(reg.ctx, {}).risks.total).toBe(1)
    ok(removeVisit(reg.ctx, visit.id))
    expect(workDashboard(reg.ctx, {}).risks.total).toBe(0)

    const gone = removeVisit(reg.ctx, visit.id)
    expect(gone.ok ? '' : gone.problems[0]!.message).toBe('该走访记录不存在，可能已被删除，请刷新后重试。')
    const trail = reg.ctx.sqlite.prepare("SELECT action, before FROM audit_log WHERE action LIKE '删除%' ORDER BY id").all() as { action: string; before: string }[]
    expect(trail.map((t) => t.action)).toEqual(['删除季度更新记录', '删除走访记录'])
    expect(JSON.parse(trail[1]!.before)).toMatchObject({ findings: '记错了儿童', risk: 'other' })
  })

  it('sends an imported record back to its batch instead', () => {
    const { c1 } = place.children
    const id = ok(review(c1, '2026-08-10')).id
    reg.ctx.sqlite.prepare('UPDATE quarterly_reviews SET import_batch_id = 7 WHERE id = ?').run(id)
    const refused = removeReview(reg.ctx, id)
    expect(refused.ok ? '' : refused.problems[0]!.message).toContain('第 7 批导入')
    expect(reg.ctx.sqlite.prepare('SELECT count(*) FROM quarterly_reviews WHERE id = ?').pluck().get(id)).toBe(1)
  })
})

describe('stale files', () => {
  it('counts stale files per township and per director on the built district', () => {
    seedReviews()
    const report = staleReport(reg.ctx, { page: 1, pageSize: 50 })
    expect(report).toMatchObject({ asOf: '2026-11-23', dueQuarter: '2026-Q3', deadline: '2026-10-15', total: 2 })
    expect(report.byTownship.map((t) => [t.name, t.stale, t.active])).toEqual([
      ['城关镇', 2, 3],
      ['青山乡', 0, 2],
    ])
    expect(report.byDirector.map((d) => [d.name, d.townshipName, d.stale])).toEqual([
      ['李梅', '城关镇', 1],
      ['（无儿童主任）', '城关镇', 1],
    ])
    expect(report.rows.map((r) => r.childId).sort()).toEqual([place.children.c2, place.children.c3].sort())
    expect(report.rows.find((r) => r.childId === place.children.c2)).toMatchObject({ lastReviewedOn: '2026-05-10', directorName: '李梅' })
    expect(staleReport(reg.ctx, { townshipCode: place.townships.b, page: 1, pageSize: 50 }).total).toBe(0)
  })

  it('moves with the quarter boundary and the deadline setting', () => {
    seedReviews()
    // On the Q3 deadline day Q2 is still the due quarter: c2 (reviewed in May) is fine, c3 (never) is not.
    expect(staleReport(reg.ctx, { asOf: '2026-10-15', page: 1, pageSize: 50 }).total).toBe(1)
    expect(staleReport(reg.ctx, { asOf: '2026-10-16', page: 1, pageSize: 50 }).total).toBe(2)
    ok(saveFollowupSettings(reg.ctx, { reviewDeadlineDays: 60 }))
    expect(followupSettings(reg.ctx)).toEqual({ reviewDeadlineDays: 60 })
    expect(staleReport(reg.ctx, { page: 1, pageSize: 50 })).toMatchObject({ dueQuarter: '2026-Q2', total: 1 })
    const wrong = saveFollowupSettings(reg.ctx, { reviewDeadlineDays: 0 })
    expect(wrong.ok ? '' : wrong.problems[0]!.field).toBe('reviewDeadlineDays')
  })
})

describe('visits and risk flags', () => {
  it('raises a risk on the dashboard until an action is recorded', () => {
    const { c2, c3 } = place.children
    const risky = ok(addVisit(reg.ctx, { childId: c2, visitedOn: '2026-11-20', visitor: '李梅', kind: 'home', findings: '祖母住院，儿童独自在家', risk: 'no-guardian' }))
    ok(addVisit(reg.ctx, { childId: c3, visitedOn: '2026-11-21', visitor: '李梅', kind: 'phone', findings: '正常', risk: null }))
    let dash = workDashboard(reg.ctx, {})
    expect(dash.risks.total).toBe(1)
    expect(dash.risks.rows[0]).toMatchObject({ id: risky.id, childId: c2, risk: 'no-guardian', resolvedOn: null, villageName: '东街社区' })
    expect(listVisits(reg.ctx, { risk: 'open', page: 1, pageSize: 50 }).total).toBe(1)

    const early = resolveRisk(reg.ctx, { id: risky.id, action: '联系伯父', resolvedBy: '王督导', resolvedOn: '2026-11-19' })
    expect(early.ok ? '' : early.problems[0]!.field).toBe('resolvedOn')
    const notRisky = resolveRisk(reg.ctx, { id: risky.id + 1, action: 'x', resolvedBy: '王督导', resolvedOn: '2026-11-22' })
    expect(notRisky.ok ? '' : notRisky.problems[0]!.message).toMatch(/没有标记风险/)
    ok(resolveRisk(reg.ctx, { id: risky.id, action: '联系伯父临时照料', resolvedBy: '王督导', resolvedOn: '2026-11-22' }))
    const again = resolveRisk(reg.ctx, { id: risky.id, action: '再次', resolvedBy: '王督导', resolvedOn: '2026-11-22' })
    expect(again.ok ? '' : again.problems[0]!.message).toMatch(/已于 2026-11-22 处置/)
    dash = workDashboard(reg.ctx, {})
    expect(dash.risks.total).toBe(0)
    expect(listVisits(reg.ctx, { risk: 'flagged', page: 1, pageSize: 50 }).rows[0]).toMatchObject({ resolution: '联系伯父临时照料', resolvedBy: '王督导' })
    const noFindings = addVisit(reg.ctx, { childId: c2, visitedOn: '2026-11-20', visitor: '李梅', kind: 'home', findings: '', risk: 'abuse-neglect' })
    expect(noFindings.ok ? '' : noFindings.problems[0]!.field).toBe('findings')
  })
})

describe('the work dashboard', () => {
  it('gives exact counts on the built district', () => {
    seedReviews()
    reg.ctx.sqlite.prepare(`UPDATE programmes SET extension = '{"untilAge":22,"needs":"school-enrolment"}' WHERE code = 'orphan-basic'`).run()
    ok(addDocument(reg.ctx, { childId: place.children.c5, type: 'school-enrolment', title: '', issuedOn: '2026-09-01', validUntil: '2027-07-31', notes: '' }))
    reg.ctx.sqlite
      .prepare(
        `INSERT INTO rosters (programme_code, programme_name, first_month, months, last_month, status, generated_at, generated_by, total_fen, line_count, excluded_count)
         VALUES ('orphan-basic', '孤儿基本生活费', '2026-11', 1, '2026-11', 'draft', '2026-11-23T01:00:00.000Z', '测试员', 0, 0, 0)`,
      )
      .run()
    const dash = workDashboard(reg.ctx, {})
    expect(dash.stale).toMatchObject({ total: 2, dueQuarter: '2026-Q3', deadline: '2026-10-15' })
    expect(dash.ageingOut.total).toBe(1)
    expect(dash.ageingOut.rows[0]).toMatchObject({
      childId: place.children.c5,
      turns18On: '2026-12-20',
      extension: 'applies',
      schoolEnrolmentUntil: '2027-07-31',
      programmes: [expect.any(String)],
    })
    expect(dash.noDirector).toEqual({ villages: 1, children: 1, top: [{ code: place.villages.a2, name: '南关村', townshipName: '城关镇', children: 1 }] })
    expect(dash.draftRosters.total).toBe(1)
    expect(dash.risks.total).toBe(0)
    // Without the proof, the extension needs a document; 91 days ahead the child is not listed.
    const doc = reg.ctx.sqlite.prepare('SELECT id FROM child_documents').pluck().get() as number
    ok(removeDocument(reg.ctx, doc))
    expect(workDashboard(reg.ctx, {}).ageingOut.rows[0]!.extension).toBe('needs-document')
    expect(workDashboard(reg.ctx, { asOf: '2026-09-20' }).ageingOut.total).toBe(0)
    expect(workDashboard(reg.ctx, { asOf: '2026-09-21' }).ageingOut.total).toBe(1)
  })
})

describe('needs, services and the service report', () => {
  it('plans from an assessment, delivers, and counts needed/received per township', async () => {
    const { c1, c2, c3, c4 } = place.children
    const assessed = ok(
      saveAssessment(reg.ctx, {
        childId: c1,
        assessedOn: '2026-02-01',
        assessor: '王督导',
        selfLevel: null,
        selfNotes: '',
        familyLevel: 'key',
        familyNotes: '',
        guardianshipLevel: 'urgent',
        guardianshipNotes: '父母外出务工',
        services: ['counselling', 'after-school'],
      }),
    )
    expect(assessed.planned).toBe(2)
    ok(planService(reg.ctx, { childId: c2, serviceCode: 'counselling', plannedOn: '2026-03-01', provider: '', notes: '' }))
    const dup = planService(reg.ctx, { childId: c2, serviceCode: 'counselling', plannedOn: '2026-03-02', provider: '', notes: '' })
    expect(dup.ok ? '' : dup.problems[0]!.message).toMatch(/未完成的「心理辅导」服务计划/)
    ok(planService(reg.ctx, { childId: c4, serviceCode: 'counselling', plannedOn: '2026-03-01', provider: '', notes: '' }))
    // delivered: c1's planned counselling (found without a planId), c4 counselling; c3 a delivery without a plan
    ok(deliverService(reg.ctx, { childId: c1, serviceCode: 'counselling', deliveredOn: '2026-03-10', provider: '区社工站', notes: '' }))
    ok(deliverService(reg.ctx, { childId: c4, serviceCode: 'counselling', deliveredOn: '2026-05-10', provider: '', notes: '' }))
    ok(deliverService(reg.ctx, { childId: c3, serviceCode: 'free-textbooks', deliveredOn: '2026-02-20', provider: '学校', notes: '' }))
    // a plan closed before the period does not count in it
    ok(deliverService(reg.ctx, { childId: c3, serviceCode: 'lunch-subsidy', deliveredOn: '2025-12-20', provider: '', notes: '' }))
    const wrongPlan = deliverService(reg.ctx, { childId: c2, serviceCode: 'counselling', planId: 1, deliveredOn: '2026-03-10', provider: '', notes: '' })
    expect(wrongPlan.ok ? '' : wrongPlan.problems[0]!.field).toBe('planId')

    const report = servicesReport(reg.ctx, { from: '2026-01-01', to: '2026-03-31' })
    expect(report.townships.map((t) => t.name)).toEqual(['城关镇', '青山乡'])
    const row = (code: string) => report.rows.find((r) => r.code === code)!
    expect(row('counselling')).toMatchObject({ needed: 3, received: 1, ratePercent: 33.3, byTownship: [{ needed: 2, received: 1, ratePercent: 50 }, { needed: 1, received: 0, ratePercent: 0 }] })
    expect(row('after-school')).toMatchObject({ needed: 1, received: 0, ratePercent: 0 })
    expect(row('free-textbooks')).toMatchObject({ needed: 1, received: 1, ratePercent: 100 })
    expect(row('lunch-subsidy')).toMatchObject({ needed: 0, received: 0, ratePercent: null })
    expect(row('temporary-care').byTownship).toEqual([{ needed: 0, received: 0, ratePercent: null }, { needed: 0, received: 0, ratePercent: null }])
    expect(report.rows).toHaveLength(20)

    // The same table as a workbook, read back.
    const answer = await dispatch(reg.ctx, 'exports.servicesReport', { from: '2026-01-01', to: '2026-03-31' }, { validateOutput: true })
    if ('error' in answer) throw new Error(answer.error.message)
    const download = answer.result as { fileName: string; dataBase64: string }
    expect(download.fileName).toBe('示范区困境儿童关爱服务提供情况统计表-2026-01-01至2026-03-31.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(download.dataBase64, 'base64') as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('服务提供情况')!
    expect(sheet.getCell('A1').value).toBe('示范区困境儿童关爱服务提供情况统计表')
    expect(sheet.getCell('D4').value).toBe('全区')
    expect(sheet.getCell('G4').value).toBe('城关镇')
    expect(sheet.getCell('J4').value).toBe('青山乡')
    expect(sheet.getCell('E5').value).toBe('已提供人数')
    const line = (name: string) => {
      for (let r = 6; r <= sheet.rowCount; r++) if (sheet.getCell(r, 3).value === name) return sheet.getRow(r)
      throw new Error(`no row ${name}`)
    }
    const counselling = line('心理辅导')
    expect([4, 5, 6, 7, 8, 9, 10, 11, 12].map((c) => counselling.getCell(c).value)).toEqual([3, 1, 0.333, 2, 1, 0.5, 1, 0, 0])
    expect(counselling.getCell(6).numFmt).toBe('0.0%')
    expect(counselling.getCell(2).value).toBe('心理健康')
    expect([4, 5, 6].map((c) => line('营养午餐补助').getCell(c).value)).toEqual([0, 0, '—'])
    expect(sheet.pageSetup.printTitlesRow).toBe('4:5')
  })

  it('keeps the catalogue the bureau extends', () => {
    expect(serviceCatalogue(reg.ctx, false).map((s) => s.area)).toEqual([
      ...Array(5).fill('safety'), 'physical', 'physical', 'mental', 'mental', ...Array(5).fill('education'), ...Array(6).fill('other'),
    ])
    const code = ok(saveCatalogueEntry(reg.ctx, { name: '暑期托管', area: 'safety', dimension: 'guardianship', active: true })).code
    expect(code).toBe('custom-1')
    const clash = saveCatalogueEntry(reg.ctx, { name: '心理辅导', area: 'mental', dimension: 'self', active: true })
    expect(clash.ok ? '' : clash.problems[0]!.field).toBe('name')
    ok(saveCatalogueEntry(reg.ctx, { code: 'counselling', name: '心理辅导', area: 'mental', dimension: 'self', active: false }))
    expect(serviceCatalogue(reg.ctx, false).some((s) => s.code === 'counselling')).toBe(false)
    const inactive = planService(reg.ctx, { childId: place.children.c1, serviceCode: 'counselling', plannedOn: '2026-03-01', provider: '', notes: '' })
    expect(inactive.ok ? '' : inactive.problems[0]!.message).toMatch(/已停用/)
  })
})

describe("a child's file", () => {
  it('holds the history, the follow-up and the documents', () => {
    const { c2 } = place.children
    ok(review(c2, '2026-08-01'))
    ok(addVisit(reg.ctx, { childId: c2, visitedOn: '2026-11-20', visitor: '李梅', kind: 'school', findings: '情绪低落', risk: 'other' }))
    ok(saveAssessment(reg.ctx, { childId: c2, assessedOn: '2026-11-20', assessor: '王督导', selfLevel: 'general', selfNotes: '', familyLevel: null, familyNotes: '', guardianshipLevel: null, guardianshipNotes: '', services: ['counselling'] }))
    ok(addDocument(reg.ctx, { childId: c2, type: 'school-enrolment', title: '2026学年在校证明', issuedOn: '2026-09-01', validUntil: '2027-07-31', notes: '' }))
    ok(addDocument(reg.ctx, { childId: c2, type: 'school-enrolment', title: '旧证明', issuedOn: '2025-09-01', validUntil: '2026-07-31', notes: '' }))
    const missing = addDocument(reg.ctx, { childId: c2, type: 'school-enrolment', title: '', issuedOn: '', validUntil: '', notes: '' })
    expect(missing.ok ? '' : missing.problems[0]!.field).toBe('validUntil')
    const before = reg.ctx.sqlite.prepare('SELECT * FROM children WHERE id = ?').get(c2) as Record<string, string>
    ok(
      updateChild(reg.ctx, {
        id: c2,
        name: before.name!,
        idNumber: before.id_number!,
        villageCode: before.village_code!,
        categories: ['low-income'],
        address: '西街9号',
        guardianName: '张二',
        guardianRelation: '伯父',
        guardianPhone: '13800003333',
        bankAccount: before.bank_account!,
        registeredOn: '2026-01-01',
        notes: '',
      }),
    )
    const file = childFile(reg.ctx, c2)!
    expect(file.child.history[0]!.changes).toEqual(expect.arrayContaining(['住址：东街1号 → 西街9号', '监护人：张大 → 张二']))
    expect(file.categoryPeriods.map((p) => [p.name, p.until])).toEqual(expect.arrayContaining([['残疾儿童', '2026-11-23']]))
    expect(file.reviews).toHaveLength(1)
    expect(file.visits[0]).toMatchObject({ kind: 'school', risk: 'other' })
    expect(file.assessments[0]).toMatchObject({ overallLevel: 'general', services: ['counselling'] })
    expect(file.services[0]).toMatchObject({ serviceName: '心理辅导', status: 'planned' })
    expect(file.documents.map((d) => d.title)).toEqual(['旧证明', '2026学年在校证明'])
    expect(file.schoolEnrolmentUntil).toBe('2027-07-31')
    expect(schoolEnrolmentUntil(reg.ctx, c2)).toBe('2027-07-31')
    expect(file.followup).toEqual({ lastReviewedOn: '2026-08-01', dueQuarter: '2026-Q3', stale: false, openRisks: 1 })
    expect(file.exit).toEqual({ status: 'active', reason: null, reasonName: null, date: null })
    expect(file.subsidies).toEqual([])
    expect(childFile(reg.ctx, 99999)).toBeNull()
  })
})

describe('reports', () => {
  it('counts children by category and township on a day', () => {
    seedReviews()
    const report = categoriesReport(reg.ctx, { date: '2026-11-23' })
    const col = (code: string) => report.categories.findIndex((c) => c.code === code)
    const a = report.rows.find((r) => r.townshipName === '城关镇')!
    const b = report.rows.find((r) => r.townshipName === '青山乡')!
    expect([a.counts[col('left-behind')], a.counts[col('low-income')], a.counts[col('disabled')], a.children]).toEqual([2, 1, 1, 3])
    // c6 exited in June; c4 registered in October
    expect([b.counts[col('orphan')], b.counts[col('low-income')], b.children]).toEqual([1, 1, 2])
    expect(report.district.children).toBe(5)
    const june = categoriesReport(reg.ctx, { date: '2026-06-01' })
    expect(june.rows.find((r) => r.townshipName === '青山乡')!.children).toBe(2) // c5 and c6, not yet c4
  })

  it('reports quarterly completion by director and supervisor', () => {
    seedReviews()
    const id = reg.ctx.sqlite.prepare("SELECT id FROM quarterly_reviews WHERE quarter = '2026-Q3' ORDER BY id").pluck().get() as number
    ok(checkReview(reg.ctx, { id, checker: '王督导' }))
    const report = completionReport(reg.ctx, { quarter: '2026-Q3' })
    expect(report.deadline).toBe('2026-10-15')
    expect(report.directors.map((d) => [d.directorName, d.villageNames.join('、'), d.children, d.reviewed, d.checked, d.ratePercent])).toEqual([
      ['李梅', '东街社区', 2, 1, 1, 50],
      ['（无儿童主任）', '南关村', 1, 0, 0, 0],
      ['赵兰', '青山村', 1, 1, 0, 100],
    ])
    expect(report.supervisors.map((s) => [s.townshipName, s.supervisorName, s.children, s.reviewed])).toEqual([
      ['城关镇', '王督导', 3, 1],
      ['青山乡', null, 1, 1],
    ])
    expect(report.district).toEqual({ children: 4, reviewed: 2, checked: 1, ratePercent: 50 })
  })
})
