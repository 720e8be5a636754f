import { CloseOutlined, DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons'
import { ExitChildModal } from '../children/ExitChildModal'
import { Alert, App, Button, Checkbox, Collapse, Flex, Progress, Result, Select, Space, Spin, Statistic, Steps, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import type { FilePreview, SheetKind } from '../../../contract'
import { TownshipSelect } from '../../components/DivisionSelect'
import { useDivisions } from '../../components/divisions-context'
import { useDownload } from '../../components/download'
import { useFault } from '../../components/use-fault'
import { ColumnMapping } from './ColumnMapping'
import { KIND_LABEL, KIND_OPTIONS, TOWNSHIP_SOURCE_LABEL } from './import-labels'
import { PreviewRows } from './PreviewRows'
import { sizeText } from './read-file'
import {
  choiceOf,
  commit,
  discard,
  mappingChanged,
  previewAgain,
  previewAll,
  setColumn,
  setKind,
  setRemember,
  setTownship,
  type StagedEntry,
} from './staged-files'

/** Files this big show how far reading has come; small ones are read before a bar could be seen. */
const SHOW_PROGRESS_FROM = 512 * 1024

const STEP_OF: Record<StagedEntry['phase'], number> = { queued: 0, reading: 0, uploading: 1, checking: 2, ready: 3, failed: 0 }

/** Before the first preview: reading → uploading → checking, or why it stopped. */
function StagingProgress({ entry }: { entry: StagedEntry }) {
  if (entry.phase === 'failed') {
    return (
      <Result
        status="error"
        title={entry.id ? `未能检查「${entry.fileName}」` : `未能上传「${entry.fileName}」`}
        subTitle={entry.error}
        extra={
          <Space>
            {entry.id ? (
              <Button type="primary" onClick={() => previewAgain(entry.key)}>
                重新检查
              </Button>
            ) : null}
            <Button onClick={() => void discard(entry.key)}>移除</Button>
          </Space>
        }
      />
    )
  }
  const waitingForOthers = entry.phase === 'checking' && !entry.checking
  const caption: Record<StagedEntry['phase'], string> = {
    queued: '等待前面的文件上传完成……',
    reading: `正在读取文件（${entry.percent}%）……`,
    uploading: '正在上传……',
    checking: waitingForOthers ? '已上传，等待其他文件上传完成后一并检查……' : '正在检查表格内容……',
    ready: '',
    failed: '',
  }
  return (
    <div style={{ maxWidth: 640, padding: '24px 8px' }} aria-live="polite">
      <Steps
        size="small"
        current={STEP_OF[entry.phase]}
        items={[{ title: '读取' }, { title: '上传' }, { title: '检查' }]}
      />
      <Flex vertical gap={8} style={{ marginTop: 20 }}>
        <Typography.Text>
          {entry.fileName}（{sizeText(entry.size)}）：{caption[entry.phase]}
        </Typography.Text>
        {entry.size >= SHOW_PROGRESS_FROM ? (
          <Progress
            percent={entry.phase === 'queued' ? 0 : entry.phase === 'reading' ? entry.percent : 100}
            status={entry.phase === 'queued' ? 'normal' : 'active'}
            aria-label={`「${entry.fileName}」的进度`}
          />
        ) : (
          <Spin size="small" style={{ alignSelf: 'flex-start' }} />
        )}
      </Flex>
    </div>
  )
}

function Counts({ counts }: { counts: FilePreview['counts'] }) {
  const item = (title: string, value: number, color?: string) => (
    <Statistic
      title={title}
      value={value}
      styles={{ title: { fontSize: 12, marginBottom: 0 }, content: { fontSize: 20, lineHeight: '26px', color } }}
    />
  )
  return (
    <Flex gap={24} role="group" aria-label="导入统计">
      {item('新增', counts.new, counts.new ? '#389e0d' : undefined)}
      {item('更新', counts.changed, counts.changed ? '#0958d9' : undefined)}
      {item('未变', counts.unchanged)}
      {item('有误', counts.rejected, counts.rejected ? '#cf1322' : undefined)}
    </Flex>
  )
}

/** 乡镇: as the file names it, or a choice the clerk has to (or may) make. */
function TownshipPart({ entry, preview }: { entry: StagedEntry; preview: FilePreview }) {
  const [choosing, setChoosing] = useState(false)
  const kind = entry.kind ?? preview.kind
  if (kind === 'divisions') return null
  const unknown = preview.fileProblems.some((p) => /无法确定.*乡镇/.test(p.message))
  const select = (
    <TownshipSelect
      aria-label="乡镇"
      style={{ width: 170 }}
      placeholder="请选择乡镇/街道"
      value={entry.townshipCode}
      onChange={(code) => setTownship(entry.key, code)}
      // antd marks the Select red, so a clerk sees where the choice is missing
      {...(unknown ? { status: 'error' as const } : {})}
    />
  )
  let shown: React.ReactNode
  if (entry.townshipCode || choosing || unknown) shown = select
  else if (preview.township) {
    shown = (
      <>
        <Typography.Text strong>{preview.township.name}</Typography.Text>
        {preview.townshipSource ? (
          <Typography.Text type="secondary">（{TOWNSHIP_SOURCE_LABEL[preview.townshipSource]}）</Typography.Text>
        ) : null}
        <Button type="link" size="small" onClick={() => setChoosing(true)} style={{ paddingInline: 4 }}>
          更改
        </Button>
      </>
    )
  } else if (preview.townshipSource === 'column') shown = <Typography.Text>{TOWNSHIP_SOURCE_LABEL.column}</Typography.Text>
  else shown = select
  return (
    <Flex align="center" gap={6}>
      <Typography.Text type="secondary">乡镇</Typography.Text>
      {shown}
      {unknown ? <Typography.Text type="danger">（必选）</Typography.Text> : null}
    </Flex>
  )
}

function MissingVillages({ preview }: { preview: FilePreview }) {
  const [adding, setAdding] = useState<string | null>(null)
  const { message, modal } = App.useApp()
  const fault = useFault()
  const divisions = useDivisions()
  if (preview.missingVillages.length === 0) return null

  const add = async (village: FilePreview['missingVillages'][number]) => {
    setAdding(`${village.townshipCode}/${village.villageName}`)
    try {
      const answer = await api.call('divisions.create', {
        level: 'village',
        parentCode: village.townshipCode,
        name: village.villageName,
      })
      if (answer.ok) {
        void message.success(`已在${village.townshipName}下新增「${village.villageName}」`)
        divisions.reload()
        // Another waiting file of the same township may name the same village.
        previewAll()
      } else {
        modal.error({ title: `未能新增「${village.villageName}」`, content: answer.problems.map((p) => p.message).join('\n') })
      }
    } catch (error) {
      fault(error)
    } finally {
      setAdding(null)
    }
  }

  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title="以下村（社区）不在区划中，这些行暂不能导入。若确是新设或漏登的村，可直接新增；若是写法不同，请改正表格后重新导入。"
      description={
        <Flex vertical gap={4} style={{ marginTop: 4 }}>
          {preview.missingVillages.map((v) => {
            const key = `${v.townshipCode}/${v.villageName}`
            return (
              <Flex key={key} align="center" gap={8} wrap role="group" aria-label={`「${v.villageName}」`}>
                <span>
                  「{v.villageName}」不在{v.townshipName}的区划中（{v.rows}行）
                </span>
                <Button
                  size="small"
                  icon={<PlusOutlined aria-hidden />}
                  loading={adding === key}
                  disabled={adding !== null && adding !== key}
                  onClick={() => void add(v)}
                >
                  新增该村
                </Button>
              </Flex>
            )
          })}
        </Flex>
      }
    />
  )
}

/** Children the township's new list leaves out: the clerk decides, one by one, whether they left (never deleted). */
function NotInList({ preview }: { preview: FilePreview }) {
  const [leaving, setLeaving] = useState<{ id: number; name: string } | null>(null)
  if (preview.notInList.length === 0) return null
  return (
    <>
    <Collapse
      size="small"
      style={{ marginTop: 12 }}
      items={[
        {
          key: 'not-in-list',
          label: `名单中没有、但台账中在册的儿童（${preview.notInList.length}人）：请核实是否已离开或迁出`,
          children: (
            <Flex wrap gap="4px 20px">
              {preview.notInList.map((c) => (
                <span key={c.id} style={{ minWidth: 260 }}>
                  <a href={`#/children/${c.id}`}>{c.name}</a>
                  <Typography.Text type="secondary">
                    {' '}
                    {c.townshipName} {c.villageName}
                  </Typography.Text>{' '}
                  <Button type="link" size="small" onClick={() => setLeaving({ id: c.id, name: c.name })}>
                    登记离开
                  </Button>
                </span>
              ))}
            </Flex>
          ),
        },
      ]}
    />
    {leaving ? (
      <ExitChildModal
        child={leaving}
        onClose={() => setLeaving(null)}
        onSaved={() => {
          setLeaving(null)
          previewAll()
        }}
      />
    ) : null}
    </>
  )
}

function SheetSection({ entry, preview, sheet }: { entry: StagedEntry; preview: FilePreview; sheet: FilePreview['sheets'][number] }) {
  const header =
    sheet.headerRows.length > 0
      ? `表头在第 ${sheet.headerRows.join('、')} 行，数据 ${sheet.dataRows} 行`
      : `数据 ${sheet.dataRows} 行`
  return (
    <section style={{ marginBottom: 12 }} aria-label={`工作表「${sheet.name}」的列对应`}>
      <Flex gap={8} align="baseline" wrap style={{ marginBottom: 6 }}>
        <Typography.Text strong>工作表「{sheet.name}」</Typography.Text>
        {sheet.skipped ? (
          <Typography.Text type="danger">{sheet.skipped}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{header}</Typography.Text>
        )}
      </Flex>
      <ColumnMapping
        sheet={sheet}
        fields={preview.fields}
        changed={entry.mapping[sheet.name]}
        onChange={(index, field) => setColumn(entry.key, sheet.name, index, field)}
      />
    </section>
  )
}

function Actions({ entry, preview }: { entry: StagedEntry; preview: FilePreview }) {
  const { message, modal } = App.useApp()
  const fault = useFault()
  const download = useDownload()
  const [committing, setCommitting] = useState(false)
  const { counts } = preview
  const unit = (entry.kind ?? preview.kind) === 'divisions' ? '个' : '人'

  const run = async () => {
    setCommitting(true)
    try {
      const answer = await commit(entry.key)
      if (answer.ok) {
        void message.success(`已导入：新增 ${answer.value.counts.new}，更新 ${answer.value.counts.changed}`)
      } else {
        modal.error({
          title: '未能导入',
          width: 560,
          content: (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {answer.problems.map((p, i) => (
                <li key={i} style={{ whiteSpace: 'pre-wrap' }}>
                  {p.message}
                </li>
              ))}
            </ul>
          ),
        })
        previewAgain(entry.key)
      }
    } catch (error) {
      fault(error)
    } finally {
      setCommitting(false)
    }
  }

  const confirm = () => {
    const rejected = counts.rejected > 0 ? `有误的 ${counts.rejected} 行不导入。` : ''
    modal.confirm({
      title: `导入「${entry.fileName}」？`,
      content: `将新增 ${counts.new} ${unit}、更新 ${counts.changed} ${unit}；${rejected}导入前会自动备份数据库。`,
      okText: '导入',
      cancelText: '取消',
      onOk: run,
    })
  }

  return (
    <Flex gap={8} wrap>
      <Button
        type="primary"
        icon={<ImportOutlined aria-hidden />}
        disabled={!preview.canCommit || entry.checking}
        loading={committing}
        onClick={confirm}
      >
        导入
      </Button>
      {counts.rejected > 0 ? (
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={download.busy === 'errors'}
          onClick={() =>
            void download.run('errors', () => api.call('imports.errorBook', choiceOf(entry)), '没有有误的行，无需下载错误说明表。')
          }
        >
          下载错误说明表
        </Button>
      ) : null}
      <Button icon={<CloseOutlined aria-hidden />} disabled={committing} onClick={() => void discard(entry.key)}>
        移除
      </Button>
    </Flex>
  )
}

/** Why 导入 is greyed out, when it is: a clerk should not have to guess. */
function whyNotCommit(preview: FilePreview): string | null {
  if (preview.canCommit) return null
  if (preview.fileProblems.length > 0) return '请先处理红框中的问题，才能导入。'
  if (!preview.kind) return '未能识别文件类型，请在「识别为」中选择。'
  if (preview.counts.new + preview.counts.changed === 0) {
    return preview.counts.rejected > 0 ? '没有可导入的行：有误的行须改正后重新导入。' : '表中的内容与台账一致，无需导入。'
  }
  return null
}

export function FilePanel({ entry }: { entry: StagedEntry }) {
  const preview = entry.preview
  if (!preview) return <StagingProgress entry={entry} />
  const kind: SheetKind | undefined = entry.kind ?? preview.kind ?? undefined
  const why = whyNotCommit(preview)
  const showRemember = mappingChanged(entry) && Boolean(entry.townshipCode ?? preview.township)

  // Not a workbook at all (or a damaged one): nothing to choose or map, only why and the way out.
  if (preview.sheets.length === 0) {
    return (
      <Flex vertical gap={12} style={{ paddingTop: 4 }}>
        <Alert
          type="error"
          showIcon
          role="alert"
          title={preview.fileProblems.map((p) => p.message).join('；') || '未能读取该文件。'}
        />
        <Flex gap={8}>
          <Button onClick={() => previewAgain(entry.key)}>重新检查</Button>
          <Button icon={<CloseOutlined aria-hidden />} onClick={() => void discard(entry.key)}>
            移除
          </Button>
        </Flex>
      </Flex>
    )
  }

  return (
    <Spin spinning={entry.checking} delay={250} description="正在重新检查……">
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 12 }}>
        <Flex vertical gap={10}>
          <Flex gap={20} align="center" wrap>
            <Flex align="center" gap={6}>
              <Typography.Text type="secondary">识别为</Typography.Text>
              <Select<SheetKind>
                aria-label="识别为"
                style={{ width: 160 }}
                placeholder="请选择类型"
                value={kind}
                options={KIND_OPTIONS}
                onChange={(k) => setKind(entry.key, k)}
                status={kind ? undefined : 'error'}
              />
            </Flex>
            <TownshipPart key={entry.townshipCode ? 'chosen' : 'found'} entry={entry} preview={preview} />
          </Flex>
          <Counts counts={preview.counts} />
        </Flex>
        <Flex vertical gap={6} align="flex-end">
          <Actions entry={entry} preview={preview} />
          {why ? <Typography.Text type="secondary">{why}</Typography.Text> : null}
        </Flex>
      </Flex>

      {entry.error ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`重新检查未完成：${entry.error}`}
          action={
            <Button size="small" onClick={() => previewAgain(entry.key)}>
              重试
            </Button>
          }
        />
      ) : null}

      {preview.fileProblems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={preview.fileProblems.length === 1 ? preview.fileProblems[0]?.message : '文件有以下问题，须处理后才能导入：'}
          description={
            preview.fileProblems.length > 1 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {preview.fileProblems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}

      <MissingVillages preview={preview} />

      {preview.sheets.map((sheet) =>
        sheet.columns.length > 0 ? (
          <SheetSection key={sheet.name} entry={entry} preview={preview} sheet={sheet} />
        ) : (
          <div key={sheet.name} style={{ marginBottom: 6 }}>
            <Typography.Text type="secondary">
              工作表「{sheet.name}」：{sheet.skipped ?? (sheet.kind ? KIND_LABEL[sheet.kind] : '未识别')}
            </Typography.Text>
          </div>
        ),
      )}

      {showRemember ? (
        <Checkbox checked={entry.remember} onChange={(e) => setRemember(entry.key, e.target.checked)} style={{ marginBottom: 12 }}>
          记住该乡镇的列对应（下次导入{preview.township?.name ?? '该乡镇'}的表格时自动使用）
        </Checkbox>
      ) : null}

      <Typography.Title level={5} style={{ marginTop: 12, marginBottom: 8 }}>
        逐行检查结果
      </Typography.Title>
      <PreviewRows preview={preview} />
      <NotInList preview={preview} />
    </Spin>
  )
}
