import { App } from 'antd'
import { useCallback } from 'react'
import type { Outcome } from '../../contract'
import { ApiError } from '../api'

/** Turns a thrown call failure into words for the clerk; refusals that are data never come here. */
export function faultText(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof Error) return `程序出错：${error.message}`
  return '程序出错，操作未完成。'
}

/** message.error for a failed call; uses App's message so it follows the theme and locale. */
export function useFault(): (error: unknown) => void {
  const { message } = App.useApp()
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.issues.length > 0) console.warn(error.code, error.issues)
      void message.error(faultText(error))
    },
    [message],
  )
}

/**
 * One write from a button or switch (not a form): a refusal's reasons become one message, a fault another.
 * `answered` runs once the services replied, refused or not (to reload what the write may have changed); the
 * value comes back when the write was done.
 */
export function useWrite() {
  const { message } = App.useApp()
  const fault = useFault()
  return useCallback(
    async <T>(write: () => Promise<Outcome<T>>, answered?: () => void): Promise<T | undefined> => {
      try {
        const answer = await write()
        if (!answer.ok) void message.error(answer.problems.map((p) => p.message).join('；'))
        answered?.()
        return answer.ok ? answer.value : undefined
      } catch (error) {
        fault(error)
        return undefined
      }
    },
    [message, fault],
  )
}
