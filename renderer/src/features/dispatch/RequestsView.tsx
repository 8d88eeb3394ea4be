/**
 * 需求申报: a community or street asks for items (keyboard entry like the order form), and the incident's requests
 * with their fulfilment; "生成调拨单" applies the allocation suggestion as one draft order per source.
 */
import { useEffect, useRef, useState } from 'react'
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography, type RefSelectProps } from 'antd'
import { NumberInput } from '../../common/NumberInput'
import { firstBadNumberRow, type NumberValue } from '../../common/numberText'
import { useTranslation } from 'react-i18next'
import { api, newDocumentId } from '../../api'
import { SiteSelect } from '../../common/SiteSelect'
import { activeSites, useItems, useSites } from '../../common/useReference'
import { useApi } from '../../common/useApi'
import { ItemSelectRef } from './OrderEntry'
import { requestsSheet } from './requestsExport'
import { buildXlsx } from '../../../../core/common/xlsx'
import { downloadBytes } from '../../common/download'

interface Line { key: string; itemId?: string; quantity?: NumberValue }
const emptyLine = (): Line => ({ key: Math.random().toString(36).slice(2) })
type Urgency = 'normal' | 'urgent' | 'critical'

export const urgencyTag = (t: (k: string) => string, u: Urgency) =>
  <Tag color={u === 'critical' ? 'red' : u === 'urgent' ? 'orange' : undefined}>{t(`dispatch.urgency${u[0].toUpperCase()}${u.slice(1)}`)}</Tag>

export function RequestsView({ incidentId, onChanged }: { incidentId: string; onChanged: () => void }) {
  const { t } = useTranslation()
  const list = useApi('request.list', { incidentId })
  return (
    <div data-testid="requests-view">
      <RequestForm incidentId={incidentId} onSaved={() => { list.reload(); onChanged() }} />
      <Card size="small" title={t('dispatch.allRequests')} className="block-gap"
        extra={<Button size="small" disabled={!list.data?.length} data-testid="requests-export"
          onClick={() => void buildXlsx(requestsSheet(t, list.data ?? [])).then((b) => downloadBytes(b, `${t('dispatch.requests')}.xlsx`))}>{t('dispatch.exportXlsx')}</Button>}>
        <RequestTable rows={list.data ?? []} loading={list.loading} onChanged={() => { list.reload(); onChanged() }} testId="requests-list" />
      </Card>
    </div>
  )
}

type RequestRow = NonNullable<ReturnType<typeof useApi<'request.list'>>['data']>[number]

