/**
 * The registry read for a roster in a handful of statements (never one query per child), and the
 * rules applied to every candidate. Nothing is written here: roster-service stores the result.
 */
import type { ServiceContext } from '../context'
import { schoolEnrolmentByChild } from '../followup/child-file'
import { addMonths, monthEnd, monthsOf, monthStart } from '../shared/months'
import { directorLine, rosterEntry, type ChildFacts, type Programme } from './rules'
import { payeeLine, type ComputedExcluded, type ComputedLine } from './payee-line'
import type { StoredProgramme } from './programmes-service'

export interface ComputedRoster {
  lines: ComputedLine[]
  excluded: ComputedExcluded[]
}

export interface ChildCandidate {
  facts: ChildFacts
  township: string
  village: string
  idNumber: string
  guardian: string
  bankAccount: string
}

type Raw = (string | number | null)[]

/**
 * The programmes that decide whether `target` pays a child: it, those it gives way to (its
 * excludedBy, followed on), and those that give way to it (so a line can say which rule won).
 * Inactive programmes pay nothing, so they exclude nothing. The bureau's order is kept.
 */
export function relevantProgrammes(target: StoredProgramme, all: StoredProgramme[]): Programme[] {
  const active = all.filter((p) => p.active && p.kind === 'child')
  const byCode = new Map(active.map((p) => [p.code, p]))
  const wanted = new Set<string>([target.code])
  const queue = [target.code]
  while (queue.length > 0) {
    const code = queue.pop()!
    for (const other of byCode.get(code)?.excludedBy ?? []) {
      if (!wanted.has(other) && byCode.has(other)) {
        wanted.add(other)
        queue.push(other)
      }
    }
  }
  for (const p of active) if (p.excludedBy.includes(target.code)) wanted.add(p.code)
  const list: Programme[] = active.filter((p) => wanted.has(p.code))
  if (!list.some((p) => p.code === target.code)) list.push(target)
  return list
}

/** Codes as an SQL list: literal, so SQLite sees the values and walks the category index. */
function sqlList(codes: string[]): string {
  return codes.length === 0 ? "''" : codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ')
}

/**
 * Children the roster must consider: holding one of the target categories at some point since
 * `from` (a date), and still registered or exited since then. Ordered as the roster prints them:
 * township, village, name. Their periods in the `relevant` categories come along in the same row.
 */
export function loadChildCandidates(
  ctx: ServiceContext,
  target: string[],
  relevant: string[],
  from: string,
): ChildCandidate[] {
  // Four flat reads joined here rather than one query with correlated subqueries per child: for a whole
  // district that is several times faster, and the order is the same binary order SQLite would sort by.
  const rows = ctx.sqlite
    .prepare(
      `SELECT c.id, c.name, c.id_number, c.birth_date, c.status, c.exit_date, c.exit_reason, c.registered_on,
              c.bank_account, c.guardian_name, c.village_code, c.name_pinyin
         FROM children c
        WHERE c.id IN (SELECT cc.child_id FROM child_categories cc
                        WHERE cc.category_code IN (${sqlList(target)}) AND (cc.until IS NULL OR cc.until >= @from))
          AND (c.status = 'active' OR c.exit_date IS NULL OR c.exit_date >= @from)`,
    )
    .raw(true)
    .all({ from }) as Raw[]
  const places = new Map(
    (
      ctx.sqlite
        .prepare(
          `SELECT v.code, v.name, COALESCE(t.code, ''), COALESCE(t.name, '')
             FROM divisions v LEFT JOIN divisions t ON t.code = v.parent_code WHERE v.level = 'village'`,
        )
        .raw(true)
        .all() as [string, string, string, string][]
    ).map(([code, name, townshipCode, township]) => [code, { name, townshipCode, township }]),
  )
  const periods = new Map<number, ChildFacts['categories']>()
  for (const [id, code, since, until] of ctx.sqlite
    .prepare(`SELECT child_id, category_code, since, until FROM child_categories WHERE category_code IN (${sqlList(relevant)})`)
    .raw(true)
    .iterate() as Iterable<[number, string, string | null, string | null]>) {
    const list = periods.get(id)
    const period = { code, since: since || null, until: until || null }
    if (list) list.push(period)
    else periods.set(id, [period])
  }
  const schoolUntil = schoolEnrolmentByChild(ctx)
  const keyed = rows.map((r) => {
    const place = places.get(r[10] as string)
    return { r, place, key: `${place?.townshipCode ?? ''}\u0000${r[10] as string}\u0000${r[11] as string}` }
  })
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : (a.r[0] as number) - (b.r[0] as number)))
  const candidates: ChildCandidate[] = new Array(keyed.length)
  for (let i = 0; i < keyed.length; i++) {
    const { r, place } = keyed[i]!
    const id = r[0] as number
    const bankAccount = (r[8] as string) ?? ''
    candidates[i] = {
      facts: {
        id,
        name: r[1] as string,
        birthDate: r[3] as string,
        status: r[4] as 'active' | 'exited',
        exitDate: r[5] as string | null,
        exitReason: r[6] as string | null,
        approvedOn: r[7] as string | null,
        categories: periods.get(id) ?? [],
        hasBankAccount: bankAccount.trim() !== '',
        group: null,
        // proof of school enrolment on file (一人一档) lets an extension pay past the age limit
        schoolEnrolmentUntil: schoolUntil.get(id) ?? null,
      },
      idNumber: r[2] as string,
      bankAccount,
      guardian: (r[9] as string) ?? '',
      township: place?.township ?? '',
      village: place?.name ?? '',
    }
  }
  return candidates
}

