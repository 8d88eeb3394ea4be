/** 入库单: header, lines, post once (the id is made when the form opens), then the document number and new balances. */
import { useRef, useState } from 'react'
import { Alert, Button, Card, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { DocHeaderFields, emptyHeader, type DocHeader } from '../../shared/DocHeaderFields'
import { PostedResult, type Posted } from '../../shared/PostedResult'
import { loadBalancesFor } from '../../shared/loadBalancesFor'
import { toPostError, type PostError } from '../../shared/postError'
import { useDocumentId } from '../../shared/useDocumentId'
import { activeSites, useItems, useSites } from '../../shared/useReference'
import { buildReceipt, emptyReceiptLine, type ReceiptDraftLine } from './receiptModel'
import { ReceiptLines } from './ReceiptLines'

export function ReceiptPage() {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items, byId } = useItems()
  const [docId, renewDocId] = useDocumentId()
  const [header, setHeader] = useState<DocHeader>(() => emptyHeader('采购入库'))
  const [lines, setLines] = useState<ReceiptDraftLine[]>(() => [emptyReceiptLine()])
  const [error, setError] = useState<PostError>()
  const [posting, setPosting] = useState(false)
  const [posted, setPosted] = useState<Posted>()
  // A double-click fires twice before React re-renders; the ref stops the second post (the id would too).
  const inFlight = useRef(false)

  const post = async () => {
    if (inFlight.current) return
    const built = buildReceipt(docId, header, lines, (k, o) => t(k, { row: o?.row ?? 0 }))
    if ('error' in built) { setError(built.error); return }
    inFlight.current = true
    setPosting(true)
    setError(undefined)
    try {
      const res = await api('stock.receive', built.input)
      const balances = await loadBalancesFor(built.input.siteId, built.input.lines.map((l) => l.itemId))
      setPosted({ docNo: res.docNo, alreadyPosted: res.alreadyPosted, balances, lots: new Set(built.input.lines.map((l) => l.lotNo ?? '')) })
      // A new document: same site and date (keepers enter several in a row), fresh lines and a fresh id.
      setLines([emptyReceiptLine()])
      setHeader((h) => ({ ...emptyHeader(h.subtype), siteId: h.siteId, docDate: h.docDate }))
      renewDocId()
    } catch (e) {
      setError(toPostError(e, built.rowToLine))
      setPosted(undefined)
    } finally {
      inFlight.current = false
      setPosting(false)
    }
  }

  const reset = () => { setLines([emptyReceiptLine()]); setHeader(emptyHeader('采购入库')); setError(undefined); setPosted(undefined); renewDocId() }

  return (
    <div className="page" data-testid="receipt-page">
      <Typography.Title level={4} className="page-title">{t('receipt.title')}</Typography.Title>
      <Card size="small" className="doc-card">
        <DocHeaderFields value={header} onChange={setHeader} sites={activeSites(sites)} error={error}
          subtypes={[{ value: '采购入库', label: t('receipt.purchase') }, { value: '捐赠入库', label: t('receipt.donation') }]}
          counterpartyLabel={t('doc.counterparty')} reasonLabel={t('doc.reason')} />
        <ReceiptLines lines={lines} onChange={setLines} items={items} byId={byId} error={error} />
        <Typography.Paragraph className="doc-hint">{t('doc.enterHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={t('doc.error')} description={<span data-testid="post-error">{error.message}</span>} className="block-gap" />}
        <div className="doc-actions">
          <Button type="primary" onClick={() => void post()} loading={posting} data-testid="post">{t('doc.post')}</Button>
          <Button onClick={reset}>{t('doc.reset')}</Button>
        </div>
      </Card>
      {posted && <PostedResult posted={posted} />}
    </div>
  )
}
