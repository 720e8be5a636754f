import { ExportOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Skeleton, Statistic, Table, Tabs, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api } from '../../api'
import type { StaffingTable } from '../../../contract'
import { useDivisions } from '../../components/divisions-context'
import { useDownload } from '../../components/download'
import { DATE_FORMAT } from '../../components/labels'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { FLAT_ROWS } from '../../components/flat-rows'
import { useCall } from '../../components/use-call'
import { StaffingPrint } from './StaffingPrint'
import { TownshipDrawer } from './TownshipDrawer'
import { CoverageSection, LoadSection, PeopleSection, PlanningSection } from './WorkforceSections'

type TownshipLine = StaffingTable['townships'][number]

function StaffingTableView({ table, onTownship }: { table: StaffingTable; onTownship: (code: string) => void }) {
  const district = table.district
  return (
    <Table<TownshipLine>
      size="small"
      rowKey="code"
      dataSource={table.townships}
      pagination={false}
      expandable={FLAT_ROWS}
      columns={[
        {
          title: '乡镇/街道',
          dataIndex: 'name',
          render: (name: string, t) => (
            <Typography.Link onClick={() => onTownship(t.code)} aria-label={`查看${name}的村和人员`}>
              {name}
            </Typography.Link>
          ),
        },
        { title: '村/社区', dataIndex: 'villages', align: 'right', width: 90 },
        {
          title: '儿童督导员',
          dataIndex: 'supervisors',
          align: 'right',
          width: 100,
          render: (n: number) => (n === 0 ? <Typography.Text type="danger">0</Typography.Text> : n),
        },
        { title: '儿童主任', dataIndex: 'directors', align: 'right', width: 90 },
        { title: '困境儿童', dataIndex: 'children', align: 'right', width: 90 },
        {
          title: '每名主任服务儿童',
          dataIndex: 'childrenPerDirector',
          align: 'right',
          width: 140,
          render: (n: number | null) => (n === null ? '—' : n),
        },
        { title: '最多', dataIndex: 'maxChildrenPerDirector', align: 'right', width: 70 },
        {
          title: '无儿童主任的村',
          dataIndex: 'villagesWithoutDirector',
          render: (names: string[]) => (names.length ? <Typography.Text type="danger">{names.join('、')}</Typography.Text> : '—'),
        },
      ]}
      summary={() => (
        <Table.Summary.Row style={{ fontWeight: 600 }}>
          <Table.Summary.Cell index={0}>合计（{district.townships}个乡镇/街道）</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">{district.villages}</Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">{district.supervisors}</Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">{district.directors}</Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">{district.children}</Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">
            {district.directors ? Math.round((district.children / district.directors) * 10) / 10 : '—'}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={6} />
          <Table.Summary.Cell index={7}>{district.villagesWithoutDirector.length} 个村</Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  )
}

/** 队伍与配比: the staffing table the bureau must produce, its gaps, loads and people, as of a chosen day. */
export function StaffingPage() {
  const [date, setDate] = useState<Dayjs>(dayjs())
  const [perCentre, setPerCentre] = useState(5)
  const [township, setTownship] = useState<string | null>(null)
  const day = date.format(DATE_FORMAT)
  const { data, loading, error, reload } = useCall('workforce.overview', { date: day, villagesPerCentre: perCentre }, { silent: true })
  const { district: districtNode } = useDivisions()
  const download = useDownload()
  if (error && !data) return <LoadFailed error={error} onRetry={reload} />
  const table = data?.table
  const districtName = districtNode?.name ?? ''
  return (
    <>
      <div className="screen-only">
        <PageHeader
          title="队伍与配比"
          sub={data ? `截至 ${data.date}` : undefined}
          extra={
            <>
              <Flex align="center" gap={8}>
                <label htmlFor="staffing-date">统计日期</label>
                <DatePicker id="staffing-date" value={date} allowClear={false} format={DATE_FORMAT} onChange={(value) => value && setDate(value)} />
              </Flex>
              <Button
                icon={<ExportOutlined aria-hidden />}
                loading={download.busy === 'staffing'}
                onClick={() => void download.run('staffing', () => api.call('exports.staffing', { date: day }))}
              >
                导出统计表
              </Button>
              <Button icon={<PrinterOutlined aria-hidden />} disabled={!data} onClick={() => window.print()}>
                打印统计表
              </Button>
            </>
          }
        />
        {!data || !table ? (
          <Skeleton active />
        ) : (
          <>
            <Row gutter={12} style={{ marginBottom: 12 }}>
              {[
                ['乡镇/街道', table.district.townships, '个'],
                ['村/社区', table.district.villages, '个'],
                ['儿童督导员', table.district.supervisors, '人'],
                ['儿童主任', table.district.directors, '人'],
                ['困境儿童', table.district.children, '人'],
                ['无儿童主任的村', table.district.villagesWithoutDirector.length, '个'],
                ['无人走访的儿童', data.coverage.childrenWithoutDirector, '人'],
              ].map(([title, value, suffix]) => (
                <Col key={title} flex="1 1 0">
                  <Card size="small">
                    <Statistic title={title} value={value} suffix={suffix} />
                  </Card>
                </Col>
              ))}
            </Row>
            {table.district.townshipsWithoutSupervisor.length > 0 ? (
              <Alert
                style={{ marginBottom: 12 }}
                type="warning"
                showIcon
                title={`没有儿童督导员的乡镇/街道：${table.district.townshipsWithoutSupervisor.join('、')}`}
              />
            ) : null}
            <Tabs
              items={[
                {
                  key: 'table',
                  label: '配备情况统计表',
                  children: (
                    <>
                      <Typography.Paragraph type="secondary">
                        只统计该日在册的区划、在任的人员和该日在册且未满18周岁的儿童；离任、撤销、退出或年满18周岁后不再计入。点击乡镇/街道名称查看其村和人员。
                      </Typography.Paragraph>
                      <div style={{ opacity: loading ? 0.6 : 1 }}>
                        <StaffingTableView table={table} onTownship={setTownship} />
                      </div>
                    </>
                  ),
                },
                { key: 'coverage', label: '覆盖缺口', children: <CoverageSection coverage={data.coverage} onTownship={setTownship} /> },
                { key: 'load', label: '工作负荷', children: <LoadSection load={data.load} table={table} /> },
                { key: 'people', label: '人员结构', children: <PeopleSection people={data.people} /> },
                { key: 'planning', label: '服务中心规划', children: <PlanningSection planning={data.planning} onChange={setPerCentre} /> },
              ]}
            />
          </>
        )}
      </div>
      {table ? <StaffingPrint table={table} district={districtName} /> : null}
      {township ? <TownshipDrawer code={township} date={day} onClose={() => setTownship(null)} /> : null}
    </>
  )
}
