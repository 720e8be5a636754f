import { App, AutoComplete, Checkbox, Col, DatePicker, Form, Input, Modal, Radio, Row, Skeleton } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../api'
import type { StaffDetail, StaffInput } from '../../../contract'
import { PLACE_RECORD_LABELS as PLACE, STAFF_FIELD_LABELS as F, STAFF_RECORD_LABELS as R } from '../../../contract/field-labels'
import { TownshipSelect, useTownshipOf, VillageSelect, VillagesMultiSelect } from '../../components/DivisionSelect'
import { DATE_FORMAT } from '../../components/labels'
import { LoadFailed } from '../../components/LoadFailed'
import { FormModal } from '../../components/FormModal'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useCall } from '../../components/use-call'
import { useSave } from '../../components/use-save'
import type { StaffKind } from './staff-kinds'

const FIELDS = [
  'divisionCode',
  'name',
  'sex',
  'birthDate',
  'phone',
  'partTime',
  'concurrentPost',
  'education',
  'trained',
  'startDate',
  'endDate',
  'notes',
  'alsoServes',
] as const

interface Values {
  townshipCode?: string
  divisionCode?: string
  name?: string
  sex?: 'M' | 'F'
  birthDate?: Dayjs | null
  phone?: string
  partTime: boolean
  concurrentPost?: string
  education?: string
  trained: boolean
  startDate?: Dayjs | null
  endDate?: Dayjs | null
  notes?: string
  alsoServes?: string[]
}

/** The usual answers; a clerk may still type another (e.g. 研究生). */
const EDUCATION_OPTIONS = ['小学', '初中', '高中', '中专', '大专', '本科及以上'].map((value) => ({ value }))

const day = (iso: string | null) => (iso ? dayjs(iso) : null)
const iso = (d: Dayjs | null | undefined) => (d ? d.format(DATE_FORMAT) : '')

function initialValues(kind: StaffKind, person: StaffDetail | undefined, presetTownship: string | undefined): Partial<Values> {
  if (!person) {
    return {
      partTime: true,
      trained: false,
      ...(kind.place === 'township' ? { divisionCode: presetTownship } : { townshipCode: presetTownship }),
    }
  }
  return {
    townshipCode: person.townshipCode,
    divisionCode: person.divisionCode,
    name: person.name,
    sex: person.sex,
    birthDate: day(person.birthDate),
    phone: person.phone,
    partTime: person.partTime,
    concurrentPost: person.concurrentPost,
    education: person.education,
    trained: person.trained,
    startDate: day(person.startDate),
    endDate: day(person.endDate),
    notes: person.notes,
    alsoServes: person.alsoServes.map((v) => v.code),
  }
}

function StaffForm({ kind, person, presetTownship, onClose, onSaved }: {
  kind: StaffKind
  person?: StaffDetail
  presetTownship?: string
  onClose: () => void
  onSaved: () => void
}) {
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave<{ id: number }>(form, FIELDS)
  const { message } = App.useApp()
  const townshipOf = useTownshipOf()
  const township = Form.useWatch('townshipCode', form)
  const ownVillage = Form.useWatch('divisionCode', form)
  const keep = person ? { code: person.divisionCode, name: person.divisionName } : undefined

  const submit = async (values: Values) => {
    const input: StaffInput = {
      divisionCode: values.divisionCode ?? '',
      name: values.name?.trim() ?? '',
      sex: values.sex ?? 'F',
      birthDate: iso(values.birthDate),
      phone: values.phone?.trim() ?? '',
      partTime: values.partTime,
      concurrentPost: values.concurrentPost?.trim() ?? '',
      education: values.education?.trim() ?? '',
      trained: values.trained,
      startDate: iso(values.startDate),
      endDate: iso(values.endDate),
      notes: values.notes?.trim() ?? '',
      alsoServes: kind.place === 'village' ? (values.alsoServes ?? []) : [],
    }
    const saved = await save(() =>
      person ? api.call(`${kind.calls}.update`, { ...input, id: person.id }) : api.call(`${kind.calls}.create`, input),
    )
    if (saved) {
      void message.success('已保存')
      onSaved()
    }
  }

  return (
    <FormModal
      width={820}
      style={{ top: 48 }}
      title={person ? `编辑${kind.title}：${person.name}` : `新增${kind.title}`}
      onClose={onClose}
      form={form}
      saving={saving}
    >
      <ProblemsAlert problems={general} />
      <Form<Values>
        form={form}
        name="staff"
        layout="vertical"
        initialValues={initialValues(kind, person, presetTownship)}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if (kind.place !== 'village') return
          // Cascade: a new township empties the village; a village picked first fills in its township.
          if ('townshipCode' in changed) form.setFieldValue('divisionCode', undefined)
          if ('divisionCode' in changed && changed.divisionCode && !form.getFieldValue('townshipCode')) {
            form.setFieldValue('townshipCode', townshipOf(changed.divisionCode))
          }
        }}
      >
        <Row gutter={16}>
          {kind.place === 'township' ? (
            <Col span={8}>
              <Form.Item name="divisionCode" label={PLACE.townshipCode} required>
                <TownshipSelect keep={keep} />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col span={8}>
                <Form.Item name="townshipCode" label={PLACE.townshipCode}>
                  <TownshipSelect keep={person ? { code: person.townshipCode, name: person.townshipName } : undefined} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="divisionCode" label={PLACE.villageCode} required>
                  <VillageSelect townshipCode={township} keep={keep} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={8}>
            <Form.Item name="name" label={F.name} required>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sex" label={F.sex} rules={[{ required: true, message: '请选择性别' }]}>
              <Radio.Group
                options={[
                  { value: 'M', label: '男' },
                  { value: 'F', label: '女' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="birthDate" label="出生日期">
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label={R.phone}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="partTime" label={F.partTime}>
              <Radio.Group
                options={[
                  { value: false, label: '专职' },
                  { value: true, label: '兼职' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="concurrentPost" label={F.concurrentPost}>
              <Input maxLength={40} placeholder="如：村妇联主席" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="education" label={F.education}>
              <AutoComplete options={EDUCATION_OPTIONS} maxLength={20} placeholder="选择或填写" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="trained" label="培训" valuePropName="checked">
              <Checkbox>已培训</Checkbox>
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="startDate" label={R.startDate}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="endDate" label={R.endDate}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="仍在任的不填" />
            </Form.Item>
          </Col>
          {kind.place === 'village' ? (
            <Col span={24}>
              <Form.Item name="alsoServes" label={R.alsoServes} extra="一名儿童主任兼管几个村时，在此列出本村以外的村；兼管的村不再计入“无儿童主任的村”。">
                <VillagesMultiSelect exclude={ownVillage} />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item name="notes" label={F.notes}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  )
}

/** Add or edit one person; editing first reads the whole record, as only it carries the unmasked phone. */
export function StaffFormModal({ kind, id, presetTownship, onClose, onSaved }: {
  kind: StaffKind
  id?: number
  presetTownship?: string
  onClose: () => void
  onSaved: () => void
}) {
  const { data: person, error, reload } = useCall(`${kind.calls}.get`, { id: id ?? 0 }, { skip: id === undefined, silent: true })
  if (id !== undefined && !person) {
    return (
      <Modal open title={`编辑${kind.title}`} footer={null} onCancel={onClose}>
        {error ? <LoadFailed error={error} onRetry={reload} /> : <Skeleton active />}
      </Modal>
    )
  }
  return <StaffForm kind={kind} person={person} presetTownship={presetTownship} onClose={onClose} onSaved={onSaved} />
}
