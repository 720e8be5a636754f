/**
 * Full-width characters from Chinese input methods, turned into the ASCII they stand for. Here, at the bottom of
 * the tree, because both the interface (typed amounts) and the services (imported sheets) read them.
 */

/** Full-width ASCII (U+FF01–U+FF5E) to ASCII, ideographic space to a plain space. */
export function toHalfWidth(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0)
    else if (c === 0x3000) out += ' '
    else out += s[i]
  }
  return out
}
