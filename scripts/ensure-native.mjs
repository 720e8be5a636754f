// better-sqlite3 is a native module: Node (tests, CLI, loopback host) and Electron need builds for
// different ABIs. This makes sure the build in node_modules fits the runtime about to use it.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const moduleDir = dirname(require.resolve('better-sqlite3/package.json'))
const marker = join(moduleDir, 'build', '.cwr-runtime')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

function current() {
  return existsSync(marker) ? readFileSync(marker, 'utf8').trim() : 'node'
}

function loadsInNode() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: process.cwd(),
    encoding: 'utf8',
  })
  return probe.status === 0
}

function forNode() {
  if (current() === 'node' && loadsInNode()) return
  console.log('[native] 正在为 Node.js 重新编译 better-sqlite3 …')
  execFileSync(npm, ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' })
  rmSync(marker, { force: true })
  if (!loadsInNode()) {
    console.error('[native] better-sqlite3 仍无法加载，请检查编译工具（python3、make、C++ 编译器）。')
    process.exit(1)
  }
}

function forElectron() {
  const version = require('electron/package.json').version
  const wanted = `electron-${version}`
  if (current() === wanted) return
  console.log(`[native] 正在为 Electron ${version} 准备 better-sqlite3 …`)
  const options = { cwd: moduleDir, stdio: 'inherit', shell: process.platform === 'win32' }
  try {
    execFileSync(npx, ['prebuild-install', '--runtime', 'electron', '--target', version, '--arch', process.arch, '--force'], options)
  } catch {
    console.log('[native] 没有现成的预编译包，改为从源码编译 …')
    execFileSync(
      npx,
      ['node-gyp', 'rebuild', '--release', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
      options,
    )
  }
  writeFileSync(marker, wanted)
}

const target = process.argv[2]
if (target === 'node') forNode()
else if (target === 'electron') forElectron()
else {
  console.error('用法：node scripts/ensure-native.mjs node|electron')
  process.exit(2)
}
