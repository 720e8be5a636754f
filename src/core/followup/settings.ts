import type { Outcome } from '../../contract'
import { recordAudit } from '../audit/log'
import { inTransaction, type ServiceContext } from '../context'
import { statement } from '../db/statements'
import { DEFAULT_REVIEW_DEADLINE_DAYS } from './rules'

const DEADLINE_KEY = 'followup.reviewDeadlineDays'

export interface FollowupSettings {
  reviewDeadlineDays: number
}

/** The bureau's follow-up settings; a setting never saved has its default. Reading writes nothing. */
export function followupSettings(ctx: ServiceContext): FollowupSettings {
  const raw = statement(ctx.sqlite, 'SELECT value FROM settings WHERE key = ?').pluck().get(DEADLINE_KEY) as string | undefined
  const days = raw === undefined ? NaN : Number(raw)
  return { reviewDeadlineDays: Number.isInteger(days) && days >= 1 && days <= 90 ? days : DEFAULT_REVIEW_DEADLINE_DAYS }
}

export function saveFollowupSettings(ctx: ServiceContext, input: FollowupSettings): Outcome<FollowupSettings> {
  const days = input.reviewDeadlineDays
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    return { ok: false, problems: [{ field: 'reviewDeadlineDays', message: '季度更新截止天数应为 1 到 90 之间的整数（季度结束后多少天内完成）。' }] }
  }
  return inTransaction(ctx, () => {
    const before = followupSettings(ctx)
    statement(
      ctx.sqlite,
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(DEADLINE_KEY, String(days), ctx.now())
    recordAudit(ctx, { action: '修改季度更新截止天数', entity: 'setting', entityId: DEADLINE_KEY, before, after: { reviewDeadlineDays: days } })
    return { ok: true as const, value: { reviewDeadlineDays: days } }
  })
}
