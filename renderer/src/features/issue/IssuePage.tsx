/** 出库单: header, lines with FEFO suggestions, post once; an overdraw shows the api's message and changes nothing. */
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
import { buildIssue, emptyIssueLine, type IssueDraftLine } from './issueModel'
import { IssueLines } from './IssueLines'

export function IssuePage() {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items, byId } = useItems()
  const [docId, renewDocId] = useDocumentId()
  const [header, setHeader] = useState<DocHeader>(() => emptyHeader())
  const [lines, setLines] = useState<IssueDraftLine[]>(() => [emptyIssueLine()])
  const [error, setError] = useState<PostError>()
  const [posting, setPosting] = useState(false)
  const [posted, setPosted] = useState<Posted>()
  // A double-click fires twice before React re-renders; the ref stops the second post (the id would too).
  const inFlight = useRef(false)

  const changeHeader = (h: DocHeader) => {
    // Another site: chosen lots and accepted plans belonged to the old one.
    if (h.siteId !== header.siteId) setLines((ls) => ls.map((l) => ({ ...l, lotId: undefined, accepted: undefined })))
    setHeader(h)
  }

  const post = async () => {
    if (inFlight.current) return
    const built = buildIssue(docId, header, lines, (k, o) => t(k, { row: o?.row ?? 0 }))
    if ('error' in built) { setError(built.error); return }
    inFlight.current = true
    setPosting(true)
    setError(undefined)
    try {
      const res = await api('stock.issue', built.input)
      const balances = await loadBalancesFor(built.input.siteId, built.input.lines.map((l) => l.itemId))
      setPosted({ docNo: res.docNo, alreadyPosted: res.alreadyPosted, balances, lots: new Set() })
      setLines([emptyIssueLine()])
      setHeader((h) => ({ ...emptyHeader(), siteId: h.siteId, docDate: h.docDate }))
      renewDocId()
    } catch (e) {
      setError(toPostError(e, built.rowToLine))
      setPosted(undefined)
    } finally {
      inFlight.current = false
      setPosting(false)
    }
  }

  const reset = () => { setLines([emptyIssueLine()]); setHeader(emptyHeader()); setError(undefined); setPosted(undefined); renewDocId() }

  return (
    <div className="page" data-testid="issue-page">
      <Typography.Title level={4} className="page-title">{t('issue.title')}</Typography.Title>
      <Card size="small" className="doc-card">
        <DocHeaderFields value={header} onChange={changeHeader} sites={activeSites(sites)} error={error}
          counterpartyLabel={t('issue.counterparty')} reasonLabel={t('issue.reason')} />
        <IssueLines siteId={header.siteId} lines={lines} onChange={setLines} items={items} byId={byId} error={error} />
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
