import { App, Button, Flex, Input, Segmented, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { RISK_FLAG_NAMES, VISIT_KIND_NAMES } from '../../../contract'
import { TownshipSelect } from '../../components/DivisionSelect'
import { orDash, showTime } from '../../components/labels'
import { useCall } from '../../components/use-call'
import { useWrite } from '../../components/use-fault'
import { ResolveModal } from '../children/followup-forms'

const PAGE_SIZE = 50

/** The server pages these lists; the table only shows where it is. */
const pager = (page: number, setPage: (page: number) => void, total = 0) => ({
  current: page,
  pageSize: PAGE_SIZE,
  total,
  onChange: setPage,
  showSizeChanger: false,
  hideOnSinglePage: true,
})
const childLink = (name: string, row: { childId: number }) => <Typography.Link href={`#/children/${row.childId}`}>{name}</Typography.Link>
const place = { title: '乡镇/村', key: 'place', width: 170, render: (_: unknown, r: { townshipName: string; villageName: string }) => `${r.townshipName} ${r.villageName}` }

/** Children whose quarterly update is overdue, by township and director, then one by one. */
export function StaleList() {
  const [township, setTownship] = useState<string>()
  const [page, setPage] = useState(1)
  const { data, loading } = useCall('followup.stale', { ...(township ? { townshipCode: township } : {}), page, pageSize: PAGE_SIZE })
  return (
    <>
      <Flex gap={12} align="center" style={{ marginBottom: 12 }}>
        <TownshipSelect aria-label="乡镇/街道" placeholder="全部乡镇/街道" value={township} onChange={(v) => (setTownship(v), setPage(1))} style={{ width: 180 }} />
        {data ? (
          <Typography.Text type="secondary">
            {data.dueQuarter} 季度更新截止 {data.deadline}，逾期 {data.total} 人
          </Typography.Text>
        ) : null}
      </Flex>
      <Table
        size="small"
        rowKey="childId"
        loading={loading}
        dataSource={data?.rows}
        pagination={pager(page, setPage, data?.total)}
        locale={{ emptyText: '没有逾期的档案' }}
        columns={[
          { title: '姓名', dataIndex: 'childName', width: 90, render: childLink },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 170, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          place,
          { title: '儿童主任', dataIndex: 'directorName', width: 100, render: (n: string | null) => n ?? <Typography.Text type="danger">无</Typography.Text> },
          { title: '最近更新', dataIndex: 'lastReviewedOn', render: (d: string | null) => d ?? <Typography.Text type="warning">从未更新</Typography.Text> },
        ]}
      />
    </>
  )
}

/** Visits, open risks first to hand: each open one can be resolved from here. */
export function VisitsList() {
  const [risk, setRisk] = useState<'open' | 'flagged' | 'all'>('open')
  const [page, setPage] = useState(1)
  const [resolving, setResolving] = useState<number | null>(null)
  const { data, loading, reload } = useCall('visits.list', { risk, page, pageSize: PAGE_SIZE })
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={risk}
        onChange={(v) => (setRisk(v as typeof risk), setPage(1))}
        options={[
          { value: 'open', label: '未处理风险' },
          { value: 'flagged', label: '全部风险' },
          { value: 'all', label: '全部走访' },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.rows}
        pagination={pager(page, setPage, data?.total)}
        locale={{ emptyText: risk === 'open' ? '没有未处理的风险' : '暂无走访记录' }}
        columns={[
          { title: '日期', dataIndex: 'visitedOn', width: 100 },
          { title: '儿童', dataIndex: 'childName', width: 90, render: childLink },
          place,
          { title: '走访人', dataIndex: 'visitor', width: 80 },
          { title: '方式', dataIndex: 'kind', width: 56, render: (k: keyof typeof VISIT_KIND_NAMES) => VISIT_KIND_NAMES[k] },
          { title: '走访发现', dataIndex: 'findings', ellipsis: true, render: orDash },
          {
            title: '风险',
            key: 'risk',
            width: 230,
            render: (_, v) =>
              !v.risk ? (
                '—'
              ) : v.resolvedOn ? (
                <span>
                  <Tag>{RISK_FLAG_NAMES[v.risk]}</Tag>
                  {v.resolvedOn} 已处理
                </span>
              ) : (
                <Flex gap={4} align="center">
                  <Tag color="red">{RISK_FLAG_NAMES[v.risk]}</Tag>
                  <Button size="small" type="link" onClick={() => setResolving(v.id)}>
                    登记处理
                  </Button>
                </Flex>
              ),
          },
        ]}
      />
      {resolving ? (
        <ResolveModal
          visitId={resolving}
          onClose={() => setResolving(null)}
          onSaved={() => {
            setResolving(null)
            reload()
          }}
        />
      ) : null}
    </>
  )
}

/** Reviews awaiting the supervisor's check. */
export function ReviewsToCheck() {
  const [checked, setChecked] = useState<'unchecked' | 'all'>('unchecked')
  const [page, setPage] = useState(1)
  const [checker, setChecker] = useState('')
  const { data, loading, reload } = useCall('reviews.list', { checked, page, pageSize: PAGE_SIZE })
  const { message } = App.useApp()
  const write = useWrite()
  const check = async (id: number) => {
    if (!checker.trim()) return void message.warning('请先填写审核人（儿童督导员）姓名')
    await write(() => api.call('reviews.check', { id, checker: checker.trim() }), reload)
  }
  return (
    <>
      <Flex gap={12} align="center" style={{ marginBottom: 12 }}>
        <Segmented value={checked} onChange={(v) => (setChecked(v as typeof checked), setPage(1))} options={[{ value: 'unchecked', label: '待审核' }, { value: 'all', label: '全部' }]} />
        <label htmlFor="review-checker">审核人</label>
        <Input id="review-checker" style={{ width: 140 }} maxLength={40} value={checker} onChange={(e) => setChecker(e.target.value)} placeholder="督导员姓名" />
      </Flex>
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.rows}
        pagination={pager(page, setPage, data?.total)}
        locale={{ emptyText: '没有待审核的季度更新' }}
        columns={[
          { title: '季度', dataIndex: 'quarter', width: 80 },
          { title: '儿童', dataIndex: 'childName', width: 90, render: childLink },
          place,
          { title: '更新日期', dataIndex: 'reviewedOn', width: 100 },
          { title: '更新人', dataIndex: 'reviewer', width: 80 },
          { title: '变化情况', key: 'changes', ellipsis: true, render: (_, r) => (r.noChange ? '无变化' : orDash(r.changes)) },
          {
            title: '审核',
            key: 'check',
            width: 180,
            render: (_, r) =>
              r.checkedAt ? (
                `${r.checkedBy}，${showTime(r.checkedAt)}`
              ) : (
                <Button size="small" onClick={() => check(r.id)}>
                  审核通过
                </Button>
              ),
          },
        ]}
      />
    </>
  )
}
