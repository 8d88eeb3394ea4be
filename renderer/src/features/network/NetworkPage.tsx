/** 储备网络: the 区—街镇—社区 tree with coverage, a search box and the selected site's details. */
import { useMemo, useState } from 'react'
import { Button, Card, Col, Input, Row, Skeleton, Space, Tree, Typography } from 'antd'
import { QrcodeOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../shared/useApi'
import { LoadError } from '../../shared/LoadError'
import { percent } from '../../shared/format'
import type { Site, Tree as NetTree } from '../../shared/types'
import { buildTree, filterTree } from './buildTree'
import { SiteDetails } from './SiteDetails'
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

  const nodes = useMemo(() => (tree ? buildTree(tree, t) : []), [tree, t, i18n.language])
  const filtered = useMemo(() => filterTree(nodes, query), [nodes, query])
  const names = useMemo(() => (tree ? regionNames(tree) : new Map<string, string>()), [tree])
  const sites = useMemo(() => (tree ? allSites(tree) : new Map<string, Site>()), [tree])

  if (error) return <div className="page"><LoadError error={error} onRetry={reload} /></div>
  if (!tree) return <div className="page"><Skeleton active /></div>
  const { totals } = tree
  const expandedKeys = query.trim() ? filtered.expand : (expanded ?? nodes.map((n) => n.key))

  return (
    <div className="page" data-testid="network-page">
      <Typography.Title level={4} className="page-title">{t('network.title')}</Typography.Title>
      <Typography.Paragraph className="net-summary" data-testid="network-summary">
        {t('network.summary', {
          streets: totals.streets, communities: totals.communities, covered: totals.covered, rate: percent(totals.covered, totals.communities),
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
                selectedKeys={selected ? [`site:${selected}`] : []}
                onSelect={(keys) => {
                  const k = String(keys[0] ?? '')
                  if (k.startsWith('site:')) setSelected(k.slice(5))
                }}
              />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('network.details')} className="net-details"
            extra={(
              <Space size={4}>
                <Button size="small" icon={<QrcodeOutlined />} disabled={!selected} onClick={() => selected && openSiteLabels([selected])} data-testid="site-label">
                  {t('labels.openSite')}
                </Button>
                <Button size="small" onClick={() => openSiteLabels('all')} data-testid="all-site-labels">{t('labels.openAllSites')}</Button>
              </Space>
            )}>
            <SiteDetails site={selected ? sites.get(selected) : undefined} regionName={(c) => names.get(c) ?? c} />
          </Card>
        </Col>
      </Row>
    </div>
  )
}
