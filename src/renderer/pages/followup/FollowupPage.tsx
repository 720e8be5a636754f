import { Tabs } from 'antd'
import { PageHeader } from '../../components/PageHeader'
import { replaceQuery } from '../../routing'
import { CatalogueTab } from './CatalogueTab'
import { ReviewsToCheck, StaleList, VisitsList } from './FollowupLists'
import { ReportsTab } from './ReportsTab'

const TABS = ['stale', 'visits', 'reviews', 'reports', 'catalogue'] as const

/** 个案跟进: overdue files, visits and risks, the supervisor's checks, the reports, the service catalogue. */
export function FollowupPage({ query }: { query: URLSearchParams }) {
  const asked = query.get('tab')
  const tab = TABS.find((t) => t === asked) ?? 'stale'
  return (
    <>
      <div className="screen-only">
        <PageHeader title="个案跟进" />
      </div>
      <Tabs
        defaultActiveKey={tab}
        onChange={(key) => replaceQuery('/followup', { tab: key === 'stale' ? undefined : key })}
        items={[
          { key: 'stale', label: '逾期未更新', children: <StaleList /> },
          { key: 'visits', label: '走访与风险', children: <VisitsList /> },
          { key: 'reviews', label: '更新审核', children: <ReviewsToCheck /> },
          { key: 'reports', label: '统计报表', children: <ReportsTab /> },
          { key: 'catalogue', label: '服务目录与设置', children: <CatalogueTab /> },
        ]}
      />
    </>
  )
}