export function categoryNames(ctx: ServiceContext): Map<string, string> {
  const rows = ctx.sqlite.prepare('SELECT code, name FROM categories').raw(true).all() as [string, string][]
  return new Map(rows)
}

/** What locked rosters of a programme have paid: months by child (or director) id, back-pay included. */
export interface PaymentHistory {
  /** first month of the earliest locked roster: back-pay never reaches before the app's own records */
  since: string | null
  lockedCount: number
  children: Map<number, string[]>
  directors: Map<number, string[]>
}

export function paymentHistory(ctx: ServiceContext, programme: string): PaymentHistory {
  const head = ctx.sqlite
    .prepare("SELECT min(first_month) AS since, count(*) AS n FROM rosters WHERE programme_code = ? AND status = 'locked'")
    .get(programme) as { since: string | null; n: number }
  const children = new Map<number, string[]>()
  const directors = new Map<number, string[]>()
  if (head.n > 0) {
    const rows = ctx.sqlite
      .prepare(
        `SELECT l.child_id, l.director_id, l.paid_months, l.back_pay_months
           FROM rosters r JOIN roster_lines l ON l.roster_id = r.id
          WHERE r.programme_code = ? AND r.status = 'locked'`,
      )
      .raw(true)
      .all(programme) as Raw[]
    for (const [childId, directorId, paid, backPaid] of rows) {
      const map = childId !== null ? children : directors
      const id = (childId ?? directorId) as number
      let list = map.get(id)
      if (!list) map.set(id, (list = []))
      if (paid) list.push(...(paid as string).split(','))
      if (backPaid) list.push(...(backPaid as string).split(','))
    }
  }
  return { since: head.since, lockedCount: head.n, children, directors }
}

/** Children of a yearly programme already paid in a locked roster of the same year. */
function paidInYear(ctx: ServiceContext, programme: string, year: string): Set<number> {
  const ids = ctx.sqlite
    .prepare(
      `SELECT DISTINCT l.child_id FROM rosters r JOIN roster_lines l ON l.roster_id = r.id
        WHERE r.programme_code = ? AND r.status = 'locked' AND substr(r.first_month, 1, 4) = ? AND l.child_id IS NOT NULL`,
    )
    .pluck()
    .all(programme, year) as number[]
  return new Set(ids)
}

/**
 * For one child, only the programmes that could pay it (it holds one of their categories) take
 * part in mutual exclusion: the others cannot win a month. Most children hold one relevant
 * category, so most are judged by their programme alone.
 */
export function decidingProgrammes(programmes: Programme[]): (child: ChildFacts) => Programme[] | undefined {
  const bySet = new Map<string, Programme[] | undefined>()
  return (child) => {
    const codes = child.categories.map((c) => c.code).sort().join(',')
    if (bySet.has(codes)) return bySet.get(codes)
    const held = new Set(child.categories.map((c) => c.code))
    const list = programmes.filter((p) => p.categories.some((code) => held.has(code)))
    const chosen = list.length > 1 ? list : undefined
    bySet.set(codes, chosen)
    return chosen
  }
}

function excludedChild(c: ChildCandidate, reason: string, owedFen: number): ComputedExcluded {
  return {
    childId: c.facts.id,
    directorId: null,
    township: c.township,
    village: c.village,
    name: c.facts.name,
    idNumber: c.idNumber,
    reason,
    owedFen,
  }
}

