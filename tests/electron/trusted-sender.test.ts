import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { contract } from '../../src/contract'
import { isPlausibleCallName, isTrustedPage } from '../../electron/trusted-sender'

// Built the way electron/main.ts builds it: the packaged renderer's index.html as a file URL.
const FILE_APP = pathToFileURL(join('/opt', '儿童福利台账', 'resources', 'app', 'out', 'renderer', 'index.html')).toString()
const WINDOWS_APP = 'file:///C:/Program%20Files/%E5%84%BF%E7%AB%A5%E7%A6%8F%E5%88%A9%E5%8F%B0%E8%B4%A6/resources/app/out/renderer/index.html'
const DEV_APP = 'http://localhost:5173'

describe('isTrustedPage with the packaged app (file URL)', () => {
  it('trusts the app page itself, with any query or hash route', () => {
    expect(FILE_APP).toMatch(/^file:\/\/\/opt\/%E5%84%BF/)
    expect(isTrustedPage(FILE_APP, FILE_APP)).toBe(true)
    expect(isTrustedPage(`${FILE_APP}#/children/12`, FILE_APP)).toBe(true)
    expect(isTrustedPage(`${FILE_APP}?token=x#/`, FILE_APP)).toBe(true)
    // Chromium may report the path with the Chinese folder unescaped; it is the same page.
    expect(isTrustedPage('file:///opt/儿童福利台账/resources/app/out/renderer/index.html', FILE_APP)).toBe(true)
    expect(isTrustedPage(`${WINDOWS_APP}#/`, WINDOWS_APP)).toBe(true)
  })

  it('does not trust another file, even one beside the app or with the same name elsewhere', () => {
    for (const page of [
      'file:///tmp/evil/index.html',
      'file:///opt/儿童福利台账/resources/app/out/renderer/evil.html',
      'file:///opt/儿童福利台账/resources/app/out/renderer/index.html.evil',
      'file:///opt/儿童福利台账/resources/app/out/index.html',
      'file:///opt/儿童福利台账/resources/app/out/renderer/sub/index.html',
      'file:///C:/Users/clerk/Downloads/index.html',
      'file:///C:/Program%20Files/other/resources/app/out/renderer/index.html',
    ]) {
      expect(isTrustedPage(page, FILE_APP), page).toBe(false)
      expect(isTrustedPage(page, WINDOWS_APP), page).toBe(false)
    }
  })

  it('does not trust web pages, the dev server or special schemes when the app is a file', () => {
    for (const page of [
      'http://127.0.0.1:5173/',
      'http://localhost:5173/',
      'https://evil.example/opt/儿童福利台账/resources/app/out/renderer/index.html',
      `http://evil.example${new URL(FILE_APP).pathname}`,
      'about:blank',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'devtools://devtools/bundled/inspector.html',
      'chrome-extension://abc/index.html',
    ]) {
      expect(isTrustedPage(page, FILE_APP), page).toBe(false)
    }
  })
})

describe('isTrustedPage with the dev server (http URL)', () => {
  it('trusts pages of the dev server origin', () => {
    expect(isTrustedPage('http://localhost:5173/', DEV_APP)).toBe(true)
    expect(isTrustedPage('http://localhost:5173/#/children', DEV_APP)).toBe(true)
    expect(isTrustedPage('http://localhost:5173/index.html?x=1', DEV_APP)).toBe(true)
  })

  it('does not trust other origins, lookalikes or file pages', () => {
    for (const page of [
      'http://localhost:5174/',
      'http://127.0.0.1:5173/',
      'https://localhost:5173/',
      'http://localhost/',
      'http://localhost:5173.evil.example/',
      'http://localhost.evil.example:5173/',
      'http://evil.example/?http://localhost:5173',
      'http://evil.example/#http://localhost:5173',
      'ws://localhost:5173/',
      FILE_APP,
      'about:blank',
    ]) {
      expect(isTrustedPage(page, DEV_APP), page).toBe(false)
    }
  })
})

describe('isTrustedPage with garbage', () => {
  it('trusts nothing that is not a URL, and nothing when the app URL itself is garbage', () => {
    for (const page of [undefined, '', ' ', 'not a url', 'index.html', '/opt/app/index.html', '::::', '%%%', 'http://']) {
      expect(isTrustedPage(page, FILE_APP), String(page)).toBe(false)
      expect(isTrustedPage(page, DEV_APP), String(page)).toBe(false)
    }
    expect(isTrustedPage(FILE_APP, 'garbage')).toBe(false)
    expect(isTrustedPage(DEV_APP, '')).toBe(false)
  })
})

describe('isPlausibleCallName', () => {
  it('accepts every call name of the contract', () => {
    const names = Object.keys(contract)
    expect(names.length).toBeGreaterThan(10)
    for (const name of names) expect(isPlausibleCallName(name), name).toBe(true)
    expect(isPlausibleCallName('children.list')).toBe(true)
  })

  it('refuses what is not a short plain name', () => {
    const refused: unknown[] = [
      '../x',
      '../children.list',
      'children/list',
      'a'.repeat(100),
      `a.${'b'.repeat(59)}`,
      42,
      null,
      undefined,
      true,
      {},
      ['children.list'],
      { toString: () => 'children.list' },
      new String('children.list'),
      '',
      'children',
      '.list',
      'children.',
      'children.list.extra',
      'children.list ',
      ' children.list',
      'children.list\n',
      'Children.list',
      'children.li-st',
      'children.list()',
      '__proto__',
      'constructor',
      'children.列表',
    ]
    for (const name of refused) expect(isPlausibleCallName(name), String(name).slice(0, 30)).toBe(false)
  })
})
