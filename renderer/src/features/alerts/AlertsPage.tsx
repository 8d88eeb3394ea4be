/** 预警: every alert with filters (kind, site, category, the grid's own column filters), xlsx export, thresholds. */
import { useMemo, useRef, useState } from 'react'
import { AgGridReact, themeQuartz } from '../../common/grid'
import { type ColDef, type GridApi } from 'ag-grid-community'
import { Button, Card, Modal, Select, Space, Tag, Typography, message } from 'antd'
import { NumberCell } from '../../common/NumberInput'
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import type { MethodOutput } from '../../../../core/api/handlers'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { SiteSelect } from '../../common/SiteSelect'
import { useItems, useSites } from '../../common/useReference'
import { withProgress } from '../../common/useProgress'
import { downloadBytes } from '../../common/download'
import { gridToXlsx } from '../../common/gridExport'
import { agGridZh } from '../../i18n/agGridZh'

type Row = MethodOutput<'alerts.list'>[number]
type Kind = Row['kind']
type Thresholds = MethodOutput<'alerts.thresholds'>
const KINDS: Kind[] = ['expired', 'expiring30', 'expiring90', 'rotation', 'belowMinimum']
const theme = themeQuartz.withParams({ fontFamily: 'inherit', fontSize: 13, rowHeight: 32, headerHeight: 36, accentColor: '#c2410c' })

export function AlertsPage() {
  const { t, i18n } = useTranslation()
  const { sites } = useSites()
  const { categories } = useItems()
  const [kind, setKind] = useState<Kind>()
  const [siteId, setSiteId] = useState<string>()
  const [category, setCategory] = useState<string>()
  const [shown, setShown] = useState<number>()
  const [exporting, setExporting] = useState(false)
  const [editing, setEditing] = useState(false)
  const grid = useRef<GridApi<Row>>(null)
  const filter = { siteId, category }
  const list = useApi('alerts.list', { ...filter, kind })
  const summary = useApi('alerts.summary', filter)

  const columns: ColDef<Row>[] = useMemo(() => [
    { colId: 'kind', headerName: t('alerts.kind'), field: 'kind', width: 150, filter: true,
      valueFormatter: (p) => (p.value ? t(`alerts.kinds.${p.value as Kind}`) : ''), cellClass: (p) => `alert-kind-${p.value}` },
    { colId: 'site', headerName: t('alerts.site'), field: 'siteName', width: 200, filter: true },
    { colId: 'itemCode', headerName: t('alerts.item'), valueGetter: (p) => (p.data ? `${p.data.itemCode} ${p.data.itemName}` : ''), width: 170, filter: true },
    { colId: 'category', headerName: t('alerts.category'), field: 'category', width: 100, filter: true },
    { colId: 'lotNo', headerName: t('alerts.lotNo'), field: 'lotNo', width: 150, filter: true },
    { colId: 'expiryDate', headerName: t('alerts.expiryDate'), field: 'expiryDate', width: 110 },
    { colId: 'days', headerName: t('alerts.days'), field: 'daysToExpiry', width: 96, type: 'rightAligned', filter: 'agNumberColumnFilter' },
    { colId: 'quantity', headerName: t('alerts.quantity'), field: 'quantity', width: 90, type: 'rightAligned' },
    { colId: 'unit', headerName: t('alerts.unit'), field: 'unit', width: 70 },
    { colId: 'minimum', headerName: t('alerts.minimum'), field: 'minimum', width: 96, type: 'rightAligned' },
    { colId: 'shortBy', headerName: t('alerts.shortBy'), field: 'shortBy', width: 90, type: 'rightAligned' },
    { colId: 'lifeUsed', headerName: t('alerts.lifeUsed'), field: 'lifeUsed', width: 110, valueFormatter: (p) => (p.value == null ? '' : `${p.value}%`) },
  ], [t])

  const exportXlsx = async () => {
    if (!grid.current) return
    setExporting(true)
    try {
      const bytes = await withProgress(t('alerts.exporting'), () => gridToXlsx(grid.current!, t('alerts.title')))
      downloadBytes(bytes, `${t('alerts.title')}_${new Date().toISOString().slice(0, 10)}.xlsx`)
    } finally { setExporting(false) }
  }

  const s = summary.data
  return (
    <div className="page" data-testid="alerts-page">
      <Typography.Title level={4} className="page-title">{t('alerts.title')}</Typography.Title>
      <Card size="small">
        <Space wrap className="block-gap">
          <Tag.CheckableTag checked={!kind} onChange={() => setKind(undefined)} data-testid="alert-kind-all">
            {t('alerts.all')} {s ? s.total : ''}
          </Tag.CheckableTag>
          {KINDS.map((k) => (
            <Tag.CheckableTag key={k} checked={kind === k} onChange={() => setKind(kind === k ? undefined : k)} data-testid={`alert-kind-${k}`} data-count={s?.[k]}>
              {t(`alerts.kinds.${k}`)} {s ? s[k] : ''}
            </Tag.CheckableTag>
          ))}
        </Space>
        <Space wrap className="block-gap">
          <SiteSelect sites={sites} value={siteId} onChange={setSiteId} allowClear placeholder={t('alerts.allSites')} testId="alert-site" className="filter-site" />
          <Select allowClear placeholder={t('alerts.allCategories')} value={category} onChange={setCategory} style={{ width: 140 }}
            options={categories.map((c) => ({ value: c, label: c }))} data-testid="alert-category" />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="alert-export">{t('alerts.export')}</Button>
          <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="alert-thresholds">{t('alerts.thresholds')}</Button>
          <Typography.Text type="secondary" data-testid="alert-shown" data-count={shown ?? ''}>{t('alerts.count', { n: shown ?? 0 })}</Typography.Text>
        </Space>
        <Typography.Paragraph type="secondary" className="doc-hint">{t('alerts.rules')}</Typography.Paragraph>
        {list.error && <LoadError error={list.error} onRetry={list.reload} />}
        <div style={{ height: 560 }} data-testid="alert-grid">
          <AgGridReact<Row> theme={theme} rowData={list.data ?? []} columnDefs={columns} getRowId={(p) => p.data.id}
            loading={list.loading} overlayNoRowsTemplate={t('alerts.none')}
            localeText={i18n.language === 'en' ? undefined : agGridZh}
            onGridReady={(e) => { grid.current = e.api }}
            onModelUpdated={(e) => setShown(e.api.getDisplayedRowCount())} />
        </div>
      </Card>
      {editing && <ThresholdsDialog categories={categories} onClose={(saved) => { setEditing(false); if (saved) { list.reload(); summary.reload() } }} />}
    </div>
  )
}

