import type { ServiceContext } from '../context'
import { addDays } from '../shared/dates'
import { addReview, addVisit, addDocument, checkReview, deliverService, resolveRisk, saveAssessment } from '../followup/followup-service'
import { addQuarters, quarterOf, quarterStart } from '../followup/rules'

/**
 * Case follow-up for the demo district, so the pages have something to show: last quarter's reviews for some
 * children (one checked by the supervisor), visits (one risk flag still open, one dealt with), two needs assessments
 * with planned and delivered services, and a school enrolment proof. No random number is drawn, so the rest of the
 * district stays as it was.
 */
export function seedDemoFollowup(ctx: ServiceContext): void {
  const today = ctx.today()
  const children = ctx.sqlite
    .prepare("SELECT id, birth_date FROM children WHERE status = 'active' ORDER BY village_code, id LIMIT 12")
    .all() as { id: number; birth_date: string }[]
  if (children.length < 6) return
  const lastQuarter = addQuarters(quarterOf(today), -1)
  // A day of last quarter, never before the child was born nor after today.
  const on = (child: { birth_date: string }, offset: number) => {
    const d = addDays(quarterStart(lastQuarter), offset)
    return d > today ? today : d < child.birth_date ? child.birth_date : d
  }
  const must = <T>(outcome: { ok: true; value: T } | { ok: false; problems: { message: string }[] }): T => {
    if (!outcome.ok) throw new Error(`demo follow-up refused: ${outcome.problems.map((p) => p.message).join('；')}`)
    return outcome.value
  }
  const director = '演示儿童主任'
  children.slice(0, 8).forEach((child, i) => {
    const reviewedOn = on(child, 20 + i)
    const review = must(
      addReview(ctx, {
        childId: child.id,
        reviewedOn,
        reviewer: director,
        quarter: quarterOf(reviewedOn),
        noChange: i % 3 !== 0,
        changes: i % 3 === 0 ? '监护人联系电话变更，已更新档案' : '',
      }),
    )
    if (i === 0) must(checkReview(ctx, { id: review.id, checker: '演示督导员' }))
  })
  const [a, b, c, d] = children as [typeof children[number], typeof children[number], typeof children[number], typeof children[number]]
  must(addVisit(ctx, { childId: a.id, visitedOn: today, visitor: director, kind: 'home', findings: '祖母住院，儿童独自在家', risk: 'no-guardian' }))
  const resolved = must(
    addVisit(ctx, { childId: b.id, visitedOn: on(b, 30), visitor: director, kind: 'home', findings: '身上有多处淤青，疑似被打', risk: 'abuse-neglect' }),
  )
  must(resolveRisk(ctx, { id: resolved.id, action: '报告派出所和乡镇，安排临时照料并转介心理辅导', resolvedBy: '演示督导员', resolvedOn: on(b, 31) }))
  must(addVisit(ctx, { childId: c.id, visitedOn: on(c, 40), visitor: director, kind: 'school', findings: '在校表现良好', risk: null }))
  must(addVisit(ctx, { childId: d.id, visitedOn: on(d, 45), visitor: director, kind: 'phone', findings: '电话回访，生活正常', risk: null }))
  must(
    saveAssessment(ctx, {
      childId: a.id,
      assessedOn: today,
      assessor: '演示督导员',
      selfLevel: null,
      selfNotes: '',
      familyLevel: 'key',
      familyNotes: '家庭收入低',
      guardianshipLevel: 'urgent',
      guardianshipNotes: '祖母住院，无人照料',
      services: ['temporary-care', 'guardian-awareness'],
    }),
  )
  must(
    saveAssessment(ctx, {
      childId: b.id,
      assessedOn: on(b, 31),
      assessor: '演示督导员',
      selfLevel: 'urgent',
      selfNotes: '疑似受虐，情绪低落',
      familyLevel: null,
      familyNotes: '',
      guardianshipLevel: 'key',
      guardianshipNotes: '',
      services: ['counselling', 'education-subsidy'],
    }),
  )
  must(deliverService(ctx, { childId: b.id, serviceCode: 'counselling', deliveredOn: on(b, 50), provider: '区社工站', notes: '' }))
  const eldest = ctx.sqlite.prepare("SELECT id, birth_date FROM children WHERE status = 'active' ORDER BY birth_date, id LIMIT 1").get() as { id: number; birth_date: string }
  must(addDocument(ctx, { childId: eldest.id, type: 'school-enrolment', title: '在校就读证明', issuedOn: on(eldest, 1), validUntil: `${Number(today.slice(0, 4)) + 1}-07-31`, notes: '' }))
}
