/** 出库单: header, lines with FEFO suggestions, post once; an overdraw shows the api's message and changes nothing. */
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
import { buildIssue, emptyIssueLine, type IssueDraftLine } from './issueModel'
import { IssueLines } from './IssueLines'
import { DocActions } from '../../common/DocActions'

export function IssuePage() {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items, byId } = useItems()
  const [docId, renewDocId] = useDocumentId()
  const [header, setHeader] = useState<DocHeader>(() => emptyHeader())
  const [lines, setLines] = useState<IssueDraftLine[]>(() => [emptyIssueLine()])
  const { error, posting, posted, post: postDocument, clear } = usePosting()

  const changeHeader = (h: DocHeader) => {
    // Another site: chosen lots and accepted plans belonged to the old one.
    if (h.siteId !== header.siteId) setLines((ls) => ls.map((l) => ({ ...l, lotId: undefined, accepted: undefined })))
    setHeader(h)
  }

  const post = async () => {
    if (!(await confirmIfCounting(header.siteId, t('depot.openCountConfirm')))) return
    await postDocument(
      buildIssue(docId, header, lines, (k, o) => t(k, { row: o?.row ?? 0 })),
      (input) => api('stock.issue', input),
      () => {
        setLines([emptyIssueLine()])
        setHeader((h) => ({ ...emptyHeader(), siteId: h.siteId, docDate: h.docDate }))
        renewDocId()
      },
    )
  }

  const reset = () => { setLines([emptyIssueLine()]); setHeader(emptyHeader()); clear(); renewDocId() }

  return (
    <div className="page" data-testid="issue-page">
      <Typography.Title level={4} className="page-title">{t('issue.title')}</Typography.Title>
      <Card size="small" className="doc-card">
        <DocHeaderFields value={header} onChange={changeHeader} sites={activeSites(sites)} error={error}
          counterpartyLabel={t('issue.counterparty')} reasonLabel={t('issue.reason')} />
        <OpenCountWarning siteId={header.siteId} sites={sites} />
        <IssueLines siteId={header.siteId} lines={lines} onChange={setLines} items={items} byId={byId} error={error} />
        <Typography.Paragraph className="doc-hint">{t('doc.enterHint')}</Typography.Paragraph>
        <DocActions error={error} posting={posting} onPost={() => void post()} onReset={reset} />
      </Card>
      {posted && <PostedResult posted={posted} />}
    </div>
  )
}
