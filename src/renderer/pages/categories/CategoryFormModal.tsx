import { Form, Input, Select } from 'antd'
import type { Category, Dimension } from '../../../contract'
import { FormModal } from '../../components/FormModal'
import { ProblemsAlert } from '../../components/ProblemsAlert'
import { DIMENSION_LABEL } from '../../components/labels'
import { useSave } from '../../components/use-save'
import { api } from '../../api'

interface Values {
  name: string
  dimension: Dimension
  aliases: string[]
}

const FIELDS = ['name', 'dimension', 'aliases'] as const

/** Adds a bureau category, or edits one; a built-in category only takes new aliases. */
export function CategoryFormModal(props: { category?: Category; onClose: () => void; onSaved: (c: Category) => void }) {
  const { category } = props
  const [form] = Form.useForm<Values>()
  const { save, saving, general } = useSave<Category>(form, FIELDS)
  const builtin = category?.builtin ?? false

  const submit = async (values: Values) => {
    const saved = await save(() =>
      api.call('categories.save', {
        ...(category ? { code: category.code } : {}),
        name: values.name ?? '',
        dimension: values.dimension,
        aliases: values.aliases ?? [],
      }),
    )
    if (saved) props.onSaved(saved)
  }

  return (
    <FormModal
      title={category ? `修改困境类型：${category.name}` : '新增困境类型'}
      onClose={props.onClose}
      form={form}
      saving={saving}
    >
      <ProblemsAlert problems={general} />
      <Form<Values>
        form={form}
        name="category"
        layout="vertical"
        initialValues={category ?? { dimension: 'other', aliases: [] }}
        onFinish={submit}
      >
        <Form.Item name="name" label="类型名称" required extra={builtin ? '系统内置类型，名称和维度不能修改。' : undefined}>
          <Input maxLength={30} disabled={builtin} autoFocus={!builtin} />
        </Form.Item>
        <Form.Item name="dimension" label="困境维度" rules={[{ required: true, message: '请选择困境维度' }]}>
          <Select
            disabled={builtin}
            options={(Object.keys(DIMENSION_LABEL) as Dimension[]).map((d) => ({ value: d, label: DIMENSION_LABEL[d] }))}
          />
        </Form.Item>
        <Form.Item
          name="aliases"
          label="别名"
          extra="乡镇报表中的其他写法，导入时按别名识别。输入后按回车添加。"
        >
          <Select mode="tags" open={false} tokenSeparators={['、', ',', '，']} placeholder="例如：留守、留守儿童" />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
