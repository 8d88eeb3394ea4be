/** 审计日志: who did what, when, where, with before/after; searched on the server, exported to xlsx. Read-only. */
import { useEffect, useState } from 'react'
import { loadActionWords, type ActionWords } from './actionWords'
import { Alert, App, Button, DatePicker, Form, Input, Select, Table, Tag, Typography } from 'antd'
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { downloadXlsx } from '../../common/xlsx'
import type { MethodInput } from '../../../../core/api/contract'
import type { MethodOutput } from '../../../../core/api/handlers'

type Entry = MethodOutput<'audit.search'>['rows'][number]
type Filter = Omit<MethodInput<'audit.search'>, 'offset' | 'limit'>
const PAGE = 50
const OUTCOME_COLOR = { ok: 'green', refused: 'red', failed: 'orange' } as const
const json = (v: unknown) => (v == null ? '' : JSON.stringify(v))

export function AuditPage() {
  const { t, i18n } = useTranslation()
  const [words, setWords] = useState<ActionWords>(() => (a: string) => a)
  useEffect(() => { void loadActionWords(i18n.language).then((w) => setWords(() => w)) }, [i18n.language])
  const { message } = App.useApp()
  const [filter, setFilter] = useState<Filter>({})
  const [page, setPage] = useState(1)
  const [exporting, setExporting] = useState(false)
  const { data, error, reload, loading } = useApi('audit.search', { ...filter, offset: (page - 1) * PAGE, limit: PAGE })

  const search = (v: { range?: [Dayjs, Dayjs] | null; actor?: string; action?: string; outcome?: Filter['outcome']; search?: string }) => {
    setPage(1)
    setFilter({
      from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD'),
      actor: v.actor?.trim() || undefined, action: v.action?.trim() || undefined, outcome: v.outcome, search: v.search?.trim() || undefined,
    })
  }

  const exportAll = async () => {
    setExporting(true)
    const hide = message.loading(t('audit.exporting'), 0)
    try {
      const rows: Entry[] = []
      for (let offset = 0; ; offset += 5000) {
        const part = await api('audit.search', { ...filter, offset, limit: 5000 })
        rows.push(...part.rows.map((r) => ({ ...r, actionWords: words(r.action) })))
        if (rows.length >= part.total || part.rows.length === 0) break
      }
      await downloadXlsx(`审计日志-${new Date().toISOString().slice(0, 10)}.xlsx`, t('audit.title'), [
        { header: t('audit.at'), key: 'at', width: 24 }, { header: t('audit.replica'), key: 'replicaId', width: 10 },
        { header: t('audit.actor'), key: 'actorName', width: 14 }, { header: 'ID', key: 'actorId', width: 14 },
        { header: t('audit.action'), key: 'actionWords', width: 26 }, { header: 'method', key: 'action', width: 22 }, { header: t('audit.outcome'), key: 'outcome', width: 8 },
        { header: t('audit.entity'), key: 'entityId', width: 38 }, { header: t('audit.site'), key: 'siteId', width: 18 },
        { header: t('audit.before'), key: 'before', width: 40 }, { header: t('audit.after'), key: 'after', width: 40 },
        { header: t('audit.detail'), key: 'detail', width: 50 }, { header: t('audit.event'), key: 'eventId', width: 16 },
      ], rows.map((r) => ({ ...r, outcome: t(`audit.${r.outcome}`), before: json(r.before), after: json(r.after) })))
      void message.success(t('audit.exported', { count: rows.length }))
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
    } finally {
      hide()
      setExporting(false)
    }
  }

  return (
    <div className="page" data-testid="audit-page">
      <Typography.Title level={3} className="page-title">{t('audit.title')}</Typography.Title>
      <Alert type="info" showIcon title={t('audit.readOnly')} className="block-gap" />
      <Form layout="inline" onFinish={search} className="block-gap" data-testid="audit-filters">
        <Form.Item name="range"><DatePicker.RangePicker placeholder={[t('audit.from'), t('audit.to')]} /></Form.Item>
        <Form.Item name="actor"><Input placeholder={t('audit.actor')} allowClear data-testid="audit-actor" /></Form.Item>
        <Form.Item name="action"><Input placeholder={t('audit.action')} allowClear data-testid="audit-action" /></Form.Item>
        <Form.Item name="outcome">
          <Select placeholder={t('audit.outcome')} allowClear style={{ width: 110 }} data-testid="audit-outcome"
            options={(['ok', 'refused', 'failed'] as const).map((o) => ({ value: o, label: t(`audit.${o}`) }))} />
        </Form.Item>
        <Form.Item name="search"><Input placeholder={t('audit.search')} allowClear style={{ width: 220 }} /></Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-query">{t('audit.query')}</Button>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportAll()} data-testid="audit-export" style={{ marginLeft: 8 }}>{t('audit.export')}</Button>
      </Form>
      {error ? <LoadError error={error} onRetry={reload} /> : (
        <Table<Entry> rowKey="id" size="small" loading={loading} dataSource={data?.rows ?? []} data-testid="audit-table"
          pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (total) => t('audit.total', { total }) }}
          expandable={{ rowExpandable: (r) => r.before != null || r.after != null, expandedRowRender: (r) => (
            <div className="audit-diff">
              <div><Typography.Text strong>{t('audit.before')}</Typography.Text><pre>{r.before == null ? '—' : JSON.stringify(r.before, null, 2)}</pre></div>
              <div><Typography.Text strong>{t('audit.after')}</Typography.Text><pre>{r.after == null ? '—' : JSON.stringify(r.after, null, 2)}</pre></div>
            </div>
          ) }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
            { title: t('audit.actor'), dataIndex: 'actorName', width: 130 },
            { title: t('audit.action'), dataIndex: 'action', width: 200, render: (a: string) => <span title={a} data-testid="audit-action-words">{words(a)}</span> },
            { title: t('audit.outcome'), dataIndex: 'outcome', width: 80, render: (o: Entry['outcome']) => <Tag color={OUTCOME_COLOR[o]}>{t(`audit.${o}`)}</Tag> },
            { title: t('audit.site'), dataIndex: 'siteId', width: 150 },
            { title: t('audit.detail'), dataIndex: 'detail', ellipsis: true },
            { title: t('audit.replica'), dataIndex: 'replicaId', width: 90 },
          ]} />
      )}
    </div>
  )
}
