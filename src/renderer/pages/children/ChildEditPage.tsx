import { ArrowLeftOutlined } from '@ant-design/icons'
import { App, AutoComplete, Button, Card, Col, DatePicker, Form, Input, Row, Skeleton, Space, theme, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../api'
import type { ChildDetail } from '../../../contract'
import { CHILD_FIELD_LABELS as F, PLACE_RECORD_LABELS as PLACE } from '../../../contract/field-labels'
import { CategorySelect } from '../../components/categories-context'
import { TownshipSelect, useTownshipOf, VillageSelect } from '../../components/DivisionSelect'
import { DATE_FORMAT } from '../../components/labels'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useCall } from '../../components/use-call'
import { useSave } from '../../components/use-save'
import { navigate } from '../../routing'
import { readIdNumber } from './id-number-hint'
import { listAddress } from './last-list'

/** The form's fields, named as ChildInput names them, so a server problem's `field` lands under the right one. */
const FIELDS = [
  'name',
  'idNumber',
  'villageCode',
  'categories',
  'address',
  'guardianName',
  'guardianRelation',
  'guardianPhone',
  'bankAccount',
  'registeredOn',
  'notes',
] as const

interface Values {
  name?: string
  idNumber?: string
  townshipCode?: string
  villageCode?: string
  categories?: string[]
  address?: string
  guardianName?: string
  guardianRelation?: string
  guardianPhone?: string
  bankAccount?: string
  registeredOn?: Dayjs | null
  notes?: string
}

const RELATIONS = ['父亲', '母亲', '祖父', '祖母', '外祖父', '外祖母', '兄姐', '其他亲属', '村（居）委会', '民政部门'].map((value) => ({ value }))

function initialValues(child: ChildDetail | undefined): Partial<Values> {
  if (!child) return { categories: [], registeredOn: dayjs() }
  return {
    name: child.name,
    idNumber: child.idNumber,
    townshipCode: child.townshipCode,
    villageCode: child.villageCode,
    categories: child.categories.map((c) => c.code),
    address: child.address,
    guardianName: child.guardianName,
    guardianRelation: child.guardianRelation,
    guardianPhone: child.guardianPhone,
    bankAccount: child.bankAccount,
    registeredOn: child.registeredOn ? dayjs(child.registeredOn) : null,
    notes: child.notes,
  }
}

function IdNumberHint() {
  const form = Form.useFormInstance<Values>()
  const idNumber = Form.useWatch('idNumber', form)
  const hint = readIdNumber(idNumber)
  if (!hint) return <span>出生日期和性别从身份证号中读取，无需另填。</span>
  if (hint.ok) return <span>出生日期 {hint.birthDate}，性别 {hint.sex}</span>
  // After a save the service's own, fuller message stands under the field; the local guess would only repeat it.
  if (form.getFieldError('idNumber').length > 0) return null
  return <Typography.Text type="warning">{hint.message}</Typography.Text>
}

function ChildForm({ child }: { child?: ChildDetail }) {
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave<{ id: number }>(form, FIELDS)
  const { message } = App.useApp()
  const { token } = theme.useToken()
  const townshipOf = useTownshipOf()
  const township = Form.useWatch('townshipCode', form)
  const leave = () => navigate(child ? `/children/${child.id}` : listAddress())

  const submit = async (values: Values) => {
    const input = {
      name: values.name?.trim() ?? '',
      idNumber: values.idNumber?.trim() ?? '',
      villageCode: values.villageCode ?? '',
      categories: values.categories ?? [],
      address: values.address?.trim() ?? '',
      guardianName: values.guardianName?.trim() ?? '',
      guardianRelation: values.guardianRelation?.trim() ?? '',
      guardianPhone: values.guardianPhone?.trim() ?? '',
      bankAccount: values.bankAccount?.trim() ?? '',
      registeredOn: values.registeredOn ? values.registeredOn.format(DATE_FORMAT) : '',
      notes: values.notes?.trim() ?? '',
    }
    const saved = await save(() =>
      child ? api.call('children.update', { ...input, id: child.id }) : api.call('children.create', input),
    )
    if (saved) {
      void message.success('已保存')
      navigate(`/children/${saved.id}`, { replace: true })
    }
  }

  const keepVillage = child ? { code: child.villageCode, name: child.villageName } : undefined
  const keepTownship = child ? { code: child.townshipCode, name: child.townshipName } : undefined

  return (
    <Form<Values>
      form={form}
      name="child"
      layout="vertical"
      initialValues={initialValues(child)}
      onFinish={submit}
      scrollToFirstError
      onValuesChange={(changed: Partial<Values>) => {
        // Cascade: a new township empties the village; a village picked first fills in its township.
        if ('townshipCode' in changed) form.setFieldValue('villageCode', undefined)
        if ('villageCode' in changed && changed.villageCode && !form.getFieldValue('townshipCode')) {
          form.setFieldValue('townshipCode', townshipOf(changed.villageCode))
        }
      }}
    >
      <ProblemsAlert problems={general} />
      <Card size="small" title="儿童" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={F.name} required>
              <Input maxLength={40} autoFocus={!child} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="idNumber"
              label={F.idNumber}
              extra={<IdNumberHint />}
              required
            >
              <Input maxLength={40} style={{ fontFamily: 'monospace' }} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="registeredOn" label={F.registeredOn}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="townshipCode" label={PLACE.townshipCode}>
              <TownshipSelect keep={keepTownship} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="villageCode" label={PLACE.villageCode} required>
              <VillageSelect townshipCode={township} keep={keepVillage} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="address" label={F.address}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="categories"
              label={F.categories}
              extra="可多选"
              required
            >
              <CategorySelect multiple />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title="监护人" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="guardianName" label={F.guardianName}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="guardianRelation" label={F.guardianRelation}>
              <AutoComplete options={RELATIONS} maxLength={20} filterOption />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="guardianPhone" label={F.guardianPhone}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="bankAccount" label={F.bankAccount} extra="补贴发放账号">
              <Input maxLength={40} style={{ fontFamily: 'monospace' }} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={F.notes}>
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      {/* Stays in view at the foot of the window: the form is taller than a 768-pixel screen. */}
      <div style={{ position: 'sticky', bottom: 0, padding: '10px 0', background: token.colorBgLayout, zIndex: 2 }}>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
          <Button onClick={leave}>取消</Button>
        </Space>
      </div>
    </Form>
  )
}

export function ChildEditPage({ id }: { id?: number }) {
  const { data: child, error, reload } = useCall('children.get', { id: id ?? 0 }, { skip: id === undefined, silent: true })
  const title = id === undefined ? '新增儿童' : child ? `编辑儿童档案：${child.name}` : '编辑儿童档案'
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(id === undefined ? listAddress() : `/children/${id}`)}>
      返回
    </Button>
  )
  if (id !== undefined && error && !child) return <LoadFailed error={error} onRetry={reload} extra={back} />
  if (id !== undefined && !child) return <Skeleton active />
  return (
    <>
      <PageHeader title={title} extra={back} />
      <ChildForm child={child} />
    </>
  )
}
