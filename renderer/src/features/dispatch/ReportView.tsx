/** The incident report: requested, sent, received, consumed, returned per item; sources; delivery times; replenishment. */
import { useState } from 'react'
import { Button, Card, Space, Table, Typography } from 'antd'
import { LateTag, elapsed } from './lateness'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import type { MethodOutput } from '../../../../core/api/handlers'
import { RecoveryView } from './RecoveryView'

type Report = MethodOutput<'incident.report'>

export function ReportView({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation()
  const rep = useApi('incident.report', { id: incidentId })
  const [exporting, setExporting] = useState(false)
  if (rep.error) return <LoadError error={rep.error} onRetry={rep.reload} />
  const r = rep.data
  const exportXlsx = async () => {
    if (!r) return
    setExporting(true)
    try { await downloadXlsx(r, t as never) } finally { setExporting(false) }
  }
  return (
    <div data-testid="incident-report" className="print-report">
      <RecoveryView incidentId={incidentId} onPosted={rep.reload} />
      <Space className="block-gap no-print">
        <Button onClick={() => void exportXlsx()} loading={exporting} data-testid="report-xlsx">{exporting ? t('dispatch.exporting') : t('dispatch.exportXlsx')}</Button>
        <Button onClick={() => window.print()} data-testid="report-print">{t('dispatch.printReport')}</Button>
      </Space>
      {r && <Typography.Title level={5}>{r.incident.name}（{r.incident.type}）{r.totals.avgHours !== null ? ` · ${t('dispatch.avgHours', { h: r.totals.avgHours })}` : ''}
        <span data-testid="report-punctuality">{r.totals.onTimeRate !== null ? ` · ${t('dispatch.onTimeRate', { rate: r.totals.onTimeRate, onTime: r.totals.onTime, arrived: r.totals.arrivedWithDue })}` : ''}
          {r.totals.maxLateMinutes !== null ? ` · ${t('dispatch.maxLate', { d: elapsed(t as never, r.totals.maxLateMinutes) })}` : ''}</span></Typography.Title>}
      <Card size="small" title={t('dispatch.repItems')} className="block-gap">
        <Table size="small" rowKey="itemId" pagination={false} loading={rep.loading} dataSource={r?.items ?? []} data-testid="report-items"
          columns={[
            { title: t('dispatch.item'), dataIndex: 'itemName' },
            { title: t('dispatch.requested'), dataIndex: 'requested', align: 'right' },
            { title: t('dispatch.sent'), dataIndex: 'sent', align: 'right' },
            { title: t('dispatch.received'), dataIndex: 'received', align: 'right' },
            { title: t('dispatch.shortfall'), dataIndex: 'shortfall', align: 'right' },
            { title: t('dispatch.inTransit'), dataIndex: 'inTransit', align: 'right' },
            { title: t('dispatch.consumed'), dataIndex: 'consumed', align: 'right' },
            { title: t('dispatch.returned'), dataIndex: 'returned', align: 'right' },
          ]} />
      </Card>
      <Card size="small" title={t('dispatch.repSources')} className="block-gap">
        <Table size="small" rowKey={(s) => `${s.sourceName}-${s.itemName}`} pagination={false} dataSource={r?.sources ?? []}
          columns={[{ title: t('dispatch.from'), dataIndex: 'sourceName' }, { title: t('dispatch.item'), dataIndex: 'itemName' }, { title: t('dispatch.sent'), dataIndex: 'sent', align: 'right' }]} />
      </Card>
      <Card size="small" title={t('dispatch.repDeliveries')} className="block-gap">
        <Table size="small" rowKey="orderNo" pagination={false} dataSource={r?.deliveries ?? []}
          columns={[
            { title: t('dispatch.orderNo'), dataIndex: 'orderNo' }, { title: t('dispatch.from'), dataIndex: 'fromName' }, { title: t('dispatch.to'), dataIndex: 'toName' },
            { title: t('dispatch.state'), dataIndex: 'state', render: (s: string) => t(`dispatch.state_${s}` as 'dispatch.state_draft') },
            { title: t('dispatch.hoursCol'), dataIndex: 'hours', align: 'right' },
            { title: t('dispatch.dueAt'), dataIndex: 'dueAt', render: (v: string | null) => (v ? v.replace('T', ' ').slice(0, 16) : '') },
            { title: t('dispatch.deliveredAt'), dataIndex: 'deliveredAt', render: (v: string | null) => (v ? v.replace('T', ' ').slice(0, 16) : '') },
            { title: t('dispatch.lateness'), render: (_, d) => <LateTag o={d} t={t as never} /> },
          ]} />
      </Card>
      <Card size="small" title={t('dispatch.repShortfalls')} className="block-gap">
        <Table size="small" rowKey={(s) => `${s.orderNo}-${s.itemName}`} pagination={false} dataSource={r?.shortfalls ?? []} data-testid="report-shortfalls"
          columns={[
            { title: t('dispatch.orderNo'), dataIndex: 'orderNo' }, { title: t('dispatch.item'), dataIndex: 'itemName' },
            { title: t('dispatch.shortfall'), dataIndex: 'shortfall', align: 'right' },
            { title: t('dispatch.reason'), dataIndex: 'reason', render: (x: string) => t(`dispatch.reasons_${x}` as 'dispatch.reasons_lost') },
          ]} />
      </Card>
      <Card size="small" title={t('dispatch.repReplenish')}>
        <Table size="small" rowKey={(s) => `${s.siteId}-${s.itemId}`} pagination={false} dataSource={r?.replenish ?? []}
          columns={[
            { title: t('dispatch.from'), dataIndex: 'siteName' }, { title: t('dispatch.item'), dataIndex: 'itemName' },
            { title: t('dispatch.sent'), dataIndex: 'sent', align: 'right' }, { title: t('dispatch.returned'), dataIndex: 'returned', align: 'right' },
            { title: t('dispatch.replenish'), dataIndex: 'replenish', align: 'right' },
          ]} />
      </Card>
    </div>
  )
}

async function downloadXlsx(r: Report, t: (k: string) => string) {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.Workbook()
  const sheet = (name: string, head: string[], rows: Array<Array<string | number | null>>) => {
    const ws = wb.addWorksheet(name)
    ws.addRow(head).font = { bold: true }
    rows.forEach((x) => ws.addRow(x))
    ws.columns.forEach((c) => { c.width = 16 })
  }
  sheet(t('dispatch.repItems'), [t('dispatch.item'), t('dispatch.requested'), t('dispatch.sent'), t('dispatch.received'), t('dispatch.shortfall'), t('dispatch.inTransit'), t('dispatch.consumed'), t('dispatch.returned')],
    r.items.map((i) => [i.itemName, i.requested, i.sent, i.received, i.shortfall, i.inTransit, i.consumed, i.returned]))
  sheet(t('dispatch.repSources'), [t('dispatch.from'), t('dispatch.item'), t('dispatch.sent')], r.sources.map((s) => [s.sourceName, s.itemName, s.sent]))
  const at = (v: string | null) => (v ? v.replace('T', ' ').slice(0, 16) : '')
  sheet(t('dispatch.repDeliveries'), [t('dispatch.orderNo'), t('dispatch.from'), t('dispatch.to'), t('dispatch.state'), t('dispatch.hoursCol'), t('dispatch.dueAt'), t('dispatch.deliveredAt'), t('dispatch.lateCol')],
    r.deliveries.map((d) => [d.orderNo, d.fromName, d.toName, t(`dispatch.state_${d.state}`), d.hours, at(d.dueAt), at(d.deliveredAt), d.late ? d.lateMinutes : d.onTime ? 0 : null]))
  sheet(t('dispatch.repReplenish'), [t('dispatch.from'), t('dispatch.item'), t('dispatch.sent'), t('dispatch.returned'), t('dispatch.replenish')],
    r.replenish.map((x) => [x.siteName, x.itemName, x.sent, x.returned, x.replenish]))
  sheet(t('dispatch.repPunctuality'), [t('dispatch.lateness'), ''], [
    [`${t('dispatch.onTimeTag')} %`, r.totals.onTimeRate], [t('dispatch.deliveredAt'), r.totals.arrivedWithDue], [t('dispatch.onTimeTag'), r.totals.onTime],
    [t('dispatch.lateBy'), r.totals.late], [t('dispatch.lateCol'), r.totals.maxLateMinutes],
  ])
  const buf = await wb.xlsx.writeBuffer()
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))
  a.download = `${r.incident.name}-物资使用报告.xlsx`
  a.click()
  URL.revokeObjectURL(a.href)
}