/** The roster of a child programme for `months` (consecutive, the first being the roster's month). */
export function computeChildRoster(
  ctx: ServiceContext,
  target: StoredProgramme,
  all: StoredProgramme[],
  months: string[],
): ComputedRoster {
  const first = months[0]!
  const history = paymentHistory(ctx, target.code)
  const yearly = target.period === 'year'
  // Back-pay reaches the months between the first locked roster and this one that were owed but not paid.
  const backPayFrom = !yearly && history.since !== null && history.since < first ? history.since : null
  const programmes = relevantProgrammes(target, all)
  const relevant = [...new Set(programmes.flatMap((p) => p.categories))]
  // Who left (exit, category ended) last month is still considered, so the roster says why they are gone.
  const lastMonth = addMonths(first, -1)
  const from = monthStart(backPayFrom !== null && backPayFrom < lastMonth ? backPayFrom : lastMonth)
  const candidates = loadChildCandidates(ctx, target.categories, relevant, from)
  const names = categoryNames(ctx)
  const paidThisYear = yearly ? paidInYear(ctx, target.code, first.slice(0, 4)) : new Set<number>()
  const deciding = decidingProgrammes(programmes)
  const lines: ComputedLine[] = []
  const excluded: ComputedExcluded[] = []
  for (const c of candidates) {
    const facts = c.facts
    if (paidThisYear.has(facts.id)) {
      excluded.push(excludedChild(c, `${first.slice(0, 4)}年度已发放`, 0))
      continue
    }
    const entry = rosterEntry(target, facts, months, {
      programmes: deciding(facts),
      alreadyPaidMonths: history.children.get(facts.id),
      backPayFrom,
    })
    if (entry.status === 'ineligible') {
      excluded.push(excludedChild(c, entry.reason, 0))
      continue
    }
    if (entry.status === 'excluded') {
      excluded.push(excludedChild(c, entry.reason, entry.line.totalFen))
      continue
    }
    const code = entry.line.categoryCode
    const payee = { childId: facts.id, directorId: null, township: c.township, village: c.village, name: facts.name, idNumber: c.idNumber, guardian: c.guardian, bankAccount: c.bankAccount }
    lines.push(payeeLine(payee, entry.line, names.get(code) ?? code))
  }
  return { lines, excluded }
}

/** Directors who may be in post during the months, with every village they serve. */
export function loadDirectorCandidates(ctx: ServiceContext, from: string, to: string) {
  const rows = ctx.sqlite
    .prepare(
      `SELECT s.id, s.name, s.start_date, s.end_date, s.village_code, COALESCE(t.name, ''), v.name,
              (SELECT group_concat(a.village_code) FROM director_villages a WHERE a.director_id = s.id),
              (SELECT group_concat(d.name, '、') FROM director_villages a JOIN divisions d ON d.code = a.village_code
                WHERE a.director_id = s.id)
         FROM directors s
         JOIN divisions v ON v.code = s.village_code
         LEFT JOIN divisions t ON t.code = v.parent_code
        WHERE (s.end_date IS NULL OR s.end_date >= @from) AND (s.start_date IS NULL OR s.start_date <= @to)
        ORDER BY t.code, v.code, s.name, s.id`,
    )
    .raw(true)
    .all({ from, to }) as Raw[]
  return rows.map((r) => {
    const also = r[7] ? (r[7] as string).split(',') : []
    return {
      facts: {
        id: r[0] as number,
        name: r[1] as string,
        // No start date on file: in post since before the roster (the registry never said otherwise).
        startDate: (r[2] as string | null) ?? '0001-01-01',
        endDate: r[3] as string | null,
        villageCodes: [r[4] as string, ...also],
      },
      township: r[5] as string,
      village: r[8] ? `${r[6] as string}（兼管${r[8] as string}）` : (r[6] as string),
    }
  })
}

export function computeDirectorRoster(ctx: ServiceContext, target: StoredProgramme, months: string[]): ComputedRoster {
  const history = paymentHistory(ctx, target.code)
  const candidates = loadDirectorCandidates(ctx, monthStart(months[0]!), monthEnd(months.at(-1)!))
  const lines: ComputedLine[] = []
  const excluded: ComputedExcluded[] = []
  for (const d of candidates) {
    const place = { childId: null, directorId: d.facts.id, township: d.township, village: d.village, name: d.facts.name, idNumber: '' }
    const result = directorLine(target, d.facts, months, { alreadyPaidMonths: history.directors.get(d.facts.id) })
    if (!result.ok) excluded.push({ ...place, reason: result.reason, owedFen: 0 })
    else lines.push(payeeLine({ ...place, guardian: '', bankAccount: '' }, result, '儿童主任'))
  }
  return { lines, excluded }
}

export function computeRoster(
  ctx: ServiceContext,
  target: StoredProgramme,
  all: StoredProgramme[],
  firstMonth: string,
  count: number,
): ComputedRoster {
  const months = monthsOf(firstMonth, count)
  return target.kind === 'director' ? computeDirectorRoster(ctx, target, months) : computeChildRoster(ctx, target, all, months)
}
