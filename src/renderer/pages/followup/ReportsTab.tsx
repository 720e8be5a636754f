import { ExportOutlined, PrinterOutlined } from '@ant-design/icons'
import { Button, Card, DatePicker, Flex, Segmented, Skeleton, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState, type ReactNode } from 'react'
import { api } from '../../api'
import { SERVICE_AREA_NAMES, type ServicesReport } from '../../../contract'
import { chineseDate } from '../../../contract/labels'
import { useDivisions } from '../../components/divisions-context'
import { useDownload } from '../../components/download'
import { DATE_FORMAT } from '../../components/labels'
import { useCall } from '../../components/use-call'

type ServiceRow = ServicesReport['rows'][number]
type Which = 'services' | 'categories' | 'completion'

const rate = (r: number | null) => (r === null ? '—' : `${r}%`)

/** The printed form of a report: the same rows as on screen, under the bureau's title. */
function PrintSheet({ title, meta, head, rows }: { title: string; meta: string; head: string[]; rows: (string | number)[][] }) {
  const { district } = useDivisions()
  return (
    <div className="print-only print-sheet" data-testid="report-print">
      <h1>
        {district?.name ?? ''}
        {title}
      </h1>
      <div className="print-meta">
        <span>填报单位：{district?.name ?? ''}民政局</span>
        <span>{meta}</span>
      </div>
      <table>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} className={typeof cell === 'number' ? 'number' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="print-signatures">
        <span>填表人：</span>
        <span>审核人：</span>
        <span>负责人：</span>
      </div>
    </div>
  )
}

function Toolbar({ children, onExport, busy }: { children: ReactNode; onExport: () => void; busy: boolean }) {
  return (
    <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }} className="screen-only">
      {children}
      <Button icon={<ExportOutlined aria-hidden />} loading={busy} onClick={onExport}>
        导出Excel
      </Button>
      <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
        打印
      </Button>
    </Flex>
  )
}

function ServicesReportView() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()])
  const from = range[0].format(DATE_FORMAT)
  const to = range[1].format(DATE_FORMAT)
  const { data } = useCall('reports.services', { from, to })
  const download = useDownload()
  const district = (r: ServiceRow) => [r.name, SERVICE_AREA_NAMES[r.area], r.needed, r.received, rate(r.ratePercent), r.referencePercent === null ? '—' : `${r.referencePercent}%`]
  return (
    <>
      <Toolbar busy={download.busy === 'services'} onExport={() => void download.run('services', () => api.call('exports.servicesReport', { from, to }))}>
        <label htmlFor="services-range">统计期间</label>
        <DatePicker.RangePicker id="services-range" value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
      </Toolbar>
      {!data ? (
        <Skeleton active />
      ) : (
        <div className="screen-only">
          <Table<ServiceRow>
            size="small"
            rowKey="code"
            dataSource={data.rows}
            pagination={false}
            expandable={{
              childrenColumnName: 'nestedRows',
              expandedRowRender: (r) => (
                <Table
                  size="small"
                  rowKey="name"
                  pagination={false}
                  dataSource={data.townships.map((t, i) => ({ name: t.name, ...r.byTownship[i]! }))}
                  columns={[
                    { title: '乡镇/街道', dataIndex: 'name' },
                    { title: '需要', dataIndex: 'needed', align: 'right' },
                    { title: '已提供', dataIndex: 'received', align: 'right' },
                    { title: '提供率', dataIndex: 'ratePercent', align: 'right', render: rate },
                  ]}
                />
              ),
            }}
            columns={[
              { title: '服务项目', dataIndex: 'name' },
              { title: '领域', dataIndex: 'area', width: 90, render: (a: keyof typeof SERVICE_AREA_NAMES) => SERVICE_AREA_NAMES[a] },
              { title: '需要服务的儿童', dataIndex: 'needed', width: 120, align: 'right' },
              { title: '已获得服务的儿童', dataIndex: 'received', width: 130, align: 'right' },
              { title: '提供率', dataIndex: 'ratePercent', width: 80, align: 'right', render: rate },
              { title: '调研参考', dataIndex: 'referencePercent', width: 90, align: 'right', render: (p: number | null) => (p === null ? '—' : `${p}%`) },
            ]}
          />
        </div>
      )}
      {data ? (
        <PrintSheet
          title="困境儿童服务提供情况统计表"
          meta={`统计期间：${chineseDate(from)}至${chineseDate(to)}`}
          head={['服务项目', '领域', '需要服务的儿童', '已获得服务的儿童', '提供率', '调研参考']}
          rows={data.rows.map(district)}
        />
      ) : null}
    </>
  )
}

