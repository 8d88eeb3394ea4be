/** 库存: every site × item × lot balance, filtered and paged by the server. */
import { useCallback, useState } from 'react'
import { Alert, Button, Tooltip, Typography } from 'antd'
import { QrcodeOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { fmtNumber } from '../../shared/format'
import { EMPTY_FILTER, type StockFilter } from './filters'
import { StockFilters } from './StockFilters'
import { StockGrid } from './StockGrid'
import { ExpiryLegend } from './ExpiryLegend'
import { openLotLabels } from '../labels/useLabelTarget'

export function StockPage() {
  const { t } = useTranslation()
  const [filter, setFilter] = useState<StockFilter>(EMPTY_FILTER)
  const [total, setTotal] = useState<number>()
  const [error, setError] = useState<Error>()
  const onTotal = useCallback((n: number) => { setTotal(n); setError(undefined) }, [])
  const onFilter = useCallback((f: StockFilter) => { setTotal(undefined); setFilter(f) }, [])
  return (
    <div className="page page-fill" data-testid="stock-page">
      <div className="page-head">
        <Typography.Title level={4} className="page-title">{t('stock.title')}</Typography.Title>
        <Typography.Text className="stock-total" data-testid="stock-total" data-total={total ?? ''}>
          {total == null ? t('app.loading') : t('stock.total', { n: fmtNumber(total) })}
        </Typography.Text>
        <ExpiryLegend />
        <Tooltip title={filter.siteId ? undefined : t('labels.pickSite')}>
          <Button icon={<QrcodeOutlined />} disabled={!filter.siteId} onClick={() => filter.siteId && openLotLabels(filter.siteId)} data-testid="stock-labels">
            {t('labels.open')}
          </Button>
        </Tooltip>
      </div>
      <StockFilters value={filter} onChange={onFilter} />
      {error && <Alert type="error" showIcon title={error.message} className="block-gap" />}
      <StockGrid filter={filter} onTotal={onTotal} onError={setError} />
    </div>
  )
}
