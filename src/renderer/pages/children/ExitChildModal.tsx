import { App, DatePicker, Form, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../api'
import type { ChildDetail } from '../../../contract'
import { DATE_FORMAT, EXIT_REASONS, type ExitReasonValue } from '../../components/labels'
import { FormModal } from '../../components/FormModal'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useSave } from '../../components/use-save'

const FIELDS = ['reason', 'date'] as const

interface Values {
  reason?: ExitReasonValue
  date: Dayjs
}

/** A child leaves the registry but the file stays: exit is recorded, never a deletion. */
export function ExitChildModal({
  child,
  onClose,
  onSaved,
}: {
  child: Pick<ChildDetail, 'id' | 'name'>
  onClose: () => void
  onSaved: () => void
}) {
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave<{ id: number }>(form, FIELDS)
  const { message } = App.useApp()

  const submit = async ({ reason, date }: Values) => {
    if (!reason) return
    const saved = await save(() => api.call('children.exit', { id: child.id, reason, date: date.format(DATE_FORMAT) }))
    if (saved) {
      void message.success('已退出登记')
      onSaved()
    }
  }

  return (
    <FormModal
      title={`退出登记：${child.name}`}
      okText="确认退出"
      danger
      onClose={onClose}
      form={form}
      saving={saving}
    >
      <Typography.Paragraph type="secondary">
        退出后该儿童不再计入在册人数和补贴名单，档案和变更记录仍然保留，可在列表中选择“已退出”查看。
      </Typography.Paragraph>
      <ProblemsAlert problems={general} />
      <Form<Values> form={form} name="exit" layout="vertical" initialValues={{ date: dayjs() }} onFinish={submit}>
        <Form.Item name="reason" label="退出原因" rules={[{ required: true, message: '请选择退出原因' }]}>
          <Select options={[...EXIT_REASONS]} placeholder="选择退出原因" />
        </Form.Item>
        <Form.Item name="date" label="退出日期" rules={[{ required: true, message: '请选择退出日期' }]}>
          <DatePicker format={DATE_FORMAT} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
