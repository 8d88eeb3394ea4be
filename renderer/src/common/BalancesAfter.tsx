/** After posting: the site's balances of the items on the document, straight from stock.balances. */
import { Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Balance } from './types'
import { fmtNumber } from './format'

export function BalancesAfter({ rows, highlightLots }: { rows: Balance[]; highlightLots: Set<string> }) {
  const { t } = useTranslation()
  return (
    <Table<Balance> size="small" pagination={false} rowKey={(r) => `${r.siteId}|${r.lotId}`} dataSource={rows}
      data-testid="balances-after"
      columns={[
        { title: t('stock.cols.itemCode'), dataIndex: 'itemCode', width: 110 },
        { title: t('stock.cols.itemName'), dataIndex: 'itemName' },
        {
          title: t('stock.cols.lotNo'), dataIndex: 'lotNo',
          render: (v: string, r) => <>{v}{highlightLots.has(r.lotNo) && <Tag color="processing" style={{ marginLeft: 6 }}>{t('doc.line')}</Tag>}</>,
        },
        { title: t('stock.cols.expiryDate'), dataIndex: 'expiryDate', render: (v: string | null) => v ?? '—' },
        {
          title: t('stock.cols.quantity'), dataIndex: 'quantity', align: 'right',
          render: (v: number, r) => <span data-testid={`after-qty-${r.lotNo}`}>{fmtNumber(v)}</span>,
        },
        { title: t('stock.cols.unit'), dataIndex: 'unit', width: 70 },
      ]} />
  )
}
