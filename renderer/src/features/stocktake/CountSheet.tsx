/** One count sheet: AG Grid over every item × lot line (5 000 lines stay fast), counted and reason editable. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { AgGridReact, themeQuartz } from '../../common/grid'
import { type CellValueChangedEvent, type ColDef, type GridApi } from 'ag-grid-community'
import { Alert, App, Button, Card, Input, Space, Tag, Typography, message } from 'antd'
import { numberValueOf } from '../../common/numberText'
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

const COUNT_RULES = { integer: true, min: 0 }
/** a count typed but not valid is kept in the line as its text (red, with the reason), never rounded or saved */
const isBadCount = (v: unknown): v is string => typeof v === 'string'
const isCounted = (l: Line) => typeof l.counted === 'number'

/** 实盘数量: typed as text, read as a count (full-width digits too); what is not a count stays red with its reason. */
function countedColumn(headerName: string, open: boolean, badText: (row: number, text: string) => string): ColDef<Line> {
  return {
    headerName, field: 'counted', width: 110, type: 'rightAligned', editable: () => open,
    // a text editor: full-width digits are read as digits, and what is not a count stays as typed with its reason
    cellEditor: 'agTextCellEditor', cellClass: open ? 'cell-editable' : undefined,
    // (the line's type says number | null; an invalid count is held as its text until it is corrected)
    valueParser: (p: { newValue?: unknown }) => numberValueOf(String(p.newValue ?? ''), COUNT_RULES) as number | null,
    cellClassRules: { 'cell-invalid': (p: { value?: unknown }): boolean => isBadCount(p.value) },
    tooltipValueGetter: (p: { value?: unknown; data?: Line }): string | undefined =>
      (isBadCount(p.value) ? badText(p.data?.lineNo ?? 0, String(p.value)) : undefined),
  }
}

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
  const { modal } = App.useApp()
  // the live counter: lines with a count as the grid holds them now, saved or not
  const [countedNow, setCountedNow] = useState<number>()
  useEffect(() => { setCountedNow(undefined) }, [data])
  const countedShown = countedNow ?? data?.counted ?? 0
  const autosave = useRef<ReturnType<typeof setTimeout>>(undefined)
  const [autosaveState, setAutosaveState] = useState<'saving' | 'saved'>()

  const columns = useMemo<ColDef<Line>[]>(() => [
    { headerName: '#', field: 'lineNo', width: 70 },
    { headerName: t('depot.item'), colId: 'item', valueGetter: (p) => `${p.data?.itemCode} ${p.data?.itemName}`, flex: 2, minWidth: 160 },
    { headerName: t('depot.lotNo'), field: 'lotNo', width: 190, valueFormatter: (p) => (p.value === '—' ? '' : p.value) },
    { headerName: t('stock.cols.expiryDate'), field: 'expiryDate', width: 120 },
    { headerName: t('doc.unit'), field: 'unit', width: 70 },
    ...(data?.blind && open ? [] : [{ headerName: t('depot.expected'), field: 'expected' as const, width: 100, type: 'rightAligned' }]),
    countedColumn(t('depot.counted'), open, (row, text) => t('depot.badCount', { row, text })),
    ...(data?.blind && open ? [] : [{
      headerName: t('depot.variance'), colId: 'variance', width: 90, type: 'rightAligned',
      valueGetter: (p: { data?: Line }) => (typeof p.data?.counted !== 'number' || p.data.expected == null ? null : p.data.counted - p.data.expected),
      cellClassRules: { 'variance-minus': (p: { value: number | null }) => (p.value ?? 0) < 0, 'variance-plus': (p: { value: number | null }) => (p.value ?? 0) > 0 },
    } satisfies ColDef<Line>]),
    { headerName: t('depot.varianceReason'), field: 'reason', flex: 1, minWidth: 140, editable: () => open, cellClass: open ? 'cell-editable' : undefined },
  ], [t, data?.blind, open])

  const onChanged = useCallback((e: CellValueChangedEvent<Line>) => {
    if (!e.data) return
    dirty.current.set(e.data.lineNo, e.data)
    setDirtyCount(dirty.current.size)
    e.api.refreshCells({ rowNodes: [e.node], force: true })
    let n = 0
    e.api.forEachNode((r) => { if (r.data && isCounted(r.data)) n++ })
    setCountedNow(n)
    // counts are kept as they are typed: saved a moment after the last change, without a click
    clearTimeout(autosave.current)
    autosave.current = setTimeout(() => { void saveRef.current(true) }, 700)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  /** Saves the changed lines; a line whose count is not valid stays unsaved (and dirty) and is named. */
  const save = async (quiet = false): Promise<boolean> => {
    clearTimeout(autosave.current)
    if (!quiet) gridApi.current?.stopEditing()
    if (!dirty.current.size) return true
    const lines = [...dirty.current.values()]
    const bad = lines.filter((l) => isBadCount(l.counted))
    const good = lines.filter((l) => !isBadCount(l.counted))
    if (bad.length) setFailure(t('depot.badCount', { row: bad[0].lineNo, text: String(bad[0].counted) }))
    if (!good.length) return false
    const counts = good.map((l) => ({ lineNo: l.lineNo, counted: isCounted(l) ? (l.counted as number) : null, reason: l.reason ?? null }))
    if (quiet) setAutosaveState('saving')
    try {
      await api('stocktake.save', { stocktakeId: id, counts })
      for (const l of good) if (dirty.current.get(l.lineNo) === l) dirty.current.delete(l.lineNo)
      setDirtyCount(dirty.current.size)
      if (quiet) setAutosaveState('saved')
      else void message.success(t('depot.saved', { n: counts.length }))
      if (!bad.length) setFailure(undefined)
      return !bad.length
    } catch (e) {
      setAutosaveState(undefined)
      setFailure(e instanceof Error ? e.message : String(e))
      return false
    }
  }
  const saveRef = useRef(save)
  saveRef.current = save

  // leaving (the menu, the back button, closing the window) never drops a typed count
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => { if (dirty.current.size) { void saveRef.current(true); e.preventDefault() } }
    window.addEventListener('beforeunload', beforeUnload)
    return () => {
      window.removeEventListener('beforeunload', beforeUnload)
      if (dirty.current.size) void saveRef.current(true)
    }
  }, [])

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setFailure(undefined)
    try { await work() } finally { setBusy(false) }
  }

  const confirmUncounted = (n: number) => new Promise<boolean>((resolve) => {
    modal.confirm({
      title: t('depot.uncountedTitle', { n }), content: <span data-testid="uncounted-confirm">{t('depot.uncountedConfirm', { n })}</span>,
      okText: t('depot.postAnyway'), cancelText: t('depot.keepCounting'), onOk: () => resolve(true), onCancel: () => resolve(false),
    })
  })

  const post = () => run(async () => {
    if (!(await save())) return
    let uncounted = 0
    gridApi.current?.forEachNode((r) => { if (r.data && !isCounted(r.data)) uncounted++ })
    if (uncounted && !(await confirmUncounted(uncounted))) return
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
          {data && <span data-testid="count-progress">{t('depot.progress', { counted: countedShown, total: data.lines.length, variances: data.variances })}</span>}
          {open && autosaveState && <span className="cell-hint" data-testid="count-autosave">{t(autosaveState === 'saving' ? 'depot.autosaving' : 'depot.autosaved')}</span>}
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
