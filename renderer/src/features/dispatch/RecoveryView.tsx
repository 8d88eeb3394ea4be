/**
 * After the incident: 回收入库 (returnable items come back into a site) and 核销 (consumables used up are written off
 * at the site that held them), both against the incident so the report counts them. Lines are keyed like the
 * other forms: item, Tab, quantity, Enter for the next line; Ctrl+Enter posts.
 */
import { useEffect, useRef, useState } from 'react'
import { Alert, Button, Card, DatePicker, Input, Segmented, Space, Table, Typography, type RefSelectProps } from 'antd'
import { NumberInput } from '../../common/NumberInput'
import { firstBadNumberRow, type NumberValue } from '../../common/numberText'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { api, newDocumentId } from '../../api'
import { SiteSelect } from '../../common/SiteSelect'
import { activeSites, useItems, useSites } from '../../common/useReference'
import { ItemSelectRef } from './OrderEntry'

interface Line { key: string; itemId?: string; lotNo?: string; quantity?: NumberValue }
const emptyLine = (): Line => ({ key: Math.random().toString(36).slice(2) })
type Kind = 'return' | 'writeOff'

export function RecoveryView({ incidentId, onPosted }: { incidentId: string; onPosted: () => void }) {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items } = useItems()
  const [kind, setKind] = useState<Kind>('return')
  const [id, setId] = useState(newDocumentId)
  const [siteId, setSite] = useState<string>()
  const [docDate, setDate] = useState(dayjs())
  const [reason, setReason] = useState('')
  const [lines, setLines] = useState<Line[]>([emptyLine()])
  const [error, setError] = useState<{ message: string; row?: number }>()
  const [posted, setPosted] = useState<string>()
  const [focusRow, setFocusRow] = useState<number>()
  const itemRefs = useRef<Array<RefSelectProps | null>>([])
  useEffect(() => {
    if (focusRow !== undefined) { itemRefs.current[focusRow]?.focus(); setFocusRow(undefined) }
  }, [focusRow, lines.length])
  const shown = kind === 'return' ? items.filter((i) => i.returnable) : items
  const setLine = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)))
  const nextLine = (i: number) => {
    if (i === lines.length - 1) setLines((ls) => [...ls, emptyLine()])
    setFocusRow(i + 1)
  }
  const post = async () => {
    setError(undefined); setPosted(undefined)
    if (!siteId) { setError({ message: t('doc.needSite') }); return }
    const bad = firstBadNumberRow(lines, (l) => (l.itemId && l.quantity == null ? '' : l.quantity))
    if (bad) { setError({ message: t('doc.badQuantity', { row: bad }), row: bad }); return }
    const filled = lines.filter((l) => l.itemId && typeof l.quantity === 'number')
    if (!filled.length) { setError({ message: t('doc.needLines') }); return }
    const head = { id, incidentId, siteId, docDate: docDate.format('YYYY-MM-DD'), reason: reason || undefined }
    try {
      const r = kind === 'return'
        ? await api('incident.return', { ...head, lines: filled.map((l) => ({ itemId: l.itemId!, lotNo: l.lotNo?.trim() || undefined, quantity: l.quantity as number })) })
        : await api('incident.writeOff', { ...head, lines: filled.map((l) => ({ itemId: l.itemId!, quantity: l.quantity as number })) })
      setPosted(r.docNo)
      setLines([emptyLine()]); setId(newDocumentId())
      onPosted()
    } catch (e) {
      const err = e as Error & { row?: number }
      setError({ message: err.message, row: err.row })
    }
  }
  return (
    <Card size="small" data-testid="recovery-form" className="block-gap no-print"
      onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void post() } }}
      title={<Segmented value={kind} data-testid="recovery-kind" onChange={(v) => { setKind(v as Kind); setError(undefined); setPosted(undefined) }}
        options={[{ value: 'return', label: t('dispatch.returnIn') }, { value: 'writeOff', label: t('dispatch.writeOff') }]} />}>
      <Space wrap className="block-gap">
        <span>{kind === 'return' ? t('dispatch.returnSite') : t('dispatch.writeOffSite')}</span>
        <SiteSelect sites={activeSites(sites)} value={siteId} onChange={setSite} testId="recovery-site" />
        <span>{t('doc.date')}</span>
        <DatePicker format="YYYY-MM-DD" allowClear={false} value={docDate} onChange={(d) => d && setDate(d)} />
        <Input placeholder={t('doc.reason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 240 }} />
      </Space>
      <Table size="small" rowKey="key" pagination={false} dataSource={lines} data-testid="recovery-lines" className="doc-lines"
        rowClassName={(_, i) => (error?.row === i + 1 ? 'line-error' : '')}
        columns={[
          { title: '#', width: 40, render: (_, __, i) => i + 1 },
          { title: t('dispatch.item'), render: (_, l, i) => <ItemSelectRef items={shown} value={l.itemId} onChange={(v) => setLine(i, { itemId: v })} testId={`vline-${i}-item`} refCb={(r) => { itemRefs.current[i] = r }} /> },
          ...(kind === 'return' ? [{
            title: t('doc.lotNo'), width: 180, render: (_: unknown, l: Line, i: number) =>
              <Input value={l.lotNo} onChange={(e) => setLine(i, { lotNo: e.target.value })} data-testid={`vline-${i}-lot`} />,
          }] : []),
          {
            title: t('dispatch.quantity'), width: 140, render: (_, l, i) => (
              <NumberInput min={1} integer value={l.quantity} testId={`vline-${i}-quantity`} aria-label={`${t('dispatch.quantity')} ${i + 1}`}
                onChange={(v) => setLine(i, { quantity: v ?? undefined })}
                onKeyDown={(e) => { if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) { e.preventDefault(); nextLine(i) } }} />
            ),
          },
        ]} />
      <Typography.Paragraph className="doc-hint">{kind === 'return' ? t('dispatch.returnHint') : t('dispatch.writeOffHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon className="block-gap" title={<span data-testid="recovery-error">{error.row ? `${t('doc.line')} ${error.row}：` : ''}{error.message}</span>} />}
      {posted && <Alert type="success" showIcon className="block-gap" title={<span data-testid="recovery-posted">{t('doc.posted', { docNo: posted })}</span>} />}
      <Button type="primary" onClick={() => void post()} data-testid="recovery-post">{t('dispatch.postRecovery')}</Button>
    </Card>
  )
}
