import { Tabs } from 'antd'
import { PageHeader } from '../../components/PageHeader'
import { replaceQuery } from '../../routing'
import { BudgetTab } from './BudgetTab'
import { ProgrammesTab } from './ProgrammesTab'
import { RostersTab } from './RostersTab'

const TABS = ['rosters', 'programmes', 'budget'] as const

/** 补贴发放: rosters generated from the registry, the programmes and standards behind them, and the year's budget. */
export function SubsidiesPage({ query }: { query: URLSearchParams }) {
  const asked = query.get('tab')
  const tab = TABS.find((t) => t === asked) ?? 'rosters'
  return (
    <>
      <PageHeader title="补贴发放" />
      <Tabs
        defaultActiveKey={tab}
        onChange={(key) => replaceQuery('/subsidies', { tab: key === 'rosters' ? undefined : key })}
        items={[
          { key: 'rosters', label: '发放花名册', children: <RostersTab /> },
          { key: 'programmes', label: '补贴项目与标准', children: <ProgrammesTab /> },
          { key: 'budget', label: '预算测算', children: <BudgetTab /> },
        ]}
      />
    </>
  )
}
