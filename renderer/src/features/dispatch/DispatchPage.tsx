/** 灾情调度: pick the incident once; then the board, keyboard-first order entry and the incident report. */
import { useState } from 'react'
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Tabs, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { api, newDocumentId } from '../../api'
import { useApi } from '../../common/useApi'
import { INCIDENT_LEVELS, INCIDENT_TYPES } from '../../../../core/dispatch/incident-levels'
import { Board } from './Board'
import { OrderEntry } from './OrderEntry'
import { ReportView } from './ReportView'
import { RequestsView } from './RequestsView'
import { CallupsView } from './CallupsView'

export function DispatchPage() {
  const { t } = useTranslation()
  const list = useApi('incident.list', {})
  const current = useApi('incident.current', {})
  const [creating, setCreating] = useState(false)
  const [tab, setTab] = useState('board')
  const [boardTick, setBoardTick] = useState(0)
  const incident = current.data ?? null

  const pick = async (id: string) => { await api('incident.setCurrent', { id }); current.reload() }

  return (
    <div className="page" data-testid="dispatch-page">
      <Typography.Title level={4} className="page-title">{t('dispatch.title')}</Typography.Title>
      <Card size="small" className="block-gap">
        <Space wrap>
          <span>{t('dispatch.currentIncident')}</span>
          <Select data-testid="incident-select" style={{ minWidth: 280 }} placeholder={t('dispatch.pickIncident')}
            value={incident?.id} onChange={(v: string) => void pick(v)}
            options={(list.data ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.type}${i.level ? ` ${i.level}级` : ''}）` }))} />
          {incident && <Tag color={incident.status === 'open' ? 'red' : 'default'}>{incident.status === 'open' ? t('dispatch.open') : t('dispatch.closed')}</Tag>}
          {incident && <span data-testid="incident-regions">{incident.regionNames.join('、')}</span>}
          <Button onClick={() => setCreating((c) => !c)} data-testid="incident-new">{t('dispatch.newIncident')}</Button>
        </Space>
        {creating && <IncidentForm onSaved={async (id) => { setCreating(false); list.reload(); await pick(id) }} />}
      </Card>
      {!incident
        ? <Alert type="info" showIcon title={t('dispatch.noIncident')} />
        : (
          <Tabs activeKey={tab} onChange={setTab} destroyOnHidden items={[
            { key: 'board', label: <span data-testid="tab-board">{t('dispatch.board')}</span>, children: <Board key={boardTick} incidentId={incident.id} /> },
            { key: 'requests', label: <span data-testid="tab-requests">{t('dispatch.requests')}</span>, children: <RequestsView incidentId={incident.id} onChanged={() => setBoardTick((n) => n + 1)} /> },
            { key: 'order', label: <span data-testid="tab-order">{t('dispatch.newOrder')}</span>, children: <OrderEntry incidentId={incident.id} onSaved={() => setBoardTick((n) => n + 1)} /> },
            { key: 'callups', label: <span data-testid="tab-callups">{t('dispatch.callups')}</span>, children: <CallupsView incidentId={incident.id} /> },
            { key: 'report', label: <span data-testid="tab-report">{t('dispatch.report')}</span>, children: <ReportView incidentId={incident.id} /> },
          ]} />
        )}
    </div>
  )
}

function IncidentForm({ onSaved }: { onSaved: (id: string) => void }) {
  const { t } = useTranslation()
  const tree = useApi('network.tree', {})
  const [error, setError] = useState<string>()
  const regions = (tree.data?.streets ?? []).flatMap((s) => [{ value: s.code, label: s.name }, ...s.communities.map((c) => ({ value: c.code, label: `${s.name} ${c.name}` }))])
  const submit = async (v: { name: string; type: string; level?: 'I' | 'II' | 'III' | 'IV'; startedAt: dayjs.Dayjs; regionCodes?: string[] }) => {
    try {
      const id = newDocumentId()
      await api('incident.save', { id, name: v.name ?? '', type: v.type ?? '', level: v.level, startedAt: (v.startedAt ?? dayjs()).format('YYYY-MM-DD'), regionCodes: v.regionCodes ?? [] })
      onSaved(id)
    } catch (e) { setError((e as Error).message) }
  }
  return (
    <Form layout="inline" className="block-gap" onFinish={(v) => void submit(v)} initialValues={{ type: '台风', level: 'IV', startedAt: dayjs() }} data-testid="incident-form">
      <Form.Item label={t('dispatch.incName')} name="name"><Input data-testid="incident-name" autoFocus /></Form.Item>
      <Form.Item label={t('dispatch.incType')} name="type"><Select style={{ width: 120 }} options={INCIDENT_TYPES.map((x) => ({ value: x, label: x }))} data-testid="incident-type" /></Form.Item>
      <Form.Item label={t('dispatch.incLevel')} name="level"><Select style={{ width: 90 }} options={INCIDENT_LEVELS.map((x) => ({ value: x, label: `${x}级` }))} /></Form.Item>
      <Form.Item label={t('dispatch.incStart')} name="startedAt"><DatePicker format="YYYY-MM-DD" /></Form.Item>
      <Form.Item label={t('dispatch.incRegions')} name="regionCodes"><Select mode="multiple" style={{ minWidth: 260 }} showSearch={{ optionFilterProp: 'label' }} options={regions} data-testid="incident-regions-select" /></Form.Item>
      <Button type="primary" htmlType="submit" data-testid="incident-save">{t('dispatch.save')}</Button>
      {error && <Alert type="error" showIcon title={<span data-testid="incident-error">{error}</span>} />}
    </Form>
  )
}
