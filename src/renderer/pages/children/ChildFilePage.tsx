import { ArrowLeftOutlined, EditOutlined, LogoutOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import type { ChildDetail } from '../../../contract'
import { CHILD_FIELD_LABELS as F, CHILD_RECORD_LABELS as R, PLACE_RECORD_LABELS as PLACE } from '../../../contract/field-labels'
import { CategoryTag } from '../../components/categories-context'
import { exitReasonLabel, orDash, SEX_LABEL, showDate, showTime, STATUS_LABEL } from '../../components/labels'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { useCall } from '../../components/use-call'
import { navigate } from '../../routing'
import { ChildFollowup } from './ChildFollowup'
import { ExitChildModal } from './ExitChildModal'
import { listAddress } from './last-list'

const mono = { fontFamily: 'monospace' }

function Particulars({ child }: { child: ChildDetail }) {
  // The whole ID number, phone and account are shown here on purpose: this is the child's file.
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'name', label: R.name, children: child.name },
        { key: 'sex', label: F.sex, children: SEX_LABEL[child.sex] },
        { key: 'birth', label: F.birthDate, children: `${showDate(child.birthDate)}（${child.age}岁）` },
        { key: 'id', label: R.idNumber, children: <span style={mono}>{child.idNumber}</span> },
        { key: 'township', label: PLACE.townshipCode, children: child.townshipName },
        { key: 'village', label: PLACE.villageCode, children: child.villageName },
        { key: 'address', label: R.address, children: orDash(child.address), span: { xs: 1, md: 2, xl: 3 } },
        { key: 'guardian', label: R.guardianName, children: orDash(child.guardianName) },
        { key: 'relation', label: R.guardianRelation, children: orDash(child.guardianRelation) },
        { key: 'phone', label: R.guardianPhone, children: <span style={mono}>{orDash(child.guardianPhone)}</span> },
        { key: 'bank', label: R.bankAccount, children: <span style={mono}>{orDash(child.bankAccount)}</span> },
        { key: 'registered', label: R.registeredOn, children: orDash(showDate(child.registeredOn)) },
        {
          key: 'status',
          label: R.status,
          children: (
            <Space size={4}>
              <Tag color={child.status === 'active' ? 'green' : 'default'}>{STATUS_LABEL[child.status]}</Tag>
              {child.status === 'exited' ? `${showDate(child.exitDate)} ${exitReasonLabel(child.exitReason)}` : null}
            </Space>
          ),
        },
        { key: 'notes', label: R.notes, children: orDash(child.notes), span: { xs: 1, md: 2, xl: 3 } },
      ]}
    />
  )
}

function Categories({ child }: { child: ChildDetail }) {
  if (child.categories.length === 0) return <Typography.Text type="secondary">未登记困境类型</Typography.Text>
  return (
    <Space size={[8, 8]} wrap>
      {child.categories.map((c) => (
        <span key={c.code}>
          <CategoryTag name={c.name} />
          {c.since ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>自 {showDate(c.since)}</Typography.Text> : null}
        </span>
      ))}
    </Space>
  )
}

function History({ entries }: { entries: ChildDetail['history'] }) {
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变更记录" />
  return (
    <Timeline
      items={entries.map((entry, i) => ({
        key: i,
        content: (
          <div>
            <Typography.Text type="secondary">{showTime(entry.at)}</Typography.Text>
            <Typography.Text strong style={{ marginInlineStart: 12 }}>{entry.action}</Typography.Text>
            <Typography.Text type="secondary"> · {entry.actor}</Typography.Text>
            {entry.changes.length > 0 ? (
              <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {entry.changes.map((change, j) => (
                  <li key={j}>{change}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ),
      }))}
    />
  )
}

export function ChildFilePage({ id }: { id: number }) {
  const { data: child, error, reload } = useCall('children.get', { id }, { silent: true })
  const [exiting, setExiting] = useState(false)

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(listAddress())}>
      返回列表
    </Button>
  )
  if (error && !child) return <LoadFailed error={error} onRetry={reload} extra={back} />
  if (!child) return <Skeleton active />

  return (
    <>
      <PageHeader
        title={`儿童档案：${child.name}`}
        sub={`${child.townshipName} ${child.villageName}`}
        extra={
          <>
            {back}
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/children/${child.id}/edit`)}>
              编辑
            </Button>
            {child.status === 'active' ? (
              <Button danger icon={<LogoutOutlined />} onClick={() => setExiting(true)}>
                退出登记
              </Button>
            ) : null}
          </>
        }
      />
      {child.status === 'exited' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`该儿童已于 ${showDate(child.exitDate)} 退出登记（${exitReasonLabel(child.exitReason) || '未注明原因'}）。`}
        />
      ) : null}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title="基本信息">
          <Particulars child={child} />
        </Card>
        <Card size="small" title="困境类型">
          <Categories child={child} />
        </Card>
        <ChildFollowup childId={child.id} />
        <Card
          size="small"
          title="变更记录"
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              建档 {showTime(child.createdAt)} · 最后修改 {showTime(child.updatedAt)}
              <Typography.Link style={{ marginInlineStart: 12, fontSize: 12 }} href={`#/audit?childId=${child.id}`}>
                在操作日志中查看
              </Typography.Link>
            </Typography.Text>
          }
        >
          <History entries={child.history} />
        </Card>
      </Space>
      {exiting ? (
        <ExitChildModal
          child={child}
          onClose={() => setExiting(false)}
          onSaved={() => {
            setExiting(false)
            reload()
          }}
        />
      ) : null}
    </>
  )
}
