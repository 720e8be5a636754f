import { DownOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Dropdown, Flex, Input, Radio, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useEffect, useMemo, useState } from 'react'
import { api } from '../../api'
import type { ChildRow } from '../../../contract'
import { CHILD_FIELD_LABELS as F, CHILD_RECORD_LABELS as R, PLACE_RECORD_LABELS as PLACE } from '../../../contract/field-labels'
import { CategorySelect, CategoryTag } from '../../components/categories-context'
import { TownshipSelect, VillageSelect } from '../../components/DivisionSelect'
import { useDivisions } from '../../components/divisions-context'
import { useDownload } from '../../components/download'
import { orDash, SEX_LABEL, STATUS_LABEL } from '../../components/labels'
import { PageHeader } from '../../components/PageHeader'
import { useCall } from '../../components/use-call'
import { useDebounced } from '../../components/use-debounced'
import { navigate, replaceQuery } from '../../routing'
import { rememberList } from './last-list'

type Status = 'active' | 'exited' | 'all'
const PAGE_SIZES = [20, 50, 100]

interface Filters {
  township?: string
  village?: string
  category?: string
  status: Status
  search: string
  page: number
  pageSize: number
}

/** The filters come from the address, so "back" from a child's file and links from the home page land right. */
function filtersFrom(query: URLSearchParams): Filters {
  const status = query.get('status')
  const size = Number(query.get('size'))
  return {
    township: query.get('township') ?? undefined,
    village: query.get('village') ?? undefined,
    category: query.get('category') ?? undefined,
    status: status === 'exited' || status === 'all' ? status : 'active',
    search: query.get('q') ?? '',
    page: Math.max(1, Number(query.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(size) ? size : 50,
  }
}

const columns: ColumnsType<ChildRow> = [
  {
    title: F.name,
    dataIndex: 'name',
    width: 90,
    fixed: 'left',
    // A real link as well as the clickable row: keyboard users and "open in new tab" both work.
    render: (name: string, row) => (
      <a href={`#/children/${row.id}`} onClick={(e) => e.stopPropagation()}>
        {name}
      </a>
    ),
  },
  { title: F.sex, dataIndex: 'sex', width: 56, render: (sex: ChildRow['sex']) => SEX_LABEL[sex] },
  { title: '年龄', dataIndex: 'age', width: 56, align: 'right' },
  {
    title: F.idNumber,
    dataIndex: 'idNumberMasked',
    width: 178,
    render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
  },
  { title: PLACE.townshipCode, dataIndex: 'townshipName', width: 110, ellipsis: true },
  { title: PLACE.villageCode, dataIndex: 'villageName', width: 110, ellipsis: true },
  {
    title: F.categories,
    dataIndex: 'categories',
    render: (names: string[]) => names.map((n) => <CategoryTag key={n} name={n} />),
  },
  { title: R.guardianName, dataIndex: 'guardianName', width: 80, render: orDash },
  {
    title: F.guardianPhone,
    dataIndex: 'guardianPhoneMasked',
    width: 120,
    render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{orDash(v)}</span>,
  },
  {
    title: R.status,
    dataIndex: 'status',
    width: 72,
    render: (s: ChildRow['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{STATUS_LABEL[s]}</Tag>,
  },
]

/** 导出: the register of the township chosen in the filter (or the whole district), and the blank form to fill. */
function ExportMenu({ townshipCode }: { townshipCode?: string }) {
  const { modal } = App.useApp()
  const { townships } = useDivisions()
  const download = useDownload()
  const where = townshipCode ? (townships.find((t) => t.code === townshipCode)?.name ?? '所选乡镇') : '全区'
  const scope = townshipCode ? { townshipCode } : {}
  const register = (fullNumbers: boolean) =>
    void download.run('export', () => api.call('exports.children', { ...scope, fullNumbers }))
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            type: 'group',
            label: `范围：${where}（按当前筛选的乡镇）`,
            children: [
              { key: 'masked', label: '导出名册（身份证号打码）' },
              { key: 'full', label: '导出名册（完整号码）' },
            ],
          },
          { type: 'divider' },
          { key: 'template', label: '下载填报模板' },
        ],
        onClick: ({ key }) => {
          if (key === 'masked') register(false)
          else if (key === 'full') {
            modal.confirm({
              title: '导出完整号码？',
              content: '完整的身份证号、电话和银行账号属于个人敏感信息，请妥善保管导出的文件。本次导出将记入操作日志。',
              okText: '导出',
              cancelText: '取消',
              onOk: () => register(true),
            })
          } else void download.run('export', () => api.call('exports.template', { kind: 'children', ...scope }))
        },
      }}
    >
      <Button icon={<ExportOutlined aria-hidden />} loading={download.busy === 'export'}>
        导出 <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  )
}

