/** 新建/编辑储备协议: partner, kind, validity, where it counts, and its lines (items or vehicles). */
import { useEffect, useState } from 'react'
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd'
import { foldWidth, limit, lengthRule, phoneRule } from '../../common/textLimit'
import { NumberInput, numberRules } from '../../common/NumberInput'
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import type { Item, Tree } from '../../common/types'
import type { MethodOutput } from '../../../../core/api/handlers'

type Kind = 'materials' | 'capacity' | 'transport'
export type Agreement = MethodOutput<'agreements.list'>[number]
export type Partner = MethodOutput<'agreements.partners'>[number]

/** A new agreement, or — with `editing` — an existing one filled in as saved (status, dates, lines and all). */
export function AgreementForm({ open, editing, partners, items, tree, onClose, onSaved }: {
  open: boolean; editing?: Agreement; partners: Array<{ id: string; name: string }>; items: Item[]; tree: Tree | undefined; onClose: () => void; onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const kind = (Form.useWatch('kind', form) ?? 'materials') as Kind
  const tier = Form.useWatch('tier', form) as string | undefined
  useEffect(() => {
    if (!open) return
    form.resetFields()
    setError(undefined)
    if (editing) {
      form.setFieldsValue({
        partnerId: editing.partnerId, agreementNo: editing.agreementNo, kind: editing.kind, status: editing.status, tier: editing.tier ?? undefined,
        regionCode: editing.regionCode ?? undefined, heldAt: editing.heldAt ?? undefined, responseHours: editing.responseHours ?? undefined,
        validFrom: dayjs(editing.validFrom), validTo: dayjs(editing.validTo),
        lines: editing.lines.map((l) => (editing.kind === 'transport'
          ? { vehicleType: l.vehicleType ?? undefined, vehicleCount: l.vehicleCount ?? undefined, vehicleCapacity: l.vehicleCapacity ?? undefined }
          : { itemId: l.itemId ?? undefined, quantity: l.quantity ?? undefined })),
      })
    } else {
      form.setFieldsValue({ kind: 'materials', status: 'active', tier: 'district', regionCode: tree?.district?.code, validFrom: dayjs(), validTo: dayjs().add(1, 'year').subtract(1, 'day'), lines: [{}] })
    }
  }, [open, editing]) // eslint-disable-line react-hooks/exhaustive-deps

  const regionOptions = tier === 'district' ? (tree?.district ? [{ value: tree.district.code, label: tree.district.name }] : [])
    : tier === 'street' ? (tree?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))
      : (tree?.streets ?? []).flatMap((s) => s.communities.filter((c) => c.counted).map((c) => ({ value: c.code, label: `${c.name}（${s.name}）` })))

  async function save() {
    let v: Record<string, any>
    try { v = await form.validateFields() } catch { return }
    setSaving(true)
    setError(undefined)
    try {
      await api('agreements.save', {
        id: editing?.id, partnerId: v.partnerId, agreementNo: v.agreementNo, kind: v.kind, heldAt: v.heldAt || null, responseHours: v.responseHours ?? null,
        validFrom: v.validFrom.format('YYYY-MM-DD'), validTo: v.validTo.format('YYYY-MM-DD'), tier: v.tier ?? null, regionCode: v.regionCode ?? null,
        status: v.status,
        lines: (v.lines ?? []).map((l: Record<string, any>) => (v.kind === 'transport'
          ? { vehicleType: l.vehicleType, vehicleCount: l.vehicleCount, vehicleCapacity: l.vehicleCapacity || null }
          : { itemId: l.itemId, quantity: l.quantity })),
      })
      onSaved()
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e)
      if (e instanceof ApiError && e.field) {
        const name = e.row ? ['lines', e.row - 1, e.field] : [e.field]
        try { form.setFields([{ name, errors: [msg] }]) } catch { /* not a form field */ }
      }
      setError(msg)
    } finally { setSaving(false) }
  }
  const req = (field: string) => [{ required: true, message: t('agreements.required', { field }) }]
  return (
    <Modal open={open} title={editing ? t('agreements.editAgreement') : t('agreements.newAgreement')} width={760} onCancel={onClose} onOk={save} confirmLoading={saving}
      okText={t('agreements.save')} cancelText={t('agreements.cancel')} destroyOnHidden
      okButtonProps={{ 'data-testid': 'agreement-save' } as Record<string, string>}>
      <Form form={form} layout="vertical" data-testid="agreement-form">
        {error && <Alert type="error" showIcon title={error} className="block-gap" data-testid="agreement-error" />}
        <div className="form-grid-2">
          <Form.Item name="partnerId" label={t('agreements.partner')} rules={req(t('agreements.partner'))}>
            <Select data-testid="agreement-partner" showSearch={{ optionFilterProp: 'label' }} options={partners.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="agreementNo" label={t('agreements.agreementNo')} rules={[...req(t('agreements.agreementNo')), lengthRule(60)]}>
            <Input count={limit(60)} data-testid="agreement-no" />
          </Form.Item>
          <Form.Item name="kind" label={t('agreements.kind')}>
            <Select data-testid="agreement-kind" options={(['materials', 'capacity', 'transport'] as const).map((k) => ({ value: k, label: t(`agreements.kinds.${k}`) }))}
              onChange={() => form.setFieldValue('lines', [{}])} />
          </Form.Item>
          <Form.Item name="status" label={t('agreements.status')}>
            <Select data-testid="agreement-status" options={(['draft', 'active', 'ended'] as const).map((k) => ({ value: k, label: t(`agreements.statuses.${k}`) }))} />
          </Form.Item>
          <Form.Item name="validFrom" label={t('agreements.validFrom')} rules={req(t('agreements.validFrom'))}>
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} data-testid="agreement-valid-from" />
          </Form.Item>
          <Form.Item name="validTo" label={t('agreements.validTo')} rules={req(t('agreements.validTo'))}>
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} data-testid="agreement-valid-to" />
          </Form.Item>
          <Form.Item name="tier" label={t('agreements.tier')}>
            <Select data-testid="agreement-tier" options={(['district', 'street', 'community'] as const).map((k) => ({ value: k, label: t(`network.tiers.${k}`) }))}
              onChange={() => form.setFieldValue('regionCode', undefined)} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('agreements.region')}
            rules={tier ? [{ required: true, message: t('agreements.regionForTier') }] : []}>
            <Select data-testid="agreement-region" showSearch={{ optionFilterProp: 'label' }} options={regionOptions} />
          </Form.Item>
          <Form.Item rules={[lengthRule(200)]} name="heldAt" label={t('agreements.heldAt')}><Input count={limit(200)} /></Form.Item>
          <Form.Item name="responseHours" label={t('agreements.responseHours')} rules={numberRules(t, { min: 0.5, max: 1000 })}><NumberInput min={0.5} max={1000} testId="agreement-response-hours" /></Form.Item>
        </div>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" className="agreement-line" data-testid="agreement-line">
                  {kind === 'transport' ? (
                    <>
                      <Form.Item name={[f.name, 'vehicleType']} rules={req(t('agreements.vehicleType'))}><Input placeholder={t('agreements.vehicleType')} /></Form.Item>
                      <Form.Item name={[f.name, 'vehicleCount']} rules={[...req(t('agreements.vehicleCount')), ...numberRules(t, { integer: true, min: 1 })]}><NumberInput integer min={1} placeholder={t('agreements.vehicleCount')} aria-label={t('agreements.vehicleCount')} /></Form.Item>
                      <Form.Item name={[f.name, 'vehicleCapacity']}><Input placeholder={t('agreements.vehicleCapacity')} /></Form.Item>
                    </>
                  ) : (
                    <>
                      <Form.Item name={[f.name, 'itemId']} rules={req(t('agreements.item'))}>
                        <Select style={{ width: 320 }} placeholder={t('agreements.item')} showSearch={{ optionFilterProp: 'label' }} data-testid="agreement-line-item"
                          options={items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}（${i.unit}）` }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'quantity']} rules={[...req(t('agreements.quantity')), ...numberRules(t, { min: 1 })]}>
                        <NumberInput min={1} placeholder={t('agreements.quantity')} aria-label={t('agreements.quantity')} testId="agreement-line-quantity" style={{ width: 160 }} />
                      </Form.Item>
                    </>
                  )}
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>{t('agreements.addLine')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  )
}

export function PartnerForm({ open, editing, onClose, onSaved }: { open: boolean; editing?: Partner; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)
  useEffect(() => {
    if (!open) return
    form.resetFields()
    if (editing) {
      form.setFieldsValue({
        name: editing.name, creditCode: editing.creditCode ?? undefined, contact: editing.contact ?? undefined, phone: editing.phone ?? undefined,
        address: editing.address ?? undefined,
      })
    }
  }, [open, editing]) // eslint-disable-line react-hooks/exhaustive-deps
  async function save() {
    let v: Record<string, string | undefined>
    try { v = await form.validateFields() } catch { return }
    setSaving(true)
    try {
      await api('agreements.savePartner', { id: editing?.id, name: v.name!, creditCode: v.creditCode || null, contact: v.contact || null, phone: v.phone || null, address: v.address || null })
      onSaved()
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e)
      form.setFields([{ name: e instanceof ApiError && e.field ? e.field : 'name', errors: [msg] }])
    } finally { setSaving(false) }
  }
  return (
    <Modal open={open} title={editing ? t('agreements.editPartner') : t('agreements.newPartner')} onCancel={onClose} onOk={save} confirmLoading={saving}
      okText={t('agreements.save')} cancelText={t('agreements.cancel')} destroyOnHidden
      okButtonProps={{ 'data-testid': 'partner-save' } as Record<string, string>}>
      <Form form={form} layout="vertical" data-testid="partner-form">
        <Form.Item name="name" label={t('agreements.partnerName')} rules={[{ required: true, message: t('agreements.required', { field: t('agreements.partnerName') }) }, lengthRule(100)]}>
          <Input count={limit(100)} data-testid="partner-name" />
        </Form.Item>
        <Form.Item rules={[lengthRule(40)]} name="creditCode" label={t('agreements.creditCode')}><Input count={limit(40)} data-testid="partner-credit-code" /></Form.Item>
        <Form.Item rules={[lengthRule(60)]} name="contact" label={t('agreements.contact')}><Input count={limit(60)} /></Form.Item>
        <Form.Item rules={[lengthRule(40), phoneRule()]} normalize={foldWidth} name="phone" label={t('agreements.phone')}><Input count={limit(40)} data-testid="partner-phone" /></Form.Item>
        <Form.Item rules={[lengthRule(200)]} name="address" label={t('agreements.address')}><Input count={limit(200)} /></Form.Item>
      </Form>
    </Modal>
  )
}
