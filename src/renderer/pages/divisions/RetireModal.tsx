import { DatePicker, Form, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../api'
import type { Division } from '../../../contract'
import { DATE_FORMAT } from '../../components/labels'
import { FormModal } from '../../components/FormModal'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useSave } from '../../components/use-save'

const FIELDS = ['on'] as const

/** Retiring is not deleting: the division stays in history, so old records and reports keep their place name. */
export function RetireModal({ division, onClose, onSaved }: { division: Division; onClose: () => void; onSaved: (d: Division) => void }) {
  const [form] = Form.useForm<{ on: Dayjs }>()
  const { save, saving, general } = useSave<Division>(form, FIELDS)
  const what = division.level === 'township' ? '乡镇/街道' : '村/社区'

  const submit = async ({ on }: { on: Dayjs }) => {
    const saved = await save(() => api.call('divisions.retire', { code: division.code, on: on.format(DATE_FORMAT) }))
    if (saved) onSaved(saved)
  }

  return (
    <FormModal
      title={`撤销${what}：${division.name}`}
      okText="确认撤销"
      danger
      onClose={onClose}
      form={form}
      saving={saving}
    >
      <Typography.Paragraph>
        撤销后，{division.name}仍保留在历史记录中：已登记的儿童、人员和以往的报表照旧显示它的名称；
        但此后不能再在这里登记新的儿童或安排人员。撤销有误时可以恢复。
      </Typography.Paragraph>
      <ProblemsAlert problems={general} />
      <Form form={form} name="retire" layout="vertical" initialValues={{ on: dayjs() }} onFinish={submit}>
        <Form.Item name="on" label="撤销日期" rules={[{ required: true, message: '请选择撤销日期' }]}>
          <DatePicker format={DATE_FORMAT} allowClear={false} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
