/**
 * Keyboard-first 调拨单 entry: source, destination, then lines — type an item code and Enter, Tab, quantity, Enter
 * opens the next line; Ctrl+Enter saves and approves. The allocation suggestion shows what each source keeps.
 */
import { useEffect, useRef, useState } from 'react'
import { Alert, Button, Card, Input, Select, Space, Table, Typography, type RefSelectProps } from 'antd'
import { NumberInput } from '../../common/NumberInput'
import { firstBadNumberRow, type NumberValue } from '../../common/numberText'
import { useTranslation } from 'react-i18next'
import { api, newDocumentId } from '../../api'
import { SiteSelect } from '../../common/SiteSelect'
import { ItemSelect } from '../../common/ItemSelect'
import { activeSites, useItems, useSites } from '../../common/useReference'
import { useApi } from '../../common/useApi'
import { TransportLists, useTransport } from './transport'

interface Line { key: string; itemId?: string; quantity?: NumberValue }
const emptyLine = (): Line => ({ key: Math.random().toString(36).slice(2) })

export function OrderEntry({ incidentId, onSaved }: { incidentId: string; onSaved: () => void }) {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items } = useItems()
  const sources = useApi('dispatch.sources', {})
  const transport = useTransport()
  const [id, setId] = useState(newDocumentId)
  const [fromSiteId, setFrom] = useState<string>()
  const [fromAgreementId, setAgreement] = useState<string>()
  const [toSiteId, setTo] = useState<string>()
  const [toAddress, setAddress] = useState('')
  const [vehicle, setVehicle] = useState('')
  const [driver, setDriver] = useState('')
  const [lines, setLines] = useState<Line[]>([emptyLine()])
  const [error, setError] = useState<{ message: string; row?: number }>()
  const [saved, setSaved] = useState<string>()
  const [focusRow, setFocusRow] = useState<number>()
  const itemRefs = useRef<Array<RefSelectProps | null>>([])

  useEffect(() => {
    if (focusRow !== undefined) { itemRefs.current[focusRow]?.focus(); setFocusRow(undefined) }
  }, [focusRow, lines.length])

  const agreements = [...new Map((sources.data?.agreements ?? []).map((a) => [a.agreementId, a])).values()]
  const filled = lines.filter((l) => l.itemId && typeof l.quantity === 'number')
  const save = async (approve: boolean) => {
    setError(undefined); setSaved(undefined)
    const bad = firstBadNumberRow(lines, (l) => (l.itemId && l.quantity == null ? '' : l.quantity))
    if (bad) { setError({ message: t('doc.badQuantity', { row: bad }), row: bad }); return }
    try {
      const r = await api('transfer.save', {
        id, incidentId, fromSiteId, fromAgreementId, toSiteId, toAddress: toAddress || undefined, vehicle: vehicle || undefined, driver: driver || undefined,
        lines: filled.map((l) => ({ itemId: l.itemId!, requested: l.quantity as number })),
      })
      if (approve) await api('transfer.transition', { id, action: 'approve' })
      setSaved(r.orderNo)
      setLines([emptyLine()]); setId(newDocumentId())
      onSaved()
    } catch (e) {
      const err = e as Error & { row?: number }
      setError({ message: err.message, row: err.row })
    }
  }
  const setLine = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)))
  const nextLine = (i: number) => {
    if (i === lines.length - 1) setLines((ls) => [...ls, emptyLine()])
    setFocusRow(i + 1)
  }

  return (
    <Card size="small" data-testid="order-entry"
      onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void save(true) } }}>
      <Space wrap className="block-gap">
        <span>{t('dispatch.fromSite')}</span>
        <SiteSelect sites={activeSites(sites)} value={fromSiteId} onChange={(v) => { setFrom(v); if (v) setAgreement(undefined) }} testId="order-from" autoFocus allowClear />
        <span>{t('dispatch.fromAgreement')}</span>
        <Select allowClear style={{ minWidth: 200 }} value={fromAgreementId} data-testid="order-agreement"
          onChange={(v: string | undefined) => { setAgreement(v); if (v) setFrom(undefined) }}
          options={agreements.map((a) => ({ value: a.agreementId, label: `${a.partnerName}（${a.agreementNo}）` }))} />
        <span>{t('dispatch.toSite')}</span>
        <SiteSelect sites={activeSites(sites)} value={toSiteId} onChange={setTo} testId="order-to" allowClear />
        <Input placeholder={t('dispatch.toAddress')} value={toAddress} onChange={(e) => setAddress(e.target.value)} style={{ width: 200 }} />
        <TransportLists transport={transport} />
        <Input placeholder={t('dispatch.vehicle')} list="transport-vehicles" value={vehicle} onChange={(e) => setVehicle(e.target.value)} style={{ width: 200 }} data-testid="order-vehicle" />
        <Input placeholder={t('dispatch.driver')} list="transport-drivers" value={driver} onChange={(e) => setDriver(e.target.value)} style={{ width: 140 }} data-testid="order-driver" />
      </Space>
      <Table size="small" rowKey="key" pagination={false} dataSource={lines} data-testid="order-lines"
        rowClassName={(_, i) => (error?.row === i + 1 ? 'line-error' : '')}
        columns={[
          { title: '#', width: 40, render: (_, __, i) => i + 1 },
          {
            title: t('dispatch.item'), render: (_, l, i) => (
              <div onKeyDown={(e) => { if (e.key === 'Enter' && l.itemId && !e.ctrlKey) { /* Enter picks; Tab moves on */ } }}>
                <ItemSelectRef items={items} value={l.itemId} onChange={(v) => setLine(i, { itemId: v })} testId={`oline-${i}-item`}
                  refCb={(r) => { itemRefs.current[i] = r }} />
              </div>
            ),
          },
          {
            title: t('dispatch.requested'), width: 140, render: (_, l, i) => (
              <NumberInput min={1} integer value={l.quantity} testId={`oline-${i}-quantity`} aria-label={`${t('dispatch.quantity')} ${i + 1}`}
                onChange={(v) => setLine(i, { quantity: v ?? undefined })}
                onKeyDown={(e) => { if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) { e.preventDefault(); nextLine(i) } }} />
            ),
          },
        ]} />
      <Typography.Paragraph className="doc-hint">{t('dispatch.keyHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon className="block-gap" title={<span data-testid="order-error">{error.row ? `${t('dispatch.lines')} ${error.row}：` : ''}{error.message}</span>} />}
      {saved && <Alert type="success" showIcon className="block-gap" title={<span data-testid="order-saved">{t('dispatch.saved', { no: saved })}</span>} />}
      <Space>
        <Button type="primary" onClick={() => void save(true)} data-testid="order-save-approve">{t('dispatch.saveApprove')}</Button>
        <Button onClick={() => void save(false)} data-testid="order-save">{t('dispatch.saveDraft')}</Button>
        <Suggestion toSiteId={toSiteId} lines={filled.map((l) => ({ itemId: l.itemId!, quantity: l.quantity as number }))} />
      </Space>
    </Card>
  )
}

