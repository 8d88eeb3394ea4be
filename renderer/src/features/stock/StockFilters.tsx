/** Filters above the stock grid: site, item, street/town, category, expiry state and free text. */
import { useEffect, useState } from 'react'
import { Button, Input, Segmented, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { SiteSelect } from '../../common/SiteSelect'
import { useItems, useSites, useStreets } from '../../common/useReference'
import type { ExpiryState } from '../../common/types'
import { EMPTY_FILTER, type StockFilter } from './filters'

interface Props { value: StockFilter; onChange: (f: StockFilter) => void }

export function StockFilters({ value, onChange }: Props) {
  const { t } = useTranslation()
  const { sites } = useSites()
  const { items, categories } = useItems()
  const streets = useStreets()
  const [text, setText] = useState(value.search)
  // Typing filters after a short pause; Enter (or a scanner's trailing Enter) filters at once.
  useEffect(() => {
    if (text === value.search) return
    const h = setTimeout(() => onChange({ ...value, search: text }), 350)
    return () => clearTimeout(h)
  }, [text, value, onChange])

  return (
    <div className="filters" data-testid="stock-filters">
      <SiteSelect sites={sites} value={value.siteId} allowClear placeholder={t('stock.site')} testId="filter-site"
        className="filter-site" onChange={(siteId) => onChange({ ...value, siteId })} />
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('stock.item')} className="filter-item"
        data-testid="filter-item" value={value.itemId} popupMatchSelectWidth={false}
        options={items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
        onChange={(itemId: string | undefined) => onChange({ ...value, itemId })} />
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('stock.street')} className="filter-street"
        data-testid="filter-street" value={value.streetCode}
        options={streets.map((s) => ({ value: s.code, label: s.name }))}
        onChange={(streetCode: string | undefined) => onChange({ ...value, streetCode })} />
      <Select allowClear placeholder={t('stock.category')} className="filter-category" data-testid="filter-category"
        value={value.category} options={categories.map((c) => ({ value: c, label: c }))}
        onChange={(category: string | undefined) => onChange({ ...value, category })} />
      <Segmented<ExpiryState> data-testid="filter-expiry" value={value.expiry}
        options={(['all', 'expired', 'near30', 'near90', 'ok'] as const).map((k) => ({ value: k, label: t(`stock.${k}`) }))}
        onChange={(expiry) => onChange({ ...value, expiry })} />
      <Input.Search allowClear placeholder={t('stock.search')} className="filter-search" data-testid="filter-search"
        value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => { setText(v); onChange({ ...value, search: v }) }} />
      <Button onClick={() => { setText(''); onChange(EMPTY_FILTER) }}>{t('stock.reset')}</Button>
    </div>
  )
}
