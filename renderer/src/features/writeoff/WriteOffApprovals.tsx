/**
 * 报废申请与审批 (issue 18): the write-off requests in the user's scope — a keeper follows theirs, a district planner
 * sees each request's lots (balance, expiry) and reason and approves (the 报废 document is posted) or returns it with
 * a note — and the write-offs of a period by reason.
 */
import { useState } from 'react'
import { Alert, App, Button, Card, DatePicker, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import type { MethodOutput } from '../../../../core/api/handlers'

type Req = MethodOutput<'writeoff.requests'>[number]
type Status = Req['status']
const STATUS_COLOR: Record<Status, string> = { requested: 'orange', approved: 'green', returned: 'default' }
const money = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

export function WriteOffApprovals({ canDecide }: { canDecide: boolean }) {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const [status, setStatus] = useState<Status | 'all'>('requested')
  const { data, error, reload } = useApi('writeoff.requests', status === 'all' ? {} : { status })
  const [returning, setReturning] = useState<Req>()
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string>()
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs().endOf('year')])
  const report = useApi('writeoff.report', { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })

  async function approve(r: Req) {
    modal.confirm({
      title: t('writeoffApproval.approve'), content: t('writeoffApproval.approveConfirm'), okText: t('writeoffApproval.ok'), cancelText: t('writeoffApproval.cancel'),
      okButtonProps: { 'data-testid': 'writeoff-approve-ok' } as Record<string, string>,
      onOk: async () => {
        try {
          const res = await api('writeoff.decide', { id: r.id, decision: 'approve' })
          void message.success(t('writeoffApproval.approved', { docNo: res.docNo ?? '' }))
          reload(); report.reload()
        } catch (e) { void message.error(e instanceof Error ? e.message : String(e)) }
      },
    })
  }
  async function doReturn() {
    if (!returning) return
    try {
      await api('writeoff.decide', { id: returning.id, decision: 'return', note })
      void message.success(t('writeoffApproval.returned'))
      setReturning(undefined); reload()
    } catch (e) { setProblem(e instanceof Error ? e.message : String(e)) }
  }

  if (error) return <LoadError error={error} onRetry={reload} />
  return (
    <>
      <Card size="small" className="doc-card" title={t('writeoffApproval.title')} style={{ marginTop: 16 }} data-testid="writeoff-requests">
        <Segmented className="block-gap" value={status} onChange={(v) => setStatus(v as Status | 'all')} data-testid="writeoff-status"
          options={[
            { value: 'requested', label: t('writeoffApproval.status.requested') }, { value: 'approved', label: t('writeoffApproval.status.approved') },
            { value: 'returned', label: t('writeoffApproval.status.returned') }, { value: 'all', label: t('writeoffApproval.filterAll') },
          ]} />
        <Table size="small" rowKey="id" loading={!data} dataSource={data ?? []} pagination={{ pageSize: 20, showSizeChanger: false }}
          locale={{ emptyText: t('writeoffApproval.empty') }} data-testid="writeoff-request-table"
          expandable={{
            expandedRowKeys: (data ?? []).map((r) => r.id), showExpandColumn: false,
            expandedRowRender: (r) => (
              <Table size="small" pagination={false} rowKey={(l) => `${l.lotId}|${l.quantity}|${l.note ?? ''}`} dataSource={r.lines}
                columns={[
                  { title: t('writeoffApproval.item'), key: 'item', render: (_: unknown, l) => `${l.itemCode ?? ''} ${l.itemName ?? l.itemId}` },
                  { title: t('writeoffApproval.lot'), dataIndex: 'lotNo' },
                  { title: t('writeoffApproval.expiry'), dataIndex: 'expiryDate', render: (d: string | null) => d ?? '—' },
                  { title: t('writeoffApproval.quantity'), key: 'q', align: 'right', render: (_: unknown, l) => `${l.quantity} ${l.unit ?? ''}` },
                  { title: t('writeoffApproval.balance'), key: 'b', align: 'right', render: (_: unknown, l) => `${l.balance} ${l.unit ?? ''}` },
                  { title: '', dataIndex: 'note', render: (n: string | null) => n ?? '' },
                ]} />
            ),
          }}
          columns={[
            { title: t('writeoffApproval.site'), dataIndex: 'siteName' },
            { title: t('writeoffApproval.reason'), dataIndex: 'reason' },
            { title: t('writeoffApproval.requestedBy'), key: 'by', render: (_: unknown, r) => `${r.requestedBy ?? ''} ${r.requestedAt ?? ''}` },
            { title: '', dataIndex: 'status', render: (s: Status, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[s]} data-testid={`writeoff-status-${r.id}`}>{t(`writeoffApproval.status.${s}`)}</Tag>
                {r.decidedBy && <Typography.Text type="secondary">{r.decidedBy} {r.decidedAt}</Typography.Text>}
                {r.decisionNote && <Typography.Text type="secondary">{r.decisionNote}</Typography.Text>}
              </Space>
            ) },
            ...(canDecide ? [{
              title: '', key: 'act', render: (_: unknown, r: Req) => r.status === 'requested' && (
                <Space>
                  <Button size="small" type="primary" onClick={() => void approve(r)} data-testid={`writeoff-approve-${r.id}`}>{t('writeoffApproval.approve')}</Button>
                  <Button size="small" onClick={() => { setReturning(r); setNote(''); setProblem(undefined) }} data-testid={`writeoff-return-${r.id}`}>{t('writeoffApproval.return')}</Button>
                </Space>
              ),
            }] : []),
          ]} />
      </Card>
      <Card size="small" className="doc-card" title={t('writeoffApproval.report')} style={{ marginTop: 16 }} data-testid="writeoff-report">
        <Space className="block-gap">
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          {report.data && <Typography.Text strong data-testid="writeoff-report-total">{t('writeoffApproval.total', { n: money(report.data.total) })}</Typography.Text>}
        </Space>
        {report.error && <Alert type="error" showIcon title={report.error.message} />}
        <Table size="small" pagination={false} rowKey={(g) => `${g.type}|${g.reason}`} dataSource={report.data?.groups ?? []} locale={{ emptyText: t('writeoffApproval.empty') }}
          columns={[
            { title: t('writeoffApproval.reason'), dataIndex: 'reason', render: (r: string) => r || t('writeoffApproval.noReason') },
            { title: '', dataIndex: 'type', render: (x: 'scrap' | 'expire') => t(`writeoffApproval.type.${x}`) },
            { title: t('writeoffApproval.documents'), dataIndex: 'documents', align: 'right' },
            { title: t('writeoffApproval.quantity'), dataIndex: 'quantity', align: 'right' },
            { title: t('writeoffApproval.value'), dataIndex: 'value', align: 'right', render: (v: number) => money(v) },
          ]} />
      </Card>
      <Modal open={!!returning} title={t('writeoffApproval.return')} onCancel={() => setReturning(undefined)} onOk={() => void doReturn()}
        okText={t('writeoffApproval.return')} cancelText={t('writeoffApproval.cancel')} okButtonProps={{ 'data-testid': 'writeoff-return-ok' } as Record<string, string>}>
        {problem && <Alert type="error" showIcon title={problem} className="block-gap" />}
        <Input.TextArea rows={3} placeholder={t('writeoffApproval.returnNote')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="writeoff-return-note" />
      </Modal>
    </>
  )
}
