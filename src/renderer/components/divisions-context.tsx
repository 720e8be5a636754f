import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { DivisionTree } from '../../contract'
import { useCall } from './use-call'

type Township = DivisionTree['townships'][number]

interface DivisionsValue {
  district: DivisionTree['district'] | undefined
  /** townships in service, each with its villages in service */
  townships: Township[]
  loading: boolean
  /** after a division is added, renamed, moved or retired, so every Select shows the change */
  reload: () => void
}

const DivisionsContext = createContext<DivisionsValue | null>(null)

// One load of the tree for the whole app: every township/village Select reads from here instead of calling again.
export function DivisionsProvider({ children }: { children: ReactNode }) {
  const { data, loading, reload } = useCall('divisions.tree', { includeRetired: false })
  const value = useMemo<DivisionsValue>(
    () => ({ district: data?.district, townships: data?.townships ?? [], loading, reload }),
    [data, loading, reload],
  )
  return <DivisionsContext.Provider value={value}>{children}</DivisionsContext.Provider>
}

export function useDivisions(): DivisionsValue {
  const value = useContext(DivisionsContext)
  if (!value) throw new Error('useDivisions 须在 DivisionsProvider 之内使用')
  return value
}
