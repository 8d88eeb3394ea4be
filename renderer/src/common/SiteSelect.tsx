/** A searchable site picker (type part of the name or code, Enter picks the highlighted one). */
import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Site } from './types'

interface Props {
  sites: Site[]
  value: string | undefined
  onChange: (id: string | undefined) => void
  placeholder?: string
  allowClear?: boolean
  status?: 'error'
  testId?: string
  className?: string
  autoFocus?: boolean
}

export function SiteSelect({ sites, value, onChange, placeholder, allowClear, status, testId, className, autoFocus }: Props) {
  const { t } = useTranslation()
  return (
    <Select
      showSearch={{ optionFilterProp: 'search' }}
      allowClear={allowClear}
      autoFocus={autoFocus}
      className={className}
      status={status}
      data-testid={testId}
      placeholder={placeholder ?? t('doc.selectSite')}
      value={value}
      onChange={(v: string | undefined) => onChange(v ?? undefined)}
      options={sites.map((s) => ({ value: s.id, label: s.name, search: `${s.name} ${s.code} ${s.id}` }))}
      popupMatchSelectWidth={false}
      listHeight={320}
    />
  )
}
