import { App } from 'antd'
import { useCallback } from 'react'
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
