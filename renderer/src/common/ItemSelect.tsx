/** Item picker: type the catalogue code or part of the name (or scan the code and Enter). */
import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Item } from './types'

interface Props {
  items: Item[]
  value: string | undefined
  onChange: (id: string | undefined) => void
  status?: 'error'
  testId?: string
  className?: string
}

export function ItemSelect({ items, value, onChange, status, testId, className }: Props) {
  const { t } = useTranslation()
  return (
    <Select
      showSearch={{ optionFilterProp: 'search' }}
      className={className ?? 'line-item'}
      status={status}
      data-testid={testId}
      placeholder={t('doc.selectItem')}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      options={items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}`, search: `${i.code} ${i.name} ${i.spec ?? ''}` }))}
      popupMatchSelectWidth={320}
      style={{ width: '100%' }}
    />
  )
}