export function ChildrenListPage({ query }: { query: URLSearchParams }) {
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(query))
  const [typed, setTyped] = useState(filters.search)
  const search = useDebounced(typed.trim(), 250)

  // A new search starts from page 1; the debounced value, not each keystroke, decides when.
  useEffect(() => {
    setFilters((f) => (f.search === search ? f : { ...f, search, page: 1 }))
  }, [search])

  const change = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }))

  useEffect(() => {
    const address = replaceQuery('/children', {
      township: filters.township,
      village: filters.village,
      category: filters.category,
      status: filters.status === 'active' ? undefined : filters.status,
      q: filters.search,
      page: filters.page > 1 ? filters.page : undefined,
      size: filters.pageSize === 50 ? undefined : filters.pageSize,
    })
    rememberList(address)
  }, [filters])

  const input = useMemo(
    () => ({
      ...(filters.township ? { townshipCode: filters.township } : {}),
      ...(filters.village ? { villageCode: filters.village } : {}),
      ...(filters.category ? { category: filters.category } : {}),
      ...(filters.search ? { search: filters.search } : {}),
      status: filters.status,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    [filters],
  )
  // useCall keeps only the latest answer, so a slow earlier search cannot overwrite a later one.
  const { data, loading } = useCall('children.list', input)

  const filtered = Boolean(filters.township || filters.village || filters.category || filters.search)

  return (
    <>
      <PageHeader
        title="困境儿童"
        sub={data ? `共 ${data.total} 人` : undefined}
        extra={
          <>
            <ExportMenu townshipCode={filters.township} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/children/new')}>
              新增儿童
            </Button>
          </>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} role="search" aria-label="筛选儿童">
        <Input.Search
          aria-label="搜索儿童"
          placeholder="姓名、拼音首字母或身份证号"
          allowClear
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => setTyped(v)}
          maxLength={40}
          style={{ width: 260 }}
        />
        <TownshipSelect
          aria-label="乡镇/街道"
          placeholder="全部乡镇/街道"
          value={filters.township}
          onChange={(township) => change({ township, village: undefined })}
          style={{ width: 160 }}
        />
        <VillageSelect
          aria-label="村/社区"
          placeholder="全部村/社区"
          townshipCode={filters.township}
          value={filters.village}
          onChange={(village) => change({ village })}
          style={{ width: 180 }}
          disabled={!filters.township}
        />
        <CategorySelect
          aria-label="困境类型"
          placeholder="全部困境类型"
          allowClear
          value={filters.category}
          onChange={(category) => change({ category: typeof category === 'string' ? category : undefined })}
          style={{ width: 170 }}
        />
        <Radio.Group
          aria-label="状态"
          optionType="button"
          value={filters.status}
          onChange={(e) => change({ status: e.target.value as Status })}
          options={[
            { value: 'active', label: '在册' },
            { value: 'exited', label: '已退出' },
            { value: 'all', label: '全部' },
          ]}
        />
        {filtered ? (
          <Button
            type="link"
            onClick={() => {
              setTyped('')
              change({ township: undefined, village: undefined, category: undefined, search: '' })
            }}
          >
            清除筛选
          </Button>
        ) : null}
      </Flex>
      <Table<ChildRow>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data?.rows}
        loading={loading}
        sticky
        scroll={{ x: 1100 }}
        onRow={(row) => ({ onClick: () => navigate(`/children/${row.id}`), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: filtered ? '没有符合条件的儿童，请调整筛选条件' : '暂无儿童，点击右上角“新增儿童”登记',
        }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showQuickJumper: true,
          showTotal: (total) => `共 ${total} 人`,
          onChange: (page, pageSize) => {
            setFilters((f) => ({ ...f, page: pageSize === f.pageSize ? page : 1, pageSize }))
            // The pager sits below the rows; the next page should be read from its first row.
            window.scrollTo({ top: 0 })
          },
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        列表中的身份证号和电话已部分隐藏；完整号码在儿童档案中查看。
      </Typography.Text>
    </>
  )
}
