import { App, Button, Card, DatePicker, Flex, Form, Select, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../api'
import type { RosterSummary } from '../../../contract'
import { showTime } from '../../components/labels'
import { yuan } from '../../components/money'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useCall } from '../../components/use-call'
import { useSave } from '../../components/use-save'
import { navigate } from '../../routing'
import { MONTHS_OPTIONS, STATUS_LABEL } from './subsidy-labels'

interface Values {
  programme?: string
  month?: Dayjs
  months: number
}

const FIELDS = ['programme', 'month', 'months'] as const

/** Generate a roster for a programme and month (or a quarter), and the rosters made so far. */
export function RostersTab() {
  const programmes = useCall('programmes.list', {})
  const rosters = useCall('rosters.list', {})
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave<RosterSummary>(form, FIELDS)
  const { message } = App.useApp()

  const generate = async (values: Values) => {
    const roster = await save(() =>
      api.call('rosters.generate', { programme: values.programme ?? '', month: values.month?.format('YYYY-MM') ?? '', months: values.months }),
    )
    if (roster) {
      void message.success(`已生成：${roster.lineCount} 人，合计 ${yuan(roster.totalFen)} 元`)
      navigate(`/subsidies/rosters/${roster.id}`)
    }
  }

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="生成发放花名册">
        <ProblemsAlert problems={general} />
        <Form<Values> form={form} layout="inline" onFinish={generate} initialValues={{ month: dayjs(), months: 1 }} style={{ rowGap: 8 }}>
          <Form.Item name="programme" label="补贴项目" rules={[{ required: true, message: '请选择补贴项目' }]}>
            <Select
              style={{ width: 280 }}
              loading={programmes.loading}
              placeholder="选择补贴项目"
              options={(programmes.data ?? []).filter((p) => p.active).map((p) => ({ value: p.code, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="month" label="发放月份" rules={[{ required: true, message: '请选择月份' }]}>
            <DatePicker picker="month" format="YYYY年M月" allowClear={false} />
          </Form.Item>
          <Form.Item name="months" label="合并发放">
            <Select style={{ width: 170 }} options={MONTHS_OPTIONS} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              生成
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          按台账和当期标准自动计算，每一行写明依据；同一项目同一期的草稿重新生成时会被替换，已锁定的花名册不再改变。
        </Typography.Paragraph>
      </Card>
      <Table<RosterSummary>
        size="small"
        rowKey="id"
        loading={rosters.loading}
        dataSource={rosters.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有生成过花名册' }}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/subsidies/rosters/${r.id}`) })}
        columns={[
          {
            title: '花名册',
            dataIndex: 'title',
            render: (title: string, r) => (
              <Typography.Link href={`#/subsidies/rosters/${r.id}`}>{title}</Typography.Link>
            ),
          },
          { title: '期间', dataIndex: 'period', width: 150 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s: RosterSummary['status']) => <Tag color={s === 'locked' ? 'green' : 'orange'}>{STATUS_LABEL[s]}</Tag>,
          },
          { title: '人数', dataIndex: 'lineCount', width: 70, align: 'right' },
          { title: '金额（元）', dataIndex: 'totalFen', width: 130, align: 'right', render: (f: number) => yuan(f) },
          { title: '未纳入', dataIndex: 'excludedCount', width: 70, align: 'right' },
          {
            title: '生成/锁定',
            key: 'who',
            width: 220,
            render: (_, r) =>
              r.status === 'locked' && r.lockedAt ? `${r.lockedBy} 锁定于 ${showTime(r.lockedAt)}` : `${r.generatedBy} 生成于 ${showTime(r.generatedAt)}`,
          },
        ]}
      />
    </Flex>
  )
}
