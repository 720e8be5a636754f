import { DownloadOutlined } from '@ant-design/icons'
import { App, Button, Flex, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { api } from '../../api'
import type { Division } from '../../../contract'
import { useDivisions } from '../../components/divisions-context'
import { useDownload } from '../../components/download'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { useCall } from '../../components/use-call'
import { useFault } from '../../components/use-fault'
import { DistrictForm } from './DistrictForm'
import { toRows, type DivisionRow } from './division-rows'
import { DivisionNameModal, type NameTask } from './DivisionNameModal'
import { MoveVillageModal } from './MoveVillageModal'
import { RetireModal } from './RetireModal'

type Dialog = { kind: 'name'; task: NameTask } | { kind: 'move'; village: Division; townshipName: string } | { kind: 'retire'; division: Division }

function NameCell({ row }: { row: DivisionRow }) {
  const d = row.division
  return (
    <Space size={4} wrap>
      <Typography.Text strong={d.level !== 'village'} delete={Boolean(d.retiredOn)} type={d.retiredOn ? 'secondary' : undefined}>
        {d.name}
      </Typography.Text>
      {d.retiredOn ? <Tag>已撤销 {d.retiredOn}</Tag> : null}
    </Space>
  )
}

function CodeCell({ division }: { division: Division }) {
  return (
    <Space size={4}>
      <Typography.Text type={division.codeGenerated ? 'secondary' : undefined} style={{ fontFamily: 'monospace' }}>
        {division.code}
      </Typography.Text>
      {division.codeGenerated ? (
        <Tag color="orange" title="系统生成的代码，得知正式区划代码后请补正">
          临时代码
        </Tag>
      ) : null}
    </Space>
  )
}

export function DivisionsPage() {
  const [showRetired, setShowRetired] = useState(false)
  const { data, error, loading, reload } = useCall('divisions.tree', { includeRetired: showRetired }, { silent: true })
  const shared = useDivisions()
  const { message, modal } = App.useApp()
  const fault = useFault()
  const download = useDownload()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [expanded, setExpanded] = useState<readonly React.Key[] | null>(null)

  const rows = useMemo(() => (data ? toRows(data) : []), [data])
  const townshipName = useMemo(() => new Map(data?.townships.map((t) => [t.code, t.name])), [data])
  const townshipKeys = useMemo(() => rows.flatMap((r) => [r.key, ...(r.sub ?? []).filter((t) => t.sub).map((t) => t.key)]), [rows])
  // The district opens by default; the villages stay folded until asked for, so 20 townships fit on one screen.
  const expandedKeys = expanded ?? rows.map((r) => r.key)

  const changed = (text: string) => {
    setDialog(null)
    void message.success(text)
    reload()
    shared.reload()
  }

  const restore = (division: Division) => {
    modal.confirm({
      title: `恢复${division.name}？`,
      content: '恢复后可以再在这里登记儿童和安排人员。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          const answer = await api.call('divisions.restore', { code: division.code })
          if (answer.ok) changed(`已恢复${division.name}`)
          else answer.problems.forEach((p) => void message.error(p.message))
        } catch (failure) {
          fault(failure)
        }
      },
    })
  }

  if (error && !data) return <LoadFailed error={error} onRetry={reload} />
  if (!data) return <Skeleton active />
  if (!data.district) {
    return (
      <>
        <PageHeader title="区划" />
        <DistrictForm
          onSaved={() => {
            void message.success('已保存区/县')
            reload()
            shared.reload()
          }}
        />
      </>
    )
  }
  const district = data.district

  const actions = (row: DivisionRow) => {
    const d = row.division
    const link = (label: string, onClick: () => void, danger = false) => (
      <Button key={label} type="link" size="small" danger={danger} onClick={onClick} style={{ paddingInline: 4 }}>
        {label}
      </Button>
    )
    if (d.level === 'district') {
      return [
        link('新增乡镇/街道', () => setDialog({ kind: 'name', task: { kind: 'create', level: 'township', parent: d } })),
        link('修改', () => setDialog({ kind: 'name', task: { kind: 'district', division: d } })),
      ]
    }
    if (d.retiredOn) return [link('恢复', () => restore(d))]
    const common = [
      link('重命名', () => setDialog({ kind: 'name', task: { kind: 'rename', division: d } })),
      link('撤销', () => setDialog({ kind: 'retire', division: d }), true),
    ]
    if (d.level === 'township') {
      return [link('新增村/社区', () => setDialog({ kind: 'name', task: { kind: 'create', level: 'village', parent: d } })), ...common]
    }
    return [
      common[0],
      link('移动', () =>
        setDialog({ kind: 'move', village: d, townshipName: townshipName.get(d.parentCode ?? '') ?? '' }),
      ),
      common[1],
    ]
  }

  const count = (n: number | null) => (n === null ? '' : n)

  return (
    <>
      <PageHeader
        title="区划"
        sub={`${data.townships.filter((t) => !t.retiredOn).length} 个乡镇/街道`}
        extra={
          <>
            <Button onClick={() => setExpanded(townshipKeys)}>全部展开</Button>
            <Button onClick={() => setExpanded(rows.map((r) => r.key))}>全部收起</Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={download.busy === 'template'}
              onClick={() => void download.run('template', () => api.call('exports.template', { kind: 'divisions' }))}
            >
              下载区划模板
            </Button>
            <Button
              type="primary"
              onClick={() => setDialog({ kind: 'name', task: { kind: 'create', level: 'township', parent: district } })}
            >
              新增乡镇/街道
            </Button>
          </>
        }
      />
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Switch id="show-retired" checked={showRetired} onChange={setShowRetired} size="small" />
        <label htmlFor="show-retired">显示已撤销</label>
      </Flex>
      <Table<DivisionRow>
        size="small"
        rowKey="key"
        loading={loading}
        dataSource={rows}
        pagination={false}
        expandable={{
          childrenColumnName: 'sub',
          expandedRowKeys: expandedKeys,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          indentSize: 20,
        }}
        locale={{ emptyText: '尚未添加乡镇/街道' }}
        columns={[
          { title: '名称', key: 'name', render: (_, row) => <NameCell row={row} /> },
          { title: '区划代码', key: 'code', width: 230, render: (_, row) => <CodeCell division={row.division} /> },
          { title: '村/社区', dataIndex: 'villages', width: 80, align: 'right', render: count },
          { title: '督导员', dataIndex: 'supervisors', width: 70, align: 'right', render: count },
          {
            title: '儿童主任',
            dataIndex: 'directors',
            width: 80,
            align: 'right',
            // A village in service without a director is the gap this page should make visible.
            render: (n: number | null, row) =>
              row.division.level === 'village' && n === 0 && !row.division.retiredOn ? (
                <Typography.Text type="danger">无</Typography.Text>
              ) : (
                count(n)
              ),
          },
          { title: '困境儿童', dataIndex: 'kids', width: 80, align: 'right' },
          { title: '操作', key: 'actions', width: 250, render: (_, row) => <Space size={0}>{actions(row)}</Space> },
        ]}
      />

      {dialog?.kind === 'name' ? (
        <DivisionNameModal
          task={dialog.task}
          onClose={() => setDialog(null)}
          onSaved={(d) => {
            if (dialog.task.kind === 'create' && dialog.task.level === 'village') {
              // Show the new village where it was added.
              setExpanded([...expandedKeys, dialog.task.parent.code])
            }
            changed(dialog.task.kind === 'create' ? `已新增${d.name}` : '已保存')
          }}
        />
      ) : null}
      {dialog?.kind === 'move' ? (
        <MoveVillageModal
          village={dialog.village}
          townshipName={dialog.townshipName}
          onClose={() => setDialog(null)}
          onSaved={(d) => changed(`已将${d.name}移至${townshipName.get(d.parentCode ?? '') ?? '新的乡镇/街道'}`)}
        />
      ) : null}
      {dialog?.kind === 'retire' ? (
        <RetireModal
          division={dialog.division}
          onClose={() => setDialog(null)}
          onSaved={(d) => changed(`已撤销${d.name}`)}
        />
      ) : null}
    </>
  )
}
