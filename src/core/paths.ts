import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_FOLDER = '儿童福利台账'
export const DATABASE_FILE_NAME = 'registry.db'

/** The per-user data folder, the same one Electron's app.getPath('userData') names. */
export function userDataFolder(): string {
  if (process.env.CWR_DATA_DIR) return process.env.CWR_DATA_DIR
  if (process.platform === 'win32') {
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_FOLDER)
  }
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_FOLDER)
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_FOLDER)
}

export function defaultDatabaseFile(): string {
  return join(userDataFolder(), DATABASE_FILE_NAME)
}
