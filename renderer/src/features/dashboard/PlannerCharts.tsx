/** The planners' row of the dashboard: coverage and compliance gauges, value expiring, agreements by state. */
import { Card, Col, Empty, Row } from 'antd'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { Chart } from '../../common/Chart'
import { navigate } from '../../common/useHashRoute'

const gauge = (value: number, name: string, color: string) => ({
  series: [{
    type: 'pie' as const, radius: ['62%', '82%'], silent: true, label: { show: true, position: 'center' as const, formatter: `${value}%`, fontSize: 22, fontWeight: 600 },
    data: [{ value, name, itemStyle: { color } }, { value: Math.max(0, 100 - value), name: '', itemStyle: { color: '#e7e5e4' } }],
  }],
})

export function PlannerCharts() {
  const { t } = useTranslation()
  const { data } = useApi('planning.overview', {})
  if (!data) return null
  const buckets = ['expired', 'd30', 'd90', 'd180'] as const
  const states = ['valid', 'lapsing60', 'lapsing30', 'lapsed', 'notYet'] as const
  const stateColor: Record<string, string> = { valid: '#389e0d', lapsing60: '#d4b106', lapsing30: '#d46b08', lapsed: '#cf1322', notYet: '#1677ff' }
  return (
    <Row gutter={[16, 16]} data-testid="planner-charts">
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={t('planning.coverage')} className="clickable" onClick={() => navigate('coverage')}>
          <Chart option={gauge(data.coverage.rate, t('planning.coverage'), '#c2410c')} height={180} testId="chart-coverage" />
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={t('planning.compliance')} className="clickable" onClick={() => navigate('coverage')}>
          <Chart height={180} testId="chart-compliance" option={{
            tooltip: {}, grid: { left: 70, right: 30, top: 10, bottom: 20 },
            xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
            yAxis: { type: 'category', data: [t('planning.physical'), t('planning.combined')] },
            series: [{ type: 'bar', data: [data.compliance.ratePhysical, data.compliance.rate], label: { show: true, position: 'right', formatter: '{c}%' },
              itemStyle: { color: '#c2410c' } }],
          }} />
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={t('planning.expiring')} className="clickable" onClick={() => navigate('stock')}>
          <Chart height={180} testId="chart-expiring" option={{
            tooltip: {}, grid: { left: 60, right: 10, top: 10, bottom: 20 },
            xAxis: { type: 'category', data: buckets.map((b) => t(`planning.buckets.${b}`)) },
            yAxis: { type: 'value' },
            series: [{ type: 'bar', data: buckets.map((b, i) => ({ value: data.expiring[b].value, itemStyle: { color: ['#cf1322', '#d46b08', '#d4b106', '#a8a29e'][i] } })) }],
          }} />
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card size="small" title={t('planning.agreements')} className="clickable" onClick={() => navigate('agreements')}>
          {Object.keys(data.agreements).length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ height: 156 }} /> : <Chart height={180} testId="chart-agreements" option={{
            tooltip: {}, legend: { show: false },
            series: [{ type: 'pie', radius: ['40%', '75%'], label: { formatter: '{b} {c}' },
              data: states.filter((s) => data.agreements[s]).map((s) => ({ name: t(`agreements.states.${s}`), value: data.agreements[s], itemStyle: { color: stateColor[s] } })) }],
          }} />}
        </Card>
      </Col>
    </Row>
  )
}
