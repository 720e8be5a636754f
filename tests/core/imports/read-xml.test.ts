import { describe, expect, it } from 'vitest'
import {
  XmlFormatError,
  XmlScanner,
  decodeOoxmlEscapes,
  decodeXml,
  readAttributes,
  type XmlHandler,
} from '../../../src/core/imports/read-xml'

/** Records every event; text is captured inside <v> and <t> only, as the sheet reader does. */
function record(chunks: string[]): string[] {
  const events: string[] = []
  let depth = 0
  let text = ''
  const handler: XmlHandler = {
    get wantText() {
      return depth > 0
    },
    open(name, attrs, selfClosing) {
      events.push(`<${name}${attrs ? ` ${JSON.stringify(readAttributes(attrs))}` : ''}${selfClosing ? '/' : ''}>`)
      if ((name === 'v' || name === 't') && !selfClosing) depth++
    },
    close(name) {
      if ((name === 'v' || name === 't') && depth > 0) {
        depth--
        events.push(`text:${decodeXml(text)}`)
        text = ''
      }
      events.push(`</${name}>`)
    },
    text(raw) {
      text += raw
    },
  }
  const scanner = new XmlScanner(handler)
  for (const chunk of chunks) scanner.write(chunk)
  scanner.end()
  return events
}

const SAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- 注释 <row> -->' +
  '<x:worksheet xmlns:x="main"><x:sheetData>' +
  '<x:row r="1" spans="1:3"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve"> 张三 &amp; 李四 </x:t></x:is></x:c>' +
  "<x:c r='B1' s='2'><x:v>42065</x:v></x:c><x:c r=\"C1\" cm=\"a>b\"/></x:row>" +
  '<x:row r="2"><x:c r="A2" t="str"><x:f>A1&amp;"村"</x:f><x:v><![CDATA[<王五> & 村]]></x:v></x:c></x:row>' +
  '</x:sheetData></x:worksheet>'

describe('XmlScanner', () => {
  const whole = record([SAMPLE])

  it('reports local names, attributes (quoted either way, with > inside), self-closing tags and text', () => {
    expect(whole).toEqual([
      '<worksheet {"x":"main"}>',
      '<sheetData>',
      '<row {"r":"1","spans":"1:3"}>',
      '<c {"r":"A1","t":"inlineStr"}>',
      '<is>',
      '<t {"space":"preserve"}>',
      'text: 张三 & 李四 ',
      '</t>',
      '</is>',
      '</c>',
      '<c {"r":"B1","s":"2"}>',
      '<v>',
      'text:42065',
      '</v>',
      '</c>',
      '<c {"r":"C1","cm":"a>b"}/>',
      '</c>',
      '</row>',
      '<row {"r":"2"}>',
      '<c {"r":"A2","t":"str"}>',
      '<f>',
      '</f>',
      '<v>',
      'text:<王五> & 村',
      '</v>',
      '</c>',
      '</row>',
      '</sheetData>',
      '</worksheet>',
    ])
  })

  it('gives the same events however the text is cut into chunks', () => {
    expect(record(SAMPLE.split(''))).toEqual(whole)
    for (const size of [2, 3, 5, 7, 11, 64]) {
      const chunks: string[] = []
      for (let at = 0; at < SAMPLE.length; at += size) chunks.push(SAMPLE.slice(at, at + size))
      expect(record(chunks)).toEqual(whole)
    }
  })

  it('refuses a DOCTYPE and a document that ends inside a tag', () => {
    expect(() => record(['<!DOCTYPE x [<!ENTITY a "b">]><x/>'])).toThrow(XmlFormatError)
    expect(() => record(['<row r="1"><c r="A1'])).toThrow(XmlFormatError)
  })
})

describe('decoding', () => {
  it('decodes the XML entities and character references, leaving unknown ones', () => {
    expect(decodeXml('&lt;&gt;&amp;&quot;&apos;&#20013;&#x6587;&#x1F600;&nbsp;')).toBe('<>&"\'中文😀&nbsp;')
  })

  it('normalises literal tabs and line breaks in attribute values to spaces, keeping character references', () => {
    expect(readAttributes('name="城关\t镇\r\n名单" r:id=\'&#10;&amp;\'')).toEqual({ name: '城关 镇 名单', id: '\n&' })
  })

  it("decodes Excel's _xHHHH_ escapes, including the escaped escape", () => {
    expect(decodeOoxmlEscapes('a_x000D_b_x0009_c _x005F_x0041_')).toBe('a\rb\tc _x0041_')
  })
})
