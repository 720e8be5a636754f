import { ArrowLeftOutlined, ExportOutlined, LockOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Flex, Input, Select, Skeleton, Table, Tabs, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { api } from '../../api'
import type { PayeeLine, RosterExcluded, RosterReconciliation } from '../../../contract'
import { useDownload } from '../../components/download'
import { FLAT_ROWS } from '../../components/flat-rows'
import { showTime } from '../../components/labels'
import { LoadFailed } from '../../components/LoadFailed'
import { yuan } from '../../components/money'
import { PageHeader } from '../../components/PageHeader'
import { useCall } from '../../components/use-call'
import { useFault } from '../../components/use-fault'
import { navigate } from '../../routing'
import { RosterPrint } from './RosterPrint'
import { STATUS_LABEL } from './subsidy-labels'

type Change = RosterReconciliation['added'][number]

const ROWS_PER_PAGE = [10, 15, 20, 25, 30].map((value) => ({ value, label: `每页 ${value} 行` }))

function LinesTable({ lines }: { lines: PayeeLine[] }) {
  const [search, setSearch] = useState('')
  const [township, setTownship] = useState<string>()
  const townships = useMemo(() => [...new Set(lines.map((l) => l.township))], [lines])
  const shown = lines.filter((l) => (!township || l.township === township) && (!search || l.name.includes(search.trim()) || l.village.includes(search.trim())))
  return (
    <>
      <Flex gap={12} style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="全部乡镇/街道" aria-label="按乡镇筛选" style={{ width: 180 }} value={township} onChange={setTownship} options={townships.map((t) => ({ value: t, label: t }))} />
        <Input.Search allowClear placeholder="姓名或村名" aria-label="查找姓名或村名" style={{ width: 220 }} onSearch={setSearch} onChange={(e) => !e.target.value && setSearch('')} />
        {shown.length !== lines.length ? <Typography.Text type="secondary">筛选出 {shown.length} 人，合计 {yuan(shown.reduce((n, l) => n + l.totalFen, 0))} 元</Typography.Text> : null}
      </Flex>
      <Table<PayeeLine>
        size="small"
        rowKey="seq"
        expandable={FLAT_ROWS}
        dataSource={shown}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 人` }}
        scroll={{ x: 1560 }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 56, align: 'right' },
          { title: '乡镇/街道', dataIndex: 'township', width: 100 },
          { title: '村/社区', dataIndex: 'village', width: 100 },
          { title: '姓名', dataIndex: 'name', width: 80, render: (name: string, l) => (l.childId ? <Typography.Link href={`#/children/${l.childId}`}>{name}</Typography.Link> : name) },
          { title: '身份证号', dataIndex: 'idNumber', width: 170, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: '类别', dataIndex: 'category', width: 130 },
          { title: '标准（元）', dataIndex: 'standardFen', width: 90, align: 'right', render: (f: number) => yuan(f) },
          { title: '月数', dataIndex: 'monthCount', width: 56, align: 'right' },
          {
            title: '金额（元）',
            dataIndex: 'totalFen',
            width: 110,
            align: 'right',
            render: (f: number, l) => (
              <>
                {yuan(f)}
                {l.backPayMonths.length ? (
                  <Tag color="purple" style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>
                    含补发
                  </Tag>
                ) : null}
              </>
            ),
          },
          { title: '监护人', dataIndex: 'guardian', width: 80 },
          { title: '依据', dataIndex: 'rule', width: 420, render: (r: string) => <Typography.Text style={{ fontSize: 12 }}>{r}</Typography.Text> },
        ]}
      />
    </>
  )
}

function ExcludedTable({ excluded }: { excluded: RosterExcluded[] }) {
  return (
    <Table<RosterExcluded>
      size="small"
      rowKey="seq"
      dataSource={excluded}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: '没有未纳入的人员' }}
      columns={[
        { title: '乡镇/街道', dataIndex: 'township', width: 110 },
        { title: '村/社区', dataIndex: 'village', width: 110 },
        { title: '姓名', dataIndex: 'name', width: 90, render: (name: string, e) => (e.childId ? <Typography.Link href={`#/children/${e.childId}`}>{name}</Typography.Link> : name) },
        { title: '身份证号', dataIndex: 'idNumber', width: 170, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
        { title: '未纳入原因', dataIndex: 'reason' },
        { title: '应发未发（元）', dataIndex: 'owedFen', width: 120, align: 'right', render: (f: number) => (f ? yuan(f) : '—') },
      ]}
    />
  )
}

function ChangesTable({ title, rows, kind }: { title: string; rows: Change[]; kind: 'added' | 'removed' | 'changed' }) {
  return (
    <Card size="small" title={`${title}（${rows.length} 人）`}>
      <Table<Change>
        size="small"
        rowKey={(c) => `${c.childId ?? ''}-${c.directorId ?? ''}-${c.name}`}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '无' }}
        columns={[
          { title: '乡镇/街道', dataIndex: 'township', width: 110 },
          { title: '村/社区', dataIndex: 'village', width: 110 },
          { title: '姓名', dataIndex: 'name', width: 90 },
          ...(kind !== 'added' ? [{ title: '上期（元）', dataIndex: 'beforeFen', width: 110, align: 'right' as const, render: (f: number) => yuan(f) }] : []),
          ...(kind !== 'removed' ? [{ title: '本期（元）', dataIndex: 'afterFen', width: 110, align: 'right' as const, render: (f: number) => yuan(f) }] : []),
          { title: '原因', dataIndex: 'reason' },
        ]}
      />
    </Card>
  )
}

