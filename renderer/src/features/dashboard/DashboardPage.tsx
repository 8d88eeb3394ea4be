/** 总览: network size, coverage and the stock that needs attention. */
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { LoadError } from '../../common/LoadError'
import { percent } from '../../common/format'
import { navigate } from '../../common/useHashRoute'
import { useDashboardCounts } from './useDashboardCounts'
import { StreetCoverageTable } from './StreetCoverageTable'
import { useLatestAlertSummary } from '../alerts/useAlertSummary'

const ALERT_KINDS = ['expired', 'expiring30', 'expiring90', 'rotation', 'belowMinimum'] as const
const ALERT_COLORS = { expired: '#cf1322', expiring30: '#d46b08', expiring90: '#ad8b00', rotation: '#1d4ed8', belowMinimum: '#7c3aed' }
import { PlannerCharts } from './PlannerCharts'
import { ReadinessCard } from '../readiness/ReadinessCard'
import { useCurrentUser } from '../auth/useAuth'
import { FirstStepsCard } from '../firstrun/FirstStepsCard'

export function DashboardPage() {
  const { t } = useTranslation()
  const { data, error, reload } = useDashboardCounts()
  const alerts = useLatestAlertSummary()
  const user = useCurrentUser()
  const plans = user.roles.some((r) => r === 'admin' || r === 'planner' || r === 'dispatcher')
  if (error) return <div className="page"><LoadError error={error} onRetry={reload} /></div>
  if (!data) return <div className="page"><Skeleton active /></div>
  const { totals } = data.tree
  const s = data.sitesByTier
  const link = { onClick: () => navigate('stock'), className: 'clickable' }
  return (
    <div className="page" data-testid="dashboard">
      <Typography.Title level={4} className="page-title">{t('dashboard.title')}</Typography.Title>
      <FirstStepsCard />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={8}>
          <Card>
            <Statistic title={t('dashboard.sites')} value={totals.sites} data-testid="stat-sites" />
            <Typography.Text type="secondary">{t('dashboard.sitesHint', s)}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card>
            <Statistic title={t('dashboard.coverage')} value={percent(totals.covered, totals.counted)} suffix="%" data-testid="stat-coverage" />
            <Typography.Text type="secondary">
              {t('dashboard.coverageHint', { covered: totals.covered, total: totals.counted })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card {...link}>
            <Statistic title={t('dashboard.stockLines')} value={data.stock.all} data-testid="stat-stock" />
            <Typography.Text type="secondary">{t('dashboard.stockLinesHint')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card {...link}><Statistic title={t('dashboard.expired')} value={data.stock.expired} styles={{ content: { color: '#cf1322' } }} data-testid="stat-expired" /></Card>
        </Col>
        <Col xs={24} md={8}>
          <Card {...link}><Statistic title={t('dashboard.near30')} value={data.stock.near30} styles={{ content: { color: '#d46b08' } }} data-testid="stat-near30" /></Card>
        </Col>
        <Col xs={24} md={8}>
          <Card {...link}><Statistic title={t('dashboard.near90')} value={data.stock.near90} styles={{ content: { color: '#ad8b00' } }} data-testid="stat-near90" /></Card>
        </Col>
        <Col span={24}><PlannerCharts /></Col>
        {plans && <Col xs={24} md={12} xl={6}><ReadinessCard /></Col>}
        <Col span={24}>
          <Card title={t('alerts.dashboardTitle')} size="small" data-testid="dashboard-alerts" className="clickable" onClick={() => navigate('alerts')}>
            <Row gutter={16}>
              {ALERT_KINDS.map((k) => (
                <Col key={k} xs={12} md={8} xl={4}>
                  <Statistic title={t(`alerts.kinds.${k}`)} value={alerts ? alerts[k] : '—'} styles={{ content: { color: ALERT_COLORS[k] } }} data-testid={`stat-alert-${k}`} />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('dashboard.streetCoverage')}><StreetCoverageTable tree={data.tree} /></Card>
        </Col>
      </Row>
    </div>
  )
}
