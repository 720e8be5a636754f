import { Modal, type FormInstance } from 'antd'
import type { CSSProperties, ReactNode } from 'react'

/** A dialog around one form: its OK button submits the form, and it is rebuilt fresh each time it opens. */
export function FormModal(props: {
  title: ReactNode
  form: FormInstance
  saving: boolean
  onClose: () => void
  okText?: string
  /** for irreversible-looking actions (退出登记, 撤销) */
  danger?: boolean
  width?: number
  style?: CSSProperties
  children: ReactNode
}) {
  return (
    <Modal
      open
      title={props.title}
      width={props.width}
      style={props.style}
      okText={props.okText ?? '保存'}
      okButtonProps={props.danger ? { danger: true } : undefined}
      cancelText="取消"
      confirmLoading={props.saving}
      onOk={() => props.form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {props.children}
    </Modal>
  )
}
