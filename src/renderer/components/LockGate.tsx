import { LockOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Flex, Form, Input, Spin, Typography } from 'antd'
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import type { LockStatus } from '../../contract'
import { api, LOCKED_EVENT } from '../api'
import { faultText } from './use-fault'

/**
 * The app lock on screen. With a password set, the app asks for it when the window opens, when the loopback host
 * or the main process says it is locked, and after the idle time without mouse or keyboard input (then it calls
 * lock.lock itself). The pages stay mounted but hidden while locked, so a half-filled form survives a lock.
 */

interface LockApi {
  status: LockStatus | undefined
  refresh: () => Promise<void>
  lockNow: () => Promise<void>
}
const LockContext = createContext<LockApi>({ status: undefined, refresh: async () => {}, lockNow: async () => {} })
export const useLock = () => useContext(LockContext)

const INPUT_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const
/** While the clerk is active, the main process hears so at most this often (its own idle clock is the backstop). */
const HEARTBEAT_MS = 60_000
const CHECK_MS = 15_000

/** Shows the recovery code once, with what it is for. */
export function showRecoveryCode(modal: ReturnType<typeof App.useApp>['modal'], code: string): void {
  modal.info({
    title: '请抄下恢复码',
    width: 520,
    okText: '我已抄下并妥善保管',
    content: (
      <Flex vertical gap={8}>
        <Typography.Paragraph style={{ margin: 0 }}>
          忘记开机密码时，用这个恢复码可以重新设置密码。它只显示这一次，用过一次即失效（届时会给出新的恢复码）。
          请抄在纸上，交由单位负责人保管，不要与电脑放在一起。
        </Typography.Paragraph>
        <Typography.Text code copyable style={{ fontSize: 20, letterSpacing: 1 }} aria-label="恢复码">
          {code}
        </Typography.Text>
      </Flex>
    ),
  })
}

