import type { StaffingTable } from '../../contract/workforce'
import type { ServiceContext } from '../context'
import { readWorkforceFacts, type VillageFact, type WorkforceFacts } from './workforce-facts'

export const hasDirector = (v: VillageFact) => v.own.length > 0 || v.covering.length > 0

/**
 * Children each director in post serves: those of the own village, plus those of villages the director also serves
 * that have no director of their own. A village served by two people shares its children between them (rounded up).
 */
export function directorLoads(facts: WorkforceFacts): Map<number, number> {
  const loads = new Map<number, number>()
  for (const v of facts.villages) {
    const servers = v.own.length ? v.own : v.covering
    if (!servers.length) continue
    const share = Math.ceil(v.children / servers.length)
    for (const id of servers) loads.set(id, (loads.get(id) ?? 0) + share)
  }
  // A director counted only where the own village is live: one whose village was retired serves nobody here.
  for (const v of facts.villages) for (const id of v.own) if (!loads.has(id)) loads.set(id, 0)
  return loads
}

export function villagesByTownship(facts: WorkforceFacts): Map<string, VillageFact[]> {
  const by = new Map<string, VillageFact[]>()
  for (const v of facts.villages) {
    const list = by.get(v.townshipCode)
    if (list) list.push(v)
    else by.set(v.townshipCode, [v])
  }
  return by
}

/** The staffing table of DOMAIN.md as of a day, computed from the registry (never typed in). */
export function staffingTable(ctx: ServiceContext, date = ctx.today()): StaffingTable {
  return staffingFrom(readWorkforceFacts(ctx, date))
}

export function staffingFrom(facts: WorkforceFacts): StaffingTable {
  const loads = directorLoads(facts)
  const supervisorsBy = new Map<string, number>()
  for (const s of facts.supervisors) supervisorsBy.set(s.divisionCode, (supervisorsBy.get(s.divisionCode) ?? 0) + 1)
  const villagesBy = villagesByTownship(facts)
  const rows = facts.townships.map((t) => {
    const own = villagesBy.get(t.code) ?? []
    const directorIds = own.flatMap((v) => v.own)
    const children = own.reduce((n, v) => n + v.children, 0)
    return {
      name: t.name,
      code: t.code,
      villages: own.length,
      supervisors: supervisorsBy.get(t.code) ?? 0,
      directors: directorIds.length,
      children,
      villagesWithoutDirector: own.filter((v) => !hasDirector(v)).map((v) => v.name),
      childrenPerDirector: directorIds.length > 0 ? Math.round((children / directorIds.length) * 10) / 10 : null,
      maxChildrenPerDirector: directorIds.reduce((max, id) => Math.max(max, loads.get(id) ?? 0), 0),
    }
  })
  return {
    date: facts.date,
    district: {
      townships: rows.length,
      villages: rows.reduce((n, t) => n + t.villages, 0),
      supervisors: rows.reduce((n, t) => n + t.supervisors, 0),
      directors: rows.reduce((n, t) => n + t.directors, 0),
      children: rows.reduce((n, t) => n + t.children, 0),
      villagesWithoutDirector: rows.flatMap((t) => t.villagesWithoutDirector.map((v) => `${t.name}/${v}`)),
      townshipsWithoutSupervisor: rows.filter((t) => t.supervisors === 0).map((t) => t.name),
    },
    townships: rows,
  }
}
