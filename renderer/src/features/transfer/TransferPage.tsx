/** 调拨单: stock leaves one site and enters another, both sides posted at once; lines as on the 出库单 (FEFO or a lot). */
import { useState } from 'react'
import { Alert, Card, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { DocHeaderFields, emptyHeader, type DocHeader } from '../../common/DocHeaderFields'
import { PostedResult } from '../../common/PostedResult'
import { SiteSelect } from '../../common/SiteSelect'
import { usePosting } from '../../common/usePosting'
import { useDocumentId } from '../../common/useDocumentId'
import { activeSites, useItems, useSites } from '../../common/useReference'
import { OpenCountWarning, confirmIfCounting } from '../../common/OpenCountWarning'
import { headerError } from '../../common/postError'
import { buildIssue, emptyIssueLine, type IssueDraftLine } from '../issue/issueModel'
import { IssueLines } from '../issue/IssueLines'
import { DocActions } from '../../common/DocActions'

export function TransferPage() {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items, byId } = useItems()
  const [docId, renewDocId] = useDocumentId()
  const [header, setHeader] = useState<DocHeader>(() => emptyHeader())
  const [toSiteId, setToSiteId] = useState<string>()
  const [lines, setLines] = useState<IssueDraftLine[]>(() => [emptyIssueLine()])
  const [inNo, setInNo] = useState<string>()
  const { error, posting, posted, post: postDocument, clear } = usePosting()
  const active = activeSites(sites)

  const changeHeader = (h: DocHeader) => {
    if (h.siteId !== header.siteId) setLines((ls) => ls.map((l) => ({ ...l, lotId: undefined, accepted: undefined })))
    setHeader(h)
  }

  const post = async () => {
    if (!(await confirmIfCounting(header.siteId, t('depot.openCountConfirm')))) return
    const built = buildIssue(docId, header, lines, (k, o) => t(k, { row: o?.row ?? 0 }))
    const withTo = 'error' in built || toSiteId ? built : { error: { message: t('depot.needToSite'), field: 'toSiteId' } }
    await postDocument(
      withTo,
      async (input) => {
        const r = await api('stock.transfer', {
          id: input.id, fromSiteId: input.siteId, toSiteId: toSiteId!, docDate: input.docDate, reason: input.reason,
          handledBy: input.handledBy, lines: input.lines,
        })
        setInNo(r.in.docNo)
        return r.out
      },
      () => {
        setLines([emptyIssueLine()])
        setHeader((h) => ({ ...emptyHeader(), siteId: h.siteId, docDate: h.docDate }))
        renewDocId()
      },
    )
  }

  const reset = () => { setLines([emptyIssueLine()]); setHeader(emptyHeader()); setToSiteId(undefined); clear(); renewDocId() }

  return (
    <div className="page" data-testid="transfer-page">
      <Typography.Title level={4} className="page-title">{t('depot.transferTitle')}</Typography.Title>
      <Card size="small" className="doc-card">
        <OpenCountWarning siteId={header.siteId} sites={sites} />
        <DocHeaderFields value={header} onChange={changeHeader} sites={active} error={error}
          counterpartyLabel={t('depot.toSite')} reasonLabel={t('doc.reason')}
          counterpartyField={<SiteSelect sites={active.filter((s) => s.id !== header.siteId)} value={toSiteId} onChange={setToSiteId}
            testId="doc-to-site" status={headerError(error, 'toSiteId')} />} />
        <IssueLines siteId={header.siteId} lines={lines} onChange={setLines} items={items} byId={byId} error={error} testId="transfer-lines" />
        <DocActions error={error} posting={posting} onPost={() => void post()} onReset={reset} />
      </Card>
      {posted && inNo && <Alert type="info" className="block-gap" data-testid="transfer-in-no" title={t('depot.transferPosted', { out: posted.docNo, in: inNo })} />}
      {posted && <PostedResult posted={posted} />}
    </div>
  )
}
