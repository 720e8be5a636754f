import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Popconfirm, Skeleton, Table, Tabs, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import {
  DOCUMENT_TYPE_NAMES,
  NEED_LEVEL_NAMES,
  RISK_FLAG_NAMES,
  SERVICE_AREA_NAMES,
  VISIT_KIND_NAMES,
} from '../../../contract'
import { FLAT_ROWS } from '../../components/flat-rows'
import { orDash, showDate, showTime } from '../../components/labels'
import { LoadFailed } from '../../components/LoadFailed'
import { yuan } from '../../components/money'
import { useCall } from '../../components/use-call'
import { useWrite } from '../../components/use-fault'
import { AssessmentModal, DeliverModal, DocumentModal, ResolveModal, ReviewModal, VisitModal } from './followup-forms'

type Dialog =
  | { kind: 'review' }
  | { kind: 'visit' }
  | { kind: 'resolve'; visitId: number }
  | { kind: 'assessment' }
  | { kind: 'deliver'; plan?: { id: number; serviceCode: string } }
  | { kind: 'document' }

/** A record entered by mistake is taken back after a confirmation; the trail keeps what it said. */
function removeLink(what: string, onConfirm: () => void) {
  return (
    <Popconfirm title={`删除${what}？`} description="删除会记入操作日志。" okText="删除" cancelText="取消" onConfirm={onConfirm}>
      <Button type="link" size="small" danger>
        删除
      </Button>
    </Popconfirm>
  )
}

const LEVEL_COLOR = { general: 'default', key: 'orange', urgent: 'red' } as const

function levelTag(level: keyof typeof NEED_LEVEL_NAMES | null) {
  return level ? <Tag color={LEVEL_COLOR[level]}>{NEED_LEVEL_NAMES[level]}</Tag> : '—'
}

