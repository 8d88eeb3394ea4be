/** The side panel: one site's tier, ownership, keeper, contacts, dates and the communities it serves. */
import { Button, Descriptions, Empty, Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Site } from '../../common/types'

type Tier = 'district' | 'street' | 'community'
type Ownership = 'self' | 'co' | 'agreement' | 'social'

interface Props {
  site: Site | undefined
  regionName: (code: string) => string
  onEdit?: () => void
  onClose?: () => void
  onReopen?: () => void
}

export function SiteDetails({ site, regionName, onEdit, onClose, onReopen }: Props) {
  const { t } = useTranslation()
  if (!site) return <Empty description={t('network.selectHint')} />
  const none = t('network.none')
  return (
    <>
      <Descriptions column={1} size="small" bordered title={<span data-testid="site-details-name">{site.name}</span>}
        data-testid="site-details" styles={{ label: { width: 96 } }}
        extra={(
          <Space>
            <Button size="small" onClick={onEdit} data-testid="site-edit">{t('sites.edit')}</Button>
            {site.status === 'active'
              ? <Button size="small" danger onClick={onClose} data-testid="site-close">{t('sites.close')}</Button>
              : <Button size="small" onClick={onReopen} data-testid="site-reopen">{t('sites.reopen')}</Button>}
          </Space>
        )}
        items={[
          { key: 'code', label: t('network.code'), children: site.code },
          { key: 'tier', label: t('network.tier'), children: t(`network.tiers.${site.tier as Tier}`) },
          { key: 'ownership', label: t('sites.ownership'), children: t(`network.ownerships.${site.ownership as Ownership}`) },
          { key: 'keeper', label: t('network.keeper'), children: site.keeper ?? none },
          { key: 'phone', label: t('network.phone'), children: site.phone ?? none },
          { key: 'capacity', label: t('sites.capacity'), children: site.capacity ?? none },
          { key: 'address', label: t('sites.address'), children: site.address ?? none },
          {
            key: 'status', label: t('network.status'),
            children: <Tag color={site.status === 'active' ? 'success' : 'default'}>{t(`network.statuses.${site.status as 'active' | 'closed'}`)}</Tag>,
          },
          { key: 'openedOn', label: t('sites.openedOn'), children: site.openedOn ?? none },
          ...(site.closedOn ? [{ key: 'closedOn', label: t('sites.closedOn'), children: site.closedOn }] : []),
          { key: 'region', label: t('network.region'), children: regionName(site.regionCode) },
          {
            key: 'serves', label: t('network.serves'),
            children: site.serves.length ? site.serves.map((c) => <Tag key={c}>{regionName(c)}</Tag>) : none,
          },
        ]} />
    </>
  )
}
