import { App, Button, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useEffect, useRef, useState } from 'react'
import { api } from '../../api'
import type { ImportBatch, ImportProblem } from '../../../contract'
import { useDivisions } from '../../components/divisions-context'
import { showTime } from '../../components/labels'
import { LoadFailed } from '../../components/LoadFailed'
import { useCall } from '../../components/use-call'
import { useFault } from '../../components/use-fault'
import { KIND_LABEL } from './import-labels'
import { previewAll, useStagedFiles } from './staged-files'

function BatchProblems({ batch, onClose }: { batch: ImportBatch; onClose: () => void }) {
  const { data, loading, error, reload } = useCall('imports.batchProblems', { batchId: batch.id }, { silent: true })
  const columns: ColumnsType<ImportProblem> = [
    { title: '工作表', dataIndex: 'sheet', width: 110, ellipsis: true },
    { title: '行号', dataIndex: 'row', width: 60, align: 'right', render: (r: number | null) => r ?? '—' },
    { title: '列', dataIndex: 'column', width: 130, ellipsis: true, render: (c: string | null) => c ?? '—' },
    { title: '问题', dataIndex: 'message' },
  ]
  return (
    <Drawer open size={760} title={`导入问题：${batch.fileName}`} onClose={onClose} destroyOnHidden>
      {error && !data ? (
        <LoadFailed error={error} onRetry={reload} />
      ) : (
        <Table<ImportProblem>
          size="small"
          rowKey={(_, i) => String(i)}
          columns={columns}
          dataSource={data}
          loading={loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
          locale={{ emptyText: '本次导入没有记录问题' }}
        />
      )}
    </Drawer>
  )
}

/** Every file imported so far, newest first, each with what it did and a way back. */
export function ImportBatches() {
  const { data, loading, error, reload } = useCall('imports.batches', {}, { silent: true })
  const [problemsOf, setProblemsOf] = useState<ImportBatch | null>(null)
  const [undoing, setUndoing] = useState<number | null>(null)
  const { message, modal } = App.useApp()
  const fault = useFault()
  const divisions = useDivisions()
  const { committed } = useStagedFiles()
  // A file imported above is a new line here.
  const firstRound = useRef(committed)
  useEffect(() => {
    if (committed !== firstRound.current) reload()
  }, [committed, reload])

  const undo = async (batch: ImportBatch) => {
    setUndoing(batch.id)
    try {
      const answer = await api.call('imports.undo', { batchId: batch.id })
      if (answer.ok) {
        void message.success(`已撤销「${batch.fileName}」的导入`)
        divisions.reload()
        // Files waiting above were checked against the registry as it was before.
        previewAll()
      } else {
        modal.error({
          title: '未能撤销本次导入',
          width: 560,
          content: (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {answer.problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          ),
        })
      }
    } catch (failure) {
      fault(failure)
    } finally {
      setUndoing(null)
      reload()
    }
  }

  const columns: ColumnsType<ImportBatch> = [
    { title: '时间', dataIndex: 'at', width: 136, render: (at: string) => showTime(at) },
    {
      title: '文件',
      dataIndex: 'fileName',
      ellipsis: true,
      render: (name: string) => <span title={name}>{name}</span>,
    },
    { title: '类型', dataIndex: 'kind', width: 118, render: (k: ImportBatch['kind']) => KIND_LABEL[k] },
    { title: '乡镇', dataIndex: 'townshipName', width: 96, ellipsis: true, render: (t: string | null) => t ?? '—' },
    {
      title: '新增/更新/未变/有误',
      key: 'counts',
      width: 150,
      render: (_, b) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          {b.counts.new} / {b.counts.changed} / {b.counts.unchanged} /{' '}
          <Typography.Text type={b.counts.rejected ? 'danger' : undefined}>{b.counts.rejected}</Typography.Text>
        </span>
      ),
    },
    { title: '操作人', dataIndex: 'actor', width: 90, ellipsis: true },
    {
      title: '状态',
      key: 'status',
      width: 190,
      render: (_, b) =>
        b.undoneAt ? (
          <Space size={4} wrap>
            <Tag>已撤销</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {showTime(b.undoneAt)}
              {b.undoneBy ? ` ${b.undoneBy}` : ''}
            </Typography.Text>
          </Space>
        ) : (
          <Tag color="green">已导入</Tag>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, b) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setProblemsOf(b)}>
            问题
          </Button>
          {b.undoneAt ? null : (
            <Popconfirm
              title="撤销本次导入？"
              description={<div style={{ maxWidth: 280 }}>撤销后，本次导入新增的记录将删除，更新的记录恢复原值。</div>}
              okText="撤销"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() => undo(b)}
            >
              <Button type="link" size="small" danger loading={undoing === b.id}>
                撤销本次导入
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  return (
    <section aria-label="导入记录">
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        导入记录
      </Typography.Title>
      {error && !data ? (
        <LoadFailed error={error} onRetry={reload} />
      ) : (
        <Table<ImportBatch>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={data}
          loading={loading}
          scroll={{ x: 1040 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `共 ${n} 次` }}
          locale={{ emptyText: '还没有导入过文件' }}
        />
      )}
      {problemsOf ? <BatchProblems batch={problemsOf} onClose={() => setProblemsOf(null)} /> : null}
    </section>
  )
}
