/** Turns the api's network tree into antd Tree nodes: 松江区 → streets/towns → communities, sites under each. */
import type { ReactNode } from 'react'
import { Tag } from 'antd'
import type { TFunction } from 'i18next'
import type { Site, Tree } from '../../common/types'

export interface NetNode {
  key: string
  title: ReactNode
  /** plain text the search box matches */
  text: string
  children?: NetNode[]
  isLeaf?: boolean
  className?: string
}

const siteNode = (s: Site, t: TFunction): NetNode => ({
  key: `site:${s.id}`,
  text: s.name,
  isLeaf: true,
  title: (
    <span className="net-site" data-testid="site-node">
      <Tag color={s.tier === 'district' ? 'volcano' : s.tier === 'street' ? 'blue' : 'green'} className="net-tier">
        {t(`network.tiers.${s.tier as 'district' | 'street' | 'community'}`)}
      </Tag>
      {s.name}
      {s.status !== 'active' && <Tag className="net-closed">{t('network.statuses.closed')}</Tag>}
    </span>
  ),
})

export function buildTree(tree: Tree, t: TFunction): NetNode[] {
  if (!tree.district) return []
  const streets: NetNode[] = tree.streets.map((st) => {
    const counted = st.communities.filter((c) => c.counted)
    const covered = counted.filter((c) => c.covered).length
    return {
      key: `street:${st.code}`,
      text: st.name,
      title: (
        <span data-testid="street-node" className="net-street">
          <span className="net-name">{st.name}</span>
          <span className="net-meta">{covered}/{counted.length}</span>
        </span>
      ),
      children: [
        ...st.sites.map((s) => siteNode(s, t)),
        ...st.communities.map((c): NetNode => ({
          key: `community:${c.code}`,
          text: c.name,
          className: c.covered || !c.counted ? undefined : 'net-uncovered',
          title: (
            <span data-testid="community-node" data-covered={c.covered ? 'yes' : c.counted ? 'no' : 'na'}
              className={c.covered || !c.counted ? 'net-community' : 'net-community net-warn'}>
              {c.name}
              {!c.covered && c.counted && <Tag color="warning" className="net-tag">{t('network.uncovered')}</Tag>}
            </span>
          ),
          children: c.sites.map((s) => siteNode(s, t)),
          isLeaf: c.sites.length === 0,
        })),
      ],
    }
  })
  return [{
    key: `district:${tree.district.code}`,
    text: tree.district.name,
    title: <span data-testid="district-node" className="net-district">{tree.district.name}</span>,
    children: [...tree.districtSites.map((s) => siteNode(s, t)), ...streets],
  }]
}

/** Keeps the nodes whose text contains the query, with their ancestors; returns the keys to expand. */
export function filterTree(nodes: NetNode[], query: string): { nodes: NetNode[]; expand: string[] } {
  const q = query.trim()
  if (!q) return { nodes, expand: [] }
  const expand: string[] = []
  const walk = (list: NetNode[]): NetNode[] => list.flatMap((n) => {
    if (n.text.includes(q)) return [n]
    const kids = n.children ? walk(n.children) : []
    if (!kids.length) return []
    expand.push(n.key)
    return [{ ...n, children: kids }]
  })
  return { nodes: walk(nodes), expand }
}
