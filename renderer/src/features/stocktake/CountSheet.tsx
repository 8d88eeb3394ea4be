/** One count sheet: AG Grid over every item × lot line (5 000 lines stay fast), counted and reason editable. */
import { useCallback, useMemo, useRef, useState } from 'react'
import { AgGridReact, themeQuartz } from '../../common/grid'
import { type CellValueChangedEvent, type ColDef, type GridApi } from 'ag-grid-community'
import { Alert, Button, Card, Input, Space, Tag, Typography, message } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, newDocumentId } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { agGridZh } from '../../i18n/agGridZh'
import { todayIso } from '../../common/DocHeaderFields'
import { parseLabel } from '../../../../core/stock/labels'
import { gridToXlsx } from '../../common/gridExport'
import { downloadBytes } from '../../common/download'
import type { MethodOutput } from '../../../../core/api/handlers'

type Line = MethodOutput<'stocktake.get'>['lines'][number]

const theme = themeQuartz.withParams({ fontFamily: 'inherit', fontSize: 13, rowHeight: 32, headerHeight: 36, accentColor: '#c2410c' })

export function CountSheet({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, i18n } = useTranslation()
  const { data, error, reload } = useApi('stocktake.get', { id })
  const gridApi = useRef<GridApi<Line>>(null)
  const dirty = useRef(new Map<number, Line>())
  const [dirtyCount, setDirtyCount] = useState(0)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const [postedNo, setPostedNo] = useState<string>()
  const [scan, setScan] = useState('')
  const [reason, setReason] = useState('')
  const [quick, setQuick] = useState('')
  const [exporting, setExporting] = useState(false)
  const postId = useMemo(() => newDocumentId(), [])
  const open = data?.status === 'open'

  const columns = useMemo<ColDef<Line>[]>(() => [
    { headerName: '#', field: 'lineNo', width: 70 },
    { headerName: t('depot.item'), colId: 'item', valueGetter: (p) => `${p.data?.itemCode} ${p.data?.itemName}`, flex: 2, minWidth: 160 },
    { headerName: t('depot.lotNo'), field: 'lotNo', width: 190, valueFormatter: (p) => (p.value === '—' ? '' : p.value) },
    { headerName: t('stock.cols.expiryDate'), field: 'expiryDate', width: 120 },
    { headerName: t('doc.unit'), field: 'unit', width: 70 },
    ...(data?.blind && open ? [] : [{ headerName: t('depot.expected'), field: 'expected' as const, width: 100, type: 'rightAligned' }]),
    {
      headerName: t('depot.counted'), field: 'counted', width: 110, type: 'rightAligned', editable: () => open,
      cellEditor: 'agNumberCellEditor', cellEditorParams: { min: 0, precision: 0 }, cellClass: open ? 'cell-editable' : undefined,
    },
    ...(data?.blind && open ? [] : [{
      headerName: t('depot.variance'), colId: 'variance', width: 90, type: 'rightAligned',
      valueGetter: (p: { data?: Line }) => (p.data?.counted == null || p.data.expected == null ? null : p.data.counted - p.data.expected),
      cellClassRules: { 'variance-minus': (p: { value: number | null }) => (p.value ?? 0) < 0, 'variance-plus': (p: { value: number | null }) => (p.value ?? 0) > 0 },
    } satisfies ColDef<Line>]),
    { headerName: t('depot.varianceReason'), field: 'reason', flex: 1, minWidth: 140, editable: () => open, cellClass: open ? 'cell-editable' : undefined },
  ], [t, data?.blind, open])

  const onChanged = useCallback((e: CellValueChangedEvent<Line>) => {
    if (!e.data) return
    dirty.current.set(e.data.lineNo, e.data)
    setDirtyCount(dirty.current.size)
    e.api.refreshCells({ rowNodes: [e.node], force: true })
  }, [])

  const save = async (): Promise<boolean> => {
    gridApi.current?.stopEditing()
    if (!dirty.current.size) return true
    const counts = [...dirty.current.values()].map((l) => ({
      lineNo: l.lineNo, counted: l.counted == null || String(l.counted) === '' ? null : Number(l.counted), reason: l.reason ?? null,
    }))
    try {
      await api('stocktake.save', { stocktakeId: id, counts })
      dirty.current.clear()
      setDirtyCount(0)
      void message.success(t('depot.saved', { n: counts.length }))
      return true
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e))
      return false
    }
  }

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setFailure(undefined)
    try { await work() } finally { setBusy(false) }
  }

  const post = () => run(async () => {
    if (!(await save())) return
    try {
      const r = await api('stocktake.post', { stocktakeId: id, id: postId, docDate: todayIso(), reason: reason.trim() || undefined })
      setPostedNo(r.docNo || '')
      reload()
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e))
    }
  })

  const cancel = () => run(async () => {
    try { await api('stocktake.cancel', { stocktakeId: id }); onBack() } catch (e) { setFailure(e instanceof Error ? e.message : String(e)) }
  })

  /** A scanned label (or a typed lot number): jump to its line and start typing the count. */
  const findScanned = () => {
    const code = scan.trim()
    if (!code || !gridApi.current) return
    const label = parseLabel(code)
    let found: number | undefined
    gridApi.current.forEachNode((n) => {
      if (found !== undefined || !n.data) return
      const hit = label ? n.data.itemCode === label.itemCode && (n.data.lotNo === label.lotNo) : n.data.lotNo === code
      if (hit) found = n.rowIndex ?? undefined
    })
    if (found === undefined) { setFailure(t('depot.scanNotFound', { code })); return }
    setFailure(undefined)
    setScan('')
    gridApi.current.ensureIndexVisible(found, 'middle')
    gridApi.current.setFocusedCell(found, 'counted')
    gridApi.current.startEditingCell({ rowIndex: found, colKey: 'counted' })
  }

  /** The count sheet as the grid shows it: its visible columns (no expected ones in an open blind count), the filtered rows in order. */
  const exportXlsx = async () => {
    if (!gridApi.current || !data) return
    setExporting(true)
    const key = 'count-export'
    void message.open({ key, type: 'loading', duration: 0, content: t('depot.exporting') })
    try {
      const bytes = await gridToXlsx(gridApi.current, t('depot.stocktakeTitle'), {
        title: `${t('depot.stocktakeTitle')} · ${data.siteName}`,
        facts: [[t('depot.site'), data.siteName ?? ''], [t('depot.status'), t(`depot.${data.status}` as 'depot.open')], ...(quick.trim() ? [[t('depot.filterLines'), quick.trim()] as [string, string]] : [])],
      })
      downloadBytes(bytes, `盘点_${data.siteName ?? ''}_${todayIso()}.xlsx`)
      message.destroy(key)
    } catch (e) {
      void message.open({ key, type: 'error', content: e instanceof Error ? e.message : String(e) })
    } finally {
      setExporting(false)
    }
  }

  if (error) return <div className="page"><LoadError error={error} onRetry={reload} /></div>
  return (
    <div className="page" data-testid="count-sheet">
      <Typography.Title level={4} className="page-title">
        {t('depot.stocktakeTitle')} · {data?.siteName} <Tag data-testid="count-status">{data ? t(`depot.${data.status}` as 'depot.open') : ''}</Tag>
        {data?.blind && <Tag>{t('depot.blind')}</Tag>}
      </Typography.Title>
      <Card size="small">
        <Space wrap className="block-gap">
          <Button onClick={onBack}>{t('depot.backToList')}</Button>
          {open && <Input.Search placeholder={t('depot.scan')} value={scan} onChange={(e) => setScan(e.target.value)} onSearch={findScanned}
            enterButton style={{ width: 320 }} data-testid="count-scan" />}
          <Input allowClear placeholder={t('depot.filterLines')} value={quick} onChange={(e) => setQuick(e.target.value)} style={{ width: 220 }} data-testid="count-filter" />
          <Button onClick={() => void exportXlsx()} loading={exporting} disabled={!data} data-testid="count-export">{t('depot.export')}</Button>
          {data && <span data-testid="count-progress">{t('depot.progress', { counted: data.counted, total: data.lines.length, variances: data.variances })}</span>}
        </Space>
        <div className="count-grid">
          <AgGridReact<Line>
            key={i18n.language}
            theme={theme}
            localeText={i18n.language === 'en' ? undefined : agGridZh}
            rowData={data?.lines}
            columnDefs={columns}
            quickFilterText={quick}
            getRowId={(p) => String(p.data.lineNo)}
            onGridReady={(e) => { gridApi.current = e.api }}
            onCellValueChanged={onChanged}
            singleClickEdit
            stopEditingWhenCellsLoseFocus
            enterNavigatesVerticallyAfterEdit
            enterNavigatesVertically
            defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true }}
          />
        </div>
        {failure && <Alert type="error" showIcon className="block-gap" title={<span data-testid="count-error">{failure}</span>} />}
        {postedNo !== undefined && <Alert type="success" showIcon className="block-gap"
          title={<span data-testid="doc-no" data-doc-no={postedNo}>{postedNo ? t('depot.countPosted', { docNo: postedNo }) : t('depot.noVariance')}</span>} />}
        {open && (
          <div className="doc-actions">
            <Input placeholder={t('depot.headerReason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ maxWidth: 360 }} data-testid="count-reason" />
            <Button onClick={() => void run(async () => { await save() })} loading={busy} disabled={!dirtyCount} data-testid="count-save">{t('depot.save')}</Button>
            <Button type="primary" onClick={() => void post()} loading={busy} data-testid="count-post">{t('depot.postCount')}</Button>
            <Button danger onClick={() => void cancel()} disabled={busy}>{t('depot.cancelCount')}</Button>
          </div>
        )}
      </Card>
    </div>
  )
}
