/**
 * 物资目录: every item with its code, category, unit, spec, shelf life, price; add and edit. A plan year is chosen
 * above the table: its price and whether the item is in that year's catalogue are shown and edited per year, and a
 * year without its own version can be started by copying an earlier one.
 */
import { useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import { limit, lengthRule } from '../../common/textLimit'
import { NumberInput, numberRules } from '../../common/NumberInput'
import { CopyOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import type { MethodOutput } from '../../../../core/api/handlers'

type Item = MethodOutput<'catalogue.allItems'>[number]
type YearRow = MethodOutput<'catalogue.version'>['rows'][number]

export function ItemsTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { data, error, reload } = useApi('catalogue.allItems', {})
  const [editing, setEditing] = useState<Partial<Item> | null>(null)
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)
  const thisYear = new Date().getFullYear()
  const [planYear, setPlanYear] = useState(thisYear)
  const version = useApi('catalogue.version', { planYear })
  const targetYears = useApi('catalogue.planYears', {})
  const yearOf = useMemo(() => new Map((version.data?.rows ?? []).map((r) => [r.itemId, r])), [version.data])
  const [editingYear, setEditingYear] = useState<Item | null>(null)
  const [yearForm] = Form.useForm()
  useEffect(() => {
    if (!editingYear) return
    const r = yearOf.get(editingYear.id)
    yearForm.resetFields()
    yearForm.setFieldsValue({ unitPrice: r?.ownPrice ?? null, included: r?.included ?? editingYear.active })
  }, [editingYear]) // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!editing) return
    form.resetFields()
    form.setFieldsValue({ returnable: false, lotTracked: true, active: true, ...editing })
  }, [editing]) // eslint-disable-line react-hooks/exhaustive-deps
  if (error) return <LoadError error={error} onRetry={reload} />
  if (version.error) return <LoadError error={version.error} onRetry={version.reload} />
  const knownYears = [...(version.data?.years ?? []), ...(targetYears.data ?? [])]
  const yearOptions = [...new Set([...knownYears, thisYear, thisYear + 1, planYear])].sort().map((y) => ({ value: y, label: String(y) }))
  const copyFrom = (version.data?.years ?? []).filter((y) => y < planYear).pop() ?? planYear - 1
  const money = (n: number | null | undefined) => (n == null ? '' : n.toLocaleString('zh-CN', { maximumFractionDigits: 2 }))
  const categories = [...new Set((data ?? []).map((i) => i.category))]
  const yesNo = (v: boolean) => (v ? t('catalogue.yes') : t('catalogue.no'))

  async function save() {
    let v: Record<string, any>
    try { v = await form.validateFields() } catch { return }
    setSaving(true)
    try {
      await api('catalogue.saveItem', {
        id: editing?.id, code: v.code, name: v.name, category: Array.isArray(v.category) ? v.category[0] : v.category, unit: v.unit,
        nationalCode: v.nationalCode || null, spec: v.spec || null, shelfLifeDays: v.shelfLifeDays ?? null, returnable: !!v.returnable,
        lotTracked: !!v.lotTracked, unitPrice: v.unitPrice ?? null, active: !!v.active,
      })
      setEditing(null)
      void message.success(t('catalogue.saved'))
      reload()
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e)
      form.setFields([{ name: e instanceof ApiError && e.field ? e.field : 'code', errors: [msg] }])
    } finally { setSaving(false) }
  }
  async function saveYear() {
    if (!editingYear) return
    const v = yearForm.getFieldsValue() as { unitPrice?: number | null; included?: boolean }
    try {
      await api('catalogue.saveVersion', { planYear, itemId: editingYear.id, unitPrice: v.unitPrice ?? null, included: !!v.included })
      setEditingYear(null)
      void message.success(t('catalogue.yearSaved', { year: planYear }))
      version.reload()
    } catch (e) {
      yearForm.setFields([{ name: 'unitPrice', errors: [e instanceof Error ? e.message : String(e)] }])
    }
  }
  async function copyYear() {
    try {
      const r = await api('catalogue.copyVersion', { fromYear: copyFrom, toYear: planYear })
      void message.success(t('catalogue.yearCopied', { n: r.copied, year: planYear }))
      version.reload()
    } catch (e) { void message.error(e instanceof Error ? e.message : String(e)) }
  }
  const req = (field: string) => [{ required: true, message: t('catalogue.required2', { field }) }]
  return (
    <>
      <Space className="block-gap" wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="item-new">{t('catalogue.newItem')}</Button>
        <span>{t('catalogue.planYear')}</span>
        <Select value={planYear} options={yearOptions} onChange={setPlanYear} style={{ width: 100 }} data-testid="items-year" />
        {version.data && !version.data.versioned && (
          <Button icon={<CopyOutlined />} onClick={() => void copyYear()} data-testid="items-copy-year">{t('catalogue.copyYear', { from: copyFrom, year: planYear })}</Button>
        )}
      </Space>
      {version.data && !version.data.versioned && <Alert type="info" showIcon className="block-gap" title={t('catalogue.noVersion', { year: planYear })} data-testid="items-no-version" />}
      <Table size="small" rowKey="id" loading={!data} dataSource={data} data-testid="items-table" pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: t('catalogue.code'), dataIndex: 'code', width: 90 },
          { title: t('catalogue.name'), dataIndex: 'name', render: (v: string, i) => <>{v}{!i.active && <Tag className="net-tag">{t('catalogue.no')}{t('catalogue.active')}</Tag>}</> },
          { title: t('catalogue.category'), dataIndex: 'category', width: 90, filters: categories.map((c) => ({ text: c, value: c })), onFilter: (v, i) => i.category === v },
          { title: t('catalogue.unit'), dataIndex: 'unit', width: 60 },
          { title: t('catalogue.spec'), dataIndex: 'spec', ellipsis: true },
          { title: t('catalogue.shelfLifeDays'), dataIndex: 'shelfLifeDays', width: 100, align: 'right' },
          { title: t('catalogue.returnable'), dataIndex: 'returnable', width: 70, render: yesNo },
          { title: t('catalogue.lotTracked'), dataIndex: 'lotTracked', width: 80, render: yesNo },
          { title: t('catalogue.unitPrice'), dataIndex: 'unitPrice', width: 100, align: 'right', render: money },
          { title: t('catalogue.yearPrice', { year: planYear }), key: 'yearPrice', width: 130, align: 'right', render: (_: unknown, i) => {
            const r: YearRow | undefined = yearOf.get(i.id)
            return <span data-testid="item-year-price">{money(r?.unitPrice)}{r && r.ownPrice == null && r.unitPrice != null && <Typography.Text type="secondary" title={t('catalogue.itemPriceUsed')}> *</Typography.Text>}</span>
          } },
          { title: t('catalogue.yearIncluded', { year: planYear }), key: 'yearIncluded', width: 110, render: (_: unknown, i) => {
            const r = yearOf.get(i.id)
            return r ? <span data-testid="item-year-included">{yesNo(r.included)}</span> : null
          } },
          { title: t('catalogue.nationalCode'), dataIndex: 'nationalCode', width: 110 },
          { key: 'edit', width: 130, render: (_: unknown, i) => (
            <Space>
              <a onClick={() => setEditing(i)} data-testid="item-edit">{t('catalogue.edit')}</a>
              <a onClick={() => setEditingYear(i)} data-testid="item-year-edit">{t('catalogue.editYear')}</a>
            </Space>
          ) },
        ]} />
      <Modal open={!!editing} title={editing?.id ? t('catalogue.editItem') : t('catalogue.newItem')} onCancel={() => setEditing(null)} onOk={save}
        confirmLoading={saving} okText={t('catalogue.save')} cancelText={t('catalogue.cancel')} width={640} destroyOnHidden
        okButtonProps={{ 'data-testid': 'item-save' } as Record<string, string>}>
        <Form form={form} layout="vertical" data-testid="item-form">
          <div className="form-grid-2">
            <Form.Item name="code" label={t('catalogue.code')} rules={[...req(t('catalogue.code')), lengthRule(40)]}><Input count={limit(40)} data-testid="item-code" /></Form.Item>
            <Form.Item name="name" label={t('catalogue.name')} rules={[...req(t('catalogue.name')), lengthRule(100)]}><Input count={limit(100)} data-testid="item-name" /></Form.Item>
            <Form.Item name="category" label={t('catalogue.category')} rules={req(t('catalogue.category'))}>
              <Select showSearch options={categories.map((c) => ({ value: c, label: c }))} data-testid="item-category" />
            </Form.Item>
            <Form.Item name="unit" label={t('catalogue.unit')} rules={[...req(t('catalogue.unit')), lengthRule(10)]}><Input count={limit(10)} data-testid="item-unit" /></Form.Item>
            <Form.Item rules={[lengthRule(200)]} name="spec" label={t('catalogue.spec')}><Input count={limit(200)} /></Form.Item>
            <Form.Item rules={[lengthRule(40)]} name="nationalCode" label={t('catalogue.nationalCode')}><Input count={limit(40)} /></Form.Item>
            <Form.Item name="shelfLifeDays" label={t('catalogue.shelfLifeDays')} rules={numberRules(t, { integer: true, min: 1, max: 36500 })}><NumberInput integer min={1} max={36500} testId="item-shelf-life" /></Form.Item>
            <Form.Item name="unitPrice" label={t('catalogue.unitPrice')} rules={numberRules(t, { min: 0, decimals: 2 })}><NumberInput min={0} decimals={2} testId="item-price" /></Form.Item>
            <Form.Item name="returnable" label={t('catalogue.returnable')} valuePropName="checked"><Switch /></Form.Item>
            <Form.Item name="lotTracked" label={t('catalogue.lotTracked')} valuePropName="checked"><Switch /></Form.Item>
            <Form.Item name="active" label={t('catalogue.active')} valuePropName="checked"><Switch /></Form.Item>
          </div>
        </Form>
      </Modal>
      <Modal open={!!editingYear} title={editingYear ? t('catalogue.editYearTitle', { year: planYear, item: `${editingYear.code} ${editingYear.name}` }) : ''}
        onCancel={() => setEditingYear(null)} onOk={saveYear} okText={t('catalogue.save')} cancelText={t('catalogue.cancel')} destroyOnHidden
        okButtonProps={{ 'data-testid': 'version-save' } as Record<string, string>}>
        <Form form={yearForm} layout="vertical" data-testid="version-form">
          <Form.Item name="unitPrice" label={t('catalogue.yearPrice', { year: planYear })} rules={numberRules(t, { min: 0, decimals: 2 })}
            extra={t('catalogue.yearPriceHint', { price: money(editingYear?.unitPrice) || '—' })}>
            <NumberInput min={0} decimals={2} testId="version-price" />
          </Form.Item>
          <Form.Item name="included" label={t('catalogue.yearIncluded', { year: planYear })} valuePropName="checked">
            <Switch data-testid="version-included" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
