/**
 * 逐级上报: what this level owes (due and overdue), what it has submitted and — for a district planner — its streets'
 * reports to approve or return. A report is previewed from the synced data, submitted (frozen), viewed as frozen,
 * exported in its filing layout (xlsx) and printed (the print stylesheet keeps only the report; the browser's print
 * saves it as PDF).
 */
import { useState } from 'react'
import { Alert, App, Button, Input, Modal, Space, Switch, Table, Tabs, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { downloadBytes } from '../../common/download'
import { useCurrentUser } from '../auth/useAuth'
import { buildXlsx } from '../../../../core/common/xlsx'
import { reportSheet } from '../../../../core/reports/sheet'
import type { ReportKind, ReportSnapshot } from '../../../../core/reports/kinds'
import type { MethodOutput } from '../../../../core/api/handlers'

type Expected = MethodOutput<'reports.expected'>[number]
type Submission = MethodOutput<'reports.list'>[number]
const STATE_COLOR = { missing: 'default', returned: 'orange', submitted: 'blue', approved: 'green' } as const

export function ReportsPage() {
  const { t } = useTranslation()
  const [tab, setTab] = useState('expected')
  return (
    <div className="page" data-testid="reports-page">
      <Typography.Title level={3} className="page-title no-print">{t('reports.title')}</Typography.Title>
      <Alert type="info" showIcon className="block-gap no-print" title={t('reports.intro')} description={t('reports.deadlineRules')} />
      <Tabs activeKey={tab} onChange={setTab} destroyOnHidden items={[
        { key: 'expected', label: t('reports.tabExpected'), children: <ExpectedTab onSubmitted={() => setTab('submitted')} /> },
        { key: 'submitted', label: t('reports.tabSubmitted'), children: <SubmittedTab /> },
      ]} />
    </div>
  )
}

function ExpectedTab({ onSubmitted }: { onSubmitted: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const user = useCurrentUser()
  const [onlyOpen, setOnlyOpen] = useState(true)
  const { data, error, reload, loading } = useApi('reports.expected', { onlyOpen })
  const [preview, setPreview] = useState<{ e: Expected; snapshot: ReportSnapshot } | null>(null)
  const [busy, setBusy] = useState(false)
  const mine = (e: Expected) => (user.scope.kind === 'street' ? e.level === 'street' : e.level === 'district')
  const open = async (e: Expected) => {
    try {
      setPreview({ e, snapshot: await api('reports.preview', { kind: e.kind, subject: e.subject }) })
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err))
    }
  }
  const submit = async () => {
    if (!preview) return
    setBusy(true)
    try {
      const s = await api('reports.submit', { kind: preview.e.kind, subject: preview.e.subject })
      void message.success(t('reports.submitted', { name: preview.snapshot.title.zh, version: s.version }))
      setPreview(null)
      reload()
      onSubmitted()
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  if (error) return <LoadError error={error} onRetry={reload} />
  return (
    <>
      <Space className="block-gap">
        <Switch checked={onlyOpen} onChange={setOnlyOpen} data-testid="reports-only-open" /> {t('reports.onlyOpen')}
      </Space>
      <Table<Expected> size="small" loading={loading} dataSource={data ?? []} rowKey={(e) => `${e.kind}|${e.subject}|${e.regionCode}`}
        data-testid="reports-expected" pagination={{ pageSize: 50 }} locale={{ emptyText: t('reports.empty') }}
        columns={[
          { title: t('reports.kind'), key: 'kind', render: (_, e) => t(`reports.kinds.${e.kind}`) },
          { title: t('reports.subject'), dataIndex: 'subjectLabel' },
          { title: t('reports.region'), key: 'region', render: (_, e) => <>{e.regionName} <Typography.Text type="secondary">（{t(`reports.levels.${e.level}`)}）</Typography.Text></> },
          { title: t('reports.dueOn'), dataIndex: 'dueOn', render: (d: string) => (d.startsWith('9999') ? '—' : d) },
          {
            title: t('reports.state'), key: 'state', render: (_, e) => (
              <Space size={4}>
                <Tag color={STATE_COLOR[e.state]}>{t(`reports.states.${e.state}`)}</Tag>
                {e.overdue ? <Tag color="red" data-testid="report-overdue">{t('reports.overdueDays', { days: e.daysOverdue })}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('reports.actions'), key: 'a', render: (_, e) => (mine(e) && (e.state === 'missing' || e.state === 'returned')
              ? <Button size="small" type="primary" data-testid={`report-preview-${e.kind}-${e.subject}`} onClick={() => void open(e)}>{t('reports.preview')}</Button> : null),
          },
        ]} />
      <Modal open={!!preview} width={1000} title={preview?.snapshot.title.zh} onCancel={() => setPreview(null)} destroyOnHidden
        okText={t('reports.submit')} cancelText={t('reports.cancel')} confirmLoading={busy} onOk={() => void submit()}
        okButtonProps={{ 'data-testid': 'report-submit' } as Record<string, string>}>
        {preview && <ReportTable snapshot={preview.snapshot} />}
      </Modal>
    </>
  )
}

function SubmittedTab() {
  const { t, i18n } = useTranslation()
  const { message, modal } = App.useApp()
  const user = useCurrentUser()
  const { data, error, reload, loading } = useApi('reports.list', {})
  const [viewing, setViewing] = useState<MethodOutput<'reports.get'> | null>(null)
  const [returning, setReturning] = useState<Submission | null>(null)
  const [reason, setReason] = useState('')
  const reviews = user.scope.kind === 'district' || user.roles.includes('admin')
  const decide = async (s: Submission, decision: 'approve' | 'return', why?: string) => {
    try {
      await api('reports.decide', { id: s.id, decision, reason: why })
      void message.success(t(decision === 'approve' ? 'reports.approved' : 'reports.returned'))
      setReturning(null)
      setReason('')
      reload()
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err))
    }
  }
  const view = async (s: Submission) => {
    try { setViewing(await api('reports.get', { id: s.id })) } catch (err) { void message.error(err instanceof Error ? err.message : String(err)) }
  }
  const exportXlsx = async (r: MethodOutput<'reports.get'>) => {
    const lang = i18n.language === 'en' ? 'en' : 'zh'
    const bytes = await buildXlsx(reportSheet(r.snapshot, lang, { ...r, status: t(`reports.states.${r.status}`) }))
    downloadBytes(bytes, `${r.snapshot.title.zh}-v${r.version}.xlsx`)
  }
  if (error) return <LoadError error={error} onRetry={reload} />
  return (
    <>
      <Table<Submission> size="small" loading={loading} dataSource={data ?? []} rowKey="id" data-testid="reports-submitted" pagination={{ pageSize: 50 }}
        columns={[
          { title: t('reports.kind'), key: 'kind', render: (_, s) => t(`reports.kinds.${s.kind as ReportKind}`) },
          { title: t('reports.subject'), dataIndex: 'subjectLabel' },
          { title: t('reports.region'), key: 'region', render: (_, s) => <>{s.regionName} <Typography.Text type="secondary">（{t(`reports.levels.${s.level}`)}）</Typography.Text></> },
          { title: t('reports.version'), dataIndex: 'version' },
          { title: t('reports.submittedBy'), dataIndex: 'submittedByName' },
          { title: t('reports.submittedAt'), key: 'at', render: (_, s) => <>{s.submittedAt.slice(0, 10)} {s.late ? <Tag color="red">{t('reports.late')}</Tag> : null}</> },
          {
            title: t('reports.state'), key: 'status', render: (_, s) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATE_COLOR[s.status]} data-testid="report-status">{t(`reports.states.${s.status}`)}</Tag>
                {s.decidedByName ? <Typography.Text type="secondary">{t('reports.decidedBy')}：{s.decidedByName} {s.decidedAt?.slice(0, 10)}</Typography.Text> : null}
                {s.returnReason ? <Typography.Text type="warning">{t('reports.reason')}：{s.returnReason}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: t('reports.actions'), key: 'a', render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => void view(s)} data-testid={`report-view-${s.id}`}>{t('reports.view')}</Button>
                {reviews && s.level === 'street' && s.status === 'submitted' ? <>
                  <Button size="small" type="primary" data-testid="report-approve" onClick={() => modal.confirm({
                    title: t('reports.approve'), content: `${t(`reports.kinds.${s.kind as ReportKind}`)} ${s.subjectLabel} · ${s.regionName}`,
                    okText: t('reports.approve'), cancelText: t('reports.cancel'), onOk: () => decide(s, 'approve'),
                  })}>{t('reports.approve')}</Button>
                  <Button size="small" danger data-testid="report-return" onClick={() => setReturning(s)}>{t('reports.return')}</Button>
                </> : null}
              </Space>
            ),
          },
        ]} />
      <Modal open={!!returning} title={t('reports.returnTitle')} onCancel={() => setReturning(null)} destroyOnHidden
        okText={t('reports.return')} cancelText={t('reports.cancel')} onOk={() => returning && void decide(returning, 'return', reason)}
        okButtonProps={{ danger: true, ...({ 'data-testid': 'report-return-ok' } as Record<string, string>) }}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('reports.returnReason')} maxLength={500} data-testid="report-return-reason" />
      </Modal>
      <Modal open={!!viewing} width={1000} onCancel={() => setViewing(null)} destroyOnHidden title={null}
        footer={viewing ? <Space className="no-print">
          <Button onClick={() => void exportXlsx(viewing)} data-testid="report-export">{t('reports.exportXlsx')}</Button>
          <Button onClick={() => window.print()} data-testid="report-print">{t('reports.print')}</Button>
          <Button type="primary" onClick={() => setViewing(null)}>{t('reports.close')}</Button>
        </Space> : null}>
        {viewing && <div className="print-report" data-testid="report-frozen">
          <Alert type="info" className="no-print block-gap" title={t('reports.frozen', { version: viewing.version, on: viewing.snapshot.producedOn })} />
          <ReportTable snapshot={viewing.snapshot} />
        </div>}
      </Modal>
    </>
  )
}

/** The report in its filing layout: title, facts, the table with its total line. */
function ReportTable({ snapshot: s }: { snapshot: ReportSnapshot }) {
  const { i18n } = useTranslation()
  const zh = i18n.language !== 'en'
  return (
    <div className="paper-form" data-testid="report-table">
      <h2 className="form-title">{zh ? s.title.zh : s.title.en}</h2>
      <div className="form-meta">
        {s.facts.filter((f) => f.value).map((f) => <span key={f.zh}>{zh ? f.zh : f.en}：<b>{f.value}</b></span>)}
      </div>
      <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={s.rows}
        columns={s.columns.map((c) => ({ title: zh ? c.zh : c.en, dataIndex: c.key, align: c.kind === 'number' ? 'right' as const : undefined }))}
        summary={() => (s.footer ? (
          <Table.Summary.Row>
            {s.columns.map((c, i) => <Table.Summary.Cell key={c.key} index={i} align={c.kind === 'number' ? 'right' : undefined}><b>{s.footer?.[c.key] ?? ''}</b></Table.Summary.Cell>)}
          </Table.Summary.Row>
        ) : null)} />
    </div>
  )
}