/** ItemSelect with a ref, so Enter on a quantity can put the cursor into the next line's item. */
export function ItemSelectRef(props: { items: Parameters<typeof ItemSelect>[0]['items']; value?: string; onChange: (v?: string) => void; testId: string; refCb: (r: RefSelectProps | null) => void }) {
  return (
    <Select ref={props.refCb} showSearch={{ optionFilterProp: 'search' }} data-testid={props.testId} value={props.value} style={{ width: '100%' }}
      onChange={(v: string | undefined) => props.onChange(v)} popupMatchSelectWidth={320} defaultActiveFirstOption
      options={props.items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}`, search: `${i.code} ${i.name}` }))} />
  )
}

function Suggestion({ toSiteId, lines }: { toSiteId?: string; lines: Array<{ itemId: string; quantity: number }> }) {
  const { t } = useTranslation()
  const [data, setData] = useState<Awaited<ReturnType<typeof api<'transfer.suggest'>>>>()
  const run = async () => setData(await api('transfer.suggest', { toSiteId, lines }))
  return (
    <>
      <Button onClick={() => void run()} disabled={!toSiteId || !lines.length} data-testid="order-suggest">{t('dispatch.suggest')}</Button>
      {data && (
        <Table size="small" rowKey={(r) => `${r.itemId}-${r.sourceName}-${r.lotNo}`} pagination={false} data-testid="suggestion"
          dataSource={data.flatMap((l) => l.picks.map((p) => ({ ...p, itemId: l.itemId, itemName: l.itemName, unit: l.unit })))}
          columns={[
            { title: t('dispatch.item'), dataIndex: 'itemName' }, { title: t('dispatch.from'), dataIndex: 'sourceName' },
            { title: t('dispatch.lot'), dataIndex: 'lotNo' }, { title: t('dispatch.allocated'), dataIndex: 'take', align: 'right' },
            { title: t('dispatch.keeps'), dataIndex: 'keeps', align: 'right' },
          ]} />
      )}
    </>
  )
}
