import { DeleteOutlined } from '@ant-design/icons'
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useRef } from 'react'
import { api } from '../../api'
import type { PersonKind, TrainingRow } from '../../../contract'
import { DATE_FORMAT, showDate } from '../../components/labels'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useCall } from '../../components/use-call'
import { useWrite } from '../../components/use-fault'
import { useSave } from '../../components/use-save'

interface Values {
  heldOn?: Dayjs
  course?: string
  hours?: number
}

// A problem with the hours (sent as tenths) has no field of that name here, so it shows above the form.
const FIELDS = ['heldOn', 'course'] as const

/** One person's training: date, course, hours. The figure "trained in the last 12 months" is read from these. */
export function TrainingsModal({ personKind, personId, title, onClose }: {
  personKind: PersonKind
  personId: number
  title: string
  onClose: (changed: boolean) => void
}) {
  const { data, loading, reload } = useCall('trainings.list', { personKind, personId })
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave<{ id: number }>(form, FIELDS)
  const { message } = App.useApp()
  const write = useWrite()
  const changed = useRef(false)

  const add = async (values: Values) => {
    const saved = await save(() =>
      api.call('trainings.add', {
        personKind,
        personId,
        heldOn: values.heldOn?.format(DATE_FORMAT) ?? '',
        course: values.course?.trim() ?? '',
        // The form takes hours as the clerk says them (1.5); the contract counts tenths, so sums stay exact.
        hoursTenths: Math.round((values.hours ?? 0) * 10),
      }),
    )
    if (saved) {
      changed.current = true
      form.resetFields(['course'])
      void message.success('已登记培训')
      reload()
    }
  }

  const remove = (row: TrainingRow) =>
    write(
      () => api.call('trainings.remove', { id: row.id }),
      () => {
        changed.current = true
        reload()
      },
    )

  return (
    <Modal open width={720} title={`培训记录：${title}`} footer={null} onCancel={() => onClose(changed.current)} destroyOnHidden>
      <ProblemsAlert problems={general} />
      <Form<Values> form={form} layout="inline" onFinish={add} style={{ marginBottom: 16, rowGap: 8 }} initialValues={{ hours: 2 }}>
        <Form.Item name="heldOn" label="培训日期" rules={[{ required: true, message: '请选择培训日期' }]}>
          <DatePicker format={DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="course" label="培训内容" rules={[{ required: true, message: '请填写培训内容' }]}>
          <Input maxLength={60} placeholder="如：儿童主任业务培训" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0.5} max={1000} step={0.5} precision={1} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            登记
          </Button>
        </Form.Item>
      </Form>
      <Table<TrainingRow>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: '暂无培训记录' }}
        columns={[
          { title: '培训日期', dataIndex: 'heldOn', width: 120, render: (d: string) => showDate(d) },
          { title: '培训内容', dataIndex: 'course' },
          { title: '学时', dataIndex: 'hoursTenths', width: 80, align: 'right', render: (t: number) => t / 10 },
          {
            title: '操作',
            key: 'remove',
            width: 70,
            render: (_, row) => (
              <Popconfirm title="删除这条培训记录？" okText="删除" cancelText="取消" onConfirm={() => remove(row)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除 ${row.course}`} />
              </Popconfirm>
            ),
          },
        ]}
      />
      {data && data.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          共 {data.length} 次，{data.reduce((n, t) => n + t.hoursTenths, 0) / 10} 学时。
        </Typography.Paragraph>
      ) : null}
    </Modal>
  )
}
