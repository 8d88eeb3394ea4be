/** Which lot to issue from: automatic FEFO, or one of the site's lots of this item (with expiry and quantity). */
import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'

interface Props {
  siteId?: string
  itemId?: string
  value?: string
  onChange: (lotId: string | undefined) => void
  status?: 'error'
  testId?: string
}

const AUTO = '__auto__'

export function LotSelect({ siteId, itemId, value, onChange, status, testId }: Props) {
  const { t } = useTranslation()
  const enabled = !!siteId && !!itemId
  const { data, loading } = useApi('stock.balances', { siteId, itemId, limit: 500, sort: { field: 'expiryDate', dir: 'asc' } }, enabled)
  const lots = enabled ? (data?.rows ?? []) : []
  return (
    <Select
      value={value ?? AUTO}
      status={status}
      data-testid={testId}
      loading={enabled && loading}
      disabled={!enabled}
      style={{ width: '100%' }}
      popupMatchSelectWidth={380}
      onChange={(v: string) => onChange(v === AUTO ? undefined : v)}
      options={[
        { value: AUTO, label: t('issue.autoFefo') },
        ...lots.map((b) => ({
          value: b.lotId,
          label: `${b.lotNo} · ${b.expiryDate ?? '—'} · ${t('issue.available', { n: b.quantity })} ${b.unit}${(b.daysToExpiry ?? 0) < 0 ? ` · ${t('stock.expired')}` : ''}`,
        })),
      ]}
    />
  )
}