function Reconciliation({ id }: { id: number }) {
  const { data, error, reload } = useCall('rosters.reconcile', { id }, { silent: true })
  if (error && !data) return <LoadFailed error={error} onRetry={reload} />
  if (!data) return <Skeleton active />
  if (!data.previous) return <Alert type="info" showIcon title="这是该项目的第一份花名册，没有已锁定的上期可比对。" />
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph style={{ margin: 0 }}>
        与上期《{data.previous.title}》比对：上期 {yuan(data.beforeFen)} 元，本期 {yuan(data.afterFen)} 元，增减 {yuan(data.afterFen - data.beforeFen)} 元；未变化 {data.unchanged} 人。
      </Typography.Paragraph>
      <ChangesTable title="新增" rows={data.added} kind="added" />
      <ChangesTable title="减少" rows={data.removed} kind="removed" />
      <ChangesTable title="金额变化" rows={data.changed} kind="changed" />
    </Flex>
  )
}

/** One roster: review every line and its rule, those left out and why, the change from last time; lock, export, print. */
export function RosterPage({ id }: { id: number }) {
  const detail = useCall('rosters.get', { id, pageSize: 100_000 }, { silent: true })
  const [rowsPerPage, setRowsPerPage] = useState(20)
  const pages = useCall('rosters.pages', { id, rowsPerPage }, { silent: true })
  const { modal, message } = App.useApp()
  const fault = useFault()
  const download = useDownload()
  const [busy, setBusy] = useState(false)
  const data = detail.data
  if (detail.error && !data) return <LoadFailed error={detail.error} onRetry={detail.reload} />
  if (!data) return <Skeleton active />
  const roster = data.roster
  const draft = roster.status === 'draft'

  const act = async (work: () => Promise<void>) => {
    setBusy(true)
    try {
      await work()
    } catch (error) {
      fault(error)
    } finally {
      setBusy(false)
    }
  }
  const regenerate = () =>
    act(async () => {
      const answer = await api.call('rosters.generate', { programme: roster.programme, month: roster.firstMonth, months: roster.months })
      if (!answer.ok) return void message.error(answer.problems.map((p) => p.message).join('；'))
      void message.success('已按当前台账重新生成')
      if (answer.value.id !== id) navigate(`/subsidies/rosters/${answer.value.id}`, { replace: true })
      else {
        detail.reload()
        pages.reload()
      }
    })
  const lock = () =>
    modal.confirm({
      title: '锁定这份花名册？',
      content: `锁定后《${roster.title.replace('（草稿）', '')}》不再随台账变化，也不能重新生成；锁定前会自动备份数据库。共 ${roster.lineCount} 人，合计 ${yuan(roster.totalFen)} 元。`,
      okText: '锁定',
      cancelText: '取消',
      onOk: () =>
        act(async () => {
          const answer = await api.call('rosters.lock', { id })
          if (!answer.ok) return void message.error(answer.problems.map((p) => p.message).join('；'))
          void message.success('已锁定')
          detail.reload()
          pages.reload()
        }),
    })

  return (
    <>
      <div className="screen-only">
        <PageHeader
          title={roster.title}
          sub={<Tag color={draft ? 'orange' : 'green'}>{STATUS_LABEL[roster.status]}</Tag>}
          extra={
            <>
              <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/subsidies')}>
                返回
              </Button>
              {draft ? (
                <>
                  <Button icon={<ReloadOutlined aria-hidden />} loading={busy} onClick={regenerate}>
                    重新生成
                  </Button>
                  <Button type="primary" icon={<LockOutlined aria-hidden />} loading={busy} onClick={lock}>
                    锁定
                  </Button>
                </>
              ) : null}
              <Button
                icon={<ExportOutlined aria-hidden />}
                loading={download.busy === 'roster'}
                onClick={() => void download.run('roster', () => api.call('rosters.export', { id, rowsPerPage }))}
              >
                导出Excel
              </Button>
              <Select aria-label="打印每页行数" value={rowsPerPage} onChange={setRowsPerPage} options={ROWS_PER_PAGE} style={{ width: 120 }} />
              <Button icon={<PrinterOutlined aria-hidden />} disabled={!pages.data} onClick={() => window.print()}>
                打印
              </Button>
            </>
          }
        />
        {draft ? <Alert style={{ marginBottom: 12 }} type="warning" showIcon title="草稿：导出和打印的花名册带“草稿”字样。核对无误后锁定，锁定后才是可签字发放的正式花名册。" /> : null}
        <Descriptions size="small" bordered column={4} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="发放期间">{roster.period}</Descriptions.Item>
          <Descriptions.Item label="人数">{roster.lineCount} 人</Descriptions.Item>
          <Descriptions.Item label="合计（元）">
            <span data-testid="roster-total">{yuan(roster.totalFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="含补发">{roster.backPayLines} 人</Descriptions.Item>
          <Descriptions.Item label="大写" span={2}>
            {pages.data?.totalCapital ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={draft ? '生成' : '锁定'} span={2}>
            {draft ? `${roster.generatedBy}，${showTime(roster.generatedAt)}` : `${roster.lockedBy}，${roster.lockedAt ? showTime(roster.lockedAt) : ''}`}
          </Descriptions.Item>
        </Descriptions>
        <Tabs
          items={[
            { key: 'lines', label: `发放名单（${roster.lineCount}）`, children: <LinesTable lines={data.lines} /> },
            { key: 'excluded', label: `未纳入（${roster.excludedCount}）`, children: <ExcludedTable excluded={data.excluded} /> },
            { key: 'reconcile', label: '与上期比对', children: <Reconciliation id={id} /> },
          ]}
        />
      </div>
      {pages.data ? <RosterPrint pages={pages.data} /> : null}
    </>
  )
}
