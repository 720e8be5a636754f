import { App, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { ReactNode } from 'react'
import { api } from '../../api'
import {
  DOCUMENT_TYPE_NAMES,
  NEED_LEVEL_NAMES,
  RISK_FLAG_NAMES,
  VISIT_KIND_NAMES,
  type CatalogueEntry,
  type Outcome,
} from '../../../contract'
import { FormModal } from '../../components/FormModal'
import { DATE_FORMAT } from '../../components/labels'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { useSave } from '../../components/use-save'

const iso = (d: Dayjs | null | undefined) => (d ? d.format(DATE_FORMAT) : '')
const choices = <K extends string>(names: Record<K, string>) => (Object.keys(names) as K[]).map((value) => ({ value, label: names[value] }))

/** One follow-up record in a dialog: the form, its problems under the fields, a word when saved. */
function RecordModal<V extends object>({ title, fields, initial, write, onClose, onSaved, children, okText }: {
  title: string
  fields: readonly string[]
  initial: Partial<V>
  write: (values: V) => Promise<Outcome<unknown>>
  onClose: () => void
  onSaved: () => void
  children: ReactNode
  okText?: string
}) {
  const [form] = Form.useForm<V>()
  const { save, saving, general } = useSave<unknown>(form, fields)
  const { message } = App.useApp()
  return (
    <FormModal title={title} form={form} saving={saving} onClose={onClose} width={640} okText={okText}>
      <ProblemsAlert problems={general} />
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={async (values) => {
          if ((await save(() => write(values))) !== undefined) {
            void message.success('已保存')
            onSaved()
          }
        }}
      >
        {children}
      </Form>
    </FormModal>
  )
}

interface Common {
  childId: number
  onClose: () => void
  onSaved: () => void
}

export function ReviewModal({ childId, onClose, onSaved }: Common) {
  type V = { reviewedOn: Dayjs; reviewer: string; noChange: boolean; changes: string }
  return (
    <RecordModal<V>
      title="登记季度更新"
      fields={['reviewedOn', 'reviewer', 'noChange', 'changes']}
      initial={{ reviewedOn: dayjs(), noChange: false, changes: '' }}
      onClose={onClose}
      onSaved={onSaved}
      write={(v) => api.call('reviews.add', { childId, reviewedOn: iso(v.reviewedOn), reviewer: v.reviewer?.trim() ?? '', noChange: v.noChange, changes: v.changes?.trim() ?? '' })}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="reviewedOn" label="更新日期" required>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="reviewer" label="更新人（儿童主任）" required>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="noChange" valuePropName="checked">
        <Checkbox>本季度情况无变化</Checkbox>
      </Form.Item>
      <Form.Item name="changes" label="变化情况">
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} placeholder="如：监护人外出务工，改由祖母照料" />
      </Form.Item>
    </RecordModal>
  )
}

export function VisitModal({ childId, onClose, onSaved }: Common) {
  type V = { visitedOn: Dayjs; visitor: string; kind: 'home' | 'phone' | 'school'; findings: string; risk: keyof typeof RISK_FLAG_NAMES | 'none' }
  return (
    <RecordModal<V>
      title="登记走访"
      fields={['visitedOn', 'visitor', 'kind', 'findings', 'risk']}
      initial={{ visitedOn: dayjs(), kind: 'home', risk: 'none', findings: '' }}
      onClose={onClose}
      onSaved={onSaved}
      write={(v) =>
        api.call('visits.add', {
          childId,
          visitedOn: iso(v.visitedOn),
          visitor: v.visitor?.trim() ?? '',
          kind: v.kind,
          findings: v.findings?.trim() ?? '',
          risk: v.risk === 'none' ? null : v.risk,
        })
      }
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="visitedOn" label="走访日期" required>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="visitor" label="走访人" required>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="kind" label="方式">
            <Radio.Group options={choices(VISIT_KIND_NAMES)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="findings" label="走访发现">
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="risk" label="风险标记" extra="有风险的走访会出现在工作台上，直到有人登记处理措施。">
        <Radio.Group options={[{ value: 'none', label: '无' }, ...choices(RISK_FLAG_NAMES)]} />
      </Form.Item>
    </RecordModal>
  )
}

export function ResolveModal({ visitId, onClose, onSaved }: { visitId: number; onClose: () => void; onSaved: () => void }) {
  type V = { resolvedOn: Dayjs; resolvedBy: string; action: string }
  return (
    <RecordModal<V>
      title="登记风险处理措施"
      okText="登记处理"
      fields={['resolvedOn', 'resolvedBy', 'action']}
      initial={{ resolvedOn: dayjs() }}
      onClose={onClose}
      onSaved={onSaved}
      write={(v) => api.call('visits.resolve', { id: visitId, resolvedOn: iso(v.resolvedOn), resolvedBy: v.resolvedBy?.trim() ?? '', action: v.action?.trim() ?? '' })}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="resolvedOn" label="处理日期" required>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="resolvedBy" label="处理人" required>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="action" label="处理措施" required>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 3, maxRows: 6 }} placeholder="如：已联系村委会安排临时照料，督导员次日复访" />
      </Form.Item>
    </RecordModal>
  )
}

