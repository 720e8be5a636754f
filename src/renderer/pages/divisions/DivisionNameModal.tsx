import { Form, Input } from 'antd'
import { api } from '../../api'
import type { Division } from '../../../contract'
import { FormModal } from '../../components/FormModal'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useSave } from '../../components/use-save'

/** What the dialog is for: add under a parent, rename one division, or correct the district itself. */
export type NameTask =
  | { kind: 'create'; level: 'township' | 'village'; parent: Division }
  | { kind: 'rename'; division: Division }
  | { kind: 'district'; division: Division }

const FIELDS = ['name', 'code', 'parentCode'] as const

interface Values {
  name?: string
  code?: string
}

const LEVEL_NAME = { district: '区/县', township: '乡镇/街道', village: '村/社区' } as const

function titleOf(task: NameTask): string {
  if (task.kind === 'create') return `新增${LEVEL_NAME[task.level]}（${task.parent.name}）`
  if (task.kind === 'district') return '修改区/县'
  return `重命名${LEVEL_NAME[task.division.level]}`
}

export function DivisionNameModal({ task, onClose, onSaved }: { task: NameTask; onClose: () => void; onSaved: (d: Division) => void }) {
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave<Division>(form, FIELDS)
  const withCode = task.kind !== 'rename'
  const initial: Values =
    task.kind === 'create'
      ? { name: '' }
      : { name: task.division.name, code: task.division.codeGenerated ? '' : task.division.code }

  const submit = async (values: Values) => {
    const name = (values.name ?? '').trim()
    const code = values.code?.trim() || undefined
    const saved = await save(() => {
      if (task.kind === 'create') {
        return api.call('divisions.create', { level: task.level, parentCode: task.parent.code, name, ...(code ? { code } : {}) })
      }
      if (task.kind === 'district') return api.call('divisions.setDistrict', { name, ...(code ? { code } : {}) })
      return api.call('divisions.rename', { code: task.division.code, name })
    })
    if (saved) onSaved(saved)
  }

  return (
    <FormModal
      title={titleOf(task)}
      onClose={onClose}
      form={form}
      saving={saving}
    >
      <ProblemsAlert problems={general} />
      <Form<Values> form={form} name="division" layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="name" label="名称" required>
          <Input maxLength={60} autoFocus />
        </Form.Item>
        {withCode ? (
          <Form.Item
            name="code"
            label="区划代码"
            extra={
              task.kind === 'district'
                ? '6位或12位数字，可不填。已有乡镇/街道后不能再更改。'
                : '12位统计用区划代码，可不填；不填时系统生成临时代码，以后可补正式代码。'
            }
          >
            <Input maxLength={12} inputMode="numeric" placeholder="可不填" />
          </Form.Item>
        ) : null}
      </Form>
    </FormModal>
  )
}
