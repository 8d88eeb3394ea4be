import { Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** What the row colours mean. */
export function ExpiryLegend() {
  const { t } = useTranslation()
  return (
    <Space size="middle" className="legend" data-testid="expiry-legend">
      <Typography.Text type="secondary">{t('stock.legend')}</Typography.Text>
      <span className="legend-item"><i className="swatch swatch-expired" />{t('stock.expired')}</span>
      <span className="legend-item"><i className="swatch swatch-near30" />{t('stock.near30')}</span>
      <span className="legend-item"><i className="swatch swatch-near90" />{t('stock.near90')}</span>
      <span className="legend-item"><i className="swatch swatch-ok" />{t('stock.ok')}</span>
    </Space>
  )
}
