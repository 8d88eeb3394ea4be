/** The side panel for a community: whether it is covered, by which sites, and a button to open a point for it. */
import { Alert, Button, Descriptions, List } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Site, Tree } from '../../common/types'

type Community = Tree['streets'][number]['communities'][number]

export function CommunityDetails({ community, streetName, servedBy, onOpenPoint, onSelectSite }: {
  community: Community; streetName: string; servedBy: Site[]; onOpenPoint: () => void; onSelectSite: (id: string) => void
}) {
  const { t } = useTranslation()
  return (
    <div data-testid="community-details">
      <Descriptions column={1} size="small" bordered title={<span data-testid="community-details-name">{community.name}</span>}
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'code', label: t('coverage.code'), children: community.code },
          { key: 'street', label: t('sites.street'), children: streetName },
          { key: 'kind', label: t('coverage.kind'), children: community.kind ?? '' },
        ]} />
      {servedBy.length ? (
        <List size="small" header={t('sites.coveredBy')} className="block-gap" dataSource={servedBy}
          renderItem={(s) => <List.Item><a onClick={() => onSelectSite(s.id)}>{s.name}</a></List.Item>} />
      ) : (
        <Alert type="warning" showIcon className="block-gap" title={t('sites.notCovered')} />
      )}
      <Button type="primary" onClick={onOpenPoint} data-testid="community-open-point">{t('sites.newForCommunity')}</Button>
    </div>
  )
}
