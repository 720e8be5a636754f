import type { ServiceContext } from '../context'
import { normaliseText } from '../shared/text'

export interface Place {
  code: string
  name: string
  parentCode: string | null
}

// Townships write places with or without their suffix ("城关" for 城关镇, "东街" for 东街社区).
const SUFFIX = /(街道办事处|街道|镇|乡|村民委员会|居民委员会|村委会|居委会|社区|村)$/

function loose(name: string): string {
  return normaliseText(name).replace(/\s+/g, '').replace(/（.*?）|\(.*?\)/g, '')
}

function stem(name: string): string {
  const l = loose(name)
  const s = l.replace(SUFFIX, '')
  return s || l
}

/** The district's active townships and villages, looked up by the names townships write. */
export class PlaceBook {
  readonly townships: Place[]
  private readonly villagesByTownship = new Map<string, Place[]>()

  constructor(ctx: ServiceContext) {
    const rows = ctx.sqlite
      .prepare("SELECT code, name, level, parent_code AS parentCode FROM divisions WHERE retired_on IS NULL AND level <> 'district' ORDER BY code")
      .all() as (Place & { level: string })[]
    this.townships = rows.filter((r) => r.level === 'township')
    for (const village of rows.filter((r) => r.level === 'village')) {
      const list = this.villagesByTownship.get(village.parentCode!) ?? []
      list.push(village)
      this.villagesByTownship.set(village.parentCode!, list)
    }
  }

  private static match(places: Place[], raw: string): Place | undefined {
    const wanted = loose(raw)
    if (!wanted) return undefined
    if (/^\d{12}$/.test(wanted)) return places.find((p) => p.code === wanted)
    const exact = places.filter((p) => loose(p.name) === wanted)
    if (exact.length === 1) return exact[0]
    const byStem = places.filter((p) => stem(p.name) === stem(wanted))
    return byStem.length === 1 ? byStem[0] : undefined
  }

  township(raw: string): Place | undefined {
    return PlaceBook.match(this.townships, raw)
  }

  village(townshipCode: string, raw: string): Place | undefined {
    return PlaceBook.match(this.villagesByTownship.get(townshipCode) ?? [], raw)
  }

  villagesOf(townshipCode: string): Place[] {
    return this.villagesByTownship.get(townshipCode) ?? []
  }

  /** A township named inside a file or sheet name ("城关镇困境儿童名单.xlsx"); only when exactly one fits. */
  townshipIn(text: string): Place | undefined {
    const hay = loose(text)
    const full = this.townships.filter((t) => hay.includes(loose(t.name)))
    if (full.length === 1) return full[0]
    if (full.length > 1) return undefined
    const stems = this.townships.filter((t) => stem(t.name).length >= 2 && hay.includes(stem(t.name)))
    return stems.length === 1 ? stems[0] : undefined
  }
}
