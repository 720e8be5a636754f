import type { PeopleStats, TownshipWorkforce, WorkforceOverview, WorkforcePerson } from '../../contract/workforce'
import type { ServiceContext } from '../context'
import { ageOn } from '../shared/dates'
import { ageBuckets, centresNeeded, percent, spreadOf, tally, tenureBuckets, yearsBetween } from './rules'
import { directorLoads, hasDirector, staffingFrom, villagesByTownship } from './staffing'
import { readWorkforceFacts, type PersonFact, type WorkforceFacts } from './workforce-facts'

const HEAVIEST = 10

function peopleStats(people: readonly PersonFact[], date: string): PeopleStats {
  const ages = people.map((p) => (p.birthDate ? ageOn(p.birthDate, date) : null))
  const known = ages.filter((a): a is number => a !== null)
  const over60 = known.filter((a) => a >= 60).length
  const tenure = people.map((p) => yearsBetween(p.startDate, date))
  const knownTenure = tenure.filter((y): y is number => y !== null)
  const trainedRecently = people.filter((p) => p.recentTrainings > 0).length
  return {
    count: people.length,
    male: people.filter((p) => p.sex === 'M').length,
    female: people.filter((p) => p.sex === 'F').length,
    partTime: people.filter((p) => p.partTime === 1).length,
    fullTime: people.filter((p) => p.partTime !== 1).length,
    over60,
    over60Share: percent(over60, known.length),
    ages: ageBuckets(ages),
    concurrentPosts: tally(people.map((p) => p.concurrentPost), '无兼任'),
    education: tally(people.map((p) => p.education), '未填'),
    trainedLast12Months: trainedRecently,
    trainedLast12MonthsShare: percent(trainedRecently, people.length),
    // The old yes/no mark from township sheets counts as trained even without a dated record.
    neverTrained: people.filter((p) => p.trainings === 0 && p.trained !== 1).length,
    tenure: tenureBuckets(tenure),
    meanYearsInPost: spreadOf(knownTenure).mean,
  }
}

/** Names and places for people and villages, looked up once. */
function lookups(facts: WorkforceFacts) {
  const township = new Map(facts.townships.map((t) => [t.code, t.name]))
  const village = new Map(facts.villages.map((v) => [v.code, v]))
  const director = new Map(facts.directors.map((d) => [d.id, d]))
  const villagesOf = (d: PersonFact) => [d.divisionCode, ...(facts.alsoServes.get(d.id) ?? [])].map((c) => village.get(c)?.name ?? c)
  return { township, village, director, villagesOf }
}

