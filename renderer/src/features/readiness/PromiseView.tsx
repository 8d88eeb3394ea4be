/** 首批时限: for the current incident, time left (or late by) per request and per order, counted from registration. */
import { useEffect } from 'react'
import { Alert, Card, Col, Row, Statistic, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { formatInstant } from './time'

type ClockRow = { state: 'open' | 'met' | 'late'; minutesLeft: number | null; lateByMinutes: number; startedAt: string; dueAt: string; firstBatchAt: string | null }

export function PromiseView() {
  const { t } = useTranslation()
  const current = useApi('incident.current', {})
  const id = current.data?.id
  const board = useApi('readiness.promiseBoard', { incidentId: id ?? '' }, !!id)
  const report = useApi('readiness.promiseReport', { incidentId: id ?? '' }, !!id)
  useEffect(() => {
    const timer = setInterval(() => { board.reload(); report.reload() }, 30_000)
    return () => clearInterval(timer)
  }, [board.reload, report.reload])
  if (current.data === null) return <Alert type="info" showIcon title={t('readiness.promiseNoIncident')} />
  if (!board.data || !report.data) return null
  const span = (min: number) => t('readiness.minutes', { h: Math.floor(min / 60), m: min % 60 })
  const clock = (r: ClockRow) => (r.state === 'met' ? <Tag color="green">{t('readiness.met')}</Tag>
    : r.state === 'late' ? <Tag color="red">{t('readiness.lateBy', { t: span(r.lateByMinutes) })}</Tag>
      : <Tag color={(r.minutesLeft ?? 0) < 60 ? 'orange' : 'blue'}>{t('readiness.left', { t: span(r.minutesLeft ?? 0) })}</Tag>)
  const timeCols = [
    { title: t('readiness.registered'), dataIndex: 'startedAt', render: formatInstant },
    { title: t('readiness.due'), dataIndex: 'dueAt', render: formatInstant },
    { title: t('readiness.arrived'), dataIndex: 'firstBatchAt', render: (v: string | null) => (v ? formatInstant(v) : '—') },
    { title: t('readiness.clock'), key: 'clock', render: (_: unknown, r: ClockRow) => clock(r) },
  ]
  const r = report.data
  return (
    <div data-testid="promise-view">
      <Row gutter={[16, 16]} className="block-gap">
        <Col xs={24} md={6}><Card size="small"><Statistic title={t('readiness.promiseTarget')} value={board.data.level ? t('readiness.promiseLevel', { level: board.data.level, h: board.data.targetHours }) : t('readiness.promiseNoLevel', { h: board.data.targetHours })} data-testid="promise-target" /></Card></Col>
        <Col xs={24} md={6}><Card size="small"><Statistic title={t('readiness.hoursToFirst')} value={r.hoursToFirstBatch ?? '—'} suffix={r.hoursToFirstBatch != null ? 'h' : undefined} data-testid="promise-first" /></Card></Col>
        <Col xs={24} md={6}><Card size="small"><Statistic title={t('readiness.onTimeRate')} value={r.onTimeRate == null ? '—' : Math.round(r.onTimeRate * 1000) / 10} suffix={r.onTimeRate == null ? undefined : `% (${r.onTime}/${r.decided})`} data-testid="promise-rate" /></Card></Col>
        <Col xs={24} md={6}><Card size="small"><Statistic title={t('readiness.lateOrders')} value={r.lateOrders.length} styles={{ content: { color: r.lateOrders.length ? '#cf1322' : undefined } }} data-testid="promise-late" /></Card></Col>
      </Row>
      <Card size="small" title={t('readiness.requestsClock')} className="block-gap">
        <Table size="small" rowKey="id" pagination={false} dataSource={board.data.requests} data-testid="promise-requests" columns={[
          { title: t('readiness.no_'), dataIndex: 'requestNo' }, { title: t('readiness.destination'), key: 'd', render: (_: unknown, x: ClockRow & { region: string | null; destination: string | null }) => x.destination ?? x.region ?? '' }, ...timeCols]} />
      </Card>
      <Card size="small" title={t('readiness.ordersClock')}>
        <Table size="small" rowKey="id" pagination={{ pageSize: 50 }} dataSource={board.data.orders} data-testid="promise-orders" columns={[
          { title: t('readiness.no_'), dataIndex: 'orderNo' }, { title: t('readiness.destination'), dataIndex: 'destination' }, ...timeCols]} />
      </Card>
    </div>
  )
}