function CategoriesReportView() {
  const [date, setDate] = useState<Dayjs>(dayjs())
  const day = date.format(DATE_FORMAT)
  const { data } = useCall('reports.categories', { date: day })
  const download = useDownload()
  const head = data ? ['乡镇/街道', ...data.categories.map((c) => c.name), '困境儿童（人）'] : []
  const rows = data ? [...data.rows.map((r) => [r.townshipName, ...r.counts, r.children]), ['合计', ...data.district.counts, data.district.children]] : []
  return (
    <>
      <Toolbar busy={download.busy === 'categories'} onExport={() => void download.run('categories', () => api.call('exports.categoriesReport', { date: day }))}>
        <label htmlFor="categories-date">统计日期</label>
        <DatePicker id="categories-date" value={date} allowClear={false} onChange={(v) => v && setDate(v)} />
      </Toolbar>
      {!data ? (
        <Skeleton active />
      ) : (
        <div className="screen-only">
          <Table
            size="small"
            rowKey={(r) => String(r[0])}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={head.map((h, i) => ({ title: h, key: h, align: i === 0 ? ('left' as const) : ('right' as const), render: (_: unknown, r: (string | number)[]) => (i === 0 && r[0] === '合计' ? <strong>合计</strong> : r[i]) }))}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            一名儿童可属多个类型，各类型人数之和可能大于儿童人数。
          </Typography.Paragraph>
        </div>
      )}
      {data ? <PrintSheet title="困境儿童分类统计表" meta={`统计日期：${chineseDate(day)}`} head={head} rows={rows} /> : null}
    </>
  )
}

function CompletionReportView() {
  const { data } = useCall('reports.completion', {})
  const download = useDownload()
  const rows = data ? data.directors.map((d) => [d.townshipName, d.directorName, d.villageNames.join('、'), d.children, d.reviewed, d.checked, rate(d.ratePercent)]) : []
  return (
    <>
      <Toolbar busy={download.busy === 'completion'} onExport={() => void download.run('completion', () => api.call('exports.completionReport', data ? { quarter: data.quarter } : {}))}>
        {data ? (
          <Typography.Text>
            {data.quarter} 季度（截止 {data.deadline}）：应更新 {data.district.children} 人，已更新 {data.district.reviewed} 人，已审核 {data.district.checked} 人，完成率 {rate(data.district.ratePercent)}
          </Typography.Text>
        ) : null}
      </Toolbar>
      {!data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12} className="screen-only">
          <Card size="small" title="按儿童主任">
            <Table
              size="small"
              rowKey={(d) => `${d.directorId ?? 'none'}-${d.townshipName}`}
              dataSource={data.directors}
              pagination={{ pageSize: 30, hideOnSinglePage: true }}
              expandable={{ childrenColumnName: 'nestedRows' }}
              columns={[
                { title: '乡镇/街道', dataIndex: 'townshipName', width: 110 },
                { title: '儿童主任', dataIndex: 'directorName', width: 100 },
                { title: '村/社区', dataIndex: 'villageNames', render: (v: string[]) => v.join('、') },
                { title: '应更新', dataIndex: 'children', width: 80, align: 'right' },
                { title: '已更新', dataIndex: 'reviewed', width: 80, align: 'right' },
                { title: '已审核', dataIndex: 'checked', width: 80, align: 'right' },
                { title: '完成率', dataIndex: 'ratePercent', width: 80, align: 'right', render: rate },
              ]}
            />
          </Card>
          <Card size="small" title="按儿童督导员（乡镇/街道）">
            <Table
              size="small"
              rowKey="townshipCode"
              dataSource={data.supervisors}
              pagination={false}
              expandable={{ childrenColumnName: 'nestedRows' }}
              columns={[
                { title: '乡镇/街道', dataIndex: 'townshipName', width: 110 },
                { title: '儿童督导员', dataIndex: 'supervisorName', render: (n: string | null) => n ?? <Typography.Text type="danger">空缺</Typography.Text> },
                { title: '应更新', dataIndex: 'children', width: 80, align: 'right' },
                { title: '已更新', dataIndex: 'reviewed', width: 80, align: 'right' },
                { title: '已审核', dataIndex: 'checked', width: 80, align: 'right' },
                { title: '完成率', dataIndex: 'ratePercent', width: 80, align: 'right', render: rate },
              ]}
            />
          </Card>
        </Flex>
      )}
      {data ? (
        <PrintSheet
          title="困境儿童档案季度更新完成情况表"
          meta={`${data.quarter} 季度，截止 ${data.deadline}`}
          head={['乡镇/街道', '儿童主任', '村/社区', '应更新', '已更新', '已审核', '完成率']}
          rows={rows}
        />
      ) : null}
    </>
  )
}

/** The three reports the bureau owes: by category, service delivery, quarterly update completion. */
export function ReportsTab() {
  const [which, setWhich] = useState<Which>('services')
  return (
    <>
      <Segmented
        className="screen-only"
        style={{ marginBottom: 12 }}
        value={which}
        onChange={(v) => setWhich(v as Which)}
        options={[
          { value: 'services', label: '服务提供情况' },
          { value: 'categories', label: '分类统计' },
          { value: 'completion', label: '季度更新完成情况' },
        ]}
      />
      {which === 'services' ? <ServicesReportView /> : which === 'categories' ? <CategoriesReportView /> : <CompletionReportView />}
    </>
  )
}
