/** The form that opens or edits a site: tier, region, how it was built, what it serves, keeper and contacts. */
import { useEffect, useMemo, useState } from 'react'
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd'
import { foldWidth, limit, lengthRule, phoneRule } from '../../common/textLimit'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import type { Tree } from '../../common/types'

type Tier = 'district' | 'street' | 'community'
type Ownership = 'self' | 'co' | 'agreement' | 'social'

export interface SiteFormValues {
  id?: string
  code: string; name: string; tier: Tier; regionCode?: string; ownership: Ownership
  capacity?: string | null; keeper?: string | null; phone?: string | null; address?: string | null
  openedOn?: string | null; serves: string[]
}

interface Props {
  open: boolean
  tree: Tree
  initial: Partial<SiteFormValues>
  onClose: () => void
  onSaved: (id: string) => void
}

const OWNERSHIPS: Ownership[] = ['self', 'co', 'agreement', 'social']
const TIERS: Tier[] = ['district', 'street', 'community']

export function SiteForm({ open, tree, initial, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()
  const tier = Form.useWatch('tier', form) as Tier | undefined
  const editing = !!initial.id

  useEffect(() => {
    if (!open) return
    setError(undefined)
    form.resetFields()
    form.setFieldsValue({
      tier: 'community', ownership: 'self', serves: [], ...initial,
      openedOn: initial.openedOn ? dayjs(initial.openedOn) : editing ? undefined : dayjs(),
    })
  }, [open]) // eslint-disable-line react-hooks/exhaustive-deps

  type Opt = { value?: string; label: string; title?: string; options?: Opt[] }
  const regionOptions = useMemo((): Opt[] => {
    if (tier === 'district') return tree.district ? [{ value: tree.district.code, label: tree.district.name }] : []
    if (tier === 'street') return tree.streets.map((s) => ({ value: s.code, label: s.name }))
    return tree.streets.map((s) => ({
      label: s.name, title: s.name,
      options: s.communities.filter((c) => c.counted).map((c) => ({ value: c.code, label: `${c.name}（${s.name}）` })),
    }))
  }, [tier, tree])
  const communityOptions = useMemo(() => tree.streets.map((s) => ({
    label: s.name, title: s.name,
    options: s.communities.filter((c) => c.counted).map((c) => ({ value: c.code, label: `${c.name}（${s.name}）` })),
  })), [tree])

  async function save() {
    let v: Record<string, unknown>
    try { v = await form.validateFields() } catch { return }
    setSaving(true)
    setError(undefined)
    const clean = (x: unknown) => (typeof x === 'string' && x.trim() === '' ? null : x)
    const body = {
      code: v.code, name: v.name, tier: v.tier, regionCode: v.regionCode, ownership: v.ownership,
      capacity: clean(v.capacity), keeper: clean(v.keeper), phone: clean(v.phone), address: clean(v.address),
      openedOn: v.openedOn ? (v.openedOn as dayjs.Dayjs).format('YYYY-MM-DD') : null,
      serves: (v.serves as string[] | undefined) ?? [],
    } as never
    try {
      if (editing) {
        await api('network.updateSite', { id: initial.id!, ...(body as object) } as never)
        onSaved(initial.id!)
      } else {
        const r = await api('network.openSite', body)
        onSaved(r.id)
      }
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e)
      if (e instanceof ApiError && e.field && form.getFieldInstance(e.field) !== undefined) {
        form.setFields([{ name: e.field, errors: [msg] }])
      }
      setError(msg)
    } finally {
      setSaving(false)
    }
  }

  const req = (field: string) => [{ required: true, message: t('sites.required', { field }) }]
  return (
    <Modal open={open} title={editing ? t('sites.editTitle') : t('sites.newSite')} onCancel={onClose} onOk={save}
      okText={t('sites.save')} cancelText={t('sites.cancel')} confirmLoading={saving} width={640} destroyOnHidden
      okButtonProps={{ 'data-testid': 'site-form-save' } as Record<string, string>}>
      <Form form={form} layout="vertical" data-testid="site-form" className="site-form">
        {error && <Alert type="error" showIcon title={error} className="block-gap" data-testid="site-form-error" />}
        <div className="form-grid-2">
          <Form.Item name="code" label={t('sites.code')} rules={[...req(t('sites.code')), lengthRule(40)]}>
            <Input count={limit(40)} data-testid="site-code" />
          </Form.Item>
          <Form.Item name="name" label={t('sites.name')} rules={[...req(t('sites.name')), lengthRule(100)]}>
            <Input count={limit(100)} data-testid="site-name" />
          </Form.Item>
          <Form.Item name="tier" label={t('sites.tier')} rules={req(t('sites.tier'))}>
            <Select data-testid="site-tier" options={TIERS.map((x) => ({ value: x, label: t(`network.tiers.${x}`) }))}
              onChange={() => form.setFieldValue('regionCode', undefined)} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('sites.region')} rules={req(t('sites.region'))}>
            <Select data-testid="site-region" showSearch={{ optionFilterProp: 'label' }} options={regionOptions} />
          </Form.Item>
          <Form.Item name="ownership" label={t('sites.ownership')}>
            <Select data-testid="site-ownership" options={OWNERSHIPS.map((x) => ({ value: x, label: t(`network.ownerships.${x}`) }))} />
          </Form.Item>
          <Form.Item name="openedOn" label={t('sites.openedOn')}>
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} data-testid="site-opened-on" />
          </Form.Item>
          <Form.Item rules={[lengthRule(60)]} name="keeper" label={t('sites.keeper')}><Input count={limit(60)} data-testid="site-keeper" /></Form.Item>
          <Form.Item rules={[lengthRule(40), phoneRule()]} normalize={foldWidth} name="phone" label={t('sites.phone')}><Input count={limit(40)} data-testid="site-phone" /></Form.Item>
          <Form.Item rules={[lengthRule(100)]} normalize={foldWidth} name="capacity" label={t('sites.capacity')}><Input count={limit(100)} data-testid="site-capacity" /></Form.Item>
          <Form.Item rules={[lengthRule(200)]} name="address" label={t('sites.address')}><Input count={limit(200)} data-testid="site-address" /></Form.Item>
        </div>
        <Form.Item name="serves" label={t('sites.serves')} extra={t('sites.servesHint')}>
          <Select mode="multiple" data-testid="site-serves" showSearch={{ optionFilterProp: 'label' }} options={communityOptions} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** Closing (with a date and a reason) or reopening (with a date). */
