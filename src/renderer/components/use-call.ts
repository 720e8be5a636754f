import { useCallback, useEffect, useRef, useState } from 'react'
import { api } from '../api'
import type { CallName, Input, Output } from '../../contract'
import { useFault } from './use-fault'

export interface CallState<T> {
  data: T | undefined
  loading: boolean
  error: unknown
  reload: () => void
}

/**
 * Runs a read call whenever its input changes. Answers can arrive out of order (a slow query typed earlier, a fast
 * one later): only the answer to the latest request is kept.
 */
export function useCall<N extends CallName>(
  name: N,
  input: Input<N>,
  /** skip: do not call (yet); silent: until data arrives the page shows a failure itself (LoadFailed) */
  options: { skip?: boolean; silent?: boolean } = {},
): CallState<Output<N>> {
  const [data, setData] = useState<Output<N>>()
  const [loading, setLoading] = useState(!options.skip)
  const [error, setError] = useState<unknown>()
  const [round, setRound] = useState(0)
  const latest = useRef(0)
  const fault = useFault()
  const faultRef = useRef(fault)
  faultRef.current = fault
  const hasData = useRef(false)
  const silentRef = useRef(options.silent)
  silentRef.current = options.silent
  // Callers pass object literals; compare by content so each render does not start a new request.
  const key = JSON.stringify(input)

  useEffect(() => {
    if (options.skip) return
    const ticket = ++latest.current
    setLoading(true)
    api.call(name, JSON.parse(key) as Input<N>).then(
      (answer) => {
        if (ticket !== latest.current) return
        hasData.current = true
        setData(answer)
        setError(undefined)
        setLoading(false)
      },
      (failure: unknown) => {
        if (ticket !== latest.current) return
        setError(failure)
        setLoading(false)
        // A page that already shows data keeps it, so then the failure still needs saying.
        if (!silentRef.current || hasData.current) faultRef.current(failure)
      },
    )
  }, [name, key, round, options.skip])

  // A request still in flight when the component goes away must not touch its state.
  useEffect(() => () => void (latest.current = -1), [])

  const reload = useCallback(() => setRound((r) => r + 1), [])
  return { data, loading, error, reload }
}
