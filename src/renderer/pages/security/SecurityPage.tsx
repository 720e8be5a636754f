import { LockOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { Problem } from '../../../contract'
import { api } from '../../api'
import { NewPasswordFields, showRecoveryCode, useLock } from '../../components/LockGate'
import { PageHeader } from '../../components/PageHeader'
import { useFault } from '../../components/use-fault'

/** Field problems from an { ok: false } answer onto the form. */
function showProblems(form: ReturnType<typeof Form.useForm>[0], problems: Problem[], fallback: string): void {
  form.setFields(problems.map((p) => ({ name: p.field ?? fallback, errors: [p.message] })))
}

function SetPasswordCard({ hasPassword, onDone }: { hasPassword: boolean; onDone: () => void }) {
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const { modal, message } = App.useApp()
  const fault = useFault()
  const submit = async (values: { currentPassword?: string; newPassword: string }) => {
    setBusy(true)
    try {
      const answer = await api.call('lock.setPassword', { currentPassword: values.currentPassword, newPassword: values.newPassword })
      if (!answer.ok) return showProblems(form, answer.problems, 'newPassword')
      form.resetFields()
      void message.success(hasPassword ? '开机密码已修改' : '开机密码已设置')
      showRecoveryCode(modal, answer.value.recoveryCode)
      onDone()
    } catch (error) {
      fault(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title={hasPassword ? '修改开机密码' : '设置开机密码'} style={{ maxWidth: 520 }}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        {hasPassword ? (
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        ) : null}
        <NewPasswordFields />
        <Button type="primary" htmlType="submit" loading={busy}>
          {hasPassword ? '修改密码' : '设置密码'}
        </Button>
      </Form>
    </Card>
  )
}

function ClearPasswordCard({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const { modal, message } = App.useApp()
  const fault = useFault()
  const submit = (values: { password: string }) =>
    modal.confirm({
      title: '取消开机密码？',
      content: '取消后，任何能打开这台电脑的人都能直接查看台账中的儿童信息。',
      okText: '取消密码',
      okButtonProps: { danger: true },
      cancelText: '保留密码',
      onOk: async () => {
        setBusy(true)
        try {
          const answer = await api.call('lock.clear', { password: values.password })
          if (!answer.ok) return showProblems(form, answer.problems, 'password')
          form.resetFields()
          void message.success('已取消开机密码')
          onDone()
        } catch (error) {
          fault(error)
        } finally {
          setBusy(false)
        }
      },
    })
  return (
    <Card title="取消开机密码" style={{ maxWidth: 520 }}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label="当前密码" name="password" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button danger htmlType="submit" loading={busy}>
          取消开机密码
        </Button>
      </Form>
    </Card>
  )
}

/** 安全设置: the app password (set, change, clear), lock now, and how recovery works. */
export function SecurityPage() {
  const { status, refresh, lockNow } = useLock()
  const fault = useFault()
  const done = () => void refresh().catch(fault)
  const hasPassword = Boolean(status?.passwordSet)
  return (
    <>
      <PageHeader
        title="安全设置"
        extra={
          hasPassword ? (
            <Button icon={<LockOutlined aria-hidden />} onClick={() => void lockNow().catch(fault)}>
              立即锁定
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Descriptions size="small" bordered column={1} style={{ maxWidth: 520 }}>
          <Descriptions.Item label="开机密码">
            {hasPassword ? `已设置（${status?.setAt ? dayjs(status.setAt).format('YYYY-MM-DD HH:mm') : ''}）` : '未设置'}
          </Descriptions.Item>
          <Descriptions.Item label="自动锁定">{`${status?.idleMinutes ?? 15} 分钟无操作后自动锁定`}</Descriptions.Item>
        </Descriptions>
        {hasPassword ? null : (
          <Alert
            type="warning"
            showIcon
            style={{ maxWidth: 520 }}
            title="尚未设置开机密码：任何能打开这台电脑的人都能查看儿童的身份证号、电话和银行账号。建议设置。"
          />
        )}
        <SetPasswordCard hasPassword={hasPassword} onDone={done} />
        {hasPassword ? <ClearPasswordCard onDone={done} /> : null}
        <Typography.Paragraph type="secondary" style={{ maxWidth: 640 }}>
          设置或修改密码后会显示一个恢复码，只显示一次。忘记密码时，在锁定界面点“忘记密码？使用恢复码”，输入恢复码即可设置新密码；
          恢复码用过即失效，并换发新的恢复码。密码和恢复码只以加盐的 scrypt 摘要保存，任何人（包括技术支持）都无法从数据库中读出。
          设置、修改、取消密码都记入操作日志。
        </Typography.Paragraph>
      </Flex>
    </>
  )
}