export function SiteDateDialog({ mode, open, siteId, onClose, onDone }: {
  mode: 'close' | 'reopen'; open: boolean; siteId?: string; onClose: () => void; onDone: () => void
}) {
  const { t } = useTranslation()
  const [date, setDate] = useState(dayjs())
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  useEffect(() => { if (open) { setDate(dayjs()); setReason(''); setError(undefined) } }, [open])
  async function ok() {
    if (!siteId) return
    setBusy(true)
    try {
      if (mode === 'close') await api('network.closeSite', { id: siteId, closedOn: date.format('YYYY-MM-DD'), reason: reason || undefined })
      else await api('network.reopenSite', { id: siteId, openedOn: date.format('YYYY-MM-DD') })
      onDone()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally { setBusy(false) }
  }
  return (
    <Modal open={open} title={mode === 'close' ? t('sites.closeTitle') : t('sites.reopenTitle')} onCancel={onClose} onOk={ok}
      confirmLoading={busy} okText={mode === 'close' ? t('sites.close') : t('sites.reopen')} cancelText={t('sites.cancel')}
      okButtonProps={{ danger: mode === 'close', ...({ 'data-testid': 'site-date-ok' } as Record<string, string>) }}>
      {error && <Alert type="error" showIcon title={error} className="block-gap" data-testid="site-date-error" />}
      <Form layout="vertical" component="div">
        <Form.Item label={mode === 'close' ? t('sites.closedOn') : t('sites.openedOn')} required>
          <DatePicker format="YYYY-MM-DD" allowClear={false} value={date} onChange={(d) => d && setDate(d)} style={{ width: '100%' }}
            data-testid="site-date" />
        </Form.Item>
        {mode === 'close' && (
          <Form.Item label={t('sites.closeReason')}>
            <Input value={reason} count={limit(500)} onChange={(e) => setReason(e.target.value)} data-testid="site-close-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
