import { Select } from 'antd'
import { useMemo } from 'react'
import { useDivisions } from './divisions-context'

interface Known {
  code: string
  name: string
}

interface CommonProps {
  value?: string
  onChange?: (value: string | undefined) => void
  placeholder?: string
  allowClear?: boolean
  style?: React.CSSProperties
  id?: string
  'aria-label'?: string
  /** the record's current division when it is no longer in service, so an old record still shows its place */
  keep?: Known
  disabled?: boolean
}

function withKept(options: { value: string; label: string }[], keep: Known | undefined) {
  if (!keep || options.some((o) => o.value === keep.code)) return options
  return [{ value: keep.code, label: `${keep.name}（已撤销）` }, ...options]
}

// Typing a few characters of a name is faster than scrolling 20 townships or 400 villages.
const filterByLabel = (input: string, option?: { label?: unknown }) => String(option?.label ?? '').includes(input.trim())

/** The Select both pickers share: searchable by name, with what to say when the list is empty. */
function PlaceSelect({
  options,
  loading,
  notFoundContent,
  ...props
}: Omit<CommonProps, 'keep'> & { options: { value: string; label: string }[]; loading: boolean; notFoundContent: string }) {
  return <Select {...props} options={options} loading={loading} showSearch={{ filterOption: filterByLabel }} notFoundContent={notFoundContent} />
}

export function TownshipSelect({
  placeholder = '选择乡镇/街道',
  allowClear = true,
  keep,
  exclude,
  ...props
}: CommonProps & { /** e.g. the township a village is being moved away from */ exclude?: string }) {
  const { townships, loading } = useDivisions()
  const options = useMemo(
    () => withKept(townships.filter((t) => t.code !== exclude).map((t) => ({ value: t.code, label: t.name })), keep),
    [townships, keep, exclude],
  )
  return (
    <PlaceSelect
      {...props}
      options={options}
      loading={loading}
      placeholder={placeholder}
      allowClear={allowClear}
      notFoundContent="没有乡镇/街道，请先到「区划」中添加"
    />
  )
}

/** Villages of one township; with no township chosen it lists every village, labelled with its township. */
export function VillageSelect({
  townshipCode,
  placeholder = '选择村/社区',
  allowClear = true,
  keep,
  ...props
}: CommonProps & { townshipCode?: string }) {
  const { townships, loading } = useDivisions()
  const options = useMemo(() => {
    const list = townshipCode
      ? (townships.find((t) => t.code === townshipCode)?.villages ?? []).map((v) => ({ value: v.code, label: v.name }))
      : townships.flatMap((t) => t.villages.map((v) => ({ value: v.code, label: `${t.name} / ${v.name}` })))
    return withKept(list, keep)
  }, [townships, townshipCode, keep])
  return (
    <PlaceSelect
      {...props}
      options={options}
      loading={loading}
      placeholder={placeholder}
      allowClear={allowClear}
      notFoundContent={townshipCode ? '该乡镇/街道下没有村/社区' : '没有村/社区'}
    />
  )
}

/** The township a village belongs to, for forms that cascade township → village. */
export function useTownshipOf(): (villageCode: string | undefined) => string | undefined {
  const { townships } = useDivisions()
  return (villageCode) =>
    villageCode ? townships.find((t) => t.villages.some((v) => v.code === villageCode))?.code : undefined
}

/**
 * Villages a director also serves: every live village labelled with its township, those without a director of their
 * own first, as those are the ones a neighbour usually covers.
 */
export function VillagesMultiSelect({ value, onChange, exclude, id }: {
  value?: string[]
  onChange?: (value: string[]) => void
  /** the director's own village */
  exclude?: string
  id?: string
}) {
  const { townships, loading } = useDivisions()
  const options = useMemo(() => {
    const all = townships.flatMap((t) =>
      t.villages
        .filter((v) => v.code !== exclude)
        .map((v) => ({ value: v.code, label: `${t.name} / ${v.name}${v.directors === 0 ? '（无儿童主任）' : ''}`, open: v.directors === 0 })),
    )
    return [...all.filter((o) => o.open), ...all.filter((o) => !o.open)].map(({ value, label }) => ({ value, label }))
  }, [townships, exclude])
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      allowClear
      placeholder="如本人还负责其他无儿童主任的村/社区，在此选择"
      showSearch={{ filterOption: filterByLabel }}
      notFoundContent="没有村/社区"
    />
  )
}
