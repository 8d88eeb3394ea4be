/** 村居覆盖: coverage on any date per street/town and for the district, a chart, the trend, the uncovered list. */
import { useMemo, useState } from 'react'
import { App, Button, Card, Col, DatePicker, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd'
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { Chart } from '../../common/Chart'
import { downloadWorkbook, newWorkbook } from '../../common/xlsx'
import { SiteForm, type SiteFormValues } from '../network/SiteForm'
import { fillUncoveredWorkbook } from './uncoveredWorkbook'

export function CoverageTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [asOf, setAsOf] = useState<string>()
  const { data, error, reload } = useApi('coverage.summary', asOf ? { asOf } : {})
  const trend = useApi('coverage.trend', { months: 12 })
  const tree = useApi('network.tree', {})
  const [form, setForm] = useState<Partial<SiteFormValues> | null>(null)
  const [exporting, setExporting] = useState(false)

  // Special zones whose only community is NBS's placeholder have nothing to cover: leave them out of the chart.
  const charted = useMemo(() => (data?.streets ?? []).filter((s) => s.communities > 0), [data])
  const barOption = useMemo(() => data && ({
    grid: { left: 110, right: 40, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis' as const, formatter: (p: unknown) => {
      const s = charted[(p as Array<{ dataIndex: number }>)[0].dataIndex]
      return `${s.name}<br/>${t('coverage.covered')} ${s.covered} / ${s.communities}（${s.rate}%）`
    } },
    xAxis: { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category' as const, data: charted.map((s) => s.name), inverse: true, axisLabel: { fontSize: 11 } },
    series: [{
      type: 'bar' as const, data: charted.map((s) => ({ value: s.rate, itemStyle: { color: s.rate >= 100 ? '#389e0d' : s.rate >= 80 ? '#d4b106' : '#d4380d' } })),
      label: { show: true, position: 'right' as const, formatter: '{c}%', fontSize: 11 },
      markLine: { silent: true, symbol: 'none', label: { show: false }, data: [{ xAxis: 100 }], lineStyle: { color: '#389e0d', type: 'dashed' as const } },
    }],
  }), [data, charted, t])

  const trendOption = useMemo(() => trend.data && ({
    grid: { left: 50, right: 20, top: 20, bottom: 30 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: trend.data.map((p) => p.date.slice(0, 7)) },
    yAxis: { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ type: 'line' as const, data: trend.data.map((p) => p.rate), smooth: true, areaStyle: { opacity: 0.15 }, color: '#c2410c' }],
  }), [trend.data])

  if (error) return <LoadError error={error} onRetry={reload} />
  if (!data || !barOption) return <Skeleton active />

  async function exportUncovered() {
    if (!data) return
    setExporting(true)
    const hide = message.loading(t('coverage.exporting'), 0)
    try {
      const wb = await newWorkbook()
      const districtName = data.total.name
      fillUncoveredWorkbook(wb, {
        title: t('coverage.sheetTitle', { district: districtName, date: data.asOf }),
        sheetName: t('coverage.sheetName'),
        headers: [t('coverage.district'), t('coverage.street'), t('coverage.community'), t('coverage.code'), t('coverage.kind')],
        rows: data.uncovered,
      })
      const file = `${districtName}未覆盖村居_${data.asOf}.xlsx`
      await downloadWorkbook(wb, file)
      void message.success(t('coverage.exported', { file }))
    } finally {
      hide()
      setExporting(false)
    }
  }

  return (
    <div data-testid="coverage-tab">
      <Space className="block-gap" wrap>
        <span>{t('coverage.asOf')}</span>
        <DatePicker format="YYYY-MM-DD" value={dayjs(data.asOf)} allowClear={false} data-testid="coverage-as-of"
          onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))} />
        <Typography.Text type="secondary">{t('coverage.indicator')}</Typography.Text>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}><Card><Statistic title={t('coverage.rate')} value={data.total.rate} suffix="%" data-testid="coverage-rate" /></Card></Col>
        <Col xs={24} md={8}><Card><Statistic title={t('coverage.covered')} value={data.total.covered} suffix={`/ ${data.total.communities}`} data-testid="coverage-covered" /></Card></Col>
        <Col xs={24} md={8}><Card><Statistic title={t('coverage.uncoveredCount')} value={data.uncovered.length} styles={{ content: { color: '#d46b08' } }} data-testid="coverage-uncovered-count" /></Card></Col>
        <Col xs={24} xl={14}>
          <Card title={t('coverage.chartTitle')} size="small"><Chart option={barOption} height={Math.max(300, charted.length * 24)} testId="coverage-chart" /></Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('coverage.trendTitle')} size="small">{trendOption ? <Chart option={trendOption} height={260} testId="coverage-trend" /> : <Skeleton active />}</Card>
          <Card size="small" className="block-gap">
            <Table size="small" pagination={false} rowKey="code" data-testid="coverage-streets" scroll={{ y: 300 }}
              dataSource={charted}
              columns={[
                { title: t('coverage.street'), dataIndex: 'name' },
                { title: t('coverage.communities'), dataIndex: 'communities', align: 'right', width: 80 },
                { title: t('coverage.covered'), dataIndex: 'covered', align: 'right', width: 80 },
                { title: t('coverage.rate'), dataIndex: 'rate', align: 'right', width: 90, render: (v: number) => `${v}%`, sorter: (a, b) => a.rate - b.rate },
              ]} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('coverage.uncoveredTitle', { n: data.uncovered.length })}
            extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportUncovered()} data-testid="coverage-export">{t('coverage.export')}</Button>}>
            <Table size="small" rowKey="code" data-testid="coverage-uncovered" dataSource={data.uncovered} pagination={{ pageSize: 20, showSizeChanger: false }}
              columns={[
                { title: t('coverage.street'), dataIndex: 'streetName', width: 160 },
                { title: t('coverage.community'), dataIndex: 'name' },
                { title: t('coverage.code'), dataIndex: 'code', width: 150 },
                { title: t('coverage.kind'), dataIndex: 'kind', width: 90 },
                {
                  key: 'action', width: 140, render: (_: unknown, r) => (
                    <Button size="small" icon={<PlusOutlined />} data-testid="coverage-open-point" disabled={!tree.data}
                      onClick={() => setForm({ tier: 'community', regionCode: r.code, serves: [r.code], name: t('sites.pointName', { name: r.name.replace(/(居民|社区)?(居委会|村委会)$/, '') }) })}>
                      {t('coverage.openPoint')}
                    </Button>
                  ),
                },
              ]} />
          </Card>
        </Col>
      </Row>
      {tree.data && (
        <SiteForm open={!!form} tree={tree.data} initial={form ?? {}} onClose={() => setForm(null)}
          onSaved={() => { setForm(null); void message.success(t('sites.saved')); reload(); trend.reload(); tree.reload() }} />
      )}
    </div>
  )
}