/** The follow-up half of a child's file (一人一档): reviews, visits and risks, needs and services, documents, money. */
export function ChildFollowup({ childId }: { childId: number }) {
  const { data, error, reload } = useCall('children.file', { id: childId }, { silent: true })
  const catalogue = useCall('services.catalogue', {})
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const write = useWrite()
  if (error && !data) return <LoadFailed error={error} onRetry={reload} />
  if (!data) return <Skeleton active />
  const done = () => {
    setDialog(null)
    reload()
  }
  const add = (label: string, next: Dialog) => (
    <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog(next)}>
      {label}
    </Button>
  )
  const remove = (call: 'documents.remove' | 'reviews.remove' | 'visits.remove', id: number) => write(() => api.call(call, { id }), reload)
  const f = data.followup
  return (
    <Card
      size="small"
      title="个案跟进"
      extra={
        <Flex gap={8} align="center">
          {f.stale ? <Tag color="red">{f.dueQuarter} 季度更新逾期</Tag> : <Tag color="green">季度更新按时</Tag>}
          {f.openRisks ? <Tag color="red">未处理风险 {f.openRisks}</Tag> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            最近更新 {orDash(showDate(f.lastReviewedOn))}
          </Typography.Text>
        </Flex>
      }
    >
      <Tabs
        size="small"
        items={[
          {
            key: 'reviews',
            label: `季度更新（${data.reviews.length}）`,
            children: (
              <>
                <Flex justify="end" style={{ marginBottom: 8 }}>
                  {add('登记季度更新', { kind: 'review' })}
                </Flex>
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={data.reviews}
                  pagination={false}
                  locale={{ emptyText: '暂无季度更新记录' }}
                  columns={[
                    { title: '季度', dataIndex: 'quarter', width: 90 },
                    { title: '更新日期', dataIndex: 'reviewedOn', width: 110 },
                    { title: '更新人', dataIndex: 'reviewer', width: 90 },
                    { title: '变化情况', key: 'changes', render: (_, r) => (r.noChange ? '无变化' : orDash(r.changes)) },
                    {
                      title: '督导员审核',
                      key: 'checked',
                      width: 170,
                      render: (_, r) => (r.checkedAt ? `${r.checkedBy}，${showTime(r.checkedAt)}` : <Typography.Text type="warning">未审核</Typography.Text>),
                    },
                    { title: '操作', key: 'remove', width: 64, render: (_, r) => removeLink('这条季度更新', () => remove('reviews.remove', r.id)) },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'visits',
            label: `走访（${data.visits.length}）`,
            children: (
              <>
                <Flex justify="end" style={{ marginBottom: 8 }}>
                  {add('登记走访', { kind: 'visit' })}
                </Flex>
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={data.visits}
                  pagination={false}
                  locale={{ emptyText: '暂无走访记录' }}
                  columns={[
                    { title: '日期', dataIndex: 'visitedOn', width: 110 },
                    { title: '走访人', dataIndex: 'visitor', width: 90 },
                    { title: '方式', dataIndex: 'kind', width: 60, render: (k: keyof typeof VISIT_KIND_NAMES) => VISIT_KIND_NAMES[k] },
                    { title: '走访发现', dataIndex: 'findings', render: orDash },
                    {
                      title: '风险',
                      key: 'risk',
                      width: 260,
                      render: (_, v) =>
                        !v.risk ? (
                          '—'
                        ) : v.resolvedOn ? (
                          <span>
                            <Tag>{RISK_FLAG_NAMES[v.risk]}</Tag>已处理（{v.resolvedOn} {v.resolvedBy}：{v.resolution}）
                          </span>
                        ) : (
                          <Flex gap={4} align="center">
                            <Tag color="red">{RISK_FLAG_NAMES[v.risk]}</Tag>
                            <Button size="small" type="link" onClick={() => setDialog({ kind: 'resolve', visitId: v.id })}>
                              登记处理
                            </Button>
                          </Flex>
                        ),
                    },
                    { title: '操作', key: 'remove', width: 64, render: (_, v) => removeLink('这条走访记录', () => remove('visits.remove', v.id)) },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'needs',
            label: `需求与服务（${data.services.length}）`,
            children: (
              <Flex vertical gap={12}>
                <Flex justify="end" gap={8}>
                  {add('需求评估', { kind: 'assessment' })}
                  {add('登记服务提供', { kind: 'deliver' })}
                </Flex>
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={data.assessments}
                  pagination={false}
                  locale={{ emptyText: '暂无需求评估' }}
                  columns={[
                    { title: '评估日期', dataIndex: 'assessedOn', width: 110 },
                    { title: '评估人', dataIndex: 'assessor', width: 90 },
                    { title: '自身', dataIndex: 'selfLevel', width: 70, render: levelTag },
                    { title: '家庭', dataIndex: 'familyLevel', width: 70, render: levelTag },
                    { title: '监护', dataIndex: 'guardianshipLevel', width: 70, render: levelTag },
                    { title: '说明', key: 'notes', render: (_, a) => [a.selfNotes, a.familyNotes, a.guardianshipNotes].filter(Boolean).join('；') || '—' },
                  ]}
                />
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={data.services}
                  pagination={false}
                  locale={{ emptyText: '暂无服务计划或记录' }}
                  columns={[
                    { title: '服务项目', dataIndex: 'serviceName' },
                    { title: '领域', dataIndex: 'area', width: 90, render: (a: keyof typeof SERVICE_AREA_NAMES) => SERVICE_AREA_NAMES[a] },
                    { title: '计划日期', dataIndex: 'plannedOn', width: 110 },
                    {
                      title: '提供情况',
                      key: 'status',
                      width: 240,
                      render: (_, s) =>
                        s.status === 'delivered' ? (
                          <span>
                            <Tag color="green">已提供</Tag>
                            {s.deliveredOn} {s.provider}
                          </span>
                        ) : (
                          <Flex gap={4} align="center">
                            <Tag color="orange">待提供</Tag>
                            <Button size="small" type="link" onClick={() => setDialog({ kind: 'deliver', plan: { id: s.id, serviceCode: s.serviceCode } })}>
                              登记提供
                            </Button>
                          </Flex>
                        ),
                    },
                  ]}
                />
              </Flex>
            ),
          },
          {
            key: 'documents',
            label: `在档材料（${data.documents.length}）`,
            children: (
              <>
                <Flex justify="space-between" style={{ marginBottom: 8 }}>
                  <Typography.Text type="secondary">
                    {data.schoolEnrolmentUntil ? `在读证明有效至 ${data.schoolEnrolmentUntil}` : '无有效的在读证明'}
                  </Typography.Text>
                  {add('登记材料', { kind: 'document' })}
                </Flex>
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={data.documents}
                  pagination={false}
                  locale={{ emptyText: '暂无在档材料' }}
                  columns={[
                    { title: '类型', dataIndex: 'type', width: 120, render: (t: keyof typeof DOCUMENT_TYPE_NAMES) => DOCUMENT_TYPE_NAMES[t] },
                    { title: '名称', dataIndex: 'title' },
                    { title: '出具日期', dataIndex: 'issuedOn', width: 110, render: orDash },
                    { title: '有效期至', dataIndex: 'validUntil', width: 110, render: orDash },
                    { title: '登记', key: 'added', width: 170, render: (_, d) => `${d.addedBy}，${showTime(d.addedAt)}` },
                    { title: '操作', key: 'remove', width: 64, render: (_, d) => removeLink('这份材料的登记', () => remove('documents.remove', d.id)) },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'subsidies',
            label: `补贴发放（${data.subsidies.length}）`,
            children: (
              <Table
                size="small"
                rowKey={(s) => `${s.rosterId}`}
                expandable={FLAT_ROWS}
                dataSource={data.subsidies}
                pagination={false}
                locale={{ emptyText: '暂无已锁定花名册中的发放记录' }}
                columns={[
                  { title: '补贴项目', dataIndex: 'programmeName', render: (n: string, s) => <Typography.Link href={`#/subsidies/rosters/${s.rosterId}`}>{n}</Typography.Link> },
                  { title: '发放月份', dataIndex: 'paidMonths', width: 200 },
                  { title: '类别', dataIndex: 'category', width: 130 },
                  { title: '金额（元）', dataIndex: 'amountFen', width: 110, align: 'right', render: (f: number) => yuan(f) },
                  { title: '依据', dataIndex: 'rule', render: (r: string) => <Typography.Text style={{ fontSize: 12 }}>{r}</Typography.Text> },
                ]}
              />
            ),
          },
          {
            key: 'categories',
            label: '类别变化',
            children: (
              <Table
                size="small"
                rowKey={(c) => `${c.code}-${c.since ?? ''}`}
                dataSource={data.categoryPeriods}
                pagination={false}
                columns={[
                  { title: '困境类型', dataIndex: 'name' },
                  { title: '起', dataIndex: 'since', render: orDash },
                  { title: '止', dataIndex: 'until', render: (u: string | null) => u ?? '至今' },
                ]}
              />
            ),
          },
        ]}
      />
      {dialog?.kind === 'review' ? <ReviewModal childId={childId} onClose={() => setDialog(null)} onSaved={done} /> : null}
      {dialog?.kind === 'visit' ? <VisitModal childId={childId} onClose={() => setDialog(null)} onSaved={done} /> : null}
      {dialog?.kind === 'resolve' ? <ResolveModal visitId={dialog.visitId} onClose={() => setDialog(null)} onSaved={done} /> : null}
      {dialog?.kind === 'assessment' ? <AssessmentModal childId={childId} catalogue={catalogue.data ?? []} onClose={() => setDialog(null)} onSaved={done} /> : null}
      {dialog?.kind === 'deliver' ? <DeliverModal childId={childId} catalogue={catalogue.data ?? []} plan={dialog.plan} onClose={() => setDialog(null)} onSaved={done} /> : null}
      {dialog?.kind === 'document' ? <DocumentModal childId={childId} onClose={() => setDialog(null)} onSaved={done} /> : null}
    </Card>
  )
}
