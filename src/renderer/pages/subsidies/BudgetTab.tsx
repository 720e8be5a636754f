import { Card, DatePicker, Empty, Flex, Input, InputNumber, Select, Statistic, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import type { BudgetYear } from '../../../contract'
import { yuanAsNumber } from '../../../contract/money'
import { barsOption, EChart } from '../../components/EChart'
import { readAmount, yuan } from '../../components/money'
import { useCall } from '../../components/use-call'

type BudgetMonth = BudgetYear['months'][number]

/** The year's cost of a programme under the standards in force, and what a new standard or caseload would cost. */
export function BudgetTab() {
  const programmes = useCall('programmes.list', {})
  const [programme, setProgramme] = useState<string>()
  const [year, setYear] = useState<Dayjs>(dayjs())
  // Typed as text and read to fen by the contract's parser; until it reads, the what-if keeps the standard.
  const [newAmount, setNewAmount] = useState('')
  const reading = newAmount.trim() ? readAmount(newAmount) : null
  const [from, setFrom] = useState<Dayjs | null>(null)
  const [caseload, setCaseload] = useState<number | null>(null)
  const chosen = programme ?? programmes.data?.find((p) => p.active)?.code
  const whatIf = {
    ...(reading?.ok ? { newAmountFen: reading.fen } : {}),
    ...(from ? { fromMonth: from.format('YYYY-MM') } : {}),
    ...(caseload !== null ? { caseloadChangePercent: caseload } : {}),
  }
  const budget = useCall(
    'budget.year',
    { programme: chosen ?? 'orphan-basic', year: year.year(), ...(Object.keys(whatIf).length ? { whatIf } : {}) },
    { skip: !chosen },
  )
  const data = budget.data
  const chart = useMemo(
    () =>
      data
        ? barsOption(
            data.months.map((m) => `${Number(m.month.slice(5))}月`),
            [
              { name: '现行标准', values: data.months.map((m) => yuanAsNumber(m.amountFen)), color: '#1677ff' },
              { name: '测算', values: data.months.map((m) => yuanAsNumber(m.whatIfAmountFen)), color: '#fa8c16' },
            ],
            '元',
          )
        : null,
    [data],
  )
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex gap={16} wrap align="center">
          <Flex gap={8} align="center">
            <label htmlFor="budget-programme">补贴项目</label>
            <Select
              id="budget-programme"
              style={{ width: 260 }}
              value={chosen}
              onChange={setProgramme}
              options={(programmes.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
            />
          </Flex>
          <Flex gap={8} align="center">
            <label htmlFor="budget-year">年度</label>
            <DatePicker id="budget-year" picker="year" value={year} allowClear={false} onChange={(v) => v && setYear(v)} />
          </Flex>
          <Flex gap={8} align="center">
            <label htmlFor="budget-amount">新标准（元）</label>
            <Input
              id="budget-amount"
              inputMode="decimal"
              style={{ width: 120 }}
              value={newAmount}
              onChange={(e) => setNewAmount(e.target.value)}
              placeholder="不变"
              status={reading && !reading.ok ? 'error' : undefined}
              aria-describedby={reading && !reading.ok ? 'budget-amount-problem' : undefined}
            />
            {reading && !reading.ok ? (
              <Typography.Text type="danger" id="budget-amount-problem">
                {reading.reason}
              </Typography.Text>
            ) : null}
          </Flex>
          <Flex gap={8} align="center">
            <label htmlFor="budget-from">自</label>
            <DatePicker id="budget-from" picker="month" format="YYYY年M月" value={from} onChange={setFrom} placeholder="1月" />
            <span>起</span>
          </Flex>
          <Flex gap={8} align="center">
            <label htmlFor="budget-caseload">人数变化（%）</label>
            <InputNumber id="budget-caseload" min={-100} max={1000} precision={0} value={caseload} onChange={setCaseload} placeholder="0" />
          </Flex>
        </Flex>
      </Card>
      {!data ? (
        budget.loading ? null : <Empty description="请选择补贴项目" />
      ) : (
        <>
          <Flex gap={16}>
            <Card size="small" style={{ flex: 1 }}>
              <Statistic title={`${data.year}年现行标准全年支出（元）`} value={yuan(data.totalFen)} />
            </Card>
            <Card size="small" style={{ flex: 1 }}>
              <Statistic title="测算全年支出（元）" value={yuan(data.whatIfTotalFen)} />
            </Card>
            <Card size="small" style={{ flex: 1 }}>
              <Statistic title="差额（元）" value={`${data.differenceFen > 0 ? '+' : ''}${yuan(data.differenceFen)}`} />
            </Card>
          </Flex>
          <Card size="small" title={`${data.programmeName} ${data.year}年逐月支出`}>
            {chart ? <EChart option={chart} label="逐月支出柱状图" /> : null}
          </Card>
          <Table<BudgetMonth>
            size="small"
            rowKey="month"
            dataSource={data.months}
            pagination={false}
            columns={[
              { title: '月份', dataIndex: 'month' },
              { title: '人数', dataIndex: 'caseload', align: 'right' },
              { title: '金额（元）', dataIndex: 'amountFen', align: 'right', render: (f: number) => yuan(f) },
              { title: '测算人数', dataIndex: 'whatIfCaseload', align: 'right' },
              { title: '测算金额（元）', dataIndex: 'whatIfAmountFen', align: 'right', render: (f: number) => yuan(f) },
            ]}
          />
          {data.notes.length ? (
            <Typography.Paragraph type="secondary">
              {data.notes.map((n) => (
                <div key={n}>{n}</div>
              ))}
            </Typography.Paragraph>
          ) : null}
        </>
      )}
    </Flex>
  )
}
