/** The outcome of a posting: the document number and the balances it left. */
import { Alert, Card } from 'antd'
import { useTranslation } from 'react-i18next'
import { BalancesAfter } from './BalancesAfter'
import type { Balance } from './types'

export interface Posted { docNo: string; alreadyPosted: boolean; balances: Balance[]; lots: Set<string> }

export function PostedResult({ posted }: { posted: Posted }) {
  const { t } = useTranslation()
  return (
    <Card size="small" className="result-card" data-testid="post-result" title={t('doc.newBalances')}>
      <Alert type="success" showIcon className="block-gap"
        title={<span data-testid="doc-no" data-doc-no={posted.docNo}>
          {t(posted.alreadyPosted ? 'doc.alreadyPosted' : 'doc.posted', { docNo: posted.docNo })}
        </span>} />
      <BalancesAfter rows={posted.balances} highlightLots={posted.lots} />
    </Card>
  )
}
