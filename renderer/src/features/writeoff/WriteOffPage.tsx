/** 报损单: 报废 or 过期, each line naming its lot, with the reason required. */
import { useState } from 'react'
import { Alert, Card, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { DocHeaderFields, emptyHeader, type DocHeader } from '../../common/DocHeaderFields'
import { PostedResult } from '../../common/PostedResult'
import { usePosting } from '../../common/usePosting'
import { useDocumentId } from '../../common/useDocumentId'
import { activeSites, useItems, useSites } from '../../common/useReference'
import { OpenCountWarning, confirmIfCounting } from '../../common/OpenCountWarning'
import { buildIssue, emptyIssueLine, type IssueDraftLine } from '../issue/issueModel'
import { IssueLines } from '../issue/IssueLines'
import { DocActions } from '../../common/DocActions'
import { useCurrentUser } from '../auth/useAuth'
import { WriteOffApprovals } from './WriteOffApprovals'
import { useStreetScrapRequest } from './useStreetScrapRequest'

export function WriteOffPage() {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items, byId } = useItems()
  const [docId, renewDocId] = useDocumentId()
  const [header, setHeader] = useState<DocHeader>(() => emptyHeader('scrap'))
  const [lines, setLines] = useState<IssueDraftLine[]>(() => [emptyIssueLine()])
  const { error, posting, posted, post: postDocument, clear } = usePosting()
  // 报废 at a street depot is a request the district approves (issue 18): sent by useStreetScrapRequest instead
  const user = useCurrentUser()
  const canDecide = user.roles.includes('admin') || (user.roles.includes('planner') && user.scope.kind === 'district')
  const street = header.subtype !== 'expire' && sites.find((s) => s.id === header.siteId)?.tier === 'street'
  const scrapRequest = useStreetScrapRequest()
  const [requests, setRequests] = useState(0)

  const post = async () => {
    if (!(await confirmIfCounting(header.siteId, t('depot.openCountConfirm')))) return
    const built = buildIssue(docId, header, lines, (k, o) => t(k, { row: o?.row ?? 0 }))
    const checked = 'error' in built || header.reason.trim() ? built : { error: { message: t('depot.needReason'), field: 'reason' } }
    if (street) {
      clear()
      if (await scrapRequest.send(checked)) {
        setLines([emptyIssueLine()])
        setHeader((h) => ({ ...emptyHeader(h.subtype), siteId: h.siteId, docDate: h.docDate }))
        renewDocId()
        setRequests((n) => n + 1)
      }
      return
    }
    await postDocument(
      checked,
      (input) => api('stock.writeOff', {
        ...input, type: header.subtype === 'expire' ? 'expire' : 'scrap', reason: input.reason ?? '',
        lines: input.lines.map((l) => ({ ...l, lotId: l.lotId ?? '' })),
      }),
      () => {
        setLines([emptyIssueLine()])
        setHeader((h) => ({ ...emptyHeader(h.subtype), siteId: h.siteId, docDate: h.docDate }))
        renewDocId()
      },
    )
  }

  const reset = () => { setLines([emptyIssueLine()]); setHeader(emptyHeader('scrap')); clear(); renewDocId() }

  return (
    <div className="page" data-testid="writeoff-page">
      <Typography.Title level={4} className="page-title">{t('depot.writeoffTitle')}</Typography.Title>
      <Card size="small" className="doc-card">
        <OpenCountWarning siteId={header.siteId} sites={sites} />
        <DocHeaderFields value={header} onChange={setHeader} sites={activeSites(sites)} error={error} reasonRequired
          subtypes={[{ value: 'scrap', label: t('depot.scrap') }, { value: 'expire', label: t('depot.expire') }]}
          counterpartyLabel={t('doc.counterparty')} reasonLabel={t('depot.writeoffReason')} />
        <IssueLines siteId={header.siteId} lines={lines} onChange={setLines} items={items} byId={byId} error={error ?? scrapRequest.error} noFefo testId="writeoff-lines" />
        {street && <Alert type="warning" showIcon className="block-gap" title={t('writeoffApproval.streetNotice')} data-testid="writeoff-street-notice" />}
        <DocActions error={error ?? scrapRequest.error} posting={posting || scrapRequest.sending} onPost={() => void post()} onReset={reset} />
      </Card>
      {posted && <PostedResult posted={posted} />}
      {scrapRequest.sent && <Alert type="success" showIcon style={{ marginTop: 16 }} title={t('writeoffApproval.submitted')} data-testid="writeoff-requested" />}
      <WriteOffApprovals key={requests} canDecide={canDecide} />
    </div>
  )
}
