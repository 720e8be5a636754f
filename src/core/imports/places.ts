import type { ServiceContext } from '../context'
import { normaliseText } from '../shared/text'

export interface Place {
  code: string
  name: string
  parentCode: string | null
}

interface Indexed extends Place {
  loose: string
  stem: string
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
  readonly townships: Indexed[]
  private readonly villagesByTownship = new Map<string, Indexed[]>()
  /** a 100,000-row list names the same few villages over and over */
  private readonly found = new Map<string, Indexed | undefined>()

  constructor(ctx: ServiceContext) {
    const rows = ctx.sqlite
      .prepare("SELECT code, name, level, parent_code AS parentCode FROM divisions WHERE retired_on IS NULL AND level <> 'district' ORDER BY code")
      .all() as (Place & { level: string })[]
    const indexed = rows.map((r) => ({ ...r, loose: loose(r.name), stem: stem(r.name) }))
    this.townships = indexed.filter((r) => r.level === 'township')
    for (const village of indexed.filter((r) => r.level === 'village')) {
      const list = this.villagesByTownship.get(village.parentCode!) ?? []
      list.push(village)
      this.villagesByTownship.set(village.parentCode!, list)
    }
  }

  private match(scope: string, places: Indexed[], raw: string): Place | undefined {
    const key = `${scope}\u0000${raw}`
    if (this.found.has(key)) return this.found.get(key)
    const wanted = loose(raw)
    let hit: Indexed | undefined
    if (wanted && /^\d{12}$/.test(wanted)) hit = places.find((p) => p.code === wanted)
    else if (wanted) {
      const exact = places.filter((p) => p.loose === wanted)
      const wantedStem = stem(wanted)
      const byStem = exact.length === 1 ? exact : places.filter((p) => p.stem === wantedStem)
      hit = byStem.length === 1 ? byStem[0] : undefined
    }
    this.found.set(key, hit)
    return hit
  }

  township(raw: string): Place | undefined {
    return this.match('', this.townships, raw)
  }

  village(townshipCode: string, raw: string): Place | undefined {
    return this.match(townshipCode, this.villagesByTownship.get(townshipCode) ?? [], raw)
  }

  villagesOf(townshipCode: string): Place[] {
    return this.villagesByTownship.get(townshipCode) ?? []
  }

  /** A township named inside a file or sheet name ("城关镇困境儿童名单.xlsx"); only when exactly one fits. */
  townshipIn(text: string): Place | undefined {
    const hay = loose(text)
    const full = this.townships.filter((t) => hay.includes(t.loose))
    if (full.length === 1) return full[0]
    if (full.length > 1) return undefined
    const stems = this.townships.filter((t) => t.stem.length >= 2 && hay.includes(t.stem))
    return stems.length === 1 ? stems[0] : undefined
  }
}