export function workforceOverview(ctx: ServiceContext, date: string, villagesPerCentre: number): WorkforceOverview {
  const facts = readWorkforceFacts(ctx, date)
  const table = staffingFrom(facts)
  const loads = directorLoads(facts)
  const { township, village, director, villagesOf } = lookups(facts)
  const liveDirectors = facts.directors.filter((d) => village.has(d.divisionCode))
  const liveSupervisors = facts.supervisors.filter((s) => township.has(s.divisionCode))
  const uncovered = facts.villages.filter((v) => !hasDirector(v))
  const perSupervisor = table.townships.flatMap((t) => (t.supervisors ? Array(t.supervisors).fill(Math.ceil(t.children / t.supervisors)) : []))
  const heaviest = liveDirectors
    .map((d) => ({ d, children: loads.get(d.id) ?? 0 }))
    .sort((a, b) => b.children - a.children || a.d.divisionCode.localeCompare(b.d.divisionCode))
    .slice(0, HEAVIEST)
  const villagesBy = villagesByTownship(facts)
  const byTownship = facts.townships.map((t) => {
    const villages = villagesBy.get(t.code)?.length ?? 0
    return { code: t.code, township: t.name, villages, centres: Math.ceil(villages / villagesPerCentre) }
  })
  return {
    date,
    table,
    coverage: {
      villagesWithoutDirector: uncovered.map((v) => ({
        townshipCode: v.townshipCode,
        township: township.get(v.townshipCode) ?? '',
        code: v.code,
        village: v.name,
        children: v.children,
        vacantSince: facts.vacantSince.get(v.code) ?? null,
      })),
      townshipsWithoutSupervisor: table.townships
        .filter((t) => t.supervisors === 0)
        .map((t) => ({ code: t.code, township: t.name, vacantSince: facts.vacantSince.get(t.code) ?? null })),
      multiVillageDirectors: liveDirectors
        .filter((d) => (facts.alsoServes.get(d.id) ?? []).some((code) => village.get(code)?.own.length === 0))
        .map((d) => ({
          id: d.id,
          name: d.name,
          township: township.get(village.get(d.divisionCode)!.townshipCode) ?? '',
          village: village.get(d.divisionCode)!.name,
          alsoServes: (facts.alsoServes.get(d.id) ?? []).map((c) => village.get(c)?.name ?? c),
          children: loads.get(d.id) ?? 0,
        })),
      childrenWithoutDirector: uncovered.reduce((n, v) => n + v.children, 0),
    },
    load: {
      perDirector: spreadOf(liveDirectors.map((d) => loads.get(d.id) ?? 0)),
      perSupervisor: spreadOf(perSupervisor),
      heaviest: heaviest.map(({ d, children }) => ({
        id: d.id,
        name: d.name,
        township: township.get(village.get(d.divisionCode)!.townshipCode) ?? '',
        villages: villagesOf(director.get(d.id)!).join('、'),
        children,
      })),
    },
    people: { directors: peopleStats(liveDirectors, date), supervisors: peopleStats(liveSupervisors, date) },
    planning: {
      villagesPerCentre,
      centres: centresNeeded(
        byTownship.map((t) => t.villages),
        villagesPerCentre,
      ),
      byTownship,
    },
  }
}

function personLine(p: PersonFact, date: string, villages: string, children: number): WorkforcePerson {
  return {
    id: p.id,
    name: p.name,
    sex: p.sex,
    age: p.birthDate ? ageOn(p.birthDate, date) : null,
    partTime: p.partTime === 1,
    concurrentPost: p.concurrentPost,
    education: p.education,
    startDate: p.startDate,
    yearsInPost: yearsBetween(p.startDate, date),
    trainingsLast12Months: p.recentTrainings,
    lastTrainedOn: p.lastTrainedOn,
    villages,
    children,
  }
}

/** One township's villages and people on a day; null when it is not a live township then. */
export function townshipWorkforce(ctx: ServiceContext, code: string, date: string): TownshipWorkforce | null {
  const facts = readWorkforceFacts(ctx, date)
  const own = facts.townships.find((t) => t.code === code)
  if (!own) return null
  const loads = directorLoads(facts)
  const { director, villagesOf } = lookups(facts)
  const villages = villagesByTownship(facts).get(code) ?? []
  const children = villages.reduce((n, v) => n + v.children, 0)
  const supervisors = facts.supervisors.filter((s) => s.divisionCode === code)
  const directorIds = villages.flatMap((v) => v.own)
  return {
    date,
    code,
    name: own.name,
    supervisors: supervisors.map((s) => personLine(s, date, own.name, Math.ceil(children / supervisors.length))),
    directors: directorIds.map((id) => {
      const d = director.get(id)!
      return personLine(d, date, villagesOf(d).join('、'), loads.get(id) ?? 0)
    }),
    villages: villages.map((v) => ({
      code: v.code,
      name: v.name,
      children: v.children,
      directors: v.own.map((id) => director.get(id)!.name),
      servedBy: v.covering.map((id) => director.get(id)?.name ?? ''),
      vacantSince: hasDirector(v) ? null : (facts.vacantSince.get(v.code) ?? null),
    })),
  }
}
