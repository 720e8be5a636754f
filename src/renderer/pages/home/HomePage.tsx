import { Button, Card, Col, Result, Row, Skeleton, Statistic, Table, Typography } from 'antd'
import type { Summary } from '../../../contract'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { dimensionLabel, DIMENSION_LABEL } from '../../components/labels'
import { useCall } from '../../components/use-call'
import { navigate } from '../../routing'
import { WorkPanel } from './WorkPanel'

type CategoryLine = Summary['byCategory'][number]
type TownshipLine = Summary['byTownship'][number]

const DIMENSION_ORDER = Object.keys(DIMENSION_LABEL)

function FirstRun() {
  return (
    <Result
      status="info"
      title="欢迎使用儿童福利台账"
      subTitle="第一次使用，请先设置本区/县的名称和区划代码，再添加乡镇/街道和村/社区，之后即可登记儿童和人员。"
      extra={
        <Button type="primary" onClick={() => navigate('/divisions')}>
          去设置区划
        </Button>
      }
    />
  )
}

function Totals({ totals }: { totals: Summary['totals'] }) {
  const cards: { title: string; value: number; href?: string; warn?: boolean }[] = [
    { title: '困境儿童', value: totals.children, href: '/children' },
    { title: '乡镇/街道', value: totals.townships, href: '/divisions' },
    { title: '村/社区', value: totals.villages, href: '/divisions' },
    { title: '儿童督导员', value: totals.supervisors, href: '/supervisors' },
    { title: '儿童主任', value: totals.directors, href: '/directors' },
    { title: '无儿童主任的村', value: totals.villagesWithoutDirector, href: '/directors', warn: totals.villagesWithoutDirector > 0 },
  ]
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {cards.map((c) => (
        <Col key={c.title} xs={12} md={8} xl={4}>
          <Card size="small" hoverable={Boolean(c.href)} onClick={c.href ? () => navigate(c.href!) : undefined}>
            <Statistic
              title={c.title}
              value={c.value}
              styles={{ content: c.warn ? { color: '#cf1322' } : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  )
}

function ByCategory({ lines }: { lines: CategoryLine[] }) {
  // Grouped by dimension as the national classification reads; a child in two categories counts in both.
  const sorted = [...lines].sort(
    (a, b) => DIMENSION_ORDER.indexOf(a.dimension) - DIMENSION_ORDER.indexOf(b.dimension) || b.childCount - a.childCount,
  )
  return (
    <Card size="small" title="按困境类型" extra={<Typography.Text type="secondary">一名儿童可属多个类型</Typography.Text>}>
      <Table<CategoryLine>
        size="small"
        rowKey="code"
        dataSource={sorted}
        pagination={false}
        locale={{ emptyText: '暂无困境类型' }}
        columns={[
          {
            title: '困境类型',
            dataIndex: 'name',
            render: (name: string, line) => <a href={`#/children?category=${encodeURIComponent(line.code)}`}>{name}</a>,
          },
          { title: '维度', dataIndex: 'dimension', width: 110, render: dimensionLabel },
          { title: '儿童数', dataIndex: 'childCount', width: 90, align: 'right' },
        ]}
      />
    </Card>
  )
}

function ByTownship({ lines }: { lines: TownshipLine[] }) {
  const sum = (key: keyof Omit<TownshipLine, 'code' | 'name'>) => lines.reduce((total, l) => total + l[key], 0)
  return (
    <Card size="small" title="按乡镇/街道">
      <Table<TownshipLine>
        size="small"
        rowKey="code"
        dataSource={lines}
        pagination={false}
        locale={{ emptyText: '尚未添加乡镇/街道' }}
        columns={[
          {
            title: '乡镇/街道',
            dataIndex: 'name',
            render: (name: string, line) => <a href={`#/children?township=${line.code}`}>{name}</a>,
          },
          { title: '村/社区', dataIndex: 'villages', width: 80, align: 'right' },
          {
            title: '督导员',
            dataIndex: 'supervisors',
            width: 80,
            align: 'right',
            // A township without its supervisor is a gap the bureau must fill.
            render: (n: number) => (n === 0 ? <Typography.Text type="danger">0</Typography.Text> : n),
          },
          {
            title: '儿童主任',
            dataIndex: 'directors',
            width: 90,
            align: 'right',
            render: (n: number, line) =>
              n < line.villages ? (
                <Typography.Text type="danger" title={`${line.villages - n} 个村/社区没有儿童主任`}>
                  {n}
                </Typography.Text>
              ) : (
                n
              ),
          },
          { title: '困境儿童', dataIndex: 'childCount', width: 90, align: 'right' },
        ]}
        summary={() =>
          lines.length > 1 ? (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{sum('villages')}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{sum('supervisors')}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{sum('directors')}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{sum('childCount')}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  )
}

export function HomePage() {
  const { data, error, reload } = useCall('dashboard.summary', {}, { silent: true })
  if (error && !data) return <LoadFailed error={error} onRetry={reload} />
  if (!data) return <Skeleton active />
  if (data.district === null) return <FirstRun />
  return (
    <>
      <PageHeader title={`${data.district} 工作台`} />
      <Totals totals={data.totals} />
      <WorkPanel />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <ByCategory lines={data.byCategory} />
        </Col>
        <Col xs={24} xl={14}>
          <ByTownship lines={data.byTownship} />
        </Col>
      </Row>
    </>
  )
}
