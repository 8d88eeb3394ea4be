/** The header of a stock document: site, date, type, counterparty, handled-by, reason. */
import type { ReactNode } from 'react'
import { DatePicker, Form, Input, Select } from 'antd'
import { limit } from './textLimit'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { SiteSelect } from './SiteSelect'
import type { Site } from './types'
import { headerError, type PostError } from './postError'

export interface DocHeader {
  siteId?: string
  docDate: string
  subtype?: string
  counterparty: string
  handledBy: string
  reason: string
}

export const todayIso = () => dayjs().format('YYYY-MM-DD')
export const emptyHeader = (subtype?: string): DocHeader => ({ docDate: todayIso(), subtype, counterparty: '', handledBy: '', reason: '' })

interface Props {
  value: DocHeader
  onChange: (h: DocHeader) => void
  sites: Site[]
  error?: PostError
  subtypes?: Array<{ value: string; label: string }>
  counterpartyLabel: string
  reasonLabel: string
  /** a field of the form's own in place of the free-text counterparty (e.g. the other site of a transfer) */
  counterpartyField?: ReactNode
  reasonRequired?: boolean
}

export function DocHeaderFields({ value, onChange, sites, error, subtypes, counterpartyLabel, reasonLabel, counterpartyField, reasonRequired }: Props) {
  const { t } = useTranslation()
  const set = (patch: Partial<DocHeader>) => onChange({ ...value, ...patch })
  return (
    <Form layout="vertical" className="doc-header" component="div">
      <div className="doc-header-grid">
        <Form.Item label={t('doc.site')} required validateStatus={headerError(error, 'siteId')}>
          <SiteSelect sites={sites} value={value.siteId} onChange={(siteId) => set({ siteId })} testId="doc-site"
            status={headerError(error, 'siteId')} autoFocus />
        </Form.Item>
        <Form.Item label={t('doc.date')} required validateStatus={headerError(error, 'docDate')}>
          <DatePicker format="YYYY-MM-DD" allowClear={false} data-testid="doc-date" style={{ width: '100%' }}
            value={dayjs(value.docDate)} onChange={(d) => set({ docDate: d ? d.format('YYYY-MM-DD') : todayIso() })} />
        </Form.Item>
        {subtypes && (
          <Form.Item label={t('doc.subtype')}>
            <Select value={value.subtype} options={subtypes} data-testid="doc-subtype" onChange={(subtype: string) => set({ subtype })} />
          </Form.Item>
        )}
        <Form.Item label={counterpartyLabel} required={!!counterpartyField} validateStatus={counterpartyField ? headerError(error, 'toSiteId') : undefined}>
          {counterpartyField ?? <Input value={value.counterparty} data-testid="doc-counterparty" count={limit(200)}
            onChange={(e) => set({ counterparty: e.target.value })} />}
        </Form.Item>
        <Form.Item label={t('doc.handledBy')}>
          <Input value={value.handledBy} data-testid="doc-handled-by" count={limit(60)} onChange={(e) => set({ handledBy: e.target.value })} />
        </Form.Item>
        <Form.Item label={reasonLabel} className="doc-reason" required={reasonRequired} validateStatus={headerError(error, 'reason')}>
          <Input value={value.reason} data-testid="doc-reason" count={limit(500)} onChange={(e) => set({ reason: e.target.value })} />
        </Form.Item>
      </div>
    </Form>
  )
}
