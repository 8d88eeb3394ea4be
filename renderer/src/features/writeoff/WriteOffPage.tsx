/** 报损单: 报废 or 过期, each line naming its lot, with the reason required. */
import { useState } from 'react'
import { Card, Typography } from 'antd'
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

export function WriteOffPage() {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items, byId } = useItems()
  const [docId, renewDocId] = useDocumentId()
  const [header, setHeader] = useState<DocHeader>(() => emptyHeader('scrap'))
  const [lines, setLines] = useState<IssueDraftLine[]>(() => [emptyIssueLine()])
  const { error, posting, posted, post: postDocument, clear } = usePosting()

  const post = async () => {
    if (!(await confirmIfCounting(header.siteId, t('depot.openCountConfirm')))) return
    const built = buildIssue(docId, header, lines, (k, o) => t(k, { row: o?.row ?? 0 }))
    const checked = 'error' in built || header.reason.trim() ? built : { error: { message: t('depot.needReason'), field: 'reason' } }
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
        <IssueLines siteId={header.siteId} lines={lines} onChange={setLines} items={items} byId={byId} error={error} noFefo testId="writeoff-lines" />
        <DocActions error={error} posting={posting} onPost={() => void post()} onReset={reset} />
      </Card>
      {posted && <PostedResult posted={posted} />}
    </div>
  )
}
