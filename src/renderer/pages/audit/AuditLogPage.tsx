import { DownOutlined, ExportOutlined } from '@ant-design/icons'
import { App, Button, DatePicker, Dropdown, Flex, Input, Select, Switch, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import type { AuditQuery, AuditRow } from '../../../contract'
import { AUDIT_ENTITY_NAMES } from '../../../contract/labels'
import { api } from '../../api'
import { useDownload } from '../../components/download'
import { PageHeader } from '../../components/PageHeader'
import { useCall } from '../../components/use-call'
import { useDebounced } from '../../components/use-debounced'
import { navigate } from '../../routing'

const ENTITIES = (Object.keys(AUDIT_ENTITY_NAMES) as NonNullable<AuditQuery['entity']>[]).map((value) => ({
  value,
  label: AUDIT_ENTITY_NAMES[value],
}))

const FULL_WARNING = '完整的身份证号、电话和银行账号属于个人敏感信息。查看和导出都会记入操作日志。'

const columns: ColumnsType<AuditRow> = [
  { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
  { title: '操作人', dataIndex: 'actor', width: 100 },
  { title: '操作', dataIndex: 'action', width: 200 },
  {
    title: '对象',
    key: 'subject',
    width: 170,
    render: (_: unknown, row) => (
      <>
        <Tag>{row.entityName}</Tag>
        {row.subject || row.entityId}
      </>
    ),
  },
  {
    title: '变更内容',
    dataIndex: 'changes',
    render: (changes: string[]) => <ChangeLines lines={changes} />,
  },
]

const SHOWN_LINES = 4

/** The change in words; a new record's many fields fold after a few lines. */
function ChangeLines({ lines }: { lines: string[] }) {
  const [open, setOpen] = useState(false)
  if (!lines.length) return <Typography.Text type="secondary">—</Typography.Text>
  const shown = open || lines.length <= SHOWN_LINES + 1 ? lines : lines.slice(0, SHOWN_LINES)
  return (
    <>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {shown.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {shown.length < lines.length ? (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(true)}>
          展开其余 {lines.length - shown.length} 项
        </Button>
      ) : null}
    </>
  )
}

/** 操作日志: every write, who and when, with the change in words; filters by person, date, object and child. */
export function AuditLogPage({ query }: { query: URLSearchParams }) {
  const { modal } = App.useApp()
  const download = useDownload()
  const [actor, setActor] = useState<string>()
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null)
  const [entity, setEntity] = useState<AuditQuery['entity']>()
  const [child, setChild] = useState(query.get('child') ?? '')
  const childId = /^\d+$/.test(query.get('childId') ?? '') ? Number(query.get('childId')) : undefined
  const [fullNumbers, setFullNumbers] = useState(false)
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(50)
  const childText = useDebounced(child.trim(), 300)

  const filter = {
    actor,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    entity,
    childId,
    child: childText || undefined,
    fullNumbers,
  }
  const { data, loading } = useCall('audit.list', { ...filter, page, pageSize })

  const confirmFull = (then: () => void) =>
    modal.confirm({ title: '显示完整号码？', content: FULL_WARNING, okText: '确定', cancelText: '取消', onOk: then })
  const exportBook = (full: boolean) =>
    void download.run('export', () => api.call('exports.audit', { ...filter, fullNumbers: full }))

  return (
    <>
      <PageHeader
        title="操作日志"
        sub={data ? `共 ${data.total} 条` : undefined}
        extra={
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'masked', label: '导出（身份证号等打码）' },
                { key: 'full', label: '导出（完整号码）' },
              ],
              onClick: ({ key }) => (key === 'full' ? confirmFull(() => exportBook(true)) : exportBook(false)),
            }}
          >
            <Button icon={<ExportOutlined aria-hidden />} loading={download.busy === 'export'}>
              导出 <DownOutlined aria-hidden />
            </Button>
          </Dropdown>
        }
      />
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="操作人"
          placeholder="全部操作人"
          allowClear
          style={{ width: 160 }}
          value={actor}
          options={(data?.actors ?? []).map((a) => ({ value: a, label: a }))}
          onChange={(value?: string) => {
            setActor(value)
            setPage(1)
          }}
        />
        <DatePicker.RangePicker
          aria-label="日期"
          value={range}
          onChange={(value) => {
            setRange(value)
            setPage(1)
          }}
        />
        <Select
          aria-label="对象类型"
          placeholder="全部对象"
          allowClear
          style={{ width: 140 }}
          value={entity}
          options={ENTITIES}
          onChange={(value?: AuditQuery['entity']) => {
            setEntity(value)
            setPage(1)
          }}
        />
        <Input
          aria-label="儿童"
          placeholder="儿童姓名或身份证号"
          allowClear
          style={{ width: 200 }}
          value={child}
          onChange={(e) => {
            setChild(e.target.value)
            setPage(1)
          }}
        />
        {childId ? (
          <Tag closable onClose={() => navigate('/audit')}>
            只看一名儿童的档案（{data?.rows[0]?.subject || `编号 ${childId}`}）
          </Tag>
        ) : null}
        <Flex gap={8} align="center">
          <Switch
            id="audit-full-numbers"
            size="small"
            checked={fullNumbers}
            onChange={(on) => (on ? confirmFull(() => setFullNumbers(true)) : setFullNumbers(false))}
          />
          <label htmlFor="audit-full-numbers">显示完整号码</label>
        </Flex>
      </Flex>
      <Table<AuditRow>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data?.rows}
        loading={loading}
        sticky
        pagination={{
          current: data?.page ?? page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => `共 ${n} 条`,
          onChange: (next, size) => {
            setPage(size !== pageSize ? 1 : next)
            setPageSize(size)
          },
        }}
        locale={{ emptyText: '没有符合条件的操作记录' }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        操作日志只能查看和导出，任何人都不能修改或删除。身份证号、电话和银行账号默认部分隐藏。
      </Typography.Paragraph>
    </>
  )
}
