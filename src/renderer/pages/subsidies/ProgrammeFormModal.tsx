import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../api'
import type { Programme, ProgrammeInput } from '../../../contract'
import { formatYuan } from '../../../contract/money'
import { CategorySelect } from '../../components/categories-context'
import { FormModal } from '../../components/FormModal'
import { DATE_FORMAT } from '../../components/labels'
import { amountRule, fenOfChecked } from '../../components/money'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useSave } from '../../components/use-save'
import { END_RULE_LABEL, KIND_LABEL, PERIOD_LABEL, START_RULE_LABEL } from './subsidy-labels'

interface StandardValues {
  /** yuan as typed: read to fen by the contract's parser, never through a float */
  amount?: string
  from?: Dayjs
  to?: Dayjs | null
  group?: string
}

interface Values {
  name?: string
  kind: Programme['kind']
  period: Programme['period']
  categories: string[]
  excludedBy: string[]
  ageLimit?: number | null
  extensionAge?: number | null
  startRule: Programme['startRule']
  endRule: Programme['endRule']
  standards: StandardValues[]
  active: boolean
}

const FIELDS = ['name', 'kind', 'period', 'categories', 'excludedBy', 'ageLimit', 'extension', 'startRule', 'endRule', 'standards', 'active'] as const

const options = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }))

function initial(programme: Programme | undefined): Values {
  if (!programme) {
    return {
      kind: 'child',
      period: 'month',
      categories: [],
      excludedBy: [],
      ageLimit: 18,
      extensionAge: null,
      startRule: 'month-after-registration',
      endRule: 'month-of-exit',
      standards: [{ from: dayjs().startOf('year'), to: null }],
      active: true,
    }
  }
  return {
    name: programme.name,
    kind: programme.kind,
    period: programme.period,
    categories: programme.categories,
    excludedBy: programme.excludedBy,
    ageLimit: programme.ageLimit,
    extensionAge: programme.extension?.untilAge ?? null,
    startRule: programme.startRule,
    endRule: programme.endRule,
    standards: programme.standards.map((s) => ({
      amount: formatYuan(s.amountFen),
      from: dayjs(s.effectiveFrom),
      to: s.effectiveTo ? dayjs(s.effectiveTo) : null,
      group: s.group ?? undefined,
    })),
    active: programme.active,
  }
}

/** A programme and its standards: who is paid, what excludes it, how much from when. */
export function ProgrammeFormModal({ programme, programmes, onClose, onSaved }: {
  programme?: Programme
  programmes: Programme[]
  onClose: () => void
  onSaved: () => void
}) {
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave<Programme>(form, FIELDS)
  const { message } = App.useApp()
  const kind = Form.useWatch('kind', form) ?? programme?.kind ?? 'child'

  const submit = async (values: Values) => {
    const input: ProgrammeInput = {
      ...(programme ? { code: programme.code } : {}),
      name: values.name?.trim() ?? '',
      kind: values.kind,
      period: values.period,
      categories: values.kind === 'child' ? values.categories : [],
      excludedBy: values.kind === 'child' ? values.excludedBy : [],
      ageLimit: values.kind === 'child' ? (values.ageLimit ?? null) : null,
      extension: values.kind === 'child' && values.extensionAge ? { untilAge: values.extensionAge, needs: 'school-enrolment' } : null,
      startRule: values.startRule,
      endRule: values.endRule,
      standards: values.standards.map((s) => ({
        amountFen: fenOfChecked(s.amount),
        effectiveFrom: s.from?.format(DATE_FORMAT) ?? '',
        effectiveTo: s.to ? s.to.format(DATE_FORMAT) : null,
        group: s.group?.trim() || null,
      })),
      active: values.active,
    }
    const saved = await save(() => api.call('programmes.save', input))
    if (saved) {
      void message.success('已保存补贴项目')
      onSaved()
    }
  }

  return (
    <FormModal width={860} style={{ top: 40 }} title={programme ? `编辑补贴项目：${programme.name}` : '新增补贴项目'} form={form} saving={saving} onClose={onClose}>
      <ProblemsAlert problems={general} />
      <Form<Values> form={form} layout="vertical" initialValues={initial(programme)} onFinish={submit}>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="name" label="项目名称" required>
              <Input maxLength={40} placeholder="如：残疾儿童生活补贴" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="kind" label="发放对象">
              <Radio.Group options={options(KIND_LABEL)} disabled={Boolean(programme)} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="period" label="标准单位">
              <Radio.Group options={options(PERIOD_LABEL)} />
            </Form.Item>
          </Col>
          {kind === 'child' ? (
            <>
              <Col span={12}>
                <Form.Item name="categories" label="发放对象类别">
                  <CategorySelect multiple placeholder="哪些困境类型的儿童可以领取" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="excludedBy" label="与以下项目互斥（对方优先）">
                  <Select
                    mode="multiple"
                    allowClear
                    placeholder="已享受所选项目的儿童不再发放本项目"
                    options={programmes.filter((p) => p.kind === 'child' && p.code !== programme?.code).map((p) => ({ value: p.code, label: p.name }))}
                  />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="ageLimit" label="发放至满（周岁）当月">
                  <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} placeholder="不限年龄" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="extensionAge" label="在校可延长至（周岁）" tooltip="有在读证明的，满上限后继续发放，至此年龄当月为止；不延长的留空">
                  <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} placeholder="不延长" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="startRule" label="起始">
                  <Select options={options(START_RULE_LABEL)} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="endRule" label="终止">
                  <Select options={options(END_RULE_LABEL)} />
                </Form.Item>
              </Col>
            </>
          ) : (
            <Col span={24}>
              <Typography.Paragraph type="secondary">按当月1日在任的儿童主任发放，一人兼管多村只发一份。</Typography.Paragraph>
            </Col>
          )}
        </Row>
        <Typography.Title level={5}>补贴标准（按期间）</Typography.Title>
        <Form.List name="standards">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row gutter={8} key={field.key} align="bottom">
                  <Col span={6}>
                    <Form.Item name={[field.name, 'amount']} label={index === 0 ? '金额（元）' : undefined} required rules={[amountRule]}>
                      <Input inputMode="decimal" placeholder="如 1200.00" aria-label={`第${index + 1}期金额`} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'from']} label={index === 0 ? '起始日期' : undefined} rules={[{ required: true, message: '请选择起始日期' }]}>
                      <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} aria-label={`第${index + 1}期起始日期`} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'to']} label={index === 0 ? '截止日期' : undefined}>
                      <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="至今" aria-label={`第${index + 1}期截止日期`} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'group']} label={index === 0 ? '适用分组' : undefined}>
                      <Input maxLength={20} placeholder="全部" aria-label={`第${index + 1}期适用分组`} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item>
                      <Button icon={<DeleteOutlined aria-hidden />} aria-label={`删除第${index + 1}期标准`} disabled={fields.length === 1} onClick={() => remove(field.name)} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ from: dayjs().startOf('month'), to: null })}>
                增加一期标准
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="active" label="启用" valuePropName="checked" style={{ marginTop: 16 }}>
          <Switch />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
