/** The incident's board: open requests, orders by state with time since approval (overdue in red), in transit. */
import { useState } from 'react'
import { Card, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../shared/useApi'
import { LoadError } from '../../shared/LoadError'
import { OrderDrawer } from './OrderDrawer'

export const elapsed = (t: (k: string, o?: Record<string, unknown>) => string, minutes: number | null) =>
  minutes === null ? '' : minutes < 60 ? t('dispatch.minutes', { n: minutes }) : t('dispatch.hours', { h: Math.floor(minutes / 60), m: minutes % 60 })

export function Board({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation()
  const board = useApi('dispatch.board', { incidentId })
  const [open, setOpen] = useState<string>()
  if (board.error) return <LoadError error={board.error} onRetry={board.reload} />
  const d = board.data
  return (
    <div data-testid="dispatch-board">
      <Card size="small" title={t('dispatch.openRequests')} className="block-gap">
        <Table size="small" rowKey="id" pagination={false} loading={board.loading} dataSource={d?.requests ?? []} data-testid="board-requests"
          columns={[
            { title: t('dispatch.reqNo'), dataIndex: 'requestNo' },
            { title: t('dispatch.destination'), render: (_, r) => r.destinationName ?? r.destinationAddress ?? r.regionName },
            { title: t('dispatch.urgency'), dataIndex: 'urgency', render: (u: string) => <Tag color={u === 'critical' ? 'red' : u === 'urgent' ? 'orange' : undefined}>{t(`dispatch.urgency${u[0].toUpperCase()}${u.slice(1)}` as 'dispatch.urgencyNormal')}</Tag> },
            { title: t('dispatch.fill'), render: (_, r) => r.lines.map((l) => `${l.itemName} ${l.requested}/${l.received}${l.unit}`).join('；') },
          ]} />
      </Card>
      <Card size="small" title={`${t('dispatch.orders')}${d?.overdue ? ` · ${t('dispatch.overdue')} ${d.overdue}` : ''}`} className="block-gap">
        <Table size="small" rowKey="id" pagination={{ pageSize: 50 }} loading={board.loading} dataSource={d?.orders ?? []} data-testid="board-orders"
          rowClassName={(o) => (o.overdue ? 'row-overdue' : '')}
          onRow={(o) => ({ onClick: () => setOpen(o.id), 'data-testid': `order-row-${o.orderNo}` } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('dispatch.orderNo'), dataIndex: 'orderNo', render: (no: string) => <a>{no}</a> },
            { title: t('dispatch.state'), dataIndex: 'state', render: (s: string) => <Tag data-testid="order-state">{t(`dispatch.state_${s}` as 'dispatch.state_draft')}</Tag> },
            { title: t('dispatch.from'), dataIndex: 'fromName' },
            { title: t('dispatch.to'), dataIndex: 'toName' },
            { title: t('dispatch.lines'), dataIndex: 'lines', align: 'right' },
            { title: t('dispatch.shipped'), dataIndex: 'shipped', align: 'right' },
            { title: t('dispatch.received'), dataIndex: 'received', align: 'right' },
            { title: t('dispatch.inTransit'), dataIndex: 'inTransit', align: 'right' },
            { title: t('dispatch.sinceApproval'), render: (_, o) => o.state === 'approved' || o.state === 'dispatched' ? elapsed(t as never, o.minutesSinceApproval) : '' },
            { title: t('dispatch.overdue'), render: (_, o) => (o.overdue ? <Tag color="red">{t('dispatch.overdue')}</Tag> : null) },
          ]} />
      </Card>
      <Card size="small" title={t('dispatch.inTransit')}>
        <Table size="small" rowKey={(r) => `${r.orderId}-${r.itemId}`} pagination={false} dataSource={d?.inTransit ?? []} data-testid="board-transit"
          columns={[
            { title: t('dispatch.orderNo'), dataIndex: 'orderNo' }, { title: t('dispatch.from'), dataIndex: 'fromName' },
            { title: t('dispatch.to'), dataIndex: 'toName' }, { title: t('dispatch.item'), dataIndex: 'itemName' },
            { title: t('dispatch.inTransit'), render: (_, r) => `${r.quantity} ${r.unit}`, align: 'right' },
          ]} />
      </Card>
      {open && <OrderDrawer id={open} onClose={() => { setOpen(undefined); board.reload() }} />}
    </div>
  )
}
