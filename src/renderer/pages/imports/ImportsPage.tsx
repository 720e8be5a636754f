import { DownloadOutlined, ExclamationCircleFilled, InboxOutlined, LoadingOutlined } from '@ant-design/icons'
import { App, Badge, Button, Dropdown, Flex, Tabs, Typography, Upload } from 'antd'
import { api } from '../../api'
import type { SheetKind } from '../../../contract'
import { useDownload } from '../../components/download'
import { PageHeader } from '../../components/PageHeader'
import { FilePanel } from './FilePanel'
import { ImportBatches } from './ImportBatches'
import { KIND_OPTIONS } from './import-labels'
import { isAcceptedFile } from './read-file'
import { addFile, setActiveKey, useStagedFiles, type StagedEntry } from './staged-files'

function TabTitle({ entry }: { entry: StagedEntry }) {
  const busy = entry.phase !== 'ready' && entry.phase !== 'failed'
  const rejected = entry.preview?.counts.rejected ?? 0
  return (
    <Flex align="center" gap={6}>
      {busy || entry.checking ? <LoadingOutlined aria-hidden /> : null}
      {entry.phase === 'failed' ? <ExclamationCircleFilled style={{ color: '#cf1322' }} aria-hidden /> : null}
      <span
        title={entry.fileName}
        style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'inline-block' }}
      >
        {entry.fileName}
      </span>
      {rejected > 0 ? <Badge count={rejected} overflowCount={999} size="small" title={`有误 ${rejected} 行`} /> : null}
    </Flex>
  )
}

function TemplateMenu() {
  const download = useDownload()
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: KIND_OPTIONS.map((k) => ({ key: k.value, label: `${k.label}模板` })),
        onClick: ({ key }) =>
          void download.run('template', () => api.call('exports.template', { kind: key as SheetKind })),
      }}
    >
      <Button icon={<DownloadOutlined aria-hidden />} loading={download.busy === 'template'}>
        下载填报模板
      </Button>
    </Dropdown>
  )
}

export function ImportsPage() {
  const { entries, activeKey } = useStagedFiles()
  const { message } = App.useApp()
  const compact = entries.length > 0

  return (
    <>
      <PageHeader title="导入" sub="乡镇报来的名单：先检查、再导入；有误的行可导出错误说明表退回乡镇" extra={<TemplateMenu />} />
      <Upload.Dragger
        multiple
        accept=".xlsx,.xls,.csv"
        showUploadList={false}
        fileList={[]}
        aria-label="选择要导入的表格文件"
        beforeUpload={(file, batch) => {
          if (!isAcceptedFile(file.name)) {
            void message.error(`「${file.name}」不是表格文件：只能导入 .xlsx、.xls 或 .csv 文件。`)
            return Upload.LIST_IGNORE
          }
          addFile(file, file === batch.find((f) => isAcceptedFile(f.name)))
          return false
        }}
        style={compact ? { padding: '4px 0' } : undefined}
      >
        {compact ? (
          <Typography.Text>
            <InboxOutlined aria-hidden style={{ color: '#1677ff', marginInlineEnd: 8 }} />
            继续添加：点击或把文件拖到这里（同时检查的文件之间会核对重复的儿童）
          </Typography.Text>
        ) : (
          <>
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">点击选择或把表格文件拖到这里</p>
            <p className="ant-upload-hint">
              支持 .xlsx、.xls、.csv，可一次选择多个文件（如各乡镇报来的名单）。导入前会先显示检查结果，确认后才写入台账。
            </p>
          </>
        )}
      </Upload.Dragger>

      {entries.length > 0 ? (
        <Tabs
          type="card"
          style={{ marginTop: 16 }}
          // One file's preview in the page at a time: 2,000 rows per file stay light, and each control is found once.
          destroyOnHidden
          activeKey={activeKey ?? entries[0]?.key}
          onChange={setActiveKey}
          items={entries.map((entry) => ({
            key: entry.key,
            label: <TabTitle entry={entry} />,
            children: <FilePanel entry={entry} />,
          }))}
        />
      ) : null}

      <ImportBatches />
    </>
  )
}
