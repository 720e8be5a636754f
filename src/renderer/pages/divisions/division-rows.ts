import type { Division, DivisionTree } from '../../../contract'

/** One line of the division table; `sub` holds the lines beneath it (Table's tree data). */
export interface DivisionRow {
  key: string
  division: Division
  villages: number | null
  supervisors: number | null
  directors: number | null
  /** children in difficulty registered in this division */
  kids: number
  sub?: DivisionRow[]
}

// The contract's nodes call the child count `children`, which Table reserves for tree data: rename on the way in.
export function toRows(tree: DivisionTree): DivisionRow[] {
  const townships = tree.townships.map<DivisionRow>((t) => ({
    key: t.code,
    division: t,
    villages: t.villages.filter((v) => !v.retiredOn).length,
    supervisors: t.supervisors,
    directors: t.villages.reduce((n, v) => n + v.directors, 0),
    kids: t.childCount,
    sub: t.villages.map<DivisionRow>((v) => ({
      key: v.code,
      division: v,
      villages: null,
      supervisors: null,
      directors: v.directors,
      kids: v.childCount,
    })),
  }))
  for (const t of townships) if (t.sub?.length === 0) delete t.sub
  if (!tree.district) return townships
  const inService = townships.filter((t) => !t.division.retiredOn)
  const total = (pick: (r: DivisionRow) => number | null) => inService.reduce((n, r) => n + (pick(r) ?? 0), 0)
  return [
    {
      key: tree.district.code,
      division: tree.district,
      villages: total((r) => r.villages),
      supervisors: total((r) => r.supervisors),
      directors: total((r) => r.directors),
      kids: townships.reduce((n, r) => n + r.kids, 0),
      ...(townships.length ? { sub: townships } : {}),
    },
  ]
}
