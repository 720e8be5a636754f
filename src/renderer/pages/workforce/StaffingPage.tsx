import { Alert, DatePicker, Flex, Skeleton, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import type { StaffingTable } from '../../../contract'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { DATE_FORMAT } from '../../components/labels'
import { useCall } from '../../components/use-call'

type TownshipLine = StaffingTable['townships'][number]

/** 队伍与配比: the staffing table the bureau must produce, computed from the registry as of a chosen day. */
export function StaffingPage() {
  const [date, setDate] = useState<Dayjs>(dayjs())
  const { data, loading, error, reload } = useCall('workforce.staffing', { date: date.format(DATE_FORMAT) }, { silent: true })
  if (error && !data) return <LoadFailed error={error} onRetry={reload} />
  const district = data?.district
  return (
    <>
      <PageHeader
        title="队伍与配比"
        sub={data ? `截至 ${data.date}` : undefined}
        extra={
          <Flex align="center" gap={8}>
            <label htmlFor="staffing-date">统计日期</label>
            <DatePicker
              id="staffing-date"
              value={date}
              allowClear={false}
              format={DATE_FORMAT}
              onChange={(value) => value && setDate(value)}
            />
          </Flex>
        }
      />
      {!data ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            只统计该日在册的区划、在任的人员和该日在册且未满18周岁的儿童；离任、撤销、退出或年满18周岁后不再计入。
          </Typography.Paragraph>
          <Table<TownshipLine>
            size="small"
            rowKey="code"
            loading={loading}
            dataSource={data.townships}
            pagination={false}
            // The JSON names the count `children`, which antd would read as nested rows.
            expandable={{ childrenColumnName: 'nestedRows' }}
            columns={[
              { title: '乡镇/街道', dataIndex: 'name' },
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
                render: (names: string[]) =>
                  names.length ? <Typography.Text type="danger">{names.join('、')}</Typography.Text> : '—',
              },
            ]}
            summary={() =>
              district ? (
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
              ) : null
            }
          />
          {district && district.townshipsWithoutSupervisor.length > 0 ? (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              title={`没有儿童督导员的乡镇/街道：${district.townshipsWithoutSupervisor.join('、')}`}
            />
          ) : null}
        </>
      )}
    </>
  )
}
