import { Button, Card, Form, Input, Typography } from 'antd'
import { api } from '../../api'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useSave } from '../../components/use-save'

const FIELDS = ['name', 'code'] as const

interface Values {
  name?: string
  code?: string
}

/** The first thing a new installation needs: which district this registry belongs to. */
export function DistrictForm({ onSaved }: { onSaved: () => void }) {
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave(form, FIELDS)

  const submit = async (values: Values) => {
    const code = values.code?.trim()
    const saved = await save(() =>
      api.call('divisions.setDistrict', { name: (values.name ?? '').trim(), ...(code ? { code } : {}) }),
    )
    if (saved) onSaved()
  }

  return (
    <Card title="设置本区/县" style={{ maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">
        台账按“区/县 → 乡镇/街道 → 村/社区”组织。请先填写本区/县的名称；区划代码可以以后再补。
      </Typography.Paragraph>
      <ProblemsAlert problems={general} />
      <Form<Values> form={form} name="district" layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label="区/县名称"
          required
        >
          <Input placeholder="例如：某某区" maxLength={60} autoFocus />
        </Form.Item>
        <Form.Item
          name="code"
          label="区划代码"
          extra="统计用区划代码，6位或12位数字，可不填。"
        >
          <Input placeholder="例如：110105" maxLength={12} inputMode="numeric" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
    </Card>
  )
}
