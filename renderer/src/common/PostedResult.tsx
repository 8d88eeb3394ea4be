/** The outcome of a posting: the document number and the balances it left. */
import { Alert, Button, Card } from 'antd'
import { PrinterOutlined } from '@ant-design/icons'
import { openPrint } from '../features/print/usePrintTarget'
import { useTranslation } from 'react-i18next'
import { BalancesAfter } from './BalancesAfter'
import type { Balance } from './types'

export interface Posted { docId?: string; docNo: string; alreadyPosted: boolean; balances: Balance[]; lots: Set<string> }

export function PostedResult({ posted }: { posted: Posted }) {
  const { t } = useTranslation()
  return (
    <Card size="small" className="result-card" data-testid="post-result" title={t('doc.newBalances')}
      extra={posted.docId && <Button size="small" icon={<PrinterOutlined />} onClick={() => openPrint(posted.docId!)} data-testid="print-doc">{t('print.open')}</Button>}>
      <Alert type="success" showIcon className="block-gap"
        title={<span data-testid="doc-no" data-doc-no={posted.docNo}>
          {t(posted.alreadyPosted ? 'doc.alreadyPosted' : 'doc.posted', { docNo: posted.docNo })}
        </span>} />
      <BalancesAfter rows={posted.balances} highlightLots={posted.lots} />
    </Card>
  )
}
