import { Select, Tag } from 'antd'
import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { Category } from '../../contract'
import { DIMENSION_COLOR, DIMENSION_LABEL } from './labels'
import { useCall } from './use-call'

interface CategoriesValue {
  categories: Category[]
  byName: Map<string, Category>
  loading: boolean
  /** after the dictionary was edited */
  reload: () => void
}

const CategoriesContext = createContext<CategoriesValue | null>(null)

// The category dictionary changes rarely: load it once for every Select and tag in the app.
export function CategoriesProvider({ children }: { children: ReactNode }) {
  const { data, loading, reload } = useCall('categories.list', {})
  const value = useMemo<CategoriesValue>(() => {
    const categories = data ?? []
    return { categories, byName: new Map(categories.map((c) => [c.name, c])), loading, reload }
  }, [data, loading, reload])
  return <CategoriesContext.Provider value={value}>{children}</CategoriesContext.Provider>
}

export function useCategories(): CategoriesValue {
  const value = useContext(CategoriesContext)
  if (!value) throw new Error('useCategories 须在 CategoriesProvider 之内使用')
  return value
}

/** Categories grouped by dimension, the way the national classification is read. */
export function useCategoryOptions() {
  const { categories } = useCategories()
  return useMemo(
    () =>
      (Object.keys(DIMENSION_LABEL) as (keyof typeof DIMENSION_LABEL)[])
        .map((dimension) => ({
          label: DIMENSION_LABEL[dimension],
          title: DIMENSION_LABEL[dimension],
          options: categories.filter((c) => c.dimension === dimension).map((c) => ({ value: c.code, label: c.name })),
        }))
        .filter((group) => group.options.length > 0),
    [categories],
  )
}

export function CategorySelect(props: {
  value?: string | string[]
  onChange?: (value: string | string[] | undefined) => void
  multiple?: boolean
  placeholder?: string
  style?: React.CSSProperties
  id?: string
  'aria-label'?: string
  allowClear?: boolean
}) {
  const { multiple, ...rest } = props
  const { loading } = useCategories()
  const options = useCategoryOptions()
  return (
    <Select
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      options={options}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={props.placeholder ?? '选择困境类型'}
    />
  )
}

/** A child's category as a tag coloured by its dimension. */
export function CategoryTag({ name }: { name: string }) {
  const { byName } = useCategories()
  const dimension = byName.get(name)?.dimension ?? 'other'
  return (
    <Tag color={DIMENSION_COLOR[dimension]} style={{ marginInlineEnd: 4 }}>
      {name}
    </Tag>
  )
}
