import { useEffect, useState } from 'react'

/** The value as it was after the user stopped changing it for `delay` ms: one query per pause, not per keystroke. */
export function useDebounced<T>(value: T, delay = 250): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay)
    return () => window.clearTimeout(timer)
  }, [value, delay])
  return settled
}
