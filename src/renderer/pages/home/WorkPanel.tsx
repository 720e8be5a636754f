import { Badge, Card, Col, List, Row, Skeleton, Tag, Typography } from 'antd'
import { EXTENSION_OUTLOOK_NAMES, RISK_FLAG_NAMES, type WorkDashboard } from '../../../contract'
import { useCall } from '../../components/use-call'

const LIST_SIZE = 6

function Panel({ title, count, href, children }: { title: string; count: number; href?: string; children: React.ReactNode }) {
  return (
    <Card
      size="small"
      title={
        <span>
          {title} <Badge count={count} showZero color={count ? '#cf1322' : '#52c41a'} overflowCount={9999} />
        </span>
      }
      extra={href ? <Typography.Link href={href}>查看全部</Typography.Link> : null}
      style={{ height: '100%' }}
    >
      {children}
    </Card>
  )
}

function Stale({ stale }: { stale: WorkDashboard['stale'] }) {
  return (
    <Panel title="逾期未更新档案" count={stale.total} href="#/followup">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {stale.dueQuarter} 季度更新截止 {stale.deadline}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={stale.byDirector.filter((d) => d.stale > 0).slice(0, LIST_SIZE)}
        locale={{ emptyText: '所有档案均已按时更新' }}
        renderItem={(d) => (
          <List.Item extra={`${d.stale}/${d.active}`}>
            {d.key === 'none' ? <Typography.Text type="danger">无儿童主任的村</Typography.Text> : d.name}
            <Typography.Text type="secondary">（{d.townshipName}）</Typography.Text>
          </List.Item>
        )}
      />
    </Panel>
  )
}

function Risks({ risks }: { risks: WorkDashboard['risks'] }) {
  return (
    <Panel title="未处理的风险" count={risks.total} href="#/followup?tab=visits">
      <List
        size="small"
        dataSource={risks.rows.slice(0, LIST_SIZE)}
        locale={{ emptyText: '没有未处理的风险' }}
        renderItem={(v) => (
          <List.Item extra={v.visitedOn}>
            <Typography.Link href={`#/children/${v.childId}`}>{v.childName}</Typography.Link>
            <Typography.Text type="secondary">（{v.villageName}）</Typography.Text>
            {v.risk ? <Tag color="red" style={{ marginInlineStart: 4 }}>{RISK_FLAG_NAMES[v.risk]}</Tag> : null}
          </List.Item>
        )}
      />
    </Panel>
  )
}

function AgeingOut({ ageing }: { ageing: WorkDashboard['ageingOut'] }) {
  return (
    <Panel title="90天内满18周岁" count={ageing.total}>
      <List
        size="small"
        dataSource={ageing.rows.slice(0, LIST_SIZE)}
        locale={{ emptyText: '90天内没有年满18周岁的儿童' }}
        renderItem={(c) => (
          <List.Item extra={c.turns18On}>
            <Typography.Link href={`#/children/${c.childId}`}>{c.childName}</Typography.Link>
            {c.extension !== 'none' ? <Tag color={c.extension === 'applies' ? 'green' : 'orange'} style={{ marginInlineStart: 4 }}>{EXTENSION_OUTLOOK_NAMES[c.extension]}</Tag> : null}
          </List.Item>
        )}
      />
    </Panel>
  )
}

function NoDirector({ noDirector }: { noDirector: WorkDashboard['noDirector'] }) {
  return (
    <Panel title="无儿童主任村的儿童" count={noDirector.children} href="#/workforce">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {noDirector.villages} 个村/社区没有儿童主任，这些儿童无人定期走访
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={noDirector.top.slice(0, LIST_SIZE)}
        renderItem={(v) => (
          <List.Item extra={`${v.children} 人`}>
            {v.townshipName} {v.name}
          </List.Item>
        )}
      />
    </Panel>
  )
}

function Rosters({ drafts }: { drafts: WorkDashboard['draftRosters'] }) {
  return (
    <Panel title="待锁定的花名册" count={drafts.total} href="#/subsidies">
      <List
        size="small"
        dataSource={drafts.rows.slice(0, LIST_SIZE)}
        locale={{ emptyText: '没有待锁定的草稿' }}
        renderItem={(r) => (
          <List.Item extra={r.firstMonth}>
            <Typography.Link href={`#/subsidies/rosters/${r.id}`}>{r.programmeName}</Typography.Link>
            {r.months > 1 ? <Typography.Text type="secondary">（{r.months}个月）</Typography.Text> : null}
          </List.Item>
        )}
      />
    </Panel>
  )
}

/** 工作台: what needs doing this week, each count leading to the records behind it. */
export function WorkPanel() {
  const { data } = useCall('dashboard.work', {}, { silent: true })
  if (!data) return <Skeleton active />
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="work-panel">
      <Col xs={24} md={12} xl={8}>
        <Risks risks={data.risks} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Stale stale={data.stale} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <AgeingOut ageing={data.ageingOut} />
      </Col>
      <Col xs={24} md={12} xl={12}>
        <NoDirector noDirector={data.noDirector} />
      </Col>
      <Col xs={24} md={12} xl={12}>
        <Rosters drafts={data.draftRosters} />
      </Col>
    </Row>
  )
}
