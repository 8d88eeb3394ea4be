/**
 * Excel 导入: opening stock (期初), a receipt, or the guidance catalogue (物资目录) from an xlsx or CSV file. The file is
 * read in the browser (xlsx with exceljs; CSV sent as bytes so the hub detects UTF-8 / GBK), every row is checked by
 * `import.preview` (or `catalogue.importPreview`), the grid marks each bad row and field with its message, the columns
 * can be mapped when the headers differ from our template, and the post button stays disabled while any error
 * remains. A catalogue import needs no site or date; it may also set one plan year's prices.
 */
import { useMemo, useState } from 'react'
import { AgGridReact, themeQuartz } from '../../common/grid'
import { type ColDef } from 'ag-grid-community'
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Spin, Tag, Typography, Upload } from 'antd'
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { readImportSource, type ImportSource } from '../../common/importSource'
import { api, ApiError } from '../../api'
import type { MethodInput } from '../../../../core/api/contract'
import type { MethodOutput } from '../../../../core/api/handlers'
import { buildXlsx } from '../../../../core/common/xlsx'
import { SiteSelect } from '../../common/SiteSelect'
import { activeSites, useSites } from '../../common/useReference'
import { useDocumentId } from '../../common/useDocumentId'
import { todayIso } from '../../common/DocHeaderFields'
import { withProgress } from '../../common/useProgress'
import { downloadBytes } from '../../common/download'
import { agGridZh } from '../../i18n/agGridZh'

type StockField = keyof NonNullable<MethodInput<'import.preview'>['mapping']>
type CatalogueField = keyof NonNullable<MethodInput<'catalogue.importPreview'>['mapping']>
type Field = StockField | CatalogueField
type Mapping = Partial<Record<Field, number>>
type Kind = 'opening' | 'receipt' | 'catalogue'
/** What both previews answer (the catalogue's adds how many items are new and changed). */
type Preview = Omit<MethodOutput<'import.preview'>, 'mapping' | 'sample'> & { mapping: Mapping; added?: number; changed?: number }
type Posted = { kind: 'stock'; rows: number; docNo: string } | { kind: 'catalogue'; rows: number; added: number; changed: number }
const STOCK_FIELDS: StockField[] = ['itemCode', 'itemName', 'unit', 'lotNo', 'productionDate', 'expiryDate', 'quantity', 'unitCost', 'supplier', 'note']
const CATALOGUE_FIELDS: CatalogueField[] = ['code', 'name', 'category', 'nationalCode', 'unit', 'spec', 'shelfLifeDays', 'returnable', 'lotTracked', 'unitPrice']
const FIELDS_OF = (k: Kind): Field[] => (k === 'catalogue' ? CATALOGUE_FIELDS : STOCK_FIELDS)
const REQUIRED_OF = (k: Kind): Field[] => (k === 'catalogue' ? ['code', 'name', 'category', 'unit'] : ['itemCode', 'quantity'])

const theme = themeQuartz.withParams({ fontFamily: 'inherit', fontSize: 13, rowHeight: 30, headerHeight: 34, accentColor: '#c2410c' })

interface GridRow { fileRow: number; cells: string[]; problems: string; bad: Set<number> }

