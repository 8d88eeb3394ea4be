/** 储备网络: the 区—街镇—社区 tree with coverage, a search box and the selected site's details. */
import { useMemo, useState } from 'react'
import { App, Button, Card, Col, Input, Row, Skeleton, Space, Tree, Typography } from 'antd'
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { percent } from '../../common/format'
import type { Site, Tree as NetTree } from '../../common/types'
import { buildTree, filterTree } from './buildTree'
import { SiteDetails } from './SiteDetails'
import { CommunityDetails } from './CommunityDetails'
import { SiteDateDialog, SiteForm, type SiteFormValues } from './SiteForm'
import { ImportDistrict } from './ImportDistrict'
import { openSiteLabels } from '../labels/useLabelTarget'

function regionNames(tree: NetTree): Map<string, string> {
  const m = new Map<string, string>()
  if (tree.district) m.set(tree.district.code, tree.district.name)
  for (const s of tree.streets) {
    m.set(s.code, s.name)
    for (const c of s.communities) m.set(c.code, `${s.name} ${c.name}`)
  }
  return m
}

function allSites(tree: NetTree): Map<string, Site> {
  const list = [...tree.districtSites, ...tree.streets.flatMap((s) => [...s.sites, ...s.communities.flatMap((c) => c.sites)])]
  return new Map(list.map((s) => [s.id, s]))
}

export function NetworkPage() {
  const { t, i18n } = useTranslation()
  const { data: tree, error, reload } = useApi('network.tree', {})
  const [query, setQuery] = useState('')
  const [expanded, setExpanded] = useState<string[] | null>(null)
  const [selected, setSelected] = useState<string>()
  const [community, setCommunity] = useState<string>()
  const [form, setForm] = useState<Partial<SiteFormValues> | null>(null)
  const [dateDialog, setDateDialog] = useState<'close' | 'reopen' | null>(null)
  const [importing, setImporting] = useState(false)
  const { message } = App.useApp()

  const nodes = useMemo(() => (tree ? buildTree(tree, t) : []), [tree, t, i18n.language])
  const filtered = useMemo(() => filterTree(nodes, query), [nodes, query])
  const names = useMemo(() => (tree ? regionNames(tree) : new Map<string, string>()), [tree])
  const sites = useMemo(() => (tree ? allSites(tree) : new Map<string, Site>()), [tree])

  if (error) return <div className="page"><LoadError error={error} onRetry={reload} /></div>
  if (!tree) return <div className="page"><Skeleton active /></div>
  const { totals } = tree
  const selectedSite = selected ? sites.get(selected) : undefined
  const selectedCommunity = community
    ? tree.streets.flatMap((st) => st.communities.map((c) => ({ c, street: st.name }))).find((x) => x.c.code === community)
    : undefined
  const select = (key: string) => {
    if (key.startsWith('site:')) { setSelected(key.slice(5)); setCommunity(undefined) }
    if (key.startsWith('community:')) { setCommunity(key.slice(10)); setSelected(undefined) }
  }
  const editValues = (s: Site): Partial<SiteFormValues> => ({
    id: s.id, code: s.code, name: s.name, tier: s.tier as SiteFormValues['tier'], regionCode: s.regionCode,
    ownership: s.ownership as SiteFormValues['ownership'], capacity: s.capacity, keeper: s.keeper, phone: s.phone,
    address: s.address, openedOn: s.openedOn, serves: s.serves,
  })
  const expandedKeys = query.trim() ? filtered.expand : (expanded ?? nodes.map((n) => n.key))

  return (
    <div className="page" data-testid="network-page">
      <div className="page-head">
        <Typography.Title level={4} className="page-title">{t('network.title')}</Typography.Title>
        <Space className="head-action">
          <Button onClick={() => setImporting(true)} data-testid="district-import">{t('districts.import')}</Button>
          <Button icon={<PlusOutlined />} type="primary" data-testid="site-new" onClick={() => setForm({})}>{t('sites.newSite')}</Button>
        </Space>
      </div>
      <Typography.Paragraph className="net-summary" data-testid="network-summary">
        {t('network.summary', {
          streets: totals.streets, communities: totals.communities, excluded: totals.communities - totals.counted, covered: totals.covered, rate: percent(totals.covered, totals.counted),
        })}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Input.Search allowClear placeholder={t('network.search')} data-testid="network-search" className="net-search"
              onChange={(e) => setQuery(e.target.value)} onSearch={setQuery} />
            <div className="net-tree" data-testid="network-tree">
              <Tree
                blockNode
                showLine={{ showLeafIcon: false }}
                treeData={filtered.nodes}
                expandedKeys={expandedKeys}
                onExpand={(keys) => { if (!query.trim()) setExpanded(keys.map(String)) }}
                selectedKeys={selected ? [`site:${selected}`] : community ? [`community:${community}`] : []}
                onSelect={(keys) => select(String(keys[0] ?? ''))}
              />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('network.details')} className="net-details"
            extra={(
              <Space size={4}>
                <Button size="small" icon={<QrcodeOutlined />} disabled={!selectedSite} onClick={() => selectedSite && openSiteLabels([selectedSite.id])} data-testid="site-label">
                  {t('labels.openSite')}
                </Button>
                <Button size="small" onClick={() => openSiteLabels('all')} data-testid="all-site-labels">{t('labels.openAllSites')}</Button>
              </Space>
            )}>
            {selectedCommunity ? (
              <CommunityDetails community={selectedCommunity.c} streetName={selectedCommunity.street}
                servedBy={[...sites.values()].filter((s) => s.status === 'active' && s.serves.includes(selectedCommunity.c.code))}
                onSelectSite={(id) => select(`site:${id}`)}
                onOpenPoint={() => setForm({
                  tier: 'community', regionCode: selectedCommunity.c.code, serves: [selectedCommunity.c.code],
                  name: t('sites.pointName', { name: selectedCommunity.c.name.replace(/(居民|社区)?(居委会|村委会)$/, '') }),
                })} />
            ) : (
              <SiteDetails site={selectedSite} regionName={(c) => names.get(c) ?? c}
                onEdit={() => selectedSite && setForm(editValues(selectedSite))}
                onClose={() => setDateDialog('close')} onReopen={() => setDateDialog('reopen')} />
            )}
          </Card>
        </Col>
      </Row>
      <ImportDistrict open={importing} onClose={() => setImporting(false)}
        onDone={(m) => { setImporting(false); void message.success(m); setExpanded(null); reload() }} />
      <SiteForm open={!!form} tree={tree} initial={form ?? {}} onClose={() => setForm(null)}
        onSaved={(id) => { setForm(null); void message.success(t('sites.saved')); select(`site:${id}`); reload() }} />
      <SiteDateDialog open={!!dateDialog} mode={dateDialog ?? 'close'} siteId={selected} onClose={() => setDateDialog(null)}
        onDone={() => { void message.success(dateDialog === 'close' ? t('sites.closed') : t('sites.reopened')); setDateDialog(null); reload() }} />
    </div>
  )
}
