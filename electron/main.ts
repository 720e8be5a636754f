import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron'
import type { ServiceContext } from '../src/core/context'
import { DatabaseOpenError } from '../src/core/db/connection'
import { DATABASE_FILE_NAME } from '../src/core/paths'
import { openRegistry } from '../src/core/registry'
import { dailyBackup } from '../src/core/backups/service'
import { describeStorageFault } from '../src/core/db/faults'
import { CONTENT_SECURITY_POLICY } from '../src/host/security'
import { registerCallChannel } from './ipc'

const here = fileURLToPath(new URL('.', import.meta.url))
const devServer = process.env.ELECTRON_RENDERER_URL
const appUrl = devServer ?? pathToFileURL(join(here, '../renderer/index.html')).toString()

let mainWindow: BrowserWindow | null = null
let registry: ServiceContext | null = null

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1100,
    minHeight: 640,
    title: '儿童福利台账',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(appUrl)
  return win
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, grant) => grant(false))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
  // No remote content: only the app's own files (and the dev server while developing) load.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url
    const allowed =
      url.startsWith('file:') ||
      url.startsWith('devtools:') ||
      url.startsWith('data:') ||
      // exports reach the clerk as blob: downloads made by the page itself
      url.startsWith('blob:') ||
      (devServer && url.startsWith(devServer))
    callback({ cancel: !allowed })
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (url !== appUrl) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the outside world open in the system browser, never inside the app.
      if (url.startsWith('https://')) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
      {
        label: '视图',
        submenu: [
          { role: 'reload', label: '刷新' },
          { role: 'zoomIn', label: '放大' },
          { role: 'zoomOut', label: '缩小' },
          { role: 'resetZoom', label: '实际大小' },
          ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const, label: '开发者工具' }]),
        ],
      },
      {
        label: '帮助',
        submenu: [
          {
            label: '关于儿童福利台账',
            click: () =>
              void dialog.showMessageBox({
                type: 'info',
                title: '关于',
                message: `儿童福利台账 ${app.getVersion()}`,
                detail: `数据库：${registry?.conn.file ?? ''}`,
              }),
          },
        ],
      },
    ]),
  )
}

async function start(): Promise<void> {
  lockDown()
  buildMenu()
  const file = process.env.CWR_DB ?? join(app.getPath('userData'), DATABASE_FILE_NAME)
  try {
    registry = await openRegistry(file, { program: '儿童福利台账' })
  } catch (error) {
    const message = error instanceof DatabaseOpenError ? error.message : '无法打开台账数据库。'
    dialog.showErrorBox('儿童福利台账无法启动', message)
    app.quit()
    return
  }
  try {
    await dailyBackup(registry)
  } catch (error) {
    console.error(describeStorageFault(error, file) ?? '今天的自动备份未能完成。')
  }
  registerCallChannel(registry, appUrl)
  mainWindow = createWindow()
}

if (!app.requestSingleInstanceLock()) {
  // Two windows writing one database would race each other; the first instance takes the focus instead.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })
  app.whenReady().then(start, () => app.quit())
  app.on('window-all-closed', () => {
    registry?.conn.close()
    app.quit()
  })
}
