import { useEffect, useState } from 'react'

/** Where the app is: the path and query after '#', e.g. '#/children/12?x=1' → path '/children/12'. */
export interface Route {
  path: string
  query: URLSearchParams
  /** grows on every real navigation, so a page can be remounted even when its path stays the same */
  visit: number
}

function readHash(visit: number): Route {
  const raw = window.location.hash.replace(/^#/, '') || '/'
  const [path = '/', search = ''] = raw.split('?')
  return { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(search), visit }
}

// Hash routing keeps the app one static page: the loopback host and Electron's file:// both serve it as is.
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => readHash(0))
  useEffect(() => {
    const onChange = () => setRoute((previous) => readHash(previous.visit + 1))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}

/** Goes to a page; `replace` keeps a finished form out of the back history (back from a saved file is the list). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.location.replace(`#${path}`)
  else window.location.hash = path
}

/**
 * Records the current filters in the address without a new history entry, so that "back" from a child's file lands
 * on the same page of the same list.
 */
export function replaceQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  const url = new URL(window.location.href)
  url.hash = search ? `${path}?${search}` : path
  window.history.replaceState(window.history.state, '', url.toString())
  return url.hash.slice(1)
}
