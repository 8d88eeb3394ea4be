/** 物资达标: every open site against the plan year's targets; the counting rule for agreement stock; drill-down. */
import { useMemo, useState } from 'react'
import { Card, Col, Drawer, Input, Row, Segmented, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { Chart } from '../../common/Chart'
import type { MethodOutput } from '../../../../core/api/handlers'

type Summary = MethodOutput<'compliance.summary'>
type SiteRow = Summary['sites'][number]
type Weight = 1 | 0.5 | 0

/** Red → amber → green, the way people read a heat table. */
export function heatColor(rate: number): string {
  if (rate >= 100) return '#b7eb8f'
  if (rate >= 80) return '#d9f7be'
  if (rate >= 50) return '#fff1b8'
  if (rate > 0) return '#ffd8bf'
  return '#ffccc7'
}

export function ComplianceTab() {
  const { t } = useTranslation()
  const thisYear = new Date().getFullYear()
  const [planYear, setPlanYear] = useState(thisYear)
  const [street, setStreet] = useState<string>()
  const [search, setSearch] = useState('')
  const [detail, setDetail] = useState<{ siteId: string; name: string; category?: string }>()
  const years = useApi('catalogue.planYears', {})
  const { data, error, reload } = useApi('compliance.summary', { planYear })
  const siteDetail = useApi('compliance.site', { siteId: detail?.siteId ?? '', planYear }, !!detail)

  const yearOptions = useMemo(() => [...new Set([...(years.data ?? []), thisYear])].sort().map((y) => ({ value: y, label: String(y) })), [years.data, thisYear])
  const rows = useMemo(() => (data?.sites ?? []).filter((s) => (!street || s.streetCode === street)
    && (!search.trim() || s.name.includes(search.trim()))), [data, street, search])
  const streetOption = useMemo(() => data && ({
    grid: { left: 110, right: 30, top: 30, bottom: 30 },
    legend: { data: [t('compliance.combined'), t('compliance.physical')], top: 0 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category' as const, inverse: true, data: data.streets.filter((s) => s.required).map((s) => s.name), axisLabel: { fontSize: 11 } },
    series: [
      { name: t('compliance.combined'), type: 'bar' as const, data: data.streets.filter((s) => s.required).map((s) => s.rate), color: '#c2410c' },
      { name: t('compliance.physical'), type: 'bar' as const, data: data.streets.filter((s) => s.required).map((s) => s.ratePhysical), color: '#a8a29e' },
    ],
  }), [data, t])

  if (error) return <LoadError error={error} onRetry={reload} />
  if (!data || !streetOption) return <Skeleton active />

  const setWeight = async (w: Weight) => { await api('compliance.setWeight', { weight: w }); reload() }
  const weightLabel = (w: number) => (w === 1 ? 'full' : w === 0.5 ? 'half' : 'none')
  const cell = (s: SiteRow, category: string) => {
    const c = s.categories[category]
    if (!c) return <span className="muted">—</span>
    return (
      <div className="heat-cell" style={{ background: heatColor(c.rate) }} data-testid="heat-cell"
        onClick={() => setDetail({ siteId: s.id, name: s.name, category })}>{c.met}/{c.required}</div>
    )
  }

  return (
    <div data-testid="compliance-tab">
      <Space className="block-gap" wrap>
        <span>{t('compliance.planYear')}</span>
        <Select value={planYear} options={yearOptions} onChange={setPlanYear} style={{ width: 100 }} data-testid="compliance-year" />
        <span>{t('compliance.rule')}</span>
        <Segmented data-testid="compliance-rule" value={weightLabel(data.weight)}
          options={(['full', 'half', 'none'] as const).map((k) => ({ value: k, label: t(`compliance.rules.${k}`) }))}
          onChange={(v) => void setWeight(v === 'full' ? 1 : v === 'half' ? 0.5 : 0)} />
        <Typography.Text type="secondary">{t('compliance.ruleHint')}</Typography.Text>
      </Space>
      {data.district.required === 0 ? <Typography.Paragraph type="warning">{t('compliance.noTargets')}</Typography.Paragraph> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}><Card>
          <Statistic title={t('compliance.rate')} value={data.district.rate} suffix="%" data-testid="compliance-rate" />
          <Typography.Text type="secondary">{t('compliance.itemsMet', { met: data.district.met, required: data.district.required })}</Typography.Text>
        </Card></Col>
        <Col xs={24} md={8}><Card>
          <Statistic title={t('compliance.ratePhysical')} value={data.district.ratePhysical} suffix="%" data-testid="compliance-rate-physical" />
          <Typography.Text type="secondary">{t('compliance.itemsMet', { met: data.district.metPhysical, required: data.district.required })}</Typography.Text>
        </Card></Col>
        <Col xs={24} md={8}><Card>
          <Statistic title={t('compliance.belowMinimum')} value={data.district.belowMinimum} styles={{ content: { color: '#cf1322' } }} data-testid="compliance-below-min" />
        </Card></Col>
        <Col span={24}>
          <Card size="small" title={t('compliance.streetChart')}>
            <Chart option={streetOption} height={Math.max(300, data.streets.length * 26)} testId="compliance-chart" />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('compliance.heatTitle')} extra={(
            <Space>
            <Input.Search allowClear placeholder={t('compliance.search')} style={{ width: 200 }} onChange={(e) => setSearch(e.target.value)}
              data-testid="compliance-search" />
            <Select allowClear placeholder={t('compliance.street')} style={{ width: 180 }} value={street} onChange={setStreet} data-testid="compliance-street"
              options={data.streets.map((s) => ({ value: s.code, label: s.name }))} />
            </Space>
          )}>
            <Table size="small" rowKey="id" dataSource={rows} data-testid="compliance-heat" scroll={{ x: 'max-content', y: 520 }}
              pagination={{ pageSize: 50, showSizeChanger: false }}
              columns={[
                { title: t('compliance.site'), dataIndex: 'name', fixed: 'left', width: 220,
                  render: (v: string, s) => <a onClick={() => setDetail({ siteId: s.id, name: s.name })} data-testid="heat-site">{v}</a> },
                { title: t('compliance.overall'), key: 'overall', width: 90, align: 'center',
                  sorter: (a, b) => a.rate - b.rate,
                  render: (_: unknown, s) => <div className="heat-cell" style={{ background: heatColor(s.rate) }} data-testid="heat-overall">{s.rate}%</div> },
                ...data.categories.map((c) => ({ title: c, key: c, width: 84, align: 'center' as const, render: (_: unknown, s: SiteRow) => cell(s, c) })),
              ]} />
          </Card>
        </Col>
      </Row>
      <Drawer open={!!detail} width={860} onClose={() => setDetail(undefined)} destroyOnHidden
        title={detail ? t('compliance.detailTitle', { site: detail.name }) : ''}>
        {siteDetail.data ? (
          <Table size="small" rowKey="itemId" pagination={false} data-testid="compliance-detail"
            dataSource={siteDetail.data.lines.filter((l) => !detail?.category || l.category === detail.category)}
            columns={[
              { title: t('compliance.item'), key: 'item', render: (_: unknown, l) => <>{l.code} {l.name}{!l.required && <Tag className="net-tag">{t('compliance.recommended')}</Tag>}</> },
              { title: t('compliance.category'), dataIndex: 'category', width: 90 },
              { title: t('compliance.target'), key: 'target', align: 'right', width: 110,
                render: (_: unknown, l) => (l.target == null ? <Tag color="warning">{t('compliance.unknown')}</Tag> : <span title={t(`compliance.source.${l.source}`)}>{l.target} {l.unit}</span>) },
              { title: t('compliance.minimum'), dataIndex: 'minimum', align: 'right', width: 70 },
              { title: t('compliance.physical'), dataIndex: 'physical', align: 'right', width: 70 },
              { title: t('compliance.agreement'), dataIndex: 'agreement', align: 'right', width: 70 },
              { title: t('compliance.counted'), dataIndex: 'counted', align: 'right', width: 80 },
              { title: t('compliance.state'), key: 'state', width: 110, render: (_: unknown, l) => (
                l.target == null ? null : l.met ? <Tag color="success">{t('compliance.met')}</Tag>
                  : <Tag color={l.belowMinimum ? 'error' : 'warning'}>{t('compliance.short', { n: Math.ceil(l.target - l.counted) })}</Tag>) },
            ]} />
        ) : <Skeleton active />}
      </Drawer>
    </div>
  )
}
