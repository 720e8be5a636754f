import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Which way imports go: contract and shared at the bottom, domains in the middle, handlers, then host, CLI and
 * Electron on top; the renderer reaches the rest only through the contract. And no module imports itself back
 * through others: a circle makes load order matter and hides which side owns what.
 */

const ROOT = resolve(__dirname, '../..')
const SOURCE_FOLDERS = ['src', 'electron']

/** Every relative import of a module, type-only ones too: a circle of types is still a circle of knowledge. */
const IMPORT = /(?:\bimport|\bexport)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g

function sourceFiles(folder: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry)
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path))
    else if (/\.tsx?$/.test(entry) && !entry.endsWith('.d.ts')) files.push(path)
  }
  return files
}

/** The file a relative specifier names, as the bundler finds it; null for one outside the sources (package.json). */
function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier)
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]
  const file = candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c) && statSync(c).isFile())
  return file ?? null
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const folder of SOURCE_FOLDERS) {
    for (const file of sourceFiles(join(ROOT, folder))) {
      const text = readFileSync(file, 'utf8')
      const targets = new Set<string>()
      for (const match of text.matchAll(IMPORT)) {
        const target = resolveImport(file, (match[1] ?? match[2])!)
        if (target) targets.add(relative(ROOT, target))
      }
      graph.set(relative(ROOT, file), [...targets].sort())
    }
  }
  return graph
}

/** Each circle found by a depth-first walk, named module by module back to where it started. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const done = new Set<string>()
  const path: string[] = []
  const onPath = new Set<string>()
  const walk = (file: string) => {
    path.push(file)
    onPath.add(file)
    for (const target of graph.get(file) ?? []) {
      if (onPath.has(target)) found.push([...path.slice(path.indexOf(target)), target])
      else if (!done.has(target)) walk(target)
    }
    path.pop()
    onPath.delete(file)
    done.add(file)
  }
  for (const file of [...graph.keys()].sort()) if (!done.has(file)) walk(file)
  return found
}

const graph = importGraph()

const under = (folder: string) => (file: string) => file === folder || file.startsWith(`${folder}/`)

/** Imports from files under `from` into files under any of `forbidden`, as "importer -> imported". */
function crossings(from: string, forbidden: string[], allowed: (file: string) => boolean = () => false): string[] {
  const bad: string[] = []
  for (const [file, targets] of graph) {
    if (!under(from)(file)) continue
    for (const target of targets) {
      if (forbidden.some((f) => under(f)(target)) && !allowed(target)) bad.push(`${file} -> ${target}`)
    }
  }
  return bad
}

describe('imports', () => {
  it('reads the whole tree (a broken reader would pass every rule below)', () => {
    expect(graph.size).toBeGreaterThan(100)
    expect(graph.get('src/core/dispatch.ts')).toContain('src/core/handlers.ts')
    expect(graph.get('src/renderer/main.tsx')!.length).toBeGreaterThan(0)
    // a type-only import counts
    expect(graph.get('src/core/context.ts')).toContain('src/core/db/connection.ts')
  })

  it('finds a circle where there is one (the walk itself is checked)', () => {
    const sample = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ])
    expect(circles(sample)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
  })

  it('has no circle anywhere in src or electron', () => {
    expect(circles(graph).map((c) => c.join(' -> '))).toEqual([])
  })

  it('keeps the contract at the bottom', () => {
    expect(crossings('src/contract', ['src/core', 'src/renderer', 'src/host', 'src/cli', 'electron'])).toEqual([])
  })

  it('keeps src/core/shared to itself and the contract', () => {
    const outside = (file: string) => !under('src/core/shared')(file) && !under('src/contract')(file)
    const bad = [...graph].flatMap(([file, targets]) =>
      under('src/core/shared')(file) ? targets.filter(outside).map((t) => `${file} -> ${t}`) : [],
    )
    expect(bad).toEqual([])
  })

  it('never lets the core reach up to a front', () => {
    expect(crossings('src/core', ['src/host', 'src/cli', 'src/renderer', 'electron'])).toEqual([])
  })

  it('lets the renderer reach the rest only through the contract', () => {
    expect(crossings('src/renderer', ['src/core', 'src/host', 'src/cli', 'electron'])).toEqual([])
  })
})
