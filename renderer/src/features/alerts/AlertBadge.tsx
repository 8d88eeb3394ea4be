/** The frame header's alert count: click to open 预警. */
import { Badge, Button, Tooltip } from 'antd'
import { BellOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { navigate } from '../../common/useHashRoute'
import { useAlertSummary } from './useAlertSummary'

export function AlertBadge({ route }: { route: string }) {
  const { t } = useTranslation()
  const s = useAlertSummary(route)
  const n = s?.total ?? 0
  return (
    <Tooltip title={s ? t('alerts.badgeHint', { expired: s.expired, expiring: s.expiring30 + s.expiring90, rotation: s.rotation, below: s.belowMinimum }) : undefined}>
      <Badge count={n} overflowCount={9999} size="small" offset={[-4, 4]}>
        <Button type="text" className="alert-badge" icon={<BellOutlined />} onClick={() => navigate('alerts')}
          data-testid="alert-badge" data-count={s ? n : ''} aria-label={t('nav.alerts')}>
          {t('nav.alerts')}
        </Button>
      </Badge>
    </Tooltip>
  )
}