const LEVELS = [{ value: 'none', label: '无' }, ...choices(NEED_LEVEL_NAMES)]
type Level = keyof typeof NEED_LEVEL_NAMES | 'none'
const level = (l: Level | undefined) => (!l || l === 'none' ? null : l)

export function AssessmentModal({ childId, catalogue, onClose, onSaved }: Common & { catalogue: CatalogueEntry[] }) {
  type V = {
    assessedOn: Dayjs
    assessor: string
    selfLevel: Level
    selfNotes: string
    familyLevel: Level
    familyNotes: string
    guardianshipLevel: Level
    guardianshipNotes: string
    services: string[]
  }
  const dimension = (key: 'self' | 'family' | 'guardianship', label: string) => (
    <Row gutter={16}>
      <Col span={10}>
        <Form.Item name={`${key}Level`} label={`${label}需求`}>
          <Select options={LEVELS} />
        </Form.Item>
      </Col>
      <Col span={14}>
        <Form.Item name={`${key}Notes`} label="说明">
          <Input maxLength={1000} />
        </Form.Item>
      </Col>
    </Row>
  )
  return (
    <RecordModal<V>
      title="需求评估"
      fields={['assessedOn', 'assessor', 'selfLevel', 'familyLevel', 'guardianshipLevel', 'services']}
      initial={{ assessedOn: dayjs(), selfLevel: 'none', familyLevel: 'none', guardianshipLevel: 'none', services: [] }}
      onClose={onClose}
      onSaved={onSaved}
      write={(v) =>
        api.call('assessments.save', {
          childId,
          assessedOn: iso(v.assessedOn),
          assessor: v.assessor?.trim() ?? '',
          selfLevel: level(v.selfLevel),
          selfNotes: v.selfNotes?.trim() ?? '',
          familyLevel: level(v.familyLevel),
          familyNotes: v.familyNotes?.trim() ?? '',
          guardianshipLevel: level(v.guardianshipLevel),
          guardianshipNotes: v.guardianshipNotes?.trim() ?? '',
          services: v.services ?? [],
        })
      }
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="assessedOn" label="评估日期" required>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="assessor" label="评估人" required>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      {dimension('self', '自身')}
      {dimension('family', '家庭')}
      {dimension('guardianship', '监护')}
      <Form.Item name="services" label="需要的服务" extra="每项尚无计划的服务会自动列入服务计划。">
        <Select mode="multiple" allowClear options={catalogue.map((c) => ({ value: c.code, label: c.name }))} showSearch={{ filterOption: (input, o) => String(o?.label ?? '').includes(input) }} />
      </Form.Item>
    </RecordModal>
  )
}

export function DeliverModal({ childId, catalogue, plan, onClose, onSaved }: Common & { catalogue: CatalogueEntry[]; plan?: { id: number; serviceCode: string } }) {
  type V = { serviceCode: string; deliveredOn: Dayjs; provider: string; notes: string }
  return (
    <RecordModal<V>
      title="登记服务提供"
      fields={['serviceCode', 'deliveredOn', 'provider', 'notes']}
      initial={{ serviceCode: plan?.serviceCode, deliveredOn: dayjs() }}
      onClose={onClose}
      onSaved={onSaved}
      write={(v) =>
        api.call('services.deliver', {
          childId,
          serviceCode: v.serviceCode ?? '',
          ...(plan ? { planId: plan.id } : {}),
          deliveredOn: iso(v.deliveredOn),
          provider: v.provider?.trim() ?? '',
          notes: v.notes?.trim() ?? '',
        })
      }
    >
      <Form.Item name="serviceCode" label="服务项目" required>
        <Select disabled={Boolean(plan)} options={catalogue.map((c) => ({ value: c.code, label: c.name }))} showSearch={{ filterOption: (input, o) => String(o?.label ?? '').includes(input) }} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="deliveredOn" label="提供日期" required>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="provider" label="提供者">
            <Input maxLength={100} placeholder="如：儿童主任、乡镇卫生院" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label="备注">
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </RecordModal>
  )
}

export function DocumentModal({ childId, onClose, onSaved }: Common) {
  type V = { type: keyof typeof DOCUMENT_TYPE_NAMES; title: string; issuedOn?: Dayjs; validUntil?: Dayjs; notes: string }
  return (
    <RecordModal<V>
      title="登记在档材料"
      fields={['type', 'title', 'issuedOn', 'validUntil', 'notes']}
      initial={{ type: 'school-enrolment' }}
      onClose={onClose}
      onSaved={onSaved}
      write={(v) =>
        api.call('documents.add', {
          childId,
          type: v.type,
          title: v.title?.trim() ?? '',
          issuedOn: iso(v.issuedOn),
          validUntil: iso(v.validUntil),
          notes: v.notes?.trim() ?? '',
        })
      }
    >
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="type" label="材料类型">
            <Select options={choices(DOCUMENT_TYPE_NAMES)} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="title" label="材料名称" required>
            <Input maxLength={100} placeholder="如：2026年秋季学期在读证明" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="issuedOn" label="出具日期">
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="validUntil" label="有效期至" extra="在读证明的有效期决定满18周岁后能否继续发放。">
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label="备注">
        <Input maxLength={1000} />
      </Form.Item>
    </RecordModal>
  )
}
