import { Alert, Flex, Select, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo } from 'react'
import type { FilePreview } from '../../../contract'

type Sheet = FilePreview['sheets'][number]
type Column = Sheet['columns'][number]
type Field = FilePreview['fields'][number]

/** Select cannot hold null as an option's value: "不导入" travels as this and becomes null again on the way out. */
const NONE = '__none__'

/** Rows per little table: a sheet of 15 columns is shown as three tables side by side, not one tall one. */
function chunksOf(columns: Column[]): Column[][] {
  const n = columns.length
  const per = n <= 6 ? n : Math.ceil(n / (n > 12 ? 3 : 2))
  const out: Column[][] = []
  for (let i = 0; i < n; i += per) out.push(columns.slice(i, i + per))
  return out
}

export function ColumnMapping({
  sheet,
  fields,
  changed,
  onChange,
}: {
  sheet: Sheet
  fields: Field[]
  /** the columns the clerk set by hand */
  changed: Record<string, string | null> | undefined
  onChange: (index: number, field: string | null) => void
}) {
  const options = useMemo(
    () => [
      ...fields.map((f) => ({ value: f.key, label: f.required ? `${f.label}（必填）` : f.label })),
      { value: NONE, label: '不导入' },
    ],
    [fields],
  )
  const labelOf = useMemo(() => new Map(fields.map((f) => [f.key, f.label])), [fields])

  // Two columns taken as the same field: only one of them would be read.
  const twice = useMemo(() => {
    const seen = new Map<string, string[]>()
    for (const c of sheet.columns) {
      if (!c.field || !labelOf.has(c.field)) continue
      seen.set(c.field, [...(seen.get(c.field) ?? []), c.letter])
    }
    return [...seen].filter(([, letters]) => letters.length > 1)
  }, [sheet.columns, labelOf])

  const columns: ColumnsType<Column> = [
    { title: '列', dataIndex: 'letter', width: 44, align: 'center' },
    {
      title: '表头',
      dataIndex: 'label',
      ellipsis: true,
      render: (label: string) =>
        label ? <span title={label}>{label}</span> : <Typography.Text type="secondary">（无表头）</Typography.Text>,
    },
    {
      title: '导入为',
      key: 'field',
      width: 230,
      render: (_, column) => {
        const value = column.field && labelOf.has(column.field) ? column.field : NONE
        const handSet = changed !== undefined && Object.prototype.hasOwnProperty.call(changed, String(column.index))
        return (
          <Flex gap={4} align="center">
            <Select
              size="small"
              aria-label={`${column.letter}列「${column.label || '无表头'}」导入为`}
              value={value}
              options={options}
              onChange={(next: string) => onChange(column.index, next === NONE ? null : next)}
              style={{ width: 172 }}
              popupMatchSelectWidth={false}
              showSearch={{ optionFilterProp: 'label' }}
            />
            {handSet ? (
              <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                已改
              </Tag>
            ) : null}
          </Flex>
        )
      },
    },
  ]

  return (
    <>
      <Flex gap={12} wrap align="flex-start">
        {chunksOf(sheet.columns).map((chunk) => (
          <Table<Column>
            key={chunk[0]?.index}
            size="small"
            bordered
            rowKey="index"
            columns={columns}
            dataSource={chunk}
            pagination={false}
            style={{ flex: '1 1 400px', maxWidth: 500, minWidth: 380 }}
          />
        ))}
      </Flex>
      {twice.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={twice.map(([field, letters]) => `${letters.join('、')}列都导入为「${labelOf.get(field)}」，只会读取其中一列`).join('；')}
        />
      ) : null}
    </>
  )
}
