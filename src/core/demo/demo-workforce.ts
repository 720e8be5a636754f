import type { ServiceContext } from '../context'
import { addTraining } from '../registry/trainings-service'
import { addDays } from '../shared/dates'

/**
 * A training history for the demo's staff, so the workforce page's "trained in the last 12 months" has something to
 * count: every other director was trained two months ago, every third one more than a year ago. No random draws,
 * so the rest of the demo stays as it was.
 */
export function seedDemoTrainings(ctx: ServiceContext): void {
  const today = ctx.today()
  const people = [
    ...(ctx.sqlite.prepare('SELECT id FROM directors ORDER BY id').pluck().all() as number[]).map((id) => ({ kind: 'director' as const, id })),
    ...(ctx.sqlite.prepare('SELECT id FROM supervisors ORDER BY id').pluck().all() as number[]).map((id) => ({ kind: 'supervisor' as const, id })),
  ]
  people.forEach(({ kind, id }, index) => {
    if (index % 2 === 0) {
      addTraining(ctx, { personKind: kind, personId: id, heldOn: addDays(today, -60), course: '儿童关爱保护业务培训', hoursTenths: 40 })
    }
    if (index % 3 === 0) {
      addTraining(ctx, { personKind: kind, personId: id, heldOn: addDays(today, -420), course: '儿童主任履职能力培训', hoursTenths: 15 })
    }
  })
}
