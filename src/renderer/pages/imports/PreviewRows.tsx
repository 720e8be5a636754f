import { Flex, Radio, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo, useState } from 'react'
import type { FilePreview } from '../../../contract'
import { STATUS_COLOR, STATUS_LABEL, type RowStatus } from './import-labels'

type Row = FilePreview['rows'][number]
type Filter = RowStatus | 'all'

const columns: ColumnsType<Row> = [
  {
    title: '状态',
    dataIndex: 'status',
    width: 64,
    render: (status: RowStatus) => (
      <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
        {STATUS_LABEL[status]}
      </Tag>
    ),
  },
  { title: '工作表', dataIndex: 'sheet', width: 110, ellipsis: true },
  { title: '行号', dataIndex: 'row', width: 56, align: 'right' },
  { title: '对象', dataIndex: 'label', width: 200, ellipsis: true },
  {
    title: '变更/问题',
    key: 'detail',
    render: (_, row) =>
      row.changes.length + row.problems.length === 0 ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <>
          {row.problems.map((p, i) => (
            <div key={`p${i}`}>
              <Typography.Text type="danger">{p}</Typography.Text>
            </div>
          ))}
          {row.changes.map((c, i) => (
            <div key={`c${i}`}>{c}</div>
          ))}
        </>
      ),
  },
]

const FILTERS: Filter[] = ['all', 'rejected', 'new', 'changed', 'unchanged']

/** The rows of one file as the app would import them: rejected ones first, each with what it would change or why not. */
export function PreviewRows({ preview }: { preview: FilePreview }) {
  const [filter, setFilter] = useState<Filter>('all')
  const [page, setPage] = useState(1)
  const total = preview.counts.new + preview.counts.changed + preview.counts.unchanged + preview.counts.rejected
  const rows = useMemo(
    () => (filter === 'all' ? preview.rows : preview.rows.filter((r) => r.status === filter)),
    [preview.rows, filter],
  )
  const countOf = (f: Filter) => (f === 'all' ? total : preview.counts[f])

  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }}>
        <Radio.Group
          aria-label="按状态筛选"
          size="small"
          optionType="button"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value as Filter)
            setPage(1)
          }}
          options={FILTERS.map((f) => ({ value: f, label: `${f === 'all' ? '全部' : STATUS_LABEL[f]} ${countOf(f)}` }))}
        />
        {preview.rowsShown < total ? (
          <Typography.Text type="secondary">
            仅显示前 {preview.rowsShown} 行（共 {total} 行，有误的行排在最前）；全部有误的行可下载错误说明表查看。
          </Typography.Text>
        ) : null}
      </Flex>
      <Table<Row>
        size="small"
        rowKey={(r) => `${r.sheet}\u0000${r.row}`}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 760 }}
        pagination={{
          current: page,
          pageSize: 50,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (n) => `共 ${n} 行`,
        }}
        locale={{ emptyText: filter === 'all' ? '表中没有数据行' : `没有「${STATUS_LABEL[filter]}」的行` }}
      />
    </>
  )
}