function UnlockScreen({ onUnlocked }: { onUnlocked: () => void }) {
  const [mode, setMode] = useState<'password' | 'recover'>('password')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string>()
  const [form] = Form.useForm()
  const { modal } = App.useApp()

  useEffect(() => {
    document.title = '已锁定 - 儿童福利台账'
  }, [])

  const submit = async (values: { password?: string; recoveryCode?: string; newPassword?: string; confirm?: string }) => {
    setBusy(true)
    setProblem(undefined)
    try {
      if (mode === 'password') {
        const answer = await api.call('lock.unlock', { password: values.password ?? '' })
        if (!answer.ok) return setProblem(answer.problems.map((p) => p.message).join(' '))
        form.resetFields()
        onUnlocked()
      } else {
        const answer = await api.call('lock.recover', { recoveryCode: values.recoveryCode ?? '', newPassword: values.newPassword ?? '' })
        if (!answer.ok) return setProblem(answer.problems.map((p) => p.message).join(' '))
        form.resetFields()
        showRecoveryCode(modal, answer.value.recoveryCode)
        onUnlocked()
      }
    } catch (error) {
      setProblem(faultText(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', background: '#001529' }} role="main" aria-label="解锁">
      <Card style={{ width: 400 }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 16 }}>
          <LockOutlined style={{ fontSize: 32, color: '#1677ff' }} aria-hidden />
          <Typography.Title level={4} style={{ margin: 0 }}>
            儿童福利台账已锁定
          </Typography.Title>
          <Typography.Text type="secondary">{mode === 'password' ? '请输入开机密码' : '用恢复码重新设置密码'}</Typography.Text>
        </Flex>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          {mode === 'password' ? (
            <Form.Item label="开机密码" name="password" rules={[{ required: true, message: '请输入开机密码' }]}>
              <Input.Password autoFocus autoComplete="current-password" />
            </Form.Item>
          ) : (
            <>
              <Form.Item label="恢复码" name="recoveryCode" rules={[{ required: true, message: '请输入恢复码' }]}>
                <Input autoFocus placeholder="XXXX-XXXX-XXXX-XXXX-XXXX" autoComplete="off" />
              </Form.Item>
              <NewPasswordFields />
            </>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {mode === 'password' ? '解锁' : '设置新密码并解锁'}
          </Button>
        </Form>
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button
            type="link"
            onClick={() => {
              setProblem(undefined)
              form.resetFields()
              setMode(mode === 'password' ? 'recover' : 'password')
            }}
          >
            {mode === 'password' ? '忘记密码？使用恢复码' : '返回输入密码'}
          </Button>
        </Flex>
      </Card>
    </Flex>
  )
}

/** New password and its confirmation, for the forms that set one. */
export function NewPasswordFields() {
  return (
    <>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少8位；建议字母、数字混合。"
        rules={[
          { required: true, message: '请输入新密码' },
          { min: 8, message: '密码至少8位。' },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="再次输入新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  )
}

export function LockGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LockStatus>()
  const [failure, setFailure] = useState<string>()
  /** the pages have been shown once (so they stay mounted, hidden, while locked) */
  const [shown, setShown] = useState(false)
  const lastInput = useRef(Date.now())
  const lastBeat = useRef(Date.now())

  const refresh = useCallback(async () => {
    const next = await api.call('lock.status', {})
    setStatus(next)
  }, [])

  const lockNow = useCallback(async () => {
    await api.call('lock.lock', {})
    await refresh()
  }, [refresh])

  // A window that opens asks for the password, even if another window of the session had unlocked it.
  useEffect(() => {
    let cancelled = false
    void (async () => {
      try {
        let first = await api.call('lock.status', {})
        if (first.passwordSet && !first.locked) {
          await api.call('lock.lock', {})
          first = { ...first, locked: true }
        }
        if (!cancelled) setStatus(first)
      } catch (error) {
        if (!cancelled) setFailure(faultText(error))
      }
    })()
    return () => {
      cancelled = true
    }
  }, [])

  useEffect(() => {
    if (status && !status.locked) setShown(true)
  }, [status])

  // Any call refused as locked brings the lock screen up.
  useEffect(() => {
    const onLocked = () => setStatus((s) => (s ? { ...s, locked: true } : s))
    window.addEventListener(LOCKED_EVENT, onLocked)
    return () => window.removeEventListener(LOCKED_EVENT, onLocked)
  }, [])

  // Idle: no mouse or keyboard for the idle time locks the app; while active, the main process hears a heartbeat.
  const guarding = Boolean(status?.passwordSet && !status.locked)
  useEffect(() => {
    if (!guarding || !status) return
    lastInput.current = Date.now()
    const onInput = () => {
      const now = Date.now()
      lastInput.current = now
      if (now - lastBeat.current > HEARTBEAT_MS) {
        lastBeat.current = now
        void api.call('lock.status', {}).then((s) => s.locked && setStatus(s), () => {})
      }
    }
    for (const event of INPUT_EVENTS) window.addEventListener(event, onInput, { passive: true })
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput.current > status.idleMinutes * 60_000) void lockNow().catch(() => {})
    }, CHECK_MS)
    return () => {
      for (const event of INPUT_EVENTS) window.removeEventListener(event, onInput)
      window.clearInterval(timer)
    }
  }, [guarding, status, lockNow])

  if (failure) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Alert type="error" showIcon title="无法连接台账服务" description={failure} />
      </Flex>
    )
  }
  if (!status) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin />
      </Flex>
    )
  }
  const locked = status.locked
  return (
    <LockContext.Provider value={{ status, refresh, lockNow }}>
      {locked ? <UnlockScreen onUnlocked={() => void refresh()} /> : null}
      {shown ? (
        <div style={locked ? { display: 'none' } : undefined} aria-hidden={locked || undefined}>
          {children}
        </div>
      ) : null}
      {/* Modals (antd renders them into body) of a hidden page must not show over the lock screen. */}
      {locked ? <style>{'.ant-modal-root, .ant-drawer, .ant-message, .ant-notification { display: none !important; }'}</style> : null}
    </LockContext.Provider>
  )
}
