/** One order: its lines, the steps it can take now, receipt with shortfall reasons, history, the printable 调拨单. */
import { useRef, useState } from 'react'
import { Alert, Button, Descriptions, Drawer, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { LateTag } from './lateness'
import { NumberInput } from '../../common/NumberInput'
import type { NumberValue } from '../../common/numberText'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { actionsFrom } from '../../../../core/dispatch/transfer-state'
import { TransportLists, useTransport } from './transport'
import { openOrderPrint } from '../print/usePrintTarget'

type Reason = 'damaged' | 'lost' | 'short_shipped'

export function OrderDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation()
  const order = useApi('transfer.get', { id })
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [receipt, setReceipt] = useState<Record<number, { received?: NumberValue; reason?: Reason }>>({})
  const [edits, setEdits] = useState<Record<number, NumberValue>>({})
  const [vehicle, setVehicle] = useState<string>()
  const [driver, setDriver] = useState<string>()
  const [saved, setSaved] = useState(false)
  const transport = useTransport()
  // After a step the button that was pressed is gone: the focus goes to 打印 so the keyboard is never left on the page body.
  const printRef = useRef<HTMLButtonElement>(null)
  const o = order.data
  const can = o ? actionsFrom(o.state) : []
  const run = async (action: 'approve' | 'dispatch' | 'receive' | 'close' | 'cancel') => {
    if (!o) return
    if (action === 'receive') {
      const bad = o.lines.find((l) => typeof receipt[l.lineNo]?.received === 'string' || receipt[l.lineNo]?.received === null)
      if (bad) { setError(t('dispatch.badReceived', { row: bad.lineNo })); return }
    }
    setBusy(true); setError(undefined)
    try {
      const lines = action === 'receive'
        ? o.lines.map((l) => ({ lineNo: l.lineNo, received: (receipt[l.lineNo]?.received as number | undefined) ?? l.shipped, reason: receipt[l.lineNo]?.reason }))
        : undefined
      await api('transfer.transition', {
        id: o.id, action, lines,
        ...(action === 'dispatch' ? { vehicle: vehicle ?? o.vehicle ?? undefined, driver: driver ?? o.driver ?? undefined } : {}),
      })
      setSaved(false)
      order.reload()
      printRef.current?.focus()
    } catch (e) { setError((e as Error).message) } finally { setBusy(false) }
  }
  const receiving = o?.state === 'dispatched'
  const editing = o?.state === 'draft'
  /** A draft changed line by line: a line set to 0 is dropped; a line raised above what was asked asks for more. */
  const saveLines = async () => {
    if (!o) return
    const bad = o.lines.find((l) => typeof edits[l.lineNo] === 'string' || edits[l.lineNo] === null)
    if (bad) { setError(t('dispatch.badAllocated', { row: bad.lineNo })); return }
    setBusy(true); setError(undefined); setSaved(false)
    try {
      const lines = o.lines.filter((l) => edits[l.lineNo] !== 0).map((l) => {
        const allocated = (edits[l.lineNo] as number | undefined) ?? l.allocated
        return { itemId: l.itemId, lotId: l.lotId ?? undefined, requested: Math.max(l.requested, allocated, 1), allocated }
      })
      await api('transfer.save', {
        id: o.id, incidentId: o.incidentId ?? undefined, requestId: o.requestId ?? undefined, fromSiteId: o.fromSiteId ?? undefined,
        fromAgreementId: o.fromAgreementId ?? undefined, toSiteId: o.toSiteId ?? undefined, toAddress: o.toAddress ?? undefined,
        vehicle: vehicle ?? o.vehicle ?? undefined, driver: driver ?? o.driver ?? undefined, note: o.note ?? undefined, lines,
      })
      setEdits({}); setSaved(true)
      order.reload()
    } catch (e) { setError((e as Error).message) } finally { setBusy(false) }
  }
  return (
    <Drawer open width={900} onClose={onClose} title={o ? `${t('nav.dispatch')} ${o.orderNo}` : ''} data-testid="order-drawer">
      {o && (
        <div className="print-order">
          <h2 className="print-only">调拨单 {o.orderNo}</h2>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('dispatch.orderNo')}><span data-testid="drawer-order-no">{o.orderNo}</span></Descriptions.Item>
            <Descriptions.Item label={t('dispatch.state')}><Tag data-testid="drawer-state">{t(`dispatch.state_${o.state}` as 'dispatch.state_draft')}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('dispatch.incident')}>{o.incidentName}</Descriptions.Item>
            <Descriptions.Item label={t('dispatch.from')}>{o.fromName}</Descriptions.Item>
            <Descriptions.Item label={t('dispatch.to')}>{o.toName}</Descriptions.Item>
            <Descriptions.Item label={t('dispatch.dueAt')}>{o.dueAt ? o.dueAt.replace('T', ' ').slice(0, 16) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dispatch.deliveredAt')}>
              <span data-testid="drawer-delivered">{o.deliveredAt ? o.deliveredAt.replace('T', ' ').slice(0, 16) : '—'}</span> <LateTag o={o} t={t as never} />
            </Descriptions.Item>
            <Descriptions.Item label={`${t('dispatch.vehicle')} / ${t('dispatch.driver')}`}>{[o.vehicle, o.driver].filter(Boolean).join(' / ')}</Descriptions.Item>
          </Descriptions>
          <Table size="small" rowKey="lineNo" dataSource={o.lines}
            pagination={o.lines.length > 200 ? { pageSize: 200, showSizeChanger: false, className: 'no-print' } : false} className="block-gap" data-testid="drawer-lines"
            columns={[
              { title: '#', dataIndex: 'lineNo', width: 40 },
              { title: t('dispatch.item'), render: (_, l) => `${l.itemCode} ${l.itemName}` },
              { title: t('dispatch.lot'), dataIndex: 'lotNo' },
              { title: t('dispatch.requested'), dataIndex: 'requested', align: 'right' },
              {
                title: t('dispatch.allocated'), align: 'right', render: (_, l) => editing
                  ? <NumberInput size="small" integer min={0} value={edits[l.lineNo] === undefined ? l.allocated : edits[l.lineNo]} testId={`alloc-${l.lineNo}`}
                    aria-label={`${t('dispatch.allocated')} ${l.lineNo}`} style={{ width: 90 }}
                    onChange={(v) => setEdits((x) => ({ ...x, [l.lineNo]: v }))} />
                  : l.allocated,
              },
              { title: t('dispatch.shipped'), dataIndex: 'shipped', align: 'right' },
              {
                title: t('dispatch.received'), align: 'right', render: (_, l) => receiving
                  ? <NumberInput size="small" integer min={0} max={l.shipped} value={receipt[l.lineNo]?.received === undefined ? l.shipped : receipt[l.lineNo]?.received} testId={`receive-${l.lineNo}`}
                    aria-label={`${t('dispatch.received')} ${l.lineNo}`} style={{ width: 90 }}
                    onChange={(v) => setReceipt((r) => ({ ...r, [l.lineNo]: { ...r[l.lineNo], received: v } }))} />
                  : l.received,
              },
              {
                title: t('dispatch.reason'), render: (_, l) => receiving
                  ? <Select size="small" style={{ width: 110 }} allowClear value={receipt[l.lineNo]?.reason} data-testid={`reason-${l.lineNo}`}
                    onChange={(v: Reason) => setReceipt((r) => ({ ...r, [l.lineNo]: { ...r[l.lineNo], reason: v } }))}
                    options={(['damaged', 'lost', 'short_shipped'] as const).map((x) => ({ value: x, label: t(`dispatch.reasons_${x}`) }))} />
                  : l.shortfall ? `${l.shortfall}（${t(`dispatch.reasons_${l.shortfallReason as Reason}`)}）` : '',
              },
              { title: t('dispatch.inTransit'), dataIndex: 'inTransit', align: 'right' },
            ]} />
          <div className="print-only sign-lines">
            <span>{t('dispatch.signFrom')}：__________</span><span>{t('dispatch.signCarrier')}：__________</span><span>{t('dispatch.signTo')}：__________</span>
          </div>
          {(editing || o.state === 'approved') && (
            <Space wrap className="block-gap no-print">
              <TransportLists transport={transport} />
              <span>{t('dispatch.vehicle')}</span>
              <Input size="small" list="transport-vehicles" style={{ width: 220 }} value={vehicle ?? o.vehicle ?? ''} onChange={(e) => setVehicle(e.target.value)} data-testid="drawer-vehicle" />
              <span>{t('dispatch.driver')}</span>
              <Input size="small" list="transport-drivers" style={{ width: 180 }} value={driver ?? o.driver ?? ''} onChange={(e) => setDriver(e.target.value)} data-testid="drawer-driver" />
            </Space>
          )}
          {editing && <Typography.Paragraph className="doc-hint no-print">{t('dispatch.overrideHint')}</Typography.Paragraph>}
          {error && <Alert type="error" showIcon className="block-gap" title={<span data-testid="drawer-error">{error}</span>} />}
          {saved && <Alert type="success" showIcon className="block-gap no-print" title={<span data-testid="drawer-saved">{t('dispatch.linesSaved')}</span>} />}
          <Space className="block-gap no-print">
            {editing && <Button loading={busy} onClick={() => void saveLines()} data-testid="act-save-lines">{t('dispatch.saveLines')}</Button>}
            {can.includes('approve') && <Button type="primary" autoFocus loading={busy} onClick={() => void run('approve')} data-testid="act-approve">{t('dispatch.approve')}</Button>}
            {can.includes('dispatch') && <Button type="primary" loading={busy} onClick={() => void run('dispatch')} data-testid="act-dispatch">{t('dispatch.dispatchAction')}</Button>}
            {can.includes('receive') && <Button type="primary" loading={busy} onClick={() => void run('receive')} data-testid="act-receive">{t('dispatch.receive')}</Button>}
            {can.includes('close') && <Button loading={busy} onClick={() => void run('close')} data-testid="act-close">{t('dispatch.close')}</Button>}
            {can.includes('cancel') && <Button danger loading={busy} onClick={() => void run('cancel')} data-testid="act-cancel">{t('dispatch.cancel')}</Button>}
            <Button ref={printRef} accessKey="p" title={t('dispatch.printKey')} onClick={() => openOrderPrint(o.id)} data-testid="act-print">{t('dispatch.print')}</Button>
          </Space>
          <Table size="small" rowKey="id" pagination={false} className="block-gap no-print" dataSource={o.history} title={() => t('dispatch.history')}
            columns={[
              { title: t('dispatch.when'), dataIndex: 'at', render: (a: string) => a.replace('T', ' ').slice(0, 16) },
              { title: t('dispatch.state'), render: (_, h) => (h.action === 'create' ? t('dispatch.created')
                : `${t(`dispatch.state_${h.fromState}` as 'dispatch.state_draft')} → ${t(`dispatch.state_${h.toState}` as 'dispatch.state_draft')}`) },
              { title: t('dispatch.who'), dataIndex: 'actorName' },
            ]} />
        </div>
      )}
    </Drawer>
  )
}
