import { DownloadOutlined, DownOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Dropdown, Flex, Switch, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo, useState } from 'react'
import { api } from '../../api'
import type { StaffRow } from '../../../contract'
import { TownshipSelect } from '../../components/DivisionSelect'
import { useDivisions } from '../../components/divisions-context'
import { useDownload } from '../../components/download'
import { orDash, SEX_LABEL, showDate } from '../../components/labels'
import { PageHeader } from '../../components/PageHeader'
import { useCall } from '../../components/use-call'
import { StaffFormModal } from './StaffFormModal'
import { TrainingsModal } from './TrainingsModal'
import type { StaffKind } from './staff-kinds'

const today = () => new Date().toISOString().slice(0, 10)

function columnsFor(kind: StaffKind, edit: (row: StaffRow) => void, trainings: (row: StaffRow) => void): ColumnsType<StaffRow> {
  const place: ColumnsType<StaffRow> =
    kind.place === 'township'
      ? [{ title: '乡镇/街道', dataIndex: 'townshipName', width: 120, ellipsis: true }]
      : [
          { title: '乡镇/街道', dataIndex: 'townshipName', width: 100, ellipsis: true },
          {
            title: '村/社区',
            dataIndex: 'divisionName',
            width: 130,
            ellipsis: true,
            render: (name: string, row) =>
              row.alsoServes.length ? (
                <Tooltip title={`兼管：${row.alsoServes.map((v) => v.name).join('、')}`}>
                  {name} <Tag style={{ marginInlineEnd: 0 }}>兼管{row.alsoServes.length}村</Tag>
                </Tooltip>
              ) : (
                name
              ),
          },
        ]
  return [
    ...place,
    {
      title: '姓名',
      dataIndex: 'name',
      width: 100,
      render: (name: string, row) => (
        <Flex gap={4} align="center">
          <Typography.Link onClick={() => edit(row)}>{name}</Typography.Link>
          {row.endDate && row.endDate <= today() ? <Tag>已离任</Tag> : null}
        </Flex>
      ),
    },
    { title: '性别', dataIndex: 'sex', width: 44, render: (sex: StaffRow['sex']) => SEX_LABEL[sex] },
    { title: '年龄', dataIndex: 'age', width: 44, align: 'right', render: orDash },
    {
      title: '电话',
      dataIndex: 'phoneMasked',
      width: 115,
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{orDash(v)}</span>,
    },
    { title: '专职/兼职', dataIndex: 'partTime', width: 80, render: (p: boolean) => (p ? '兼职' : '专职') },
    { title: '兼任职务', dataIndex: 'concurrentPost', minWidth: 110, ellipsis: true, render: orDash },
    { title: '文化程度', dataIndex: 'education', width: 72, ellipsis: true, render: orDash },
    {
      title: '培训',
      dataIndex: 'trainingCount',
      width: 96,
      render: (count: number, row) => (
        <Typography.Link onClick={() => trainings(row)} aria-label={`${row.name}的培训记录`}>
          {count ? `${count}次 · ${showDate(row.lastTrainedOn)}` : row.trained ? '已培训' : <Typography.Text type="warning">未登记</Typography.Text>}
        </Typography.Link>
      ),
    },
    { title: '任职日期', dataIndex: 'startDate', width: 92, render: (d: string | null) => orDash(showDate(d)) },
    { title: '离任日期', dataIndex: 'endDate', width: 92, render: (d: string | null) => orDash(showDate(d)) },
    { title: '服务儿童数', dataIndex: 'childCount', width: 88, align: 'right' },
    {
      title: '操作',
      key: 'actions',
      width: 56,
      render: (_, row) => (
        <Button type="link" size="small" onClick={() => edit(row)} style={{ paddingInline: 0 }}>
          编辑
        </Button>
      ),
    },
  ]
}

