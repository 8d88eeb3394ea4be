/** The incident's board: open requests, orders by state with time since approval (overdue in red), in transit. */
import { useEffect, useState } from 'react'
import { Button, Card, Segmented, Space, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { elapsed, LateTag } from './lateness'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { OrderDrawer } from './OrderDrawer'
import { RequestTable } from './RequestsView'
import { ordersSheet } from './ordersExport'
import { api } from '../../api'
import type { OrderListRow } from '../../../../core/dispatch/transfers'
import { buildXlsx } from '../../../../core/common/xlsx'
import { downloadBytes } from '../../common/download'
import type { TransferState } from '../../../../core/dispatch/transfer-state'

/**
 * How often the open board asks again. Several dispatchers and the keepers at the depots move orders on at the same
 * time (and sync brings in what other offices did); a plain poll every few seconds keeps the board live with one
 * small paged query, works the same over IPC (desktop) and HTTP (hub), and needs no push channel through office
 * firewalls. It pauses while the window is hidden.
 */
export const BOARD_REFRESH_MS = 5000
const PAGE_SIZE = 50

export { elapsed, LateTag }

/** All pages of the board's orders under one state filter. */
async function fetchBoardOrders(incidentId: string, state: TransferState | undefined): Promise<OrderListRow[]> {
  const out: OrderListRow[] = []
  for (let page = 1; ; page++) {
    const b = await api('dispatch.board', { incidentId, page, pageSize: 500, state })
    out.push(...b.orders)
    if (b.orders.length < 500 || out.length >= b.total) return out
  }
}

export function Board({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const [state, setState] = useState<TransferState | 'all'>('all')
  const board = useApi('dispatch.board', { incidentId, page, pageSize: PAGE_SIZE, state: state === 'all' ? undefined : state })
  const [open, setOpen] = useState<string>()
  const { reload } = board
  useEffect(() => {
    const timer = setInterval(() => { if (document.visibilityState === 'visible') reload() }, BOARD_REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])
  const [exporting, setExporting] = useState(false)
  /** 导出 Excel: every order under the state filter (all pages), as the board lists them. */
  const exportOrders = async () => {
    setExporting(true)
    try {
      const orders = await fetchBoardOrders(incidentId, state === 'all' ? undefined : state)
      const label = state === 'all' ? t('stock.all') : t(`dispatch.state_${state}`)
      downloadBytes(await buildXlsx(ordersSheet(t, label, orders)), `${t('dispatch.orders')}_${label}.xlsx`)
    } finally { setExporting(false) }
  }
  const first = board.loading && !board.data
  if (board.error) return <LoadError error={board.error} onRetry={board.reload} />
  const d = board.data
  return (
    <div data-testid="dispatch-board">
      <Card size="small" title={t('dispatch.openRequests')} className="block-gap">
        <RequestTable rows={d?.requests ?? []} loading={first} onChanged={reload} testId="board-requests" />
      </Card>
      <Card size="small" title={<span data-testid="board-orders-title">{`${t('dispatch.orders')}${d?.overdue ? ` · ${t('dispatch.overdue')} ${d.overdue}` : ''}${d?.punctuality.onTimeRate != null ? ` · ${t('dispatch.onTimeRate', { rate: d.punctuality.onTimeRate, onTime: d.punctuality.onTime, arrived: d.punctuality.arrived })}` : ''}`}</span>} className="block-gap"
        extra={<Space><Button size="small" loading={exporting} onClick={() => void exportOrders()} data-testid="board-orders-export">{t('dispatch.exportXlsx')}</Button><Segmented size="small" value={state} data-testid="board-state-filter" onChange={(v) => { setState(v as TransferState | 'all'); setPage(1) }}
          options={[{ value: 'all', label: `${t('stock.all')} ${d ? d.counts.draft + d.counts.approved + d.counts.dispatched + d.counts.partly_received + d.counts.received : ''}` },
            ...(['draft', 'approved', 'dispatched', 'partly_received', 'received'] as const).map((s) => ({ value: s, label: `${t(`dispatch.state_${s}`)} ${d?.counts[s] ?? ''}` }))]} /></Space>}>
        <Table size="small" rowKey="id" loading={first} dataSource={d?.orders ?? []} data-testid="board-orders"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: d?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('stock.total', { n }) }}
          rowClassName={(o) => (o.overdue ? 'row-overdue' : '')}
          onRow={(o) => ({
            // Keyboard: every order is a tab stop (focus ring in styles.css); Enter or Space opens it, like a click.
            onClick: () => setOpen(o.id), tabIndex: 0, className: 'board-order-row', 'aria-label': o.orderNo,
            onKeyDown: (e: React.KeyboardEvent) => { if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); setOpen(o.id) } },
            'data-testid': `order-row-${o.orderNo}`,
          } as React.HTMLAttributes<HTMLElement>)}
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
            { title: t('dispatch.lateness'), render: (_, o) => <LateTag o={o} t={t as never} /> },
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
      {open && <OrderDrawer id={open} onClose={() => { setOpen(undefined); reload() }} />}
    </div>
  )
}
