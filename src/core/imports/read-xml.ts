/**
 * A small streaming tokenizer for the XML parts of an .xlsx (sheets, shared strings, styles, workbook).
 *
 * Those parts are machine-written, namespaced but entity-free SpreadsheetML, and a sheet can be hundreds of megabytes,
 * so this reads them as a stream of tags and hands each to a handler without building a tree. It is not a general XML
 * parser: it does not validate, it ignores comments and processing instructions, and it refuses a DOCTYPE (no
 * spreadsheet has one; a file that does is trying something).
 */

export interface XmlHandler {
  /** `name` without its namespace prefix; `attrs` is the raw attribute text, read with readAttributes when needed */
  open(name: string, attrs: string, selfClosing: boolean): void
  close(name: string): void
  /** raw character data, entities not yet decoded; may arrive in several pieces, so accumulate then decodeXml */
  text(raw: string): void
  /** text is only cut out of the stream while this is true: most of a sheet's text is whitespace nobody reads */
  readonly wantText: boolean
}

export class XmlFormatError extends Error {
  constructor(detail: string) {
    super(detail)
    this.name = 'XmlFormatError'
  }
}

const SLASH = 47 // /
const BANG = 33 // !
const QUESTION = 63 // ?

export class XmlScanner {
  private pending = ''

  constructor(private readonly handler: XmlHandler) {}

  /** where the next quote of each kind is in the current text; -1 none left, -2 not looked up yet */
  private nextDouble = -2
  private nextSingle = -2

  write(chunk: string): void {
    const text = this.pending.length > 0 ? this.pending + chunk : chunk
    this.pending = ''
    this.nextDouble = -2
    this.nextSingle = -2
    const handler = this.handler
    const length = text.length
    let pos = 0
    while (pos < length) {
      const lt = text.indexOf('<', pos)
      if (lt < 0) {
        if (handler.wantText) handler.text(text.slice(pos))
        return
      }
      if (lt > pos && handler.wantText) handler.text(text.slice(pos, lt))
      pos = lt
      if (pos + 1 >= length) break

      const next = text.charCodeAt(pos + 1)
      if (next === BANG) {
        if (text.startsWith('<!--', pos)) {
          const end = text.indexOf('-->', pos + 4)
          if (end < 0) break
          pos = end + 3
          continue
        }
        if (text.startsWith('<![CDATA[', pos)) {
          const end = text.indexOf(']]>', pos + 9)
          if (end < 0) break
          // re-escaped so that handlers can decode every piece of text the same way
          if (handler.wantText) handler.text(escapeText(text.slice(pos + 9, end)))
          pos = end + 3
          continue
        }
        if (length - pos < 9) break
        throw new XmlFormatError('unexpected markup declaration (DOCTYPE)')
      }
      if (next === QUESTION) {
        const end = text.indexOf('?>', pos + 2)
        if (end < 0) break
        pos = end + 2
        continue
      }

      const i = this.endOfTag(text, pos + 1)
      if (i < 0) break

      if (next === SLASH) {
        handler.close(localName(text.slice(pos + 2, i).trim()))
      } else {
        const selfClosing = text.charCodeAt(i - 1) === SLASH
        const inner = text.slice(pos + 1, selfClosing ? i - 1 : i)
        const space = firstSpace(inner)
        const name = localName(space < 0 ? inner : inner.slice(0, space))
        handler.open(name, space < 0 ? '' : inner.slice(space + 1), selfClosing)
        if (selfClosing) handler.close(name)
      }
      pos = i + 1
    }
    if (pos < length) {
      this.pending = text.slice(pos)
      // a single construct this long is not a spreadsheet part; stop before it eats the memory
      if (this.pending.length > 64 * 1024 * 1024) throw new XmlFormatError('unterminated markup')
    }
  }

  /**
   * The '>' that ends the tag starting before `from`, skipping any inside quoted attribute values (legal XML, and found
   * in number formats such as [>=100]); -1 when the tag continues in the next chunk. Quote positions are remembered
   * across tags, so a sheet without apostrophes is not searched to its end for one at every tag.
   */
  private endOfTag(text: string, from: number): number {
    let at = from
    for (;;) {
      const gt = text.indexOf('>', at)
      if (gt < 0) return -1
      if (this.nextDouble !== -1 && this.nextDouble < at) this.nextDouble = text.indexOf('"', at)
      if (this.nextSingle !== -1 && this.nextSingle < at) this.nextSingle = text.indexOf("'", at)
      const double = this.nextDouble
      const single = this.nextSingle
      let quote = -1
      if (double >= 0 && double < gt) quote = double
      if (single >= 0 && single < gt && (quote < 0 || single < quote)) quote = single
      if (quote < 0) return gt
      const close = text.indexOf(text.charAt(quote), quote + 1)
      if (close < 0) return -1
      at = close + 1
    }
  }

  end(): void {
    if (this.pending.trim().length > 0) throw new XmlFormatError('document ends inside a tag')
  }
}

function firstSpace(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 32 || c === 9 || c === 10 || c === 13) return i
  }
  return -1
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':')
  return colon < 0 ? qualified : qualified.slice(colon + 1)
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

/** Attributes by local name (r:id → id), values decoded. */
export function readAttributes(attrs: string): Record<string, string> {
  const result: Record<string, string> = {}
  if (attrs.length === 0) return result
  ATTRIBUTE.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = ATTRIBUTE.exec(attrs)) !== null) {
    const name = localName(match[1] ?? '')
    result[name] = decodeAttribute(match[2] ?? match[3] ?? '')
  }
  return result
}

/**
 * An attribute value as XML defines it: literal tabs and line breaks count as spaces (only &#9; or &#10; are kept as
 * such), then entities are decoded.
 */
export function decodeAttribute(raw: string): string {
  return decodeXml(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw)
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g

export function decodeXml(raw: string): string {
  if (raw.indexOf('&') < 0) return raw
  return raw.replace(ENTITY, (whole, body: string) => {
    switch (body) {
      case 'lt':
        return '<'
      case 'gt':
        return '>'
      case 'amp':
        return '&'
      case 'quot':
        return '"'
      case 'apos':
        return "'"
    }
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/**
 * Excel writes characters XML cannot carry (a carriage return typed with Alt+Enter on some versions, control
 * characters pasted from other systems) as _xHHHH_, and a literal "_x" sequence as _x005F_x…
 */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