/** The villages no director serves: the gap the home page counts, named here so the clerk can fill it. */
function VillagesWithoutDirector({ township }: { township?: string }) {
  const { townships } = useDivisions()
  const missing = townships
    .filter((t) => !township || t.code === township)
    .flatMap((t) => t.villages.filter((v) => v.directors === 0).map((v) => (township ? v.name : `${t.name}${v.name}`)))
  if (missing.length === 0) return null
  const shown = missing.slice(0, 12).join('、') + (missing.length > 12 ? ` 等` : '')
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`${missing.length} 个村/社区没有儿童主任：${shown}`}
    />
  )
}

type Editing = { mode: 'create' } | { mode: 'edit'; id: number }
type Training = { id: number; name: string }

export function StaffPage({ kind }: { kind: StaffKind }) {
  const [township, setTownship] = useState<string>()
  const [includeFormer, setIncludeFormer] = useState(false)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [training, setTraining] = useState<Training | null>(null)
  const { data, loading, reload } = useCall(`${kind.calls}.list`, {
    ...(township ? { townshipCode: township } : {}),
    includeFormer,
  })
  const divisions = useDivisions()
  const columns = useMemo(
    () =>
      columnsFor(
        kind,
        (row) => setEditing({ mode: 'edit', id: row.id }),
        (row) => setTraining({ id: row.id, name: row.name }),
      ),
    [kind],
  )
  const download = useDownload()
  const { modal } = App.useApp()
  const exportList = (fullNumbers: boolean) =>
    void download.run('list', () => api.call('exports.staff', { kind: kind.calls, fullNumbers }))

  return (
    <>
      <PageHeader
        title={kind.title}
        sub={data ? `共 ${data.length} 人` : undefined}
        extra={
          <>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'masked', label: '导出名单（电话打码）' },
                  { key: 'full', label: '导出名单（完整号码）' },
                ],
                onClick: ({ key }) => {
                  if (key === 'masked') return exportList(false)
                  // Whole phone numbers are personal data: asked for once more, and the export is logged.
                  modal.confirm({
                    title: '导出完整号码？',
                    content: '完整的电话号码属于个人信息，请妥善保管导出的文件。本次导出将记入操作日志。',
                    okText: '导出',
                    cancelText: '取消',
                    onOk: () => exportList(true),
                  })
                },
              }}
            >
              <Button icon={<ExportOutlined aria-hidden />} loading={download.busy === 'list'}>
                导出名单 <DownOutlined aria-hidden />
              </Button>
            </Dropdown>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={download.busy === 'template'}
              onClick={() => void download.run('template', () => api.call('exports.template', { kind: kind.calls }))}
            >
              下载填报模板
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
              新增{kind.title}
            </Button>
          </>
        }
      />
      <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
        <TownshipSelect
          aria-label="乡镇/街道"
          placeholder="全部乡镇/街道"
          value={township}
          onChange={setTownship}
          style={{ width: 180 }}
        />
        <Flex gap={8} align="center">
          <Switch id="include-former" size="small" checked={includeFormer} onChange={setIncludeFormer} />
          <label htmlFor="include-former">含已离任</label>
        </Flex>
      </Flex>
      {kind.place === 'village' ? <VillagesWithoutDirector township={township} /> : null}
      <Table<StaffRow>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data}
        loading={loading}
        sticky
        scroll={{ x: 1120 }}
        pagination={{ defaultPageSize: 50, pageSizeOptions: [20, 50, 100], showSizeChanger: true, showTotal: (n) => `共 ${n} 人`, hideOnSinglePage: true }}
        locale={{ emptyText: township ? `该乡镇/街道暂无${kind.title}` : `暂无${kind.title}，点击右上角“新增${kind.title}”登记` }}
      />
      {training ? (
        <TrainingsModal
          personKind={kind.calls === 'supervisors' ? 'supervisor' : 'director'}
          personId={training.id}
          title={`${kind.title} ${training.name}`}
          onClose={(changed) => {
            setTraining(null)
            if (changed) reload()
          }}
        />
      ) : null}
      {editing ? (
        <StaffFormModal
          kind={kind}
          id={editing.mode === 'edit' ? editing.id : undefined}
          presetTownship={township}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            reload()
            // The per-division counts (directors per village, supervisors per township) changed too.
            divisions.reload()
          }}
        />
      ) : null}
    </>
  )
}
