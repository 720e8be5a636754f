import { Form, Typography } from 'antd'
import { api } from '../../api'
import type { Division } from '../../../contract'
import { TownshipSelect } from '../../components/DivisionSelect'
import { FormModal } from '../../components/FormModal'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useSave } from '../../components/use-save'

const FIELDS = ['parentCode'] as const

/** Moving a village keeps its children and director with it: only the township above changes. */
export function MoveVillageModal({ village, townshipName, onClose, onSaved }: {
  village: Division
  townshipName: string
  onClose: () => void
  onSaved: (d: Division) => void
}) {
  const [form] = Form.useForm<{ parentCode?: string }>()
  const { save, saving, general } = useSave<Division>(form, FIELDS)

  const submit = async ({ parentCode }: { parentCode?: string }) => {
    if (!parentCode) return
    const saved = await save(() => api.call('divisions.move', { code: village.code, parentCode }))
    if (saved) onSaved(saved)
  }

  return (
    <FormModal
      title={`移动村/社区：${village.name}`}
      okText="移动"
      onClose={onClose}
      form={form}
      saving={saving}
    >
      <Typography.Paragraph type="secondary">
        现属：{townshipName}。移动后，该村/社区的儿童和儿童主任随之归入新的乡镇/街道。
      </Typography.Paragraph>
      <ProblemsAlert problems={general} />
      <Form form={form} name="move" layout="vertical" onFinish={submit}>
        <Form.Item name="parentCode" label="移至乡镇/街道" rules={[{ required: true, message: '请选择乡镇/街道' }]}>
          <TownshipSelect exclude={village.parentCode ?? undefined} allowClear={false} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