/** Requests with their fill per item and the one-click "make orders". Shared by the board (open ones) and the requests tab. */
export function RequestTable({ rows, loading, onChanged, testId }: { rows: RequestRow[]; loading: boolean; onChanged: () => void; testId: string }) {
  const { t } = useTranslation()
  const [msg, setMsg] = useState<{ type: 'success' | 'error' | 'warning'; text: string }>()
  const [busy, setBusy] = useState<string>()
  const make = async (r: RequestRow) => {
    setBusy(r.id); setMsg(undefined)
    try {
      const made = await api('request.makeOrders', { requestId: r.id, batchId: newDocumentId() })
      const text = [
        made.orders.length ? t('dispatch.madeOrders', { n: made.orders.length, list: made.orders.map((o) => `${o.orderNo}（${o.sourceName}）`).join('、') }) : '',
        made.short.length ? t('dispatch.shortBy', { list: made.short.map((s) => `${s.itemName} ${s.shortBy}${s.unit}`).join('、') }) : '',
      ].filter(Boolean).join('；')
      setMsg({ type: made.short.length ? 'warning' : 'success', text })
      onChanged()
    } catch (e) { setMsg({ type: 'error', text: (e as Error).message }) } finally { setBusy(undefined) }
  }
  return (
    <>
      {msg && <Alert type={msg.type} showIcon className="block-gap" title={<span data-testid="make-orders-result">{msg.text}</span>} closable={{ onClose: () => setMsg(undefined) }} />}
      <Table size="small" rowKey="id" pagination={{ pageSize: 20, hideOnSinglePage: true }} loading={loading} dataSource={rows} data-testid={testId}
        onRow={(r) => ({ 'data-testid': `request-row-${r.requestNo}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('dispatch.reqNo'), dataIndex: 'requestNo' },
          { title: t('dispatch.destination'), render: (_, r) => r.destinationName ?? r.destinationAddress ?? r.regionName },
          { title: t('dispatch.urgency'), dataIndex: 'urgency', render: (u: Urgency) => urgencyTag(t as never, u) },
          { title: t('dispatch.contact'), dataIndex: 'contact' },
          { title: t('dispatch.fill'), render: (_, r) => r.lines.map((l) => `${l.itemName} ${l.requested}/${l.received}${l.unit}`).join('；') },
          { title: t('dispatch.status'), dataIndex: 'status', render: (s: string) => <Tag data-testid="request-status" color={s === 'fulfilled' ? 'green' : s === 'partly' ? 'blue' : undefined}>{t(`dispatch.req_${s}` as 'dispatch.req_open')}</Tag> },
          {
            title: t('dispatch.actions'), render: (_, r) => (r.status === 'open' || r.status === 'partly') && r.lines.some((l) => l.allocated < l.requested)
              ? <Button size="small" type="primary" loading={busy === r.id} onClick={() => void make(r)} data-testid="make-orders">{t('dispatch.makeOrders')}</Button>
              : null,
          },
        ]} />
    </>
  )
}

function RequestForm({ incidentId, onSaved }: { incidentId: string; onSaved: () => void }) {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items } = useItems()
  const tree = useApi('network.tree', {})
  const regions = (tree.data?.streets ?? []).flatMap((s) => [{ value: s.code, label: s.name }, ...s.communities.map((c) => ({ value: c.code, label: `${s.name} ${c.name}` }))])
  const [id, setId] = useState(newDocumentId)
  const [regionCode, setRegion] = useState<string>()
  const [destinationSiteId, setSite] = useState<string>()
  const [destinationAddress, setAddress] = useState('')
  const [urgency, setUrgency] = useState<Urgency>('urgent')
  const [contact, setContact] = useState('')
  const [requester, setRequester] = useState('')
  const [lines, setLines] = useState<Line[]>([emptyLine()])
  const [error, setError] = useState<{ message: string; row?: number }>()
  const [saved, setSaved] = useState<string>()
  const [focusRow, setFocusRow] = useState<number>()
  const itemRefs = useRef<Array<RefSelectProps | null>>([])
  useEffect(() => {
    if (focusRow !== undefined) { itemRefs.current[focusRow]?.focus(); setFocusRow(undefined) }
  }, [focusRow, lines.length])
  const setLine = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)))
  const nextLine = (i: number) => {
    if (i === lines.length - 1) setLines((ls) => [...ls, emptyLine()])
    setFocusRow(i + 1)
  }
  const save = async () => {
    setError(undefined); setSaved(undefined)
    const bad = firstBadNumberRow(lines, (l) => (l.itemId && l.quantity == null ? '' : l.quantity))
    if (bad) { setError({ message: t('doc.badQuantity', { row: bad }), row: bad }); return }
    const filled = lines.filter((l) => l.itemId && typeof l.quantity === 'number')
    try {
      const r = await api('request.save', {
        id, incidentId, regionCode, destinationSiteId, destinationAddress: destinationAddress || undefined, urgency,
        contact: contact || undefined, requester: requester || undefined, lines: filled.map((l) => ({ itemId: l.itemId!, quantity: l.quantity as number })),
      })
      setSaved(r.requestNo)
      setLines([emptyLine()]); setId(newDocumentId())
      onSaved()
    } catch (e) {
      const err = e as Error & { row?: number }
      setError({ message: err.message, row: err.row })
    }
  }
  return (
    <Card size="small" title={t('dispatch.newRequest')} data-testid="request-form"
      onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void save() } }}>
      <Space wrap className="block-gap">
        <span>{t('dispatch.region')}</span>
        <Select autoFocus showSearch={{ optionFilterProp: 'label' }} allowClear style={{ minWidth: 220 }} value={regionCode} onChange={setRegion} options={regions} data-testid="req-region" />
        <span>{t('dispatch.destSite')}</span>
        <SiteSelect sites={activeSites(sites)} value={destinationSiteId} onChange={setSite} testId="req-site" allowClear />
        <Input placeholder={t('dispatch.destAddress')} value={destinationAddress} onChange={(e) => setAddress(e.target.value)} style={{ width: 200 }} data-testid="req-address" />
        <span>{t('dispatch.urgency')}</span>
        <Select style={{ width: 90 }} value={urgency} onChange={setUrgency} data-testid="req-urgency"
          options={(['normal', 'urgent', 'critical'] as const).map((u) => ({ value: u, label: t(`dispatch.urgency${u[0].toUpperCase()}${u.slice(1)}` as 'dispatch.urgencyNormal') }))} />
        <Input placeholder={t('dispatch.contact')} value={contact} onChange={(e) => setContact(e.target.value)} style={{ width: 180 }} data-testid="req-contact" />
        <Input placeholder={t('dispatch.requester')} value={requester} onChange={(e) => setRequester(e.target.value)} style={{ width: 140 }} data-testid="req-requester" />
      </Space>
      <Table size="small" rowKey="key" pagination={false} dataSource={lines} data-testid="req-lines" className="doc-lines"
        rowClassName={(_, i) => (error?.row === i + 1 ? 'line-error' : '')}
        columns={[
          { title: '#', width: 40, render: (_, __, i) => i + 1 },
          {
            title: t('dispatch.item'), render: (_, l, i) => (
              <ItemSelectRef items={items} value={l.itemId} onChange={(v) => setLine(i, { itemId: v })} testId={`rline-${i}-item`} refCb={(r) => { itemRefs.current[i] = r }} />
            ),
          },
          {
            title: t('dispatch.quantity'), width: 140, render: (_, l, i) => (
              <NumberInput min={1} integer value={l.quantity} testId={`rline-${i}-quantity`} aria-label={`${t('dispatch.quantity')} ${i + 1}`}
                onChange={(v) => setLine(i, { quantity: v ?? undefined })}
                onKeyDown={(e) => { if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) { e.preventDefault(); nextLine(i) } }} />
            ),
          },
        ]} />
      <Typography.Paragraph className="doc-hint">{t('dispatch.reqHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon className="block-gap" title={<span data-testid="request-error">{error.row ? `${t('doc.line')} ${error.row}：` : ''}{error.message}</span>} />}
      {saved && <Alert type="success" showIcon className="block-gap" title={<span data-testid="request-saved">{t('dispatch.requestSaved', { no: saved })}</span>} />}
      <Button type="primary" onClick={() => void save()} data-testid="request-save">{t('dispatch.saveRequest')}</Button>
    </Card>
  )
}
