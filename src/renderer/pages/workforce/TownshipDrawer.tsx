import { Descriptions, Drawer, Skeleton, Table, Tag, Typography } from 'antd'
import type { TownshipWorkforce, WorkforcePerson } from '../../../contract'
import { LoadFailed } from '../../components/LoadFailed'
import { orDash, SEX_LABEL, showDate } from '../../components/labels'
import { FLAT_ROWS } from '../../components/flat-rows'
import { useCall } from '../../components/use-call'

type VillageLine = TownshipWorkforce['villages'][number]

const peopleColumns = (withVillages: boolean) => [
  { title: '姓名', dataIndex: 'name', width: 80 },
  { title: '性别', dataIndex: 'sex', width: 48, render: (s: WorkforcePerson['sex']) => SEX_LABEL[s] },
  { title: '年龄', dataIndex: 'age', width: 52, align: 'right' as const, render: orDash },
  { title: '专/兼职', dataIndex: 'partTime', width: 64, render: (p: boolean) => (p ? '兼职' : '专职') },
  { title: '兼任职务', dataIndex: 'concurrentPost', ellipsis: true, render: orDash },
  { title: '文化程度', dataIndex: 'education', width: 76, render: orDash },
  { title: '任职年限', dataIndex: 'yearsInPost', width: 72, align: 'right' as const, render: (y: number | null) => (y === null ? '—' : `${y}年`) },
  {
    title: '近12个月培训',
    dataIndex: 'trainingsLast12Months',
    width: 100,
    render: (n: number, p: WorkforcePerson) =>
      n ? `${n}次` : <Typography.Text type="warning">{p.lastTrainedOn ? `无（上次 ${showDate(p.lastTrainedOn)}）` : '无'}</Typography.Text>,
  },
  ...(withVillages ? [{ title: '服务村/社区', dataIndex: 'villages', ellipsis: true }] : []),
  { title: '服务儿童', dataIndex: 'children', width: 76, align: 'right' as const },
]

/** One township opened from the staffing table: who serves each village, and the people themselves. */
export function TownshipDrawer({ code, date, onClose }: { code: string; date: string; onClose: () => void }) {
  const { data, error, reload } = useCall('workforce.township', { code, date }, { silent: true })
  return (
    <Drawer open width={960} title={data ? `${data.name}：村/社区与人员（截至 ${data.date}）` : '乡镇/街道详情'} onClose={onClose}>
      {error && !data ? (
        <LoadFailed error={error} onRetry={reload} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="村/社区">{data.villages.length} 个</Descriptions.Item>
            <Descriptions.Item label="困境儿童">{data.villages.reduce((n, v) => n + v.children, 0)} 人</Descriptions.Item>
            <Descriptions.Item label="儿童督导员">
              {data.supervisors.length ? data.supervisors.map((s) => s.name).join('、') : <Typography.Text type="danger">空缺</Typography.Text>}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>村/社区</Typography.Title>
          <Table<VillageLine>
            size="small"
            rowKey="code"
            dataSource={data.villages}
            pagination={false}
            expandable={FLAT_ROWS}
            columns={[
              { title: '村/社区', dataIndex: 'name' },
              { title: '困境儿童', dataIndex: 'children', width: 90, align: 'right' },
              {
                title: '儿童主任',
                key: 'director',
                render: (_, v) =>
                  v.directors.length ? (
                    v.directors.join('、')
                  ) : v.servedBy.length ? (
                    <>
                      {v.servedBy.join('、')} <Tag color="blue">兼管</Tag>
                    </>
                  ) : (
                    <Typography.Text type="danger">
                      空缺{v.vacantSince ? `（${showDate(v.vacantSince)} 起）` : '（从未配备）'}
                    </Typography.Text>
                  ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            儿童主任（{data.directors.length} 人）
          </Typography.Title>
          <Table<WorkforcePerson> size="small" rowKey="id" expandable={FLAT_ROWS} dataSource={data.directors} pagination={false} columns={peopleColumns(true)} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            儿童督导员
          </Typography.Title>
          <Table<WorkforcePerson>
            size="small"
            rowKey="id"
            expandable={FLAT_ROWS}
            dataSource={data.supervisors}
            pagination={false}
            columns={peopleColumns(false)}
            locale={{ emptyText: '该乡镇/街道没有在任的儿童督导员' }}
          />
        </>
      )}
    </Drawer>
  )
}
