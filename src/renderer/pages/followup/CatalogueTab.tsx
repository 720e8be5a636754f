import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { SERVICE_AREA_NAMES, type CatalogueEntry } from '../../../contract'
import { DIMENSION_LABEL } from '../../components/labels'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useCall } from '../../components/use-call'
import { useWrite } from '../../components/use-fault'
import { useSave } from '../../components/use-save'

const AREAS = (Object.keys(SERVICE_AREA_NAMES) as (keyof typeof SERVICE_AREA_NAMES)[]).map((value) => ({ value, label: SERVICE_AREA_NAMES[value] }))
const DIMENSIONS = (['self', 'family', 'guardianship'] as const).map((value) => ({ value, label: DIMENSION_LABEL[value] }))

interface Values {
  name?: string
  area: CatalogueEntry['area']
  dimension: CatalogueEntry['dimension']
}

/** The service catalogue seeded from the field study, which the bureau extends; and the review deadline setting. */
export function CatalogueTab() {
  const { data, loading, reload } = useCall('services.catalogue', { includeInactive: true })
  const settings = useCall('settings.get', {})
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave<{ code: string }>(form, ['name', 'area', 'dimension'])
  const { message } = App.useApp()
  const write = useWrite()
  const [deadline, setDeadline] = useState<number | null>(null)

  const toggle = (entry: CatalogueEntry, active: boolean) =>
    write(() => api.call('services.catalogueSave', { code: entry.code, name: entry.name, area: entry.area, dimension: entry.dimension, active }), reload)
  const saveDeadline = async () => {
    if (deadline === null) return
    const saved = await write(() => api.call('settings.save', { reviewDeadlineDays: deadline }), settings.reload)
    if (saved) void message.success('已保存')
  }

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="季度更新期限">
        <Flex gap={8} align="center">
          <label htmlFor="deadline-days">每季度结束后</label>
          <InputNumber id="deadline-days" min={1} max={90} precision={0} value={deadline ?? settings.data?.reviewDeadlineDays} onChange={setDeadline} />
          <span>天内完成上一季度的更新，逾期的档案在工作台上提示。</span>
          <Button onClick={saveDeadline} disabled={deadline === null}>
            保存
          </Button>
        </Flex>
      </Card>
      <Card size="small" title="新增服务项目">
        <ProblemsAlert problems={general} />
        <Form<Values>
          form={form}
          layout="inline"
          initialValues={{ area: 'safety', dimension: 'self' }}
          onFinish={async (v) => {
            const saved = await save(() => api.call('services.catalogueSave', { name: v.name?.trim() ?? '', area: v.area, dimension: v.dimension }))
            if (saved) {
              form.resetFields(['name'])
              void message.success('已添加服务项目')
              reload()
            }
          }}
        >
          <Form.Item name="name" label="服务名称" rules={[{ required: true, message: '请填写服务名称' }]}>
            <Input maxLength={40} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="area" label="领域">
            <Select options={AREAS} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="dimension" label="维度">
            <Select options={DIMENSIONS} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              添加
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Table<CatalogueEntry>
        size="small"
        rowKey="code"
        loading={loading}
        dataSource={data}
        pagination={false}
        columns={[
          { title: '服务项目', dataIndex: 'name', render: (n: string, e) => (e.builtin ? n : <>{n} <Tag>本区新增</Tag></>) },
          { title: '领域', dataIndex: 'area', width: 100, render: (a: keyof typeof SERVICE_AREA_NAMES) => SERVICE_AREA_NAMES[a] },
          { title: '维度', dataIndex: 'dimension', width: 100, render: (d: keyof typeof DIMENSION_LABEL) => DIMENSION_LABEL[d] },
          { title: '调研中提供比例', dataIndex: 'referencePercent', width: 130, align: 'right', render: (p: number | null) => (p === null ? '—' : `${p}%`) },
          { title: '启用', dataIndex: 'active', width: 70, render: (a: boolean, e) => <Switch size="small" checked={a} onChange={(v) => toggle(e, v)} aria-label={`启用${e.name}`} /> },
        ]}
      />
      <Typography.Text type="secondary">停用的服务项目不再出现在评估和登记中，已有记录保留。</Typography.Text>
    </Flex>
  )
}
