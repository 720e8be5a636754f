import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { Category } from '../../../contract'
import { useCategories } from '../../components/categories-context'
import { DIMENSION_COLOR, DIMENSION_LABEL } from '../../components/labels'
import { PageHeader } from '../../components/PageHeader'
import { CategoryFormModal } from './CategoryFormModal'

/** The bureau's dictionary of categories: the national types plus the bureau's own, each with its aliases. */
export function CategoriesPage() {
  const { categories, loading, reload } = useCategories()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<Category | 'new' | null>(null)

  return (
    <>
      <PageHeader
        title="困境类型字典"
        sub={`${categories.length} 个类型`}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增类型
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        国家分类的三个维度（自身困境、家庭困境、监护困境）下的类型为系统内置；本局可增加其他类型（如隔代抚养、单亲家庭），并为任一类型增加别名，导入乡镇报表时按名称和别名识别。
      </Typography.Paragraph>
      <Table<Category>
        size="small"
        rowKey="code"
        loading={loading}
        dataSource={categories}
        pagination={false}
        columns={[
          { title: '类型名称', dataIndex: 'name', width: 180 },
          {
            title: '困境维度',
            dataIndex: 'dimension',
            width: 120,
            render: (d: Category['dimension']) => <Tag color={DIMENSION_COLOR[d]}>{DIMENSION_LABEL[d]}</Tag>,
          },
          { title: '别名', dataIndex: 'aliases', render: (aliases: string[]) => aliases.join('、') || '—' },
          { title: '来源', dataIndex: 'builtin', width: 90, render: (b: boolean) => (b ? '内置' : '本局新增') },
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_, category) => (
              <Button type="link" size="small" onClick={() => setEditing(category)}>
                修改
              </Button>
            ),
          },
        ]}
      />
      {editing ? (
        <CategoryFormModal
          category={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null)
            reload()
            void message.success(`已保存「${saved.name}」`)
          }}
        />
      ) : null}
    </>
  )
}
