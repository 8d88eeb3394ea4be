/** 入库单: header, lines, post once (the id is made when the form opens), then the document number and new balances. */
import { useState } from 'react'
import { Card, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { DocHeaderFields, emptyHeader, type DocHeader } from '../../common/DocHeaderFields'
import { PostedResult } from '../../common/PostedResult'
import { usePosting } from '../../common/usePosting'
import { OpenCountWarning, confirmIfCounting } from '../../common/OpenCountWarning'
import { useDocumentId } from '../../common/useDocumentId'
import { activeSites, useItems, useSites } from '../../common/useReference'
import { buildReceipt, emptyReceiptLine, expiredOnReceipt, type ReceiptDraftLine } from './receiptModel'
import { ReceiptLines } from './ReceiptLines'
import { DocActions } from '../../common/DocActions'

export function ReceiptPage() {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items, byId } = useItems()
  const [docId, renewDocId] = useDocumentId()
  const [header, setHeader] = useState<DocHeader>(() => emptyHeader('采购入库'))
  const [lines, setLines] = useState<ReceiptDraftLine[]>(() => [emptyReceiptLine()])
  const { error, posting, posted, post: postDocument, clear } = usePosting()

  const post = async () => {
    if (!(await confirmIfCounting(header.siteId, t('depot.openCountConfirm')))) return
    const built = buildReceipt(docId, header, lines, (k, o) => t(k, { row: o?.row ?? 0 }))
    if ('input' in built) {
      // Stock already expired on the document date: the keeper says so, or nothing is posted.
      const expired = expiredOnReceipt(built.input)
      if (expired.length) {
        const rows = expired.map((e) => t('receipt.expiredRow', { row: e.row, days: e.days })).join(t('receipt.listSeparator'))
        if (!window.confirm(t('receipt.expiredConfirm', { rows, date: built.input.docDate }))) return
        built.input.acceptExpired = true
      }
    }
    await postDocument(
      built,
      (input) => api('stock.receive', input),
      () => {
        // A new document: same site and date (keepers enter several in a row), fresh lines and a fresh id.
        setLines([emptyReceiptLine()])
        setHeader((h) => ({ ...emptyHeader(h.subtype), siteId: h.siteId, docDate: h.docDate }))
        renewDocId()
      },
      (input) => new Set(input.lines.map((l) => l.lotNo ?? '')),
    )
  }

  const reset = () => { setLines([emptyReceiptLine()]); setHeader(emptyHeader('采购入库')); clear(); renewDocId() }

  return (
    <div className="page" data-testid="receipt-page">
      <Typography.Title level={4} className="page-title">{t('receipt.title')}</Typography.Title>
      <Card size="small" className="doc-card">
        <DocHeaderFields value={header} onChange={setHeader} sites={activeSites(sites)} error={error}
          subtypes={[{ value: '采购入库', label: t('receipt.purchase') }, { value: '捐赠入库', label: t('receipt.donation') }]}
          counterpartyLabel={t('doc.counterparty')} reasonLabel={t('doc.reason')} />
        <OpenCountWarning siteId={header.siteId} sites={sites} />
        <ReceiptLines lines={lines} onChange={setLines} items={items} byId={byId} error={error} />
        <Typography.Paragraph className="doc-hint">{t('doc.enterHint')}</Typography.Paragraph>
        <DocActions error={error} posting={posting} onPost={() => void post()} onReset={reset} />
      </Card>
      {posted && <PostedResult posted={posted} />}
    </div>
  )
}
