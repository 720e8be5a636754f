import { PlusOutlined } from '@ant-design/icons'
import { Button, Flex, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { Programme } from '../../../contract'
import { useCategories } from '../../components/categories-context'
import { yuan } from '../../components/money'
import { useCall } from '../../components/use-call'
import { ProgrammeFormModal } from './ProgrammeFormModal'
import { KIND_LABEL, PERIOD_LABEL } from './subsidy-labels'

type Editing = { programme?: Programme } | null

/** The programmes the bureau pays, each with its standards over time; seeded ones can be edited, others added. */
export function ProgrammesTab() {
  const { data, loading, reload } = useCall('programmes.list', {})
  const { categories } = useCategories()
  const [editing, setEditing] = useState<Editing>(null)
  const categoryName = (code: string) => categories.find((c) => c.code === code)?.name ?? code
  const programmeName = (code: string) => data?.find((p) => p.code === code)?.name ?? code
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
          新增补贴项目
        </Button>
      </Flex>
      <Table<Programme>
        size="small"
        rowKey="code"
        loading={loading}
        dataSource={data}
        pagination={false}
        columns={[
          {
            title: '补贴项目',
            dataIndex: 'name',
            render: (name: string, p) => (
              <Flex gap={6} align="center">
                <Typography.Link onClick={() => setEditing({ programme: p })}>{name}</Typography.Link>
                {p.active ? null : <Tag>已停用</Tag>}
              </Flex>
            ),
          },
          { title: '对象', dataIndex: 'kind', width: 90, render: (k: Programme['kind']) => KIND_LABEL[k] },
          {
            title: '现行标准',
            key: 'current',
            width: 140,
            align: 'right',
            render: (_, p) => (p.currentAmountFen === null ? <Typography.Text type="warning">无现行标准</Typography.Text> : `${yuan(p.currentAmountFen)} ${PERIOD_LABEL[p.period]}`),
          },
          {
            title: '发放对象类别',
            dataIndex: 'categories',
            render: (codes: string[], p) => (p.kind === 'director' ? '在任儿童主任' : codes.map(categoryName).join('、')),
          },
          {
            title: '互斥（优先）',
            dataIndex: 'excludedBy',
            render: (codes: string[]) => (codes.length ? `已享受${codes.map(programmeName).join('、')}的不再发放` : '—'),
          },
          {
            title: '标准期数',
            dataIndex: 'standards',
            width: 90,
            align: 'right',
            render: (s: Programme['standards']) => `${s.length} 期`,
          },
        ]}
      />
      {editing ? (
        <ProgrammeFormModal
          programme={editing.programme}
          programmes={data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            reload()
          }}
        />
      ) : null}
    </>
  )
}
