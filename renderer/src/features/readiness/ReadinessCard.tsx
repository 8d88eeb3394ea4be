/** The planners' dashboard card: the share of needs the standard scenario covers within the target hours. */
import { Card, Empty, Statistic, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { navigate } from '../../common/useHashRoute'

export function ReadinessCard() {
  const { t } = useTranslation()
  const { data } = useApi('readiness.district', {})
  return (
    <Card size="small" title={t('readiness.card')} className="clickable" onClick={() => navigate('readiness')} data-testid="readiness-card">
      {!data ? null : data.readiness == null
        ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={data.reason ?? t('readiness.cardNone')} style={{ height: 140 }} />
        : <>
          <Statistic value={Math.round(data.readiness * 1000) / 10} suffix="%" data-testid="readiness-figure"
            styles={{ content: { color: data.readiness >= 0.8 ? '#389e0d' : data.readiness >= 0.5 ? '#d48806' : '#cf1322', fontSize: 36 } }} />
          <Typography.Text type="secondary">{t('readiness.cardLine', { type: data.incidentType, n: data.population.toLocaleString('zh-CN'), h: data.targetHours })}</Typography.Text>
        </>}
    </Card>
  )
}
