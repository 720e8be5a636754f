import type { z } from 'zod'

/** What a front answers when a payload does not fit the contract: never a stack trace. */
export interface CallFailure {
  error: { code: 'unknown_call' | 'invalid_input' | 'internal' | 'unauthorised' | 'refused' | 'locked'; message: string; issues?: string[] }
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : '(整体)'
    return `${where}: ${issue.message}`
  })
}
