/** The side panel: one site's tier, ownership, keeper, phone and the communities it serves. */
import { Descriptions, Empty, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Site } from '../../shared/types'

type Tier = 'district' | 'street' | 'community'
type Ownership = 'self' | 'co' | 'agreement' | 'social'

export function SiteDetails({ site, regionName }: { site: Site | undefined; regionName: (code: string) => string }) {
  const { t } = useTranslation()
  if (!site) return <Empty description={t('network.selectHint')} />
  const none = t('network.none')
  return (
    <Descriptions column={1} size="small" bordered title={<span data-testid="site-details-name">{site.name}</span>}
      data-testid="site-details" styles={{ label: { width: 96 } }}
      items={[
        { key: 'code', label: t('network.code'), children: site.code },
        { key: 'tier', label: t('network.tier'), children: t(`network.tiers.${site.tier as Tier}`) },
        { key: 'ownership', label: t('network.ownership'), children: t(`network.ownerships.${site.ownership as Ownership}`) },
        { key: 'keeper', label: t('network.keeper'), children: site.keeper ?? none },
        { key: 'phone', label: t('network.phone'), children: site.phone ?? none },
        {
          key: 'status', label: t('network.status'),
          children: <Tag color={site.status === 'active' ? 'success' : 'default'}>{t(`network.statuses.${site.status as 'active' | 'closed'}`)}</Tag>,
        },
        { key: 'region', label: t('network.region'), children: regionName(site.regionCode) },
        {
          key: 'serves', label: t('network.serves'),
          children: site.serves.length ? site.serves.map((c) => <Tag key={c}>{regionName(c)}</Tag>) : none,
        },
      ]} />
  )
}
