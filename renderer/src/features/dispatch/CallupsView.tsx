/**
 * 协议调用 per agreement: what it commits, what has been called up, what is left, the promised response time, and
 * its call-ups (this incident's) with the overdue ones in red. Agreements themselves are managed under 协议储备.
 */
import { Card, Descriptions, Empty, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { elapsed } from './Board'

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : '')

export function CallupsView({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation()
  const data = useApi('dispatch.callups', { incidentId })
  if (data.error) return <LoadError error={data.error} onRetry={data.reload} />
  const list = data.data?.agreements ?? []
  if (data.data && !list.length) return <Empty description={t('dispatch.noAgreements')} />
  return (
    <div data-testid="callups-view">
      {list.map((a) => (
        <Card key={a.agreementId} size="small" className="block-gap" data-testid={`agreement-${a.agreementNo}`}
          title={<span>{a.partnerName}（{a.agreementNo}）{a.overdue ? <Tag color="red" style={{ marginLeft: 8 }} data-testid="agreement-overdue">{t('dispatch.overdue')} {a.overdue}</Tag> : null}</span>}>
          <Descriptions size="small" column={4}>
            <Descriptions.Item label={t('dispatch.responseHours')}>{a.responseHours !== null ? t('dispatch.hoursN', { n: a.responseHours }) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dispatch.validity')}>{a.validFrom} ~ {a.validTo}</Descriptions.Item>
            <Descriptions.Item label={t('network.phone')}>{a.phone ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Table size="small" rowKey="itemId" pagination={false} dataSource={a.items} data-testid="agreement-items"
            columns={[
              { title: t('dispatch.item'), dataIndex: 'itemName' },
              { title: t('dispatch.committed'), render: (_, i) => `${i.committed} ${i.unit}`, align: 'right' },
              { title: t('dispatch.calledUp'), render: (_, i) => `${i.called} ${i.unit}`, align: 'right' },
              { title: t('dispatch.remaining'), render: (_, i) => <span className={i.left <= 0 ? 'text-danger' : ''}>{i.left} {i.unit}</span>, align: 'right' },
            ]} />
          {a.callups.length > 0 && (
            <Table size="small" rowKey="orderId" pagination={false} className="block-gap" dataSource={a.callups} data-testid="agreement-callups"
              rowClassName={(c) => (c.overdue ? 'row-overdue' : '')}
              columns={[
                { title: t('dispatch.orderNo'), dataIndex: 'orderNo' },
                { title: t('dispatch.state'), dataIndex: 'state', render: (s: string) => t(`dispatch.state_${s}` as 'dispatch.state_draft') },
                { title: t('dispatch.quantity'), dataIndex: 'quantity', align: 'right' },
                { title: t('dispatch.approvedAt'), dataIndex: 'approvedAt', render: when },
                { title: t('dispatch.dueAt'), dataIndex: 'dueAt', render: when },
                { title: t('dispatch.receivedAt'), dataIndex: 'receivedAt', render: when },
                {
                  title: t('dispatch.overdue'), render: (_, c) => c.overdue
                    ? <Tag color="red">{t('dispatch.overdueBy', { time: elapsed(t as never, Math.floor((Date.now() - Date.parse(c.dueAt!)) / 60000)) })}</Tag> : null,
                },
              ]} />
          )}
        </Card>
      ))}
    </div>
  )
}
