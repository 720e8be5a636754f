/**
 * Which pages may call the services: only the app's own page, loaded from the app's files (or the
 * dev server in development). Kept free of Electron imports so tests can check it.
 */
export function isTrustedPage(pageUrl: string | undefined, appUrl: string): boolean {
  if (!pageUrl) return false
  let page: URL
  let app: URL
  try {
    page = new URL(pageUrl)
    app = new URL(appUrl)
  } catch {
    return false
  }
  if (app.protocol === 'file:') {
    return page.protocol === 'file:' && page.host === app.host && page.pathname === app.pathname
  }
  return page.origin === app.origin
}

/** IPC arguments as they arrive from the renderer: the call name must be a short plain string. */
export function isPlausibleCallName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 60 && /^[a-z]+\.[a-zA-Z]+$/.test(name)
}
