import { Card, Col, Descriptions, Empty, Flex, InputNumber, Row, Statistic, Table, Tag, Typography } from 'antd'
import { useMemo } from 'react'
import type { Bucket, PeopleStats, WorkforceOverview } from '../../../contract'
import { barOption, EChart } from '../../components/EChart'
import { FLAT_ROWS } from '../../components/flat-rows'
import { showDate } from '../../components/labels'

type Coverage = WorkforceOverview['coverage']
type Load = WorkforceOverview['load']
type Spread = Load['perDirector']

const dash = (n: number | null, unit = '') => (n === null ? '—' : `${n}${unit}`)
const buckets = (list: Bucket[]) => list.map((b) => `${b.label} ${b.count}`).join('，')

export function CoverageSection({ coverage, onTownship }: { coverage: Coverage; onTownship: (code: string) => void }) {
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={`无儿童主任的村/社区（${coverage.villagesWithoutDirector.length} 个，涉及困境儿童 ${coverage.childrenWithoutDirector} 人）`}>
        <Table
          size="small"
          rowKey="code"
          expandable={FLAT_ROWS}
          dataSource={coverage.villagesWithoutDirector}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '每个村/社区都有儿童主任' }}
          columns={[
            {
              title: '乡镇/街道',
              dataIndex: 'township',
              render: (name: string, v) => <Typography.Link onClick={() => onTownship(v.townshipCode)}>{name}</Typography.Link>,
            },
            { title: '村/社区', dataIndex: 'village' },
            { title: '困境儿童', dataIndex: 'children', align: 'right', width: 90 },
            {
              title: '空缺起始',
              dataIndex: 'vacantSince',
              width: 140,
              render: (d: string | null) => (d ? `${showDate(d)} 起` : <Typography.Text type="secondary">从未配备</Typography.Text>),
            },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title={`无儿童督导员的乡镇/街道（${coverage.townshipsWithoutSupervisor.length} 个）`}>
            {coverage.townshipsWithoutSupervisor.length ? (
              coverage.townshipsWithoutSupervisor.map((t) => (
                <div key={t.code}>
                  <Typography.Link onClick={() => onTownship(t.code)}>{t.township}</Typography.Link>
                  <Typography.Text type="secondary">{t.vacantSince ? `，${showDate(t.vacantSince)} 起空缺` : '，从未配备'}</Typography.Text>
                </div>
              ))
            ) : (
              <Typography.Text type="secondary">每个乡镇/街道都有儿童督导员</Typography.Text>
            )}
          </Card>
        </Col>
        <Col span={14}>
          <Card size="small" title={`一人兼管多村的儿童主任（${coverage.multiVillageDirectors.length} 人）`}>
            {coverage.multiVillageDirectors.length ? (
              coverage.multiVillageDirectors.map((d) => (
                <div key={d.id}>
                  {d.name}（{d.township}{d.village}）兼管 {d.alsoServes.join('、')}，服务困境儿童 {d.children} 人
                </div>
              ))
            ) : (
              <Typography.Text type="secondary">没有兼管多村的儿童主任</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  )
}

function SpreadCard({ title, spread }: { title: string; spread: Spread }) {
  return (
    <Card size="small" title={title}>
      <Flex gap={32}>
        <Statistic title="平均" value={dash(spread.mean)} />
        <Statistic title="中位数" value={dash(spread.median)} />
        <Statistic title="最多" value={dash(spread.max)} />
      </Flex>
    </Card>
  )
}

export function LoadSection({ load, table }: { load: Load; table: WorkforceOverview['table'] }) {
  const chart = useMemo(() => {
    const rows = table.townships.filter((t) => t.childrenPerDirector !== null)
    return barOption(
      rows.map((t) => t.name),
      rows.map((t) => t.childrenPerDirector ?? 0),
      '人',
    )
  }, [table])
  return (
    <Flex vertical gap={16}>
      <Row gutter={16}>
        <Col span={12}>
          <SpreadCard title="每名儿童主任服务的困境儿童" spread={load.perDirector} />
        </Col>
        <Col span={12}>
          <SpreadCard title="每名儿童督导员服务的困境儿童" spread={load.perSupervisor} />
        </Col>
      </Row>
      <Card size="small" title="各乡镇/街道每名儿童主任平均服务儿童数">
        {table.townships.some((t) => t.childrenPerDirector !== null) ? (
          <EChart option={chart} label="各乡镇/街道每名儿童主任平均服务儿童数柱状图" />
        ) : (
          <Empty description="暂无在任的儿童主任" />
        )}
      </Card>
      <Card size="small" title="服务儿童最多的十名儿童主任">
        <Table
          size="small"
          rowKey="id"
          expandable={FLAT_ROWS}
          dataSource={load.heaviest}
          pagination={false}
          columns={[
            { title: '序号', key: 'rank', width: 56, render: (_, __, i) => i + 1 },
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '乡镇/街道', dataIndex: 'township', width: 120 },
            { title: '服务村/社区', dataIndex: 'villages' },
            { title: '服务困境儿童', dataIndex: 'children', width: 110, align: 'right' },
          ]}
        />
      </Card>
    </Flex>
  )
}

function PeopleDescriptions({ stats }: { stats: PeopleStats }) {
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label="在任人数">{stats.count} 人</Descriptions.Item>
      <Descriptions.Item label="性别">
        男 {stats.male}，女 {stats.female}
      </Descriptions.Item>
      <Descriptions.Item label="60岁及以上">
        {stats.over60} 人{stats.over60Share === null ? '' : `（占已填出生日期者 ${stats.over60Share}%）`}
      </Descriptions.Item>
      <Descriptions.Item label="专职/兼职">
        专职 {stats.fullTime}，兼职 {stats.partTime}
      </Descriptions.Item>
      <Descriptions.Item label="近12个月参加培训">
        {stats.trainedLast12Months} 人{stats.trainedLast12MonthsShare === null ? '' : `（${stats.trainedLast12MonthsShare}%）`}
      </Descriptions.Item>
      <Descriptions.Item label="从未培训">
        {stats.neverTrained ? <Typography.Text type="warning">{stats.neverTrained} 人</Typography.Text> : '0 人'}
      </Descriptions.Item>
      <Descriptions.Item label="平均任职年限">{dash(stats.meanYearsInPost, ' 年')}</Descriptions.Item>
      <Descriptions.Item label="任职年限">{buckets(stats.tenure)}</Descriptions.Item>
      <Descriptions.Item label="兼任职务" span={2}>
        {stats.concurrentPosts.map((p) => (
          <Tag key={p.label}>
            {p.label} {p.count}
          </Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label="文化程度" span={2}>
        {stats.education.map((p) => (
          <Tag key={p.label}>
            {p.label} {p.count}
          </Tag>
        ))}
      </Descriptions.Item>
    </Descriptions>
  )
}

export function PeopleSection({ people }: { people: WorkforceOverview['people'] }) {
  const ages = useMemo(
    () =>
      barOption(
        people.directors.ages.map((b) => b.label),
        people.directors.ages.map((b) => b.count),
        '人',
        '#13a8a8',
      ),
    [people],
  )
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="儿童主任年龄分布">
        {people.directors.count ? <EChart option={ages} height={240} label="儿童主任年龄分布柱状图" /> : <Empty description="暂无在任的儿童主任" />}
      </Card>
      <Card size="small" title="儿童主任">
        <PeopleDescriptions stats={people.directors} />
      </Card>
      <Card size="small" title="儿童督导员">
        <PeopleDescriptions stats={people.supervisors} />
      </Card>
    </Flex>
  )
}

export function PlanningSection({ planning, onChange }: { planning: WorkforceOverview['planning']; onChange: (n: number) => void }) {
  return (
    <Card size="small" title="儿童服务中心规划">
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <label htmlFor="villages-per-centre">每个儿童服务中心覆盖</label>
        <InputNumber
          id="villages-per-centre"
          min={1}
          max={50}
          precision={0}
          value={planning.villagesPerCentre}
          onChange={(n) => n && onChange(n)}
          style={{ width: 80 }}
        />
        <span>个村/社区（调研建议5–6个），按乡镇/街道分别计算，共需</span>
        <Statistic value={planning.centres} suffix="个" styles={{ content: { fontSize: 20 } }} />
      </Flex>
      <Table
        size="small"
        rowKey="code"
        expandable={FLAT_ROWS}
        dataSource={planning.byTownship}
        pagination={false}
        columns={[
          { title: '乡镇/街道', dataIndex: 'township' },
          { title: '村/社区', dataIndex: 'villages', align: 'right', width: 100 },
          { title: '需建中心', dataIndex: 'centres', align: 'right', width: 100 },
        ]}
      />
    </Card>
  )
}