export function ImportPage() {
  const { t, i18n } = useTranslation()
  const { sites } = useSites()
  const [docId, renewDocId] = useDocumentId()
  const [kind, setKind] = useState<Kind>('opening')
  const [priceYear, setPriceYear] = useState<number>()
  const thisYear = new Date().getFullYear()
  const FIELDS = FIELDS_OF(kind)
  const REQUIRED = REQUIRED_OF(kind)
  const fieldLabel = (f: Field) => (kind === 'catalogue' ? t(`imports.catalogueFields.${f as CatalogueField}`) : t(`imports.fields.${f as StockField}`))
  const [siteId, setSiteId] = useState<string>()
  const [docDate, setDocDate] = useState(todayIso())
  const [counterparty, setCounterparty] = useState('')
  const [file, setFile] = useState<{ name: string; source: ImportSource }>()
  const [mapping, setMapping] = useState<Mapping>()
  const [preview, setPreview] = useState<Preview>()
  const [busy, setBusy] = useState<string>()
  const [error, setError] = useState<string>()
  const [showMapping, setShowMapping] = useState(false)
  const [onlyErrors, setOnlyErrors] = useState(false)
  const [posted, setPosted] = useState<Posted>()

  const check = async (source: ImportSource, k: Kind, m: Mapping | undefined) => {
    setBusy(t('imports.checking'))
    setError(undefined)
    try {
      const p = await withProgress<Preview>(t('imports.checking'), () => (k === 'catalogue'
        ? api('catalogue.importPreview', { source, mapping: m as MethodInput<'catalogue.importPreview'>['mapping'] })
        : api('import.preview', { kind: k, source, mapping: m as MethodInput<'import.preview'>['mapping'], siteId })))
      setPreview(p)
      const template = new Set(p.templateHeaders.map((h) => h.normalize('NFKC')))
      if (p.fileErrors.some((e) => e.code === 'IMPORT_MISSING_COLUMN') || p.headers.some((h) => h && !template.has(h))) setShowMapping(true)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setPreview(undefined)
    } finally { setBusy(undefined) }
  }

  const choose = async (f: File) => {
    setPosted(undefined)
    setMapping(undefined)
    setShowMapping(false)
    setPreview(undefined)
    setBusy(t('imports.reading', { name: f.name }))
    let source: ImportSource
    try {
      source = await withProgress(t('imports.reading', { name: f.name }), () => readImportSource(f))
    } catch (e) {
      setBusy(undefined)
      setError(e instanceof Error ? e.message : String(e))
      return
    }
    setFile({ name: f.name, source })
    await check(source, kind, undefined)
  }

  const remap = (field: Field, col: number) => {
    if (!file || !preview) return
    const next = { ...Object.fromEntries(FIELDS.map((f) => [f, preview.mapping[f] ?? -1])), ...mapping, [field]: col } as Mapping
    setMapping(next)
    void check(file.source, kind, next)
  }

  const post = async () => {
    if (!file || !preview || (kind !== 'catalogue' && !siteId)) return
    setBusy(t('imports.posting', { n: preview.ready }))
    setError(undefined)
    try {
      const r = await withProgress<Posted>(t('imports.posting', { n: preview.ready }), async () => (kind === 'catalogue'
        ? { kind: 'catalogue' as const, ...await api('catalogue.importPost', { source: file.source, mapping: mapping as MethodInput<'catalogue.importPost'>['mapping'], planYear: priceYear }) }
        : { kind: 'stock' as const, ...await api('import.post', {
          kind, source: file.source, mapping: mapping as MethodInput<'import.post'>['mapping'], id: docId, siteId: siteId!, docDate, counterparty: counterparty.trim() || undefined,
        }) }))
      setPosted(r)
      setFile(undefined)
      setPreview(undefined)
      renewDocId()
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e))
    } finally { setBusy(undefined) }
  }

  const downloadTemplate = async () => {
    const headers = preview?.templateHeaders ?? FIELDS.map(fieldLabel)
    const bytes = await buildXlsx({ name: t('imports.templateName'), columns: headers.map((h, i) => ({ header: h, key: String(i), width: 14 })), rows: [] })
    downloadBytes(bytes, `${t('imports.templateName')}.xlsx`)
  }

  const rows: GridRow[] = useMemo(() => {
    if (!preview) return []
    const byRow = new Map<number, { msgs: string[]; bad: Set<number> }>()
    for (const e of preview.errors) {
      const entry = byRow.get(e.row) ?? { msgs: [], bad: new Set<number>() }
      entry.msgs.push(e.message)
      const col = preview.mapping[e.field as Field]
      if (col !== undefined) entry.bad.add(col)
      byRow.set(e.row, entry)
    }
    return preview.rows
      .map((r) => ({ fileRow: r.fileRow, cells: r.cells, problems: byRow.get(r.fileRow)?.msgs.join('；') ?? '', bad: byRow.get(r.fileRow)?.bad ?? new Set<number>() }))
      .filter((r) => !onlyErrors || r.problems)
  }, [preview, onlyErrors])

  const columns: ColDef<GridRow>[] = useMemo(() => {
    if (!preview) return []
    const fieldOf = new Map(Object.entries(preview.mapping).map(([f, c]) => [c, f as Field]))
    return [
      { colId: 'row', headerName: t('imports.row'), valueGetter: (p) => p.data?.fileRow, width: 80, pinned: 'left' },
      ...preview.headers.map((h, i): ColDef<GridRow> => {
        const f = fieldOf.get(i)
        return {
          colId: `c${i}`, headerName: f && fieldLabel(f).normalize('NFKC') !== h.normalize('NFKC') ? `${h} → ${fieldLabel(f)}` : h || `#${i + 1}`,
          valueGetter: (p) => p.data?.cells[i], width: 130,
          cellClass: (p) => (p.data?.bad.has(i) ? 'import-cell-error' : f ? undefined : 'import-cell-unmapped'),
          tooltipValueGetter: (p) => (p.data?.bad.has(i) ? p.data.problems : undefined),
        }
      }),
      { colId: 'problems', headerName: t('imports.problems'), field: 'problems', width: 380, pinned: 'right', cellClass: 'import-problems', tooltipField: 'problems' },
    ]
  }, [preview, t, kind]) // eslint-disable-line react-hooks/exhaustive-deps

  const errorCount = preview?.errorCount ?? 0
  const canPost = !!preview && errorCount === 0 && preview.ready > 0 && (kind === 'catalogue' || !!siteId) && !busy

  return (
    <div className="page" data-testid="import-page">
      <Typography.Title level={4} className="page-title">{t('imports.title')}</Typography.Title>
      <Card size="small" className="block-gap">
        <Form layout="vertical" component="div">
          <Space wrap align="end" size="middle">
            <Form.Item label={t('imports.kind')}>
              <Select data-testid="import-kind" value={kind} style={{ width: 140 }}
                onChange={(k: Kind) => {
                  // another kind has other columns: the mapping starts again from the headers
                  const m = (k === 'catalogue') === (kind === 'catalogue') ? mapping : undefined
                  setKind(k); setMapping(m); setPosted(undefined)
                  if (file) void check(file.source, k, m)
                }}
                options={[{ value: 'opening', label: t('imports.opening') }, { value: 'receipt', label: t('imports.receipt') }, { value: 'catalogue', label: t('imports.catalogue') }]} />
            </Form.Item>
            {kind === 'catalogue' ? (
              <Form.Item label={t('imports.priceYear')}>
                <Select data-testid="import-price-year" value={priceYear ?? 0} style={{ width: 160 }} onChange={(y: number) => setPriceYear(y || undefined)}
                  options={[{ value: 0, label: t('imports.priceYearNone') }, ...[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: String(y) }))]} />
              </Form.Item>
            ) : <>
            <Form.Item label={t('imports.site')} required>
              <SiteSelect sites={activeSites(sites)} value={siteId} onChange={setSiteId} testId="import-site" className="filter-site" />
            </Form.Item>
            <Form.Item label={t('imports.docDate')}>
              <DatePicker data-testid="import-date" value={dayjs(docDate)} allowClear={false} format="YYYY-MM-DD"
                onChange={(d) => d && setDocDate(d.format('YYYY-MM-DD'))} />
            </Form.Item>
            <Form.Item label={t('imports.counterparty')}>
              <Input value={counterparty} onChange={(e) => setCounterparty(e.target.value)} style={{ width: 180 }} />
            </Form.Item>
            </>}
            <Form.Item label=" ">
              <Space>
                <Upload accept=".xlsx,.csv,.txt" showUploadList={false} maxCount={1}
                  beforeUpload={(f) => { void choose(f); return false }}>
                  <Button type="primary" ghost icon={<UploadOutlined />} data-testid="import-choose">{t('imports.file')}</Button>
                </Upload>
                <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} data-testid="import-template">{t('imports.template')}</Button>
              </Space>
            </Form.Item>
          </Space>
        </Form>
      </Card>

      {busy && <Spin className="block-gap" tip={busy} data-testid="import-busy"><div style={{ height: 40 }} /></Spin>}
      {error && <Alert type="error" showIcon className="block-gap" title={<span data-testid="import-error">{error}</span>} />}
      {posted?.kind === 'stock' && (
        <Alert type="success" showIcon className="block-gap" data-testid="import-posted"
          title={<span data-testid="doc-no" data-doc-no={posted.docNo}>{t('imports.posted', { rows: posted.rows, docNo: posted.docNo })}</span>} />
      )}
      {posted?.kind === 'catalogue' && (
        <Alert type="success" showIcon className="block-gap" data-testid="import-posted"
          title={t('imports.cataloguePosted', { rows: posted.rows, added: posted.added, changed: posted.changed })} />
      )}

      {preview && file && (
        <Card size="small" className="block-gap" data-testid="import-preview"
          title={<span data-testid="import-summary" data-errors={errorCount} data-ready={preview.ready}>
            {t('imports.summary', { name: file.name, total: preview.total, ready: preview.ready, errors: errorCount })}
            {kind === 'catalogue' && preview.added !== undefined && `（${t('imports.catalogueReady', { added: preview.added, changed: preview.changed ?? 0 })}）`}
          </span>}
          extra={<Space>
            {preview.encoding && <Tag>{t('imports.encoding', { enc: preview.encoding.toUpperCase() })}</Tag>}
            <Button size="small" onClick={() => setShowMapping((s) => !s)} data-testid="import-toggle-mapping">
              {showMapping ? t('imports.hideMapping') : t('imports.showMapping')}
            </Button>
          </Space>}>
          {preview.fileErrors.length > 0 && (
            <Alert type="error" showIcon className="block-gap" title={t('imports.fileError')}
              description={<ul className="plain-list" data-testid="import-file-errors">{preview.fileErrors.map((e, i) => <li key={i}>{e.message}</li>)}</ul>} />
          )}
          {showMapping && preview.headers.length > 0 && (
            <div className="block-gap" data-testid="import-mapping">
              <Typography.Text strong>{t('imports.mapping')}</Typography.Text>
              <Typography.Paragraph type="secondary">{t('imports.mappingHint')}</Typography.Paragraph>
              <div className="import-mapping-grid">
                {FIELDS.map((f) => (
                  <label key={f} className="import-mapping-item">
                    <span>{fieldLabel(f)}{REQUIRED.includes(f) && <Typography.Text type="danger"> *</Typography.Text>}</span>
                    <Select size="small" data-testid={`map-${f}`} style={{ width: 160 }} value={preview.mapping[f] ?? -1}
                      onChange={(c: number) => remap(f, c)}
                      options={[{ value: -1, label: t('imports.notMapped') }, ...preview.headers.map((h, i) => ({ value: i, label: h || `#${i + 1}` }))]} />
                  </label>
                ))}
              </div>
            </div>
          )}
          {errorCount === 0 && preview.ready > 0
            ? <Alert type="success" showIcon className="block-gap" title={t('imports.noErrors')} />
            : preview.fileErrors.length === 0 && <Alert type="warning" showIcon className="block-gap" data-testid="import-has-errors" title={t('imports.hasErrors', { n: errorCount })} />}
          {preview.rows.length > 0 && (
            <>
              <Space className="block-gap">
                <Checkbox checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} data-testid="import-only-errors">{t('imports.onlyErrors')}</Checkbox>
                <Typography.Text type="secondary">{t('imports.shown', { n: 200 })}</Typography.Text>
              </Space>
              <div className="import-grid" data-testid="import-grid" style={{ height: 420 }}>
                <AgGridReact<GridRow> theme={theme} rowData={rows} columnDefs={columns} getRowId={(p) => String(p.data.fileRow)}
                  rowClassRules={{ 'import-row-error': (p) => !!p.data?.problems }} tooltipShowDelay={200}
                  localeText={i18n.language === 'en' ? undefined : agGridZh} />
              </div>
            </>
          )}
        </Card>
      )}

      {preview && (
        <div className="doc-actions">
          <Button type="primary" disabled={!canPost} onClick={() => void post()} data-testid="import-post">
            {t('imports.post')}
          </Button>
          {kind !== 'catalogue' && !siteId && <Typography.Text type="secondary">{t('imports.needSite')}</Typography.Text>}
        </div>
      )}
    </div>
  )
}
