import type { FormInstance } from 'antd'
import { useCallback, useState } from 'react'
import type { Outcome, Problem } from '../../contract'
import { clearProblems, placeProblems } from './form-problems'
import { useFault } from './use-fault'

/**
 * The life of one save from a form: clear old messages, call, then either hand the value on or put each problem
 * under its field (the rest go to `general`, for a ProblemsAlert). Faults become a message.error.
 */
export function useSave<T>(form: FormInstance, fields: readonly string[]) {
  const [saving, setSaving] = useState(false)
  const [general, setGeneral] = useState<Problem[]>([])
  const fault = useFault()
  const save = useCallback(
    async (write: () => Promise<Outcome<T>>): Promise<T | undefined> => {
      clearProblems(form, fields)
      setGeneral([])
      setSaving(true)
      try {
        const answer = await write()
        if (answer.ok) return answer.value
        setGeneral(placeProblems(form, answer.problems, fields))
        return undefined
      } catch (error) {
        fault(error)
        return undefined
      } finally {
        setSaving(false)
      }
    },
    // `fields` is a constant list per form, so it is left out of the dependencies.
    [form, fault],
  )
  return { save, saving, general, setGeneral }
}
