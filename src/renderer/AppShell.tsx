import {
  ApartmentOutlined,
  AuditOutlined,
  SafetyOutlined,
  BarChartOutlined,
  DatabaseOutlined,
  FileSearchOutlined,
  HomeOutlined,
  ImportOutlined,
  PayCircleOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { Layout, Menu, Typography } from 'antd'
import type { ReactNode } from 'react'
import { CategoriesProvider } from './components/categories-context'
import { DivisionsProvider } from './components/divisions-context'
import { useCall } from './components/use-call'
import { CategoriesPage } from './pages/categories/CategoriesPage'
import { BackupsPage } from './pages/backups/BackupsPage'
import { StaffingPage } from './pages/workforce/StaffingPage'
import { FollowupPage } from './pages/followup/FollowupPage'
import { RosterPage } from './pages/subsidies/RosterPage'
import { SubsidiesPage } from './pages/subsidies/SubsidiesPage'
import { ChildEditPage } from './pages/children/ChildEditPage'
import { ChildFilePage } from './pages/children/ChildFilePage'
import { ChildrenListPage } from './pages/children/ChildrenListPage'
import { DivisionsPage } from './pages/divisions/DivisionsPage'
import { HomePage } from './pages/home/HomePage'
import { ImportsPage } from './pages/imports/ImportsPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { AuditLogPage } from './pages/audit/AuditLogPage'
import { SecurityPage } from './pages/security/SecurityPage'
import { DirectorsPage, SupervisorsPage } from './pages/staff/StaffPages'
import { navigate, useHashRoute, type Route } from './routing'

const MENU = [
  { key: '/', icon: <HomeOutlined />, label: '首页' },
  { key: '/divisions', icon: <ApartmentOutlined />, label: '区划' },
  { key: '/children', icon: <TeamOutlined />, label: '困境儿童' },
  { key: '/supervisors', icon: <SolutionOutlined />, label: '儿童督导员' },
  { key: '/directors', icon: <UserOutlined />, label: '儿童主任' },
  { key: '/workforce', icon: <BarChartOutlined />, label: '队伍与配比' },
  { key: '/followup', icon: <FileSearchOutlined />, label: '个案跟进' },
  { key: '/subsidies', icon: <PayCircleOutlined />, label: '补贴发放' },
  { key: '/imports', icon: <ImportOutlined />, label: '导入' },
  { key: '/categories', icon: <TagsOutlined />, label: '类型字典' },
  { key: '/audit', icon: <AuditOutlined />, label: '操作日志' },
  { key: '/security', icon: <SafetyOutlined />, label: '安全设置' },
  { key: '/backups', icon: <DatabaseOutlined />, label: '备份与恢复' },
]

function menuKeyOf(path: string): string {
  const top = '/' + (path.split('/')[1] ?? '')
  return MENU.some((m) => m.key === top) ? top : '/'
}

function pageFor(route: Route): ReactNode {
  const parts = route.path.split('/').filter(Boolean)
  const [area, id, action] = parts
  const numericId = id && /^\d+$/.test(id) ? Number(id) : undefined
  switch (area) {
    case undefined:
      return <HomePage />
    case 'divisions':
      return parts.length === 1 ? <DivisionsPage /> : null
    case 'children':
      if (parts.length === 1) return <ChildrenListPage query={route.query} />
      if (id === 'new' && parts.length === 2) return <ChildEditPage />
      if (numericId && parts.length === 2) return <ChildFilePage id={numericId} />
      if (numericId && action === 'edit' && parts.length === 3) return <ChildEditPage id={numericId} />
      return null
    case 'supervisors':
      return parts.length === 1 ? <SupervisorsPage /> : null
    case 'directors':
      return parts.length === 1 ? <DirectorsPage /> : null
    case 'workforce':
      return parts.length === 1 ? <StaffingPage /> : null
    case 'followup':
      return parts.length === 1 ? <FollowupPage query={route.query} /> : null
    case 'subsidies':
      if (parts.length === 1) return <SubsidiesPage query={route.query} />
      if (id === 'rosters' && action && /^\d+$/.test(action) && parts.length === 3) return <RosterPage id={Number(action)} />
      return null
    case 'categories':
      return parts.length === 1 ? <CategoriesPage /> : null
    case 'imports':
      return parts.length === 1 ? <ImportsPage /> : null
    case 'audit':
      return parts.length === 1 ? <AuditLogPage query={route.query} /> : null
    case 'security':
      return parts.length === 1 ? <SecurityPage /> : null
    case 'backups':
      return parts.length === 1 ? <BackupsPage /> : null
    default:
      return null
  }
}

function Version() {
  const { data } = useCall('app.info', {})
  if (!data) return null
  return (
    <Typography.Text style={{ color: 'rgba(255,255,255,0.45)', fontSize: 12 }}>
      版本 {data.version}
      {data.user ? ` · ${data.user}` : ''}
    </Typography.Text>
  )
}

export function AppShell() {
  const route = useHashRoute()
  const page = pageFor(route) ?? <NotFoundPage />
  return (
    <DivisionsProvider>
      <CategoriesProvider>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider
            width={184}
            style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
          >
            <div style={{ padding: '18px 16px 14px', color: '#fff', fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>
              儿童福利台账
            </div>
            <nav aria-label="主菜单">
              <Menu
                theme="dark"
                mode="inline"
                selectedKeys={[menuKeyOf(route.path)]}
                items={MENU}
                onClick={({ key }) => navigate(key)}
              />
            </nav>
            <div style={{ position: 'absolute', bottom: 12, left: 16, right: 8 }}>
              <Version />
            </div>
          </Layout.Sider>
          <Layout.Content style={{ padding: '16px 20px', minWidth: 0 }}>
            {/* A new visit remounts the page, so it reads fresh data and its filters from the address. */}
            <div key={`${route.path}#${route.visit}`}>{page}</div>
          </Layout.Content>
        </Layout>
      </CategoriesProvider>
    </DivisionsProvider>
  )
}
