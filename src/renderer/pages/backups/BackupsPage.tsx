import { CloudDownloadOutlined, HistoryOutlined, ReloadOutlined, SafetyCertificateOutlined, SaveOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import type { BackupCounts, BackupInfo, CheckReport } from '../../../contract'
import { useDownload } from '../../components/download'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { useCall } from '../../components/use-call'
import { useFault } from '../../components/use-fault'

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

function describeCounts(c: BackupCounts): string {
  return `在册儿童 ${c.children} 人 · 督导员 ${c.supervisors} 人 · 儿童主任 ${c.directors} 人 · 村/社区 ${c.villages} 个 · 导入批次 ${c.importBatches} 个 · 已锁定花名册 ${c.lockedRosters} 份`
}

const REASON_COLOR: Record<BackupInfo['reason'], string> = {
  migration: 'purple',
  import: 'blue',
  'roster-lock': 'gold',
  restore: 'red',
  daily: 'default',
  manual: 'green',
}

/** 备份与恢复: what each backup holds, a backup now, a restore after confirmation, a copy to a USB stick. */
export function BackupsPage() {
  const list = useCall('backups.list', {}, { silent: true })
  const { modal, message } = App.useApp()
  const fault = useFault()
  const download = useDownload()
  const [busy, setBusy] = useState<string | null>(null)
  const [check, setCheck] = useState<CheckReport | null>(null)

  if (!list.data) return list.error ? <LoadFailed error={list.error} onRetry={list.reload} /> : <Card loading />
  const data = list.data

  const act = async (key: string, run: () => Promise<void>) => {
    setBusy(key)
    try {
      await run()
    } catch (error) {
      fault(error)
    } finally {
      setBusy(null)
    }
  }

  const backupNow = () =>
    act('create', async () => {
      const info = await api.call('backups.create', {})
      void message.success(`已备份：${info.name}`)
      list.reload()
    })

  const restore = (backup: BackupInfo) =>
    modal.confirm({
      title: `恢复到 ${backup.at} 的备份？`,
      width: 560,
      content: (
        <Space direction="vertical">
          <Typography.Text>
            台账将回到该备份时的状态：{backup.counts ? describeCounts(backup.counts) : ''}。
          </Typography.Text>
          <Typography.Text>现在：{describeCounts(data.current)}。</Typography.Text>
          <Typography.Text type="warning">
            该备份之后录入或导入的数据将不在台账中。恢复前会先自动备份当前状态，如需要可以再恢复回来。
          </Typography.Text>
        </Space>
      ),
      okText: '确认恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        act(`restore:${backup.name}`, async () => {
          const answer = await api.call('backups.restore', { name: backup.name })
          if (!answer.ok) return void message.error(answer.problems.map((p) => p.message).join('；'))
          void message.success(`已恢复到 ${answer.value.restored.at} 的备份；恢复前的状态已另存为备份。`)
          list.reload()
        }),
    })

  const runCheck = () =>
    act('check', async () => {
      setCheck(await api.call('backups.check', {}))
    })

  return (
    <>
      <PageHeader
        title="备份与恢复"
        sub={`${data.backups.length} 份备份`}
        extra={
          <>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
              刷新
            </Button>
            <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={busy === 'check'} onClick={runCheck}>
              检查数据库
            </Button>
            <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={busy === 'create'} onClick={backupNow}>
              立即备份
            </Button>
          </>
        }
      />
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="数据库">{data.databaseFile}</Descriptions.Item>
        <Descriptions.Item label="备份文件夹">{data.folder}</Descriptions.Item>
        <Descriptions.Item label="现在的内容">{describeCounts(data.current)}</Descriptions.Item>
        <Descriptions.Item label="自动备份">每天首次启动、每次导入、锁定花名册、升级和恢复之前自动备份。{data.rotation}</Descriptions.Item>
      </Descriptions>
      {check ? (
        <Alert
          style={{ marginBottom: 12 }}
          type={check.ok ? 'success' : 'error'}
          showIcon
          closable
          onClose={() => setCheck(null)}
          message={check.ok ? `检查通过：完整性、外键及 ${check.checks - 2} 项台账规则均无问题。` : `检查发现 ${check.findings.length} 个问题`}
          description={
            check.ok ? undefined : (
              <List size="small" dataSource={check.findings} renderItem={(f) => <List.Item>{f.message}</List.Item>} />
            )
          }
        />
      ) : null}
      <Table<BackupInfo>
        rowKey="name"
        size="middle"
        dataSource={data.backups}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有备份。点击“立即备份”做第一份。' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170 },
          { title: '原因', dataIndex: 'reasonName', width: 130, render: (text: string, b) => <Tag color={REASON_COLOR[b.reason]}>{text}</Tag> },
          {
            title: '内容',
            render: (_v, b) =>
              b.readable && b.counts ? describeCounts(b.counts) : <Typography.Text type="danger">无法读取（文件已损坏），不能用来恢复</Typography.Text>,
          },
          { title: '大小', dataIndex: 'sizeBytes', width: 90, render: (n: number) => size(n) },
          {
            title: '操作',
            width: 220,
            render: (_v, b) => (
              <Space>
                <Button
                  size="small"
                  icon={<HistoryOutlined aria-hidden />}
                  disabled={!b.readable}
                  loading={busy === `restore:${b.name}`}
                  onClick={() => restore(b)}
                  aria-label={`恢复 ${b.at} 的备份`}
                >
                  恢复
                </Button>
                <Button
                  size="small"
                  icon={<CloudDownloadOutlined aria-hidden />}
                  loading={download.busy === b.name}
                  onClick={() => void download.run(b.name, () => api.call('backups.download', { name: b.name }), '该备份已不存在，请刷新列表。')}
                  aria-label={`另存 ${b.at} 的备份`}
                >
                  另存到…
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        “另存到…”把备份文件保存到您选择的位置（如U盘）。请妥善保管：备份中含有儿童的身份证号、联系电话和银行账号。
      </Typography.Paragraph>
    </>
  )
}
