/**
 * Reading the category words townships write ("低保、残疾", "散居孤儿") against the bureau's
 * dictionary. The dictionary is data the bureau extends, so nothing here names a category.
 */
import { normaliseText } from '../shared/text'

export type Dimension = 'self' | 'family' | 'guardianship' | 'other'

export type CategoryEntry = {
  code: string
  name: string
  dimension: Dimension
  aliases: string[]
}

export type CategoryResolution =
  | { ok: true; code: string }
  /** suggestion is the code of the category the word most likely meant */
  | { ok: false; reason: string; suggestion?: string }

export { DIMENSION_NAMES } from '../../contract/labels'

// Half-width first, so full-width separators (，／；) are caught by their ASCII forms.
const SEPARATORS = /[、,/;\s]+/

export function splitCategoryCell(cell: string | null | undefined): string[] {
  return normaliseText(cell)
    .split(SEPARATORS)
    .filter((w) => w !== '')
}

/** Comparison key: width, case and spacing never distinguish two categories. */
function keyOf(s: string): string {
  return normaliseText(s).replace(/ /g, '').toLowerCase()
}

function withinOneEdit(a: string, b: string): boolean {
  const x = [...a]
  const y = [...b]
  if (Math.abs(x.length - y.length) > 1) return false
  let i = 0
  let j = 0
  let edits = 0
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      i++
      j++
      continue
    }
    if (++edits > 1) return false
    if (x.length > y.length) i++
    else if (x.length < y.length) j++
    else {
      i++
      j++
    }
  }
  return edits + (x.length - i) + (y.length - j) <= 1
}

type Closeness = { code: string; rank: number; overlap: number }

/**
 * How near a word is to an entry: one edit away beats containment, and a longer shared part
 * beats a shorter one. A shared part of one character ("儿") says nothing.
 */
function closeness(word: string, entry: CategoryEntry): Closeness | undefined {
  let best: Closeness | undefined
  for (const label of [entry.name, ...entry.aliases]) {
    const key = keyOf(label)
    if (!key) continue
    let candidate: Closeness | undefined
    if (withinOneEdit(word, key)) candidate = { code: entry.code, rank: 0, overlap: 0 }
    else {
      const shorter = word.length <= key.length ? word : key
      const longer = shorter === word ? key : word
      if ([...shorter].length >= 2 && longer.includes(shorter)) {
        candidate = { code: entry.code, rank: 1, overlap: [...shorter].length }
      }
    }
    if (candidate && (!best || better(candidate, best))) best = candidate
  }
  return best
}

function better(a: Closeness, b: Closeness): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.overlap > b.overlap)
}

export function resolveCategory(word: string, dict: readonly CategoryEntry[]): CategoryResolution {
  const key = keyOf(word)
  const shown = normaliseText(word)
  if (!key) return { ok: false, reason: '困境类型为空，请填写。' }

  for (const entry of dict) {
    if (keyOf(entry.name) === key || keyOf(entry.code) === key) return { ok: true, code: entry.code }
    if (entry.aliases.some((a) => keyOf(a) === key)) return { ok: true, code: entry.code }
  }

  const near = dict
    .map((entry) => closeness(key, entry))
    .filter((c): c is Closeness => c !== undefined)
    .sort((a, b) => a.rank - b.rank || b.overlap - a.overlap)
  const first = near[0]
  const second = near[1]
  // Two categories equally close ("儿童" is in every name) is a guess, not a suggestion.
  const clear = first && !(second && second.rank === first.rank && second.overlap === first.overlap)
  if (first && clear) {
    const name = dict.find((e) => e.code === first.code)!.name
    return { ok: false, reason: `未知的困境类型「${shown}」，是否为「${name}」？`, suggestion: first.code }
  }

  const names = dict.map((e) => e.name).join('、')
  return {
    ok: false,
    reason: `未知的困境类型「${shown}」。可选：${names}。如需新增类型，请在「类型字典」中添加。`,
  }
}

/** All categories of one cell, each once, with a problem per word that is not in the dictionary. */
export function resolveCategoryCell(
  cell: string | null | undefined,
  dict: readonly CategoryEntry[],
): { codes: string[]; problems: string[] } {
  const codes: string[] = []
  const problems: string[] = []
  for (const word of splitCategoryCell(cell)) {
    const resolved = resolveCategory(word, dict)
    if (!resolved.ok) problems.push(resolved.reason)
    else if (!codes.includes(resolved.code)) codes.push(resolved.code)
  }
  return { codes, problems }
}
