/**
 * 应急准备: simulate the first hours of an incident (needs from per-person norms × the affected population, allocated
 * as dispatch would, what arrives within the target, what is short), with what-if switches, a chart and an xlsx;
 * the norms per incident type and the simulation's parameters, kept by the district planner.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Card, Col, Form, InputNumber, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography, message, Input, Popconfirm } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { Chart } from '../../common/Chart'
import { newWorkbook, downloadWorkbook } from '../../common/xlsx'
import { useItems, useSites } from '../../common/useReference'
import { INCIDENT_TYPES } from '../../../../core/dispatch/incident-levels'
import type { MethodOutput } from '../../../../core/api/handlers'
import { fillReadinessWorkbook } from './readinessWorkbook'
import { parseTyped } from './numbers'
import { useCurrentUser } from '../auth/useAuth'
import { PromiseView } from './PromiseView'
import { RESPONSE_TIERS } from '../../../../core/dispatch/promise'

type Simulation = MethodOutput<'readiness.simulate'>
const TIERS = ['street', 'district', 'agreement', 'capacity'] as const
const TIER_COLOR = { street: '#c2410c', district: '#d97706', agreement: '#1677ff', capacity: '#722ed1' } as const
const typeOptions = INCIDENT_TYPES.map((v) => ({ value: v, label: v }))
const h1 = (h: number) => String(Math.round(h * 10) / 10)

export function ReadinessPage() {
  const { t } = useTranslation()
  return (
    <div className="page" data-testid="readiness-page">
      <Typography.Title level={4} className="page-title">{t('readiness.title')}</Typography.Title>
      <Tabs destroyOnHidden items={[
        { key: 'simulate', label: <span data-testid="tab-simulate">{t('readiness.tabSimulate')}</span>, children: <SimulateView /> },
        { key: 'promise', label: <span data-testid="tab-promise">{t('readiness.tabPromise')}</span>, children: <PromiseView /> },
        { key: 'norms', label: <span data-testid="tab-norms">{t('readiness.tabNorms')}</span>, children: <NormsView /> },
        { key: 'params', label: <span data-testid="tab-params">{t('readiness.tabParams')}</span>, children: <ParamsView /> },
      ]} />
    </div>
  )
}

// antd hands the parser's text to its own decimal reader, which takes a string
const numberInput = { parser: parseTyped as unknown as (text: string | undefined) => number, style: { width: '100%' } }

function SimulateView() {
  const { t } = useTranslation()
  const tree = useApi('network.tree', {})
  const { sites } = useSites()
  const partners = useApi('agreements.partners', {})
  const params = useApi('readiness.params', {})
  const [result, setResult] = useState<Simulation>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const regions = (tree.data?.streets ?? []).flatMap((s) => [{ value: s.code, label: s.name }, ...s.communities.map((c) => ({ value: c.code, label: `${s.name} ${c.name}` }))])
  const streetNames = useMemo(() => Object.fromEntries((tree.data?.streets ?? []).map((s) => [s.code, s.name])), [tree.data])
  const activeSites = sites.filter((s) => s.status === 'active')

  const run = async (v: { incidentType: string; regionCodes?: string[]; population?: number | null; targetHours?: number | null; flooded?: string[]; cuts?: Array<{ siteId?: string; hours?: number | null }>; unreachable?: string[] }) => {
    setBusy(true); setError(undefined)
    try {
      const extraHours: Record<string, number> = {}
      for (const c of v.cuts ?? []) if (c?.siteId && c.hours != null) extraHours[c.siteId] = (extraHours[c.siteId] ?? 0) + c.hours
      setResult(await api('readiness.simulate', {
        incidentType: v.incidentType, regionCodes: v.regionCodes ?? [], population: v.population ?? undefined, targetHours: v.targetHours ?? undefined,
        whatIf: { floodedSiteIds: v.flooded ?? [], extraHours, unreachablePartnerIds: v.unreachable ?? [] },
      }))
    } catch (e) { setError((e as Error).message); setResult(undefined) } finally { setBusy(false) }
  }

  const exportXlsx = async () => {
    if (!result) return
    const wb = await newWorkbook()
    const date = dayjs().format('YYYY-MM-DD')
    fillReadinessWorkbook(wb, {
      title: t('readiness.sheetTitle', { type: result.incidentType, date, h: h1(result.targetHours) }), sheetName: t('readiness.sheetName'), sourcesName: t('readiness.sources'),
      headers: {
        item: t('readiness.item'), unit: t('readiness.unit'), need: t('readiness.need'), street: t('readiness.byTier.street'), district: t('readiness.byTier.district'),
        agreement: t('readiness.byTier.agreement'), capacity: t('readiness.byTier.capacity'), within: t('readiness.withinTarget'), later: t('readiness.later'),
        short: t('readiness.short'), firstBatch: t('readiness.firstBatch'), onTime: t('readiness.onTime'),
      },
      sourceHeaders: { item: t('readiness.item'), street: t('readiness.streets'), source: t('readiness.sources'), tier: t('readiness.tier'), take: t('readiness.take'), hours: t('readiness.arrives'), within: t('readiness.withinTarget') },
      yes: t('readiness.yes'), no: t('readiness.no'), tierNames: Object.fromEntries(TIERS.map((k) => [k, t(`readiness.byTier.${k}`)])) as Record<typeof TIERS[number], string>,
      streetNames, items: result.items,
    })
    await downloadWorkbook(wb, `${t('readiness.sheetName')}-${result.incidentType}-${date}.xlsx`)
  }

  const positive = (field: string) => ({ validator: (_: unknown, v: unknown) => (v == null || (typeof v === 'number' && v > 0) ? Promise.resolve() : Promise.reject(new Error(t('readiness.mustBePositive', { field })))) })
  const nonNegative = (field: string) => ({ validator: (_: unknown, v: unknown) => (v == null || (typeof v === 'number' && v >= 0) ? Promise.resolve() : Promise.reject(new Error(t('readiness.mustBeNumber', { field })))) })

  return (
    <>
      <Card size="small" className="block-gap">
        <Form layout="vertical" onFinish={(v) => void run(v)} initialValues={{ incidentType: params.data?.standardType ?? INCIDENT_TYPES[0] }} data-testid="simulate-form" key={params.data?.standardType}>
          <Row gutter={16}>
            <Col xs={24} md={6}><Form.Item name="incidentType" label={t('readiness.incidentType')} rules={[{ required: true, message: t('readiness.required', { field: t('readiness.incidentType') }) }]}><Select options={typeOptions} data-testid="sim-type" /></Form.Item></Col>
            <Col xs={24} md={10}><Form.Item name="regionCodes" label={t('readiness.regions')} extra={t('readiness.regionsHint')}><Select mode="multiple" allowClear showSearch optionFilterProp="label" options={regions} data-testid="sim-regions" /></Form.Item></Col>
            <Col xs={12} md={4}><Form.Item name="population" label={t('readiness.population')} extra={t('readiness.populationHint')} rules={[positive(t('readiness.population'))]}><InputNumber {...numberInput} precision={0} data-testid="sim-population" /></Form.Item></Col>
            <Col xs={12} md={4}><Form.Item name="targetHours" label={t('readiness.targetHours')} rules={[positive(t('readiness.targetHours'))]}><InputNumber {...numberInput} placeholder={params.data ? h1(params.data.targetHours) : ''} data-testid="sim-hours" /></Form.Item></Col>
          </Row>
          <Typography.Text strong>{t('readiness.whatIf')}</Typography.Text>
          <Row gutter={16}>
            <Col xs={24} md={8}><Form.Item name="flooded" label={t('readiness.flooded')}><Select mode="multiple" allowClear showSearch optionFilterProp="label" options={activeSites.map((s) => ({ value: s.id, label: s.name }))} data-testid="sim-flooded" /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="unreachable" label={t('readiness.unreachable')}><Select mode="multiple" allowClear showSearch optionFilterProp="label" options={(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))} data-testid="sim-unreachable" /></Form.Item></Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('readiness.roadCuts')}>
                <Form.List name="cuts">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Space key={f.key} align="baseline">
                          <Form.Item name={[f.name, 'siteId']} rules={[{ required: true, message: t('readiness.rowField', { row: i + 1, field: t('readiness.roadCutSite') }) }]}>
                            <Select style={{ width: 180 }} showSearch optionFilterProp="label" placeholder={t('readiness.roadCutSite')} options={activeSites.map((s) => ({ value: s.id, label: s.name }))} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'hours']} rules={[{ required: true, message: t('readiness.rowField', { row: i + 1, field: t('readiness.roadCutHours') }) }, nonNegative(t('readiness.rowField', { row: i + 1, field: t('readiness.roadCutHours') }))]}>
                            <InputNumber {...numberInput} style={{ width: 90 }} placeholder={t('readiness.roadCutHours')} />
                          </Form.Item>
                          <Button type="text" icon={<DeleteOutlined />} aria-label={t('readiness.delete')} onClick={() => remove(f.name)} />
                        </Space>
                      ))}
                      <Button size="small" icon={<PlusOutlined />} onClick={() => add()}>{t('readiness.addRoadCut')}</Button>
                    </>
                  )}
                </Form.List>
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="sim-run">{busy ? t('readiness.running') : t('readiness.run')}</Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} className="block-gap" data-testid="sim-error" />}
      {result && <SimulationResult result={result} streetNames={streetNames} onExport={() => void exportXlsx()} />}
    </>
  )
}

function SimulationResult({ result, onExport }: { result: Simulation; streetNames: Record<string, string>; onExport: () => void }) {
  const { t } = useTranslation()
  const H = h1(result.targetHours)
  const tr = result.transport
  return (
    <div data-testid="sim-result">
      <Row gutter={[16, 16]} className="block-gap">
        <Col xs={24} md={8}><Card size="small"><Statistic title={t('readiness.readinessShare', { h: H })} value={Math.round(result.readiness * 1000) / 10} suffix="%" data-testid="sim-readiness" /></Card></Col>
        <Col xs={24} md={8}><Card size="small"><Statistic title={t('readiness.affected')} value={result.population} data-testid="sim-affected" />
          <Typography.Text type="secondary">{result.streets.map((s) => s.name).join('、')}</Typography.Text></Card></Col>
        <Col xs={24} md={8}><Card size="small" title={t('readiness.transport')}>
          <div data-testid="sim-transport">{t('readiness.transportLine', { h: H, need: tr.tonnesNeeded.toFixed(1), have: tr.tonnesAvailable.toFixed(1) })}</div>
          {tr.factor < 1 && <Typography.Text type="danger">{t('readiness.transportShort', { pct: `${Math.round(tr.factor * 100)}%` })}</Typography.Text>}
          {result.items.some((i) => !i.weightKnown) && <div><Typography.Text type="secondary">{t('readiness.weightUnknown')}</Typography.Text></div>}
        </Card></Col>
      </Row>
      <Card size="small" className="block-gap" title={t('readiness.chartTitle', { h: H })} extra={<Button onClick={onExport} data-testid="sim-export">{t('readiness.export')}</Button>}>
        <Chart height={Math.max(260, result.items.length * 28 + 60)} testId="sim-chart" option={{
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 0 },
          grid: { left: 110, right: 30, top: 30, bottom: 20 },
          xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          yAxis: { type: 'category', inverse: true, data: result.items.map((i) => i.itemName) },
          series: [
            ...TIERS.map((k) => ({ name: t(`readiness.byTier.${k}`), type: 'bar' as const, stack: 'n', itemStyle: { color: TIER_COLOR[k] },
              data: result.items.map((i) => (i.need ? Math.round((i.byTier[k] / i.need) * 1000) / 10 : 0)) })),
            { name: t('readiness.later'), type: 'bar' as const, stack: 'n', itemStyle: { color: '#a8a29e' }, data: result.items.map((i) => (i.need ? Math.round((i.later / i.need) * 1000) / 10 : 0)) },
            { name: t('readiness.short'), type: 'bar' as const, stack: 'n', itemStyle: { color: '#fecaca' }, data: result.items.map((i) => (i.need ? Math.round((i.short / i.need) * 1000) / 10 : 0)) },
          ],
        }} />
      </Card>
      <Table size="small" rowKey="itemId" pagination={false} dataSource={result.items} data-testid="sim-table" columns={[
        { title: t('readiness.item'), dataIndex: 'itemName' },
        { title: t('readiness.unit'), dataIndex: 'unit', width: 60 },
        { title: t('readiness.need'), dataIndex: 'need', align: 'right' },
        { title: t('readiness.withinTarget'), dataIndex: 'withinTarget', align: 'right' },
        { title: t('readiness.later'), dataIndex: 'later', align: 'right' },
        { title: t('readiness.short'), dataIndex: 'short', align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v) },
        { title: t('readiness.firstBatch'), dataIndex: 'firstBatchHours', align: 'right', render: (v: number | null) => (v == null ? t('readiness.noFirst') : h1(v)) },
        { title: t('readiness.onTime'), dataIndex: 'onTime', render: (v: boolean) => <Tag color={v ? 'green' : 'red'}>{v ? t('readiness.yes') : t('readiness.no')}</Tag> },
      ]} expandable={{
        expandedRowRender: (r) => (
          <Table size="small" pagination={false} rowKey={(p) => `${p.streetCode}-${p.sourceId}`} dataSource={r.picks} columns={[
            { title: t('readiness.sources'), dataIndex: 'sourceName' },
            { title: t('readiness.tier'), dataIndex: 'tier', render: (k: typeof TIERS[number]) => t(`readiness.byTier.${k}`) },
            { title: t('readiness.take'), dataIndex: 'take', align: 'right' },
            { title: t('readiness.arrives'), dataIndex: 'hours', align: 'right', render: (v: number) => h1(v) },
            { title: t('readiness.withinTarget'), dataIndex: 'withinTarget', align: 'right' },
          ]} />
        ),
      }} />
    </div>
  )
}

interface NormRow { key: string; itemId?: string; perPerson?: number | null; kgPerUnit?: number | null; note?: string }

function NormsView() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const [type, setType] = useState<string>(INCIDENT_TYPES[0])
  const norms = useApi('readiness.norms', { incidentType: type })
  const { items } = useItems()
  const [rows, setRows] = useState<NormRow[] | null>(null)
  const [error, setError] = useState<string>()
  const [copyFrom, setCopyFrom] = useState<string>()
  const canEdit = !!user && (user.roles.includes('admin') || (user.roles.includes('planner') && user.scope.kind === 'district'))
  const shown: NormRow[] = rows ?? (norms.data ?? []).map((n) => ({ key: n.itemId, itemId: n.itemId, perPerson: n.perPerson, kgPerUnit: n.kgPerUnit, note: n.note ?? '' }))
  const edit = (i: number, patch: Partial<NormRow>) => setRows(shown.map((r, k) => (k === i ? { ...r, ...patch } : r)))
  const reset = () => { setRows(null); setError(undefined); norms.reload() }

  const save = async () => {
    setError(undefined)
    const itemName = (id?: string) => items.find((x) => x.id === id)?.name ?? ''
    for (const [i, r] of shown.entries()) {
      if (!r.itemId) return setError(t('readiness.required', { field: t('readiness.rowField', { row: i + 1, field: t('readiness.item') }) }))
      if (r.perPerson == null || !(r.perPerson > 0)) return setError(t('readiness.mustBePositive', { field: `${t('readiness.rowField', { row: i + 1, field: t('readiness.perPerson') })}（${itemName(r.itemId)}）` }))
      if (r.kgPerUnit != null && !(r.kgPerUnit > 0)) return setError(t('readiness.mustBePositive', { field: `${t('readiness.rowField', { row: i + 1, field: t('readiness.kgPerUnit') })}（${itemName(r.itemId)}）` }))
    }
    try {
      await api('readiness.saveNorms', { incidentType: type, lines: shown.map((r) => ({ itemId: r.itemId!, perPerson: r.perPerson!, kgPerUnit: r.kgPerUnit ?? null, note: r.note || undefined })) })
      void message.success(t('readiness.saved'))
      reset()
    } catch (e) { setError((e as Error).message) }
  }
  const remove = async (r: NormRow, i: number) => {
    const stored = (norms.data ?? []).some((n) => n.itemId === r.itemId)
    if (!stored) return setRows(shown.filter((_, k) => k !== i))
    try { await api('readiness.deleteNorm', { incidentType: type, itemId: r.itemId! }); void message.success(t('readiness.deleted')); reset() } catch (e) { setError((e as Error).message) }
  }
  const copy = async () => {
    if (!copyFrom) return
    try { const r = await api('readiness.copyNorms', { fromType: copyFrom, toType: type }); void message.success(t('readiness.copied', { n: r.saved })); reset() } catch (e) { setError((e as Error).message) }
  }

  return (
    <Card size="small">
      <Space wrap className="block-gap">
        <span>{t('readiness.normsFor')}</span>
        <Select value={type} options={typeOptions} style={{ width: 160 }} onChange={(v: string) => { setType(v); setRows(null) }} data-testid="norms-type" />
        {canEdit && <>
          <Select placeholder={t('readiness.copyFrom')} allowClear style={{ width: 180 }} value={copyFrom} onChange={setCopyFrom} options={typeOptions.filter((o) => o.value !== type)} />
          <Button onClick={() => void copy()} disabled={!copyFrom}>{t('readiness.copyFrom')}</Button>
        </>}
      </Space>
      {!canEdit && <Alert type="info" showIcon title={t('readiness.districtOnly')} className="block-gap" />}
      {error && <Alert type="error" showIcon title={error} className="block-gap" data-testid="norms-error" />}
      <Table size="small" pagination={false} rowKey="key" dataSource={shown} data-testid="norms-table" locale={{ emptyText: t('readiness.noNorms') }} columns={[
        { title: t('readiness.item'), dataIndex: 'itemId', render: (v: string | undefined, _r, i) => (canEdit
          ? <Select value={v} style={{ width: 220 }} showSearch optionFilterProp="label" onChange={(id: string) => edit(i, { itemId: id })}
            options={items.map((it) => ({ value: it.id, label: `${it.code} ${it.name}（${it.unit}）`, disabled: shown.some((r, k) => k !== i && r.itemId === it.id) }))} />
          : items.find((it) => it.id === v)?.name ?? v) },
        { title: t('readiness.perPerson'), dataIndex: 'perPerson', render: (v: number | null, _r, i) => (canEdit ? <InputNumber {...numberInput} style={{ width: 110 }} value={v} onChange={(x) => edit(i, { perPerson: x })} /> : v) },
        { title: t('readiness.kgPerUnit'), dataIndex: 'kgPerUnit', render: (v: number | null, _r, i) => (canEdit ? <InputNumber {...numberInput} style={{ width: 110 }} value={v} onChange={(x) => edit(i, { kgPerUnit: x })} /> : v) },
        { title: t('readiness.note'), dataIndex: 'note', render: (v: string, _r, i) => (canEdit ? <Input value={v} maxLength={200} onChange={(e) => edit(i, { note: e.target.value })} /> : v) },
        ...(canEdit ? [{ title: '', key: 'x', width: 48, render: (_: unknown, r: NormRow, i: number) => (
          <Popconfirm title={t('readiness.delete')} onConfirm={() => void remove(r, i)}><Button type="text" icon={<DeleteOutlined />} aria-label={t('readiness.delete')} /></Popconfirm>) }] : []),
      ]} />
      {canEdit && <Space className="block-gap" style={{ marginTop: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => setRows([...shown, { key: `new-${Date.now()}` }])} data-testid="norms-add">{t('readiness.addLine')}</Button>
        <Button type="primary" onClick={() => void save()} disabled={!shown.length} data-testid="norms-save">{t('readiness.save')}</Button>
      </Space>}
    </Card>
  )
}

function ParamsView() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const params = useApi('readiness.params', {})
  const [error, setError] = useState<string>()
  const canEdit = !!user && (user.roles.includes('admin') || (user.roles.includes('planner') && user.scope.kind === 'district'))
  if (!params.data) return null
  const positive = (field: string) => [{ required: true, message: t('readiness.mustBePositive', { field }) }, { validator: (_: unknown, v: unknown) => (typeof v === 'number' && v > 0 ? Promise.resolve() : Promise.reject(new Error(t('readiness.mustBePositive', { field })))) }]
  const nonNegative = (field: string) => [{ required: true, message: t('readiness.mustBeNumber', { field }) }, { validator: (_: unknown, v: unknown) => (typeof v === 'number' && v >= 0 ? Promise.resolve() : Promise.reject(new Error(t('readiness.mustBeNumber', { field })))) }]
  const save = async (v: typeof params.data) => {
    setError(undefined)
    try { await api('readiness.saveParams', { ...v, standardPopulation: v.standardPopulation ?? null }); void message.success(t('readiness.saved')); params.reload() } catch (e) { setError((e as Error).message) }
  }
  return (
    <Card size="small">
      <Alert type="info" showIcon title={t('readiness.paramsIntro')} className="block-gap" />
      {!canEdit && <Alert type="info" showIcon title={t('readiness.districtOnly')} className="block-gap" />}
      {error && <Alert type="error" showIcon title={error} className="block-gap" />}
      <Form layout="vertical" initialValues={params.data} onFinish={(v) => void save(v)} disabled={!canEdit} data-testid="params-form">
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name="targetHours" label={t('readiness.targetHours')} rules={positive(t('readiness.targetHours'))}><InputNumber {...numberInput} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['hours', 'community']} label={t('readiness.hours.community')} rules={nonNegative(t('readiness.hours.community'))}><InputNumber {...numberInput} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['hours', 'street']} label={t('readiness.hours.street')} rules={nonNegative(t('readiness.hours.street'))}><InputNumber {...numberInput} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['hours', 'district']} label={t('readiness.hours.district')} rules={nonNegative(t('readiness.hours.district'))}><InputNumber {...numberInput} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="agreementDefaultHours" label={t('readiness.agreementDefaultHours')} rules={nonNegative(t('readiness.agreementDefaultHours'))}><InputNumber {...numberInput} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="roundTripHours" label={t('readiness.roundTripHours')} rules={positive(t('readiness.roundTripHours'))}><InputNumber {...numberInput} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="horizonHours" label={t('readiness.horizonHours')} rules={positive(t('readiness.horizonHours'))}><InputNumber {...numberInput} /></Form.Item></Col>
        </Row>
        <Typography.Text strong>{t('readiness.ownFleet')}</Typography.Text>
        <Row gutter={16}>
          <Col xs={8} md={6}><Form.Item name={['ownFleet', 'count']} label={t('readiness.fleetCount')} rules={nonNegative(t('readiness.fleetCount'))}><InputNumber {...numberInput} precision={0} /></Form.Item></Col>
          <Col xs={8} md={6}><Form.Item name={['ownFleet', 'capacityTonnes']} label={t('readiness.fleetTonnes')} rules={nonNegative(t('readiness.fleetTonnes'))}><InputNumber {...numberInput} /></Form.Item></Col>
          <Col xs={8} md={6}><Form.Item name={['ownFleet', 'responseHours']} label={t('readiness.fleetResponse')} rules={nonNegative(t('readiness.fleetResponse'))}><InputNumber {...numberInput} /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name="standardType" label={t('readiness.standardType')}><Select options={typeOptions} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="standardPopulation" label={t('readiness.standardPopulation')} extra={t('readiness.standardPopulationHint')}
            rules={[{ validator: (_: unknown, v: unknown) => (v == null || (typeof v === 'number' && v > 0) ? Promise.resolve() : Promise.reject(new Error(t('readiness.mustBePositive', { field: t('readiness.standardPopulation') })))) }]}>
            <InputNumber {...numberInput} precision={0} /></Form.Item></Col>
        </Row>
        <Typography.Text strong>{t('readiness.tiersTitle')}</Typography.Text>
        <Row gutter={16}>
          {RESPONSE_TIERS.map((k) => (
            <Col key={k} xs={8} md={6}><Form.Item name={['promise', 'tiers', k]} label={t(`readiness.tierNames.${k}`)} rules={positive(t(`readiness.tierNames.${k}`))}><InputNumber {...numberInput} data-testid={`promise-tier-${k}`} /></Form.Item></Col>
          ))}
        </Row>
        <Typography.Text strong>{t('readiness.levelTierTitle')}</Typography.Text>
        <Row gutter={16}>
          {(['I', 'II', 'III', 'IV'] as const).map((l) => (
            <Col key={l} xs={12} md={6}><Form.Item name={['promise', 'levelTier', l]} label={t('readiness.levelN', { level: l })}>
              <Select options={RESPONSE_TIERS.map((k) => ({ value: k, label: t(`readiness.tierNames.${k}`) }))} /></Form.Item></Col>
          ))}
        </Row>
        {canEdit && <Button type="primary" htmlType="submit" data-testid="params-save">{t('readiness.save')}</Button>}
      </Form>
    </Card>
  )
}
