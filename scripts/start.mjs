// `npm start`: the Electron app where its binary is installed; otherwise the same app in a browser,
// served by the loopback host with a demo database (the machines we build and test on have no Electron).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const shell = process.platform === 'win32'

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'))
    const pathFile = join(dir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', shell })
}

const binary = electronBinary()
if (binary) {
  run(process.execPath, ['scripts/ensure-native.mjs', 'electron'])
  run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log('未找到 Electron 程序（安装时跳过了 Electron 下载，或本机无法下载）。')
  console.log('改为启动本机服务：在浏览器中打开下面的地址即可使用同一套界面（演示数据库）。\n')
  run(process.execPath, ['scripts/ensure-native.mjs', 'node'])
  run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])
  const db = process.env.CWR_DB ?? join(root, '.demo', 'registry-demo.db')
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/host/main.ts', '--db', db, '--demo', ...process.argv.slice(2)],
    { cwd: root, stdio: 'inherit' },
  )
  child.on('exit', (code) => process.exit(code ?? 0))
}
