import type { FormInstance } from 'antd'
import type { Problem } from '../../contract'

/**
 * Puts each server problem under the form field it names; returns the ones that belong to no field on this form,
 * for the Alert at the top. Fields not listed in `fields` are treated as general, so no message is lost.
 */
export function placeProblems(form: FormInstance, problems: Problem[], fields: readonly string[]): Problem[] {
  const byField = new Map<string, string[]>()
  const general: Problem[] = []
  for (const problem of problems) {
    if (problem.field && fields.includes(problem.field)) {
      byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.message])
    } else general.push(problem)
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })))
  return general
}

/** Clears the server's messages before the next try, so stale ones do not linger under fixed fields. */
export function clearProblems(form: FormInstance, fields: readonly string[]): void {
  form.setFields(fields.map((name) => ({ name, errors: [] })))
}
