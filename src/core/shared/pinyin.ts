/**
 * Search keys so a clerk can find 张三 by typing "zhangsan" or "zs".
 */
import { pinyin } from 'pinyin-pro'
import { toHalfWidth } from './text'

export type NameSearchKeys = { pinyin: string; initials: string }

// Letters and digits of any script survive; spaces, the middle dot and other punctuation are
// separators a person searching would not type.
const DROP = /[^\p{L}\p{N}]/gu

/**
 * Lower-case toneless pinyin and initials, ü written as v (as typed on a keyboard).
 * Surname readings apply to the head of the name only (单 shan, 曾 zeng, 解 xie), so a given
 * name keeps its ordinary reading. Non-Chinese characters pass through lower-cased, one
 * initial each, so "Tom" gives "tom" in both keys.
 */
export function nameSearchKeys(name: string): NameSearchKeys {
  const text = toHalfWidth(name ?? '').trim()
  if (!text) return { pinyin: '', initials: '' }
  // One call per name: asking pinyin-pro separately for initials doubles the cost.
  const syllables = pinyin(text, {
    toneType: 'none',
    type: 'array',
    mode: 'surname',
    surname: 'head',
    v: true,
  })
  let full = ''
  let initials = ''
  for (const raw of syllables) {
    const s = raw.toLowerCase().replace(DROP, '')
    if (!s) continue
    full += s
    initials += String.fromCodePoint(s.codePointAt(0)!)
  }
  return { pinyin: full, initials }
}
