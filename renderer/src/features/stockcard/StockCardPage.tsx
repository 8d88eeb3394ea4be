/** 台账: one item at one site, every movement with running balance, document number, who and when; Excel export. */
import { useEffect, useState } from 'react'
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd'
import { DownloadOutlined, QrcodeOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { SiteSelect } from '../../common/SiteSelect'
import { ItemSelect } from '../../common/ItemSelect'
import { useItems, useSites } from '../../common/useReference'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { downloadBytes } from '../../common/download'
import { withProgress } from '../../common/useProgress'
import { openPrint } from '../print/usePrintTarget'
import { openLotLabels } from '../labels/useLabelTarget'
import { useStockCardTarget } from './stockCardTarget'
import { buildXlsx } from '../../../../core/common/xlsx'
import { stockCardRows, stockCardSheet } from '../../../../core/stock/stockcard-sheet'

export function StockCardPage() {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items } = useItems()
  // #/stockcard?site=…&item=… (a link from another page) picks the site and item
  const target = useStockCardTarget()
  const [siteId, setSiteId] = useState<string | undefined>(target.siteId)
  const [itemId, setItemId] = useState<string | undefined>(target.itemId)
  useEffect(() => {
    if (target.siteId) setSiteId(target.siteId)
    if (target.itemId) setItemId(target.itemId)
  }, [target.siteId, target.itemId])
  const [exporting, setExporting] = useState(false)
  const { data, error, loading, reload } = useApi('stock.card', { siteId: siteId ?? '', itemId: itemId ?? '' }, !!siteId && !!itemId)
  const card = siteId && itemId ? data : undefined
  const rows = card ? stockCardRows(card) : []

  const exportXlsx = async () => {
    if (!card) return
    setExporting(true)
    try {
      const bytes = await withProgress(t('depot.exporting'), () => buildXlsx(stockCardSheet(card)))
      downloadBytes(bytes, `台账_${card.site.name}_${card.item.name}.xlsx`)
    } finally { setExporting(false) }
  }

  return (
    <div className="page" data-testid="stockcard-page">
      <Typography.Title level={4} className="page-title">{t('depot.cardTitle')}</Typography.Title>
      <Card size="small">
        <Space wrap className="block-gap">
          <SiteSelect sites={sites} value={siteId} onChange={setSiteId} testId="card-site" className="filter-site" />
          <div style={{ width: 280 }}><ItemSelect items={items} value={itemId} onChange={setItemId} testId="card-item" /></div>
          <Button icon={<DownloadOutlined />} disabled={!card} loading={exporting} onClick={() => void exportXlsx()} data-testid="card-export">
            {t('depot.export')}
          </Button>
          <Button icon={<QrcodeOutlined />} disabled={!siteId || !itemId} onClick={() => siteId && openLotLabels(siteId, itemId)} data-testid="card-labels">
            {t('labels.open')}
          </Button>
          {card && <Tag color="blue" data-testid="card-balance">{t('depot.cardBalance', { n: card.balance, unit: card.item.unit })}</Tag>}
        </Space>
        {error && <LoadError error={error} onRetry={reload} />}
        {!siteId || !itemId ? <Empty description={t('depot.pickSiteItem')} /> : (
          <Table size="small" rowKey="movementId" loading={loading} dataSource={rows} data-testid="card-table"
            pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: t('depot.movedOn'), dataIndex: 'movedOn', width: 110 },
              { title: t('depot.docNumber'), dataIndex: 'docNo', width: 210, render: (v: string, r) => <a className="mono" onClick={() => r.documentId && openPrint(r.documentId)} title={t('print.open')} data-testid="card-doc">{v}</a> },
              { title: t('depot.docType'), dataIndex: 'docType', width: 90, render: (v: string, r) => (r.subtype && v === 'receipt' ? r.subtype : t(`depot.types.${v}` as never)) },
              { title: t('depot.lotNo'), dataIndex: 'lotNo', width: 130 },
              { title: t('depot.inQty'), dataIndex: 'inQty', align: 'right', width: 80, render: (v: number) => v || '' },
              { title: t('depot.outQty'), dataIndex: 'outQty', align: 'right', width: 80, render: (v: number) => v || '' },
              { title: t('depot.balance'), dataIndex: 'balance', align: 'right', width: 80, render: (v: number) => <b data-testid="card-row-balance">{v}</b> },
              { title: t('depot.counterparty'), dataIndex: 'counterparty' },
              { title: t('depot.reason'), dataIndex: 'reason' },
              { title: t('depot.author'), dataIndex: 'author', width: 90 },
              { title: t('depot.postedAt'), dataIndex: 'postedAt', width: 160 },
            ]} />
        )}
      </Card>
    </div>
  )
}
