import { runCli } from './main'

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`程序内部错误：${error instanceof Error ? error.name : 'Error'}。数据未被修改。\n`)
    process.exitCode = 1
  },
)
