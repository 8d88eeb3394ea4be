/** 库存: every site × item × lot balance, filtered and paged by the server. */
import { useCallback, useRef, useState } from 'react'
import type { GridApi } from 'ag-grid-community'
import { Alert, Button, message, Tooltip, Typography } from 'antd'
import { DownloadOutlined, QrcodeOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { fmtNumber } from '../../common/format'
import { EMPTY_FILTER, type StockFilter } from './filters'
import { StockFilters } from './StockFilters'
import { StockGrid } from './StockGrid'
import { ExpiryLegend } from './ExpiryLegend'
import { openLotLabels } from '../labels/useLabelTarget'
import type { Balance } from '../../common/types'
import { downloadBytes } from '../../common/download'
import { buildXlsx } from '../../../../core/common/xlsx'
import { stockExportSheet } from './stockExport'

export function StockPage() {
  const { t } = useTranslation()
  const [filter, setFilter] = useState<StockFilter>(EMPTY_FILTER)
  const [total, setTotal] = useState<number>()
  const [error, setError] = useState<Error>()
  const onTotal = useCallback((n: number) => { setTotal(n); setError(undefined) }, [])
  const onFilter = useCallback((f: StockFilter) => { setTotal(undefined); setFilter(f) }, [])
  const grid = useRef<GridApi<Balance>>(undefined)
  const onGrid = useCallback((g: GridApi<Balance>) => { grid.current = g }, [])
  const [exporting, setExporting] = useState(false)
  // every row matching the filters, page by page from the api, with the progress shown as rows are fetched
  const exportXlsx = async () => {
    if (!grid.current) return
    const key = 'stock-export'
    setExporting(true)
    try {
      const sheet = await stockExportSheet(grid.current, filter, (done, all) => {
        void message.open({ key, type: 'loading', duration: 0, content: t('stock.exportProgress', { done: fmtNumber(done), total: fmtNumber(all) }) })
      })
      downloadBytes(await buildXlsx(sheet), `库存_${new Date().toISOString().slice(0, 10)}.xlsx`)
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
    } finally {
      message.destroy(key)
      setExporting(false)
    }
  }
  return (
    <div className="page page-fill" data-testid="stock-page">
      <div className="page-head">
        <Typography.Title level={4} className="page-title">{t('stock.title')}</Typography.Title>
        <Typography.Text className="stock-total" data-testid="stock-total" data-total={total ?? ''}>
          {total == null ? t('app.loading') : t('stock.total', { n: fmtNumber(total) })}
        </Typography.Text>
        <ExpiryLegend />
        <Button icon={<DownloadOutlined />} loading={exporting} disabled={!total} onClick={() => void exportXlsx()} data-testid="stock-export">
          {t('stock.export')}
        </Button>
        <Tooltip title={filter.siteId ? undefined : t('labels.pickSite')}>
          <Button icon={<QrcodeOutlined />} disabled={!filter.siteId} onClick={() => filter.siteId && openLotLabels(filter.siteId)} data-testid="stock-labels">
            {t('labels.open')}
          </Button>
        </Tooltip>
      </div>
      <StockFilters value={filter} onChange={onFilter} />
      {error && <Alert type="error" showIcon title={error.message} className="block-gap" />}
      <StockGrid filter={filter} onTotal={onTotal} onError={setError} onGrid={onGrid} />
    </div>
  )
}
