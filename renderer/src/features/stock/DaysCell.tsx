import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CustomCellRendererProps } from 'ag-grid-react'
import type { Balance } from '../../common/types'
import { expiryClass } from './filters'

/** 剩余天数: the number, plus a 已过期 / 临期 tag so the state does not depend on colour alone. */
export function DaysCell({ data }: CustomCellRendererProps<Balance>) {
  const { t } = useTranslation()
  if (!data) return null
  const c = expiryClass(data.daysToExpiry)
  if (c === 'none') return <span className="muted">{t('stock.noExpiry')}</span>
  return (
    <span className="days-cell">
      <span data-testid="days">{data.daysToExpiry}</span>
      {c === 'expired' && <Tag color="error" className="days-tag" data-testid="tag-expired">{t('stock.expired')}</Tag>}
      {c === 'near30' && <Tag color="warning" className="days-tag">{t('stock.near30')}</Tag>}
      {c === 'near90' && <Tag color="gold" className="days-tag">{t('stock.near90')}</Tag>}
    </span>
  )
}
