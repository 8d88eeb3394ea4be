/** 先到期先出: the server's plan for this line (which lots, how much from each, what remains), to accept or leave. */
import { useEffect, useState } from 'react'
import { Button, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import type { FefoPlan } from '../../common/types'
import type { FefoPick } from './issueModel'

interface Props {
  siteId?: string
  itemId?: string
  quantity: number | null
  unit: string
  accepted?: FefoPick[]
  onAccept: (picks: FefoPick[]) => void
  onUndo: () => void
  testId: string
}

function usePlan(siteId: string | undefined, itemId: string | undefined, quantity: number | null) {
  const [plan, setPlan] = useState<FefoPlan>()
  useEffect(() => {
    setPlan(undefined)
    if (!siteId || !itemId || !quantity || quantity <= 0 || !Number.isInteger(quantity)) return
    let live = true
    const h = setTimeout(() => {
      api('stock.fefo', { siteId, itemId, quantity }).then((p) => { if (live) setPlan(p) }).catch(() => { /* the post will say */ })
    }, 250)
    return () => { live = false; clearTimeout(h) }
  }, [siteId, itemId, quantity])
  return plan
}

function PickTable({ picks, unit }: { picks: FefoPick[]; unit: string }) {
  const { t } = useTranslation()
  return (
    <Table<FefoPick> size="small" pagination={false} rowKey="lotId" dataSource={picks}
      columns={[
        { title: t('issue.fefoLot'), dataIndex: 'lotNo' },
        { title: t('issue.fefoExpiry'), dataIndex: 'expiryDate', render: (v: string | null) => v ?? '—' },
        { title: t('issue.fefoAvailable'), dataIndex: 'available', align: 'right', render: (v: number) => `${v} ${unit}` },
        { title: t('issue.fefoTake'), dataIndex: 'take', align: 'right', render: (v: number) => <b>{v} {unit}</b> },
        { title: t('issue.fefoKeeps'), dataIndex: 'keeps', align: 'right', render: (v: number) => `${v} ${unit}` },
      ]} />
  )
}

export function FefoSuggestion({ siteId, itemId, quantity, unit, accepted, onAccept, onUndo, testId }: Props) {
  const { t } = useTranslation()
  const plan = usePlan(accepted ? undefined : siteId, itemId, quantity)
  if (accepted) {
    return (
      <div className="fefo-box" data-testid={testId}>
        <Space className="block-gap">
          <Tag color="success">{t('issue.accepted', { n: accepted.length })}</Tag>
          <Button size="small" type="link" onClick={onUndo}>{t('issue.undo')}</Button>
        </Space>
        <PickTable picks={accepted} unit={unit} />
      </div>
    )
  }
  if (!plan) return null
  return (
    <div className="fefo-box" data-testid={testId}>
      <Space wrap className="block-gap">
        <Typography.Text strong>{t('issue.fefo')}</Typography.Text>
        {plan.shortBy > 0 && <Tag color="error" data-testid="fefo-short">{t('issue.short', { n: `${plan.shortBy} ${unit}` })}</Tag>}
        {plan.expiredSkipped > 0 && <Typography.Text type="secondary">{t('issue.expiredSkipped', { n: `${plan.expiredSkipped} ${unit}` })}</Typography.Text>}
        {plan.picks.length > 0 && plan.shortBy === 0 && (
          <Button size="small" type="primary" ghost data-testid="fefo-accept" onClick={() => onAccept(plan.picks)}>{t('issue.accept')}</Button>
        )}
      </Space>
      {plan.picks.length > 0 ? <PickTable picks={plan.picks} unit={unit} /> : <Typography.Text type="secondary">{t('issue.noStock')}</Typography.Text>}
    </div>
  )
}
