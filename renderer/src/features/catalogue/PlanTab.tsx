/** 年度计划: the gap per tier × item, costed; the planner edits quantities; Excel in the usual layout. */
import { useMemo, useState } from 'react'
import { Alert, App, Button, Select, Space, Statistic, Table, Tag, Typography } from 'antd'
import { NumberCell } from '../../common/NumberInput'
import { DownloadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { PlanByClass } from './PlanByClass'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { downloadWorkbook, newWorkbook } from '../../common/xlsx'
import { fillPlanWorkbook } from './planWorkbook'
import type { MethodOutput } from '../../../../core/api/handlers'

type Plan = MethodOutput<'plan.annual'>
type Line = Plan['lines'][number]
const money = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

export function PlanTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const nextYear = new Date().getFullYear() + 1
  const [chosenYear, setPlanYear] = useState<number>()
  const years = useApi('catalogue.planYears', {})
  // the latest year that has targets, until the planner picks another
  const planYear = chosenYear ?? years.data?.at(-1) ?? nextYear - 1
  const tree = useApi('network.tree', {})
  const loaded = useApi('plan.annual', { planYear }, !!years.data)
  const [edited, setEdited] = useState<Plan>()
  const plan = edited?.planYear === planYear ? edited : loaded.data
  const [exporting, setExporting] = useState(false)
  const yearOptions = useMemo(() => [...new Set([...(years.data ?? []), nextYear - 1, nextYear])].sort().map((y) => ({ value: y, label: String(y) })), [years.data, nextYear])
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />

  async function edit(l: Line, quantity: number | null) {
    // a changed quantity keeps the line's own price only if the planner set one; otherwise it follows the year's price
    try { setEdited(await api('plan.editLine', { planYear, tier: l.tier, itemId: l.itemId, quantity, unitPrice: quantity === null ? null : l.draftPrice, note: l.note })) } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
    }
  }
  async function exportPlan() {
    if (!plan) return
    setExporting(true)
    const hide = message.loading(t('plan.exporting'), 0)
    try {
      const wb = await newWorkbook()
      const district = tree.data?.district?.name ?? ''
      fillPlanWorkbook(wb, {
        title: t('plan.title', { district, year: planYear }), sheetName: t('plan.sheet'), totalLabel: t('plan.total'),
        headers: [t('plan.seq'), t('plan.tier'), t('plan.code'), t('plan.name'), t('plan.unit'), t('plan.target'), t('plan.stock'), t('plan.agreement'),
          t('plan.rotation'), t('plan.gap'), t('plan.quantity'), t('plan.unitPrice'), t('plan.budget'), t('plan.note')],
        rows: plan.lines.map((l) => ({ ...l, tier: t(`network.tiers.${l.tier}`) })),
      })
      const file = `${district}${planYear}年度应急物资购置计划.xlsx`
      await downloadWorkbook(wb, file)
      void message.success(t('plan.exported', { file }))
    } finally { hide(); setExporting(false) }
  }
  return (
    <div data-testid="plan-tab">
      <Space className="block-gap" wrap>
        <span>{t('plan.planYear')}</span>
        <Select value={planYear} options={yearOptions} onChange={(y) => { setPlanYear(y); setEdited(undefined) }} style={{ width: 100 }} data-testid="plan-year" />
        <Button icon={<DownloadOutlined />} onClick={() => void exportPlan()} loading={exporting} disabled={!plan} data-testid="plan-export">{t('plan.export')}</Button>
      </Space>
      <Alert type="info" showIcon className="block-gap" title={t('plan.hint')} />
      {plan && (
        <>
          <Space size="large" className="block-gap">
            <Statistic title={t('plan.total')} value={money(plan.total)} suffix="元" data-testid="plan-total" />
            <Typography.Text type="secondary">{t('plan.suggested', { n: money(plan.suggestedTotal) })}</Typography.Text>
          </Space>
          <PlanByClass classes={plan.classes} />
          <Table size="small" rowKey={(l) => `${l.tier}|${l.itemId}`} dataSource={plan.lines} data-testid="plan-table" pagination={{ pageSize: 50, showSizeChanger: false }}
            locale={{ emptyText: t('plan.empty') }} scroll={{ x: 'max-content' }}
            columns={[
              { title: t('plan.tier'), dataIndex: 'tier', width: 100, render: (v: Line['tier']) => t(`network.tiers.${v}`) },
              { title: t('plan.name'), key: 'name', render: (_: unknown, l) => `${l.code} ${l.name}` },
              { title: t('plan.unit'), dataIndex: 'unit', width: 50 },
              { title: t('plan.sites'), dataIndex: 'sites', width: 70, align: 'right' },
              { title: t('plan.target'), dataIndex: 'target', width: 80, align: 'right' },
              { title: t('plan.stock'), dataIndex: 'stock', width: 80, align: 'right' },
              { title: t('plan.agreement'), dataIndex: 'agreement', width: 80, align: 'right' },
              { title: t('plan.rotation'), dataIndex: 'rotation', width: 80, align: 'right' },
              { title: t('plan.gap'), dataIndex: 'gap', width: 70, align: 'right' },
              { title: t('plan.quantity'), key: 'quantity', width: 170, render: (_: unknown, l) => (
                <Space size={4}>
                  <NumberCell size="small" integer min={0} value={l.quantity} style={{ width: 90 }} testId="plan-quantity" aria-label={`${t('plan.quantity')} ${l.name}`}
                    onCommit={(v) => { if (v != null) void edit(l, v) }} />
                  {l.edited && <Tag color="blue" className="clickable" onClick={() => void edit(l, null)} title={t('plan.reset')}>{t('plan.edited')}</Tag>}
                </Space>
              ) },
              { title: t('plan.unitPrice'), dataIndex: 'unitPrice', width: 90, align: 'right', render: money },
              { title: t('plan.budget'), dataIndex: 'budget', width: 120, align: 'right', render: money },
            ]} />
        </>
      )}
    </div>
  )
}
