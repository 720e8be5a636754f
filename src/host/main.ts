import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { DatabaseOpenError } from '../core/db/connection'
import { seedDemoDistrict } from '../core/demo/demo-district'
import { defaultDatabaseFile } from '../core/paths'
import { openRegistry } from '../core/registry'
import { dailyBackup } from '../core/backups/service'
import { describeStorageFault } from '../core/db/faults'
import { startHost } from './server'

const USAGE = `用法：npm run host -- [--db 文件] [--port 端口] [--demo]
  --db FILE    台账数据库文件（默认：用户数据目录中的 registry.db）
  --port N     监听端口（默认随机；只监听 127.0.0.1）
  --demo       数据库为空时写入一个演示区县，便于试用
  --ready-json 启动后在标准输出打印一行 JSON（供测试读取地址）`

async function main(): Promise<number> {
  let args
  try {
    args = parseArgs({
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        demo: { type: 'boolean', default: false },
        'ready-json': { type: 'boolean', default: false },
        renderer: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (args.help) {
    console.log(USAGE)
    return 0
  }
  const port = args.port ? Number(args.port) : 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口应为 0–65535 的整数。\n${USAGE}`)
    return 2
  }
  const file = resolve(args.db ?? defaultDatabaseFile())
  let ctx
  try {
    ctx = await openRegistry(file, { program: '儿童福利台账（浏览器模式）' })
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      console.error(error.message)
      return 1
    }
    throw error
  }
  if (args.demo) seedDemoDistrict(ctx)
  try {
    await dailyBackup(ctx)
  } catch (error) {
    // The app still starts; the clerk hears why there is no backup today.
    console.error(describeStorageFault(error, file) ?? '今天的自动备份未能完成，请在“备份与恢复”页面手动备份。')
  }
  const rendererFolder = args.renderer
    ? resolve(args.renderer)
    : fileURLToPath(new URL('../../out/renderer/', import.meta.url))
  const host = await startHost({ ctx, rendererFolder, port, validateOutput: process.env.NODE_ENV !== 'production' })
  if (args['ready-json']) {
    console.log(JSON.stringify({ url: host.url, port: host.port, token: host.token, db: file }))
  } else {
    console.log(`儿童福利台账已在本机启动。数据库：${file}`)
    if (!existsSync(resolve(rendererFolder, 'index.html'))) console.log('（界面尚未构建，请先运行 npm run build）')
    console.log(`请在浏览器中打开：${host.url}`)
    console.log('按 Ctrl+C 退出。')
  }
  const stop = async () => {
    await host.close()
    ctx.conn.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return -1
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    console.error(`启动失败：${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
