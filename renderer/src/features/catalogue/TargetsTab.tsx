/** 储备标准: targets per tier × item for a plan year, with region and site overrides; copy a year forward. */
import { useEffect, useMemo, useState } from 'react'
import { App, Button, Form, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd'
import { NumberInput, numberRules } from '../../common/NumberInput'
import { CopyOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import { useApi } from '../../common/useApi'
import { useItems, useSites } from '../../common/useReference'
import { LoadError } from '../../common/LoadError'
import type { MethodOutput } from '../../../../core/api/handlers'

type Target = MethodOutput<'catalogue.targets'>[number]
const TIERS = ['district', 'street', 'community'] as const

export function TargetsTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const thisYear = new Date().getFullYear()
  const [planYear, setPlanYear] = useState(thisYear)
  const years = useApi('catalogue.planYears', {})
  const { data, error, reload } = useApi('catalogue.targets', { planYear })
  const regions = useApi('catalogue.regions', {})
  const { items, byId } = useItems()
  const { sites } = useSites()
  const [editing, setEditing] = useState<Partial<Target> | null>(null)
  const [form] = Form.useForm()
  const tier = Form.useWatch('tier', form) as (typeof TIERS)[number] | undefined
  useEffect(() => {
    if (!editing) return
    form.resetFields()
    form.setFieldsValue({ tier: 'community', mode: 'fixed', required: true, ...editing })
  }, [editing]) // eslint-disable-line react-hooks/exhaustive-deps
  const regionName = useMemo(() => new Map((regions.data ?? []).map((r) => [r.code, r.name])), [regions.data])
  const siteName = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites])
  const yearOptions = [...new Set([...(years.data ?? []), thisYear, thisYear + 1])].sort().map((y) => ({ value: y, label: String(y) }))
  const previous = (years.data ?? []).filter((y) => y < planYear).pop()
  if (error) return <LoadError error={error} onRetry={reload} />

  async function save() {
    let v: Record<string, any>
    try { v = await form.validateFields() } catch { return }
    try {
      await api('catalogue.saveTarget', {
        id: editing?.id, planYear, tier: v.tier, itemId: v.itemId, mode: v.mode, quantity: v.quantity, minimum: v.minimum ?? null,
        required: v.required, regionCode: v.regionCode ?? null, siteId: v.siteId ?? null,
      })
      setEditing(null)
      void message.success(t('catalogue.saved'))
      reload(); years.reload()
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e)
      form.setFields([{ name: e instanceof ApiError && e.field ? e.field : 'itemId', errors: [msg] }])
    }
  }
  async function copy() {
    if (!previous) return
    try {
      const r = await api('catalogue.copyTargets', { fromYear: previous, toYear: planYear })
      void message.success(t('catalogue.copied', { n: r.copied }))
      reload(); years.reload()
    } catch (e) { void message.error(e instanceof Error ? e.message : String(e)) }
  }
  const regionLevel = tier === 'community' ? ['community', 'street'] : tier === 'street' ? ['street'] : ['district']
  return (
    <>
      <Space className="block-gap" wrap>
        <span>{t('catalogue.planYear')}</span>
        <Select value={planYear} options={yearOptions} onChange={setPlanYear} style={{ width: 100 }} data-testid="targets-year" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="target-new">{t('catalogue.newTarget')}</Button>
        {previous && data && data.length === 0 && (
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="targets-copy">{t('catalogue.copyFrom', { year: previous })}</Button>
        )}
      </Space>
      <Table size="small" rowKey="id" loading={!data} dataSource={data} data-testid="targets-table" pagination={{ pageSize: 200, showSizeChanger: false }}
        locale={{ emptyText: t('catalogue.noTargets') }}
        columns={[
          { title: t('catalogue.tier'), dataIndex: 'tier', width: 110, render: (v: (typeof TIERS)[number]) => t(`network.tiers.${v}`),
            filters: TIERS.map((x) => ({ text: t(`network.tiers.${x}`), value: x })), onFilter: (v, r) => r.tier === v },
          { title: t('catalogue.item'), dataIndex: 'itemId', render: (id: string) => `${byId.get(id)?.code ?? id} ${byId.get(id)?.name ?? ''}` },
          { title: t('catalogue.mode'), dataIndex: 'mode', width: 100, render: (m: 'fixed' | 'per1000') => t(`catalogue.modes.${m}`) },
          { title: t('catalogue.quantity'), dataIndex: 'quantity', width: 80, align: 'right', render: (q: number, r) => `${q} ${byId.get(r.itemId)?.unit ?? ''}` },
          { title: t('catalogue.minimum'), dataIndex: 'minimum', width: 80, align: 'right' },
          { title: t('catalogue.required'), dataIndex: 'required', width: 90, render: (v: boolean) => (v ? <Tag color="red">{t('catalogue.requiredYes')}</Tag> : <Tag>{t('catalogue.requiredNo')}</Tag>) },
          { title: t('catalogue.scope'), key: 'scope', render: (_: unknown, r) => (r.siteId ? `${t('catalogue.site')}：${siteName.get(r.siteId) ?? r.siteId}`
            : r.regionCode ? `${t('catalogue.region')}：${regionName.get(r.regionCode) ?? r.regionCode}` : t('catalogue.scopeAll')) },
          { key: 'actions', width: 110, render: (_: unknown, r) => (
            <Space>
              <a onClick={() => setEditing(r)}>{t('catalogue.edit')}</a>
              <Popconfirm title={t('catalogue.deleteConfirm')} onConfirm={async () => { await api('catalogue.deleteTarget', { id: r.id }); reload() }}>
                <a>{t('catalogue.delete')}</a>
              </Popconfirm>
            </Space>
          ) },
        ]} />
      <Modal open={!!editing} title={editing?.id ? t('catalogue.editTarget') : t('catalogue.newTarget')} onCancel={() => setEditing(null)} onOk={save}
        okText={t('catalogue.save')} cancelText={t('catalogue.cancel')} width={600} destroyOnHidden
        okButtonProps={{ 'data-testid': 'target-save' } as Record<string, string>}>
        <Form form={form} layout="vertical" data-testid="target-form">
          <div className="form-grid-2">
            <Form.Item name="tier" label={t('catalogue.tier')}>
              <Select options={TIERS.map((x) => ({ value: x, label: t(`network.tiers.${x}`) }))} onChange={() => form.setFieldsValue({ regionCode: undefined, siteId: undefined })} />
            </Form.Item>
            <Form.Item name="itemId" label={t('catalogue.item')} rules={[{ required: true, message: t('catalogue.required2', { field: t('catalogue.item') }) }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))} data-testid="target-item" />
            </Form.Item>
            <Form.Item name="mode" label={t('catalogue.mode')}>
              <Select options={(['fixed', 'per1000'] as const).map((m) => ({ value: m, label: t(`catalogue.modes.${m}`) }))} data-testid="target-mode" />
            </Form.Item>
            <Form.Item name="quantity" label={t('catalogue.quantity')} rules={numberRules(t, { min: 0 }, t('catalogue.required2', { field: t('catalogue.quantity') }))}>
              <NumberInput min={0} testId="target-quantity" />
            </Form.Item>
            <Form.Item name="minimum" label={t('catalogue.minimum')} rules={numberRules(t, { min: 0 })}><NumberInput min={0} testId="target-minimum" /></Form.Item>
            <Form.Item name="required" label={t('catalogue.required')}>
              <Select options={[{ value: true, label: t('catalogue.requiredYes') }, { value: false, label: t('catalogue.requiredNo') }]} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('catalogue.region')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }}
                options={(regions.data ?? []).filter((r) => regionLevel.includes(r.level)).map((r) => ({ value: r.code, label: r.name }))} />
            </Form.Item>
            <Form.Item name="siteId" label={t('catalogue.site')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }}
                options={sites.filter((s) => s.tier === tier).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </div>
        </Form>
      </Modal>
    </>
  )
}