function ThresholdsDialog({ categories, onClose }: { categories: string[]; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation()
  const { data } = useApi('alerts.thresholds', {})
  const [draft, setDraft] = useState<Thresholds>()
  const [error, setError] = useState<string>()
  const value = draft ?? data
  const setWindow = (cat: string | null, patch: Partial<Thresholds['default']>) => {
    if (!value) return
    if (cat === null) setDraft({ ...value, default: { ...value.default, ...patch } })
    else setDraft({ ...value, categories: { ...value.categories, [cat]: { ...(value.categories[cat] ?? value.default), ...patch } } })
  }
  const save = async () => {
    if (!value) return
    try {
      await api('alerts.setThresholds', value)
      void message.success(t('alerts.saved'))
      onClose(true)
    } catch (e) { setError(e instanceof Error ? e.message : String(e)) }
  }
  const line = (cat: string | null) => {
    const w = cat === null ? value!.default : value!.categories[cat] ?? value!.default
    return (
      <Space key={cat ?? '*'} className="block-gap" data-testid={`threshold-${cat ?? 'default'}`}>
        <span style={{ display: 'inline-block', width: 90 }}>{cat ?? t('alerts.defaultWindow')}</span>
        <label>{t('alerts.near')} <NumberCell integer min={1} max={3650} value={w.near} style={{ width: 90 }} onCommit={(v) => { if (v != null) setWindow(cat, { near: v }) }} testId="near" aria-label={`${cat ?? t('alerts.defaultWindow')} ${t('alerts.near')}`} /></label>
        <label>{t('alerts.far')} <NumberCell integer min={1} max={3650} value={w.far} style={{ width: 90 }} onCommit={(v) => { if (v != null) setWindow(cat, { far: v }) }} testId="far" aria-label={`${cat ?? t('alerts.defaultWindow')} ${t('alerts.far')}`} /></label>
      </Space>
    )
  }
  return (
    <Modal open title={t('alerts.thresholds')} onCancel={() => onClose(false)} onOk={() => void save()} width={560}>
      {value && <>
        {line(null)}
        {categories.map((c) => line(c))}
      </>}
      {error && <Typography.Text type="danger" data-testid="threshold-error">{error}</Typography.Text>}
    </Modal>
  )
}
