import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))

export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** The real binary, as a clerk would run it; the default data folder is kept inside the test's temp folder. */
export function runCwr(folder: string, ...args: string[]): Run {
  const run = spawnSync(process.execPath, ['bin/cwr.mjs', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, CWR_DATA_DIR: join(folder, 'default-data') },
    timeout: 60_000,
  })
  if (run.error) throw run.error
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}
