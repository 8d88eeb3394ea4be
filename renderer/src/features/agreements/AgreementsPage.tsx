/** 协议储备: agreements with their state (60/30-day lapse alerts), and the partners who sign them. */
import { useState } from 'react'
import { Alert, App, Button, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { useItems } from '../../common/useReference'
import { LoadError } from '../../common/LoadError'
import { AgreementForm, PartnerForm, type Agreement, type Partner } from './AgreementForm'
import { Attachments } from './Attachments'

const STATE_COLOR: Record<string, string> = { valid: 'success', lapsing60: 'gold', lapsing30: 'orange', lapsed: 'error', notYet: 'blue', draft: 'default', ended: 'default' }

export function AgreementsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const list = useApi('agreements.list', {})
  const partners = useApi('agreements.partners', {})
  const tree = useApi('network.tree', {})
  const { items, byId } = useItems()
  const [form, setForm] = useState<'agreement' | 'partner' | null>(null)
  const [editingAgreement, setEditingAgreement] = useState<Agreement>()
  const [editingPartner, setEditingPartner] = useState<Partner>()
  const close = () => { setForm(null); setEditingAgreement(undefined); setEditingPartner(undefined) }
  if (list.error) return <div className="page"><LoadError error={list.error} onRetry={list.reload} /></div>
  if (!list.data || !partners.data) return <div className="page"><Skeleton active /></div>
  const lapsing = list.data.filter((a) => a.state === 'lapsing60' || a.state === 'lapsing30' || a.state === 'lapsed')
  const regionName = (code: string | null) => {
    if (!code || !tree.data) return code ?? ''
    if (tree.data.district?.code === code) return tree.data.district.name
    for (const s of tree.data.streets) {
      if (s.code === code) return s.name
      const c = s.communities.find((x) => x.code === code)
      if (c) return c.name
    }
    return code
  }
  return (
    <div className="page" data-testid="agreements-page">
      <div className="page-head">
        <Typography.Title level={4} className="page-title">{t('agreements.title')}</Typography.Title>
        <Space className="head-action">
          <Button onClick={() => { setEditingPartner(undefined); setForm('partner') }} data-testid="partner-new">{t('agreements.newPartner')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditingAgreement(undefined); setForm('agreement') }} data-testid="agreement-new">{t('agreements.newAgreement')}</Button>
        </Space>
      </div>
      {lapsing.length > 0 && <Alert type="warning" showIcon className="block-gap" title={t('agreements.lapsingAlert', { n: lapsing.length })} data-testid="agreements-lapsing" />}
      <Tabs items={[
        {
          key: 'agreements', label: t('agreements.tabAgreements'), children: (
            <Table size="small" rowKey="id" dataSource={list.data} data-testid="agreements-table" pagination={{ pageSize: 20 }}
              expandable={{ expandedRowRender: (a) => (
                <div className="agreement-expanded">
                  <ul className="agreement-lines">{a.lines.map((l) => (
                    <li key={l.lineNo}>{l.itemId ? `${byId.get(l.itemId)?.name ?? l.itemId} × ${l.quantity} ${byId.get(l.itemId)?.unit ?? ''}` : `${l.vehicleType} × ${l.vehicleCount}${l.vehicleCapacity ? `（${l.vehicleCapacity}）` : ''}`}</li>
                  ))}</ul>
                  <Attachments agreementId={a.id} />
                </div>
              ) }}
              columns={[
                { title: t('agreements.agreementNo'), dataIndex: 'agreementNo' },
                { title: t('agreements.partner'), dataIndex: 'partnerName' },
                { title: t('agreements.kind'), dataIndex: 'kind', render: (k: 'materials' | 'capacity' | 'transport') => t(`agreements.kinds.${k}`) },
                { title: t('agreements.lines'), key: 'lines', render: (_: unknown, a) => t('agreements.summary', { n: a.lines.length }) },
                { title: t('agreements.region'), key: 'region', render: (_: unknown, a) => (a.tier ? `${t(`network.tiers.${a.tier}`)} · ${regionName(a.regionCode)}` : '') },
                { title: t('agreements.responseHours'), dataIndex: 'responseHours', align: 'right' },
                { title: t('agreements.validFrom'), dataIndex: 'validFrom' },
                { title: t('agreements.validTo'), dataIndex: 'validTo' },
                {
                  title: t('agreements.status'), key: 'state', render: (_: unknown, a) => (
                    <Tag color={STATE_COLOR[a.state]} data-testid="agreement-state">
                      {t(`agreements.states.${a.state}`)}{(a.state === 'lapsing60' || a.state === 'lapsing30') ? ` · ${t('agreements.daysLeft', { n: a.daysLeft })}` : ''}
                    </Tag>
                  ),
                },
                { key: 'edit', width: 70, render: (_: unknown, a) => (
                  <a onClick={() => { setEditingAgreement(a); setForm('agreement') }} data-testid="agreement-edit">{t('agreements.edit')}</a>
                ) },
              ]} />
          ),
        },
        {
          key: 'partners', label: t('agreements.tabPartners'), children: (
            <Table size="small" rowKey="id" dataSource={partners.data} data-testid="partners-table"
              columns={[
                { title: t('agreements.partnerName'), dataIndex: 'name' },
                { title: t('agreements.creditCode'), dataIndex: 'creditCode' },
                { title: t('agreements.contact'), dataIndex: 'contact' },
                { title: t('agreements.phone'), dataIndex: 'phone' },
                { title: t('agreements.address'), dataIndex: 'address' },
                { key: 'edit', width: 70, render: (_: unknown, p) => (
                  <a onClick={() => { setEditingPartner(p); setForm('partner') }} data-testid="partner-edit">{t('agreements.edit')}</a>
                ) },
              ]} />
          ),
        },
      ]} />
      <AgreementForm open={form === 'agreement'} editing={editingAgreement} partners={partners.data} items={items} tree={tree.data} onClose={close}
        onSaved={() => { close(); void message.success(t('agreements.saved')); list.reload() }} />
      <PartnerForm open={form === 'partner'} editing={editingPartner} onClose={close}
        onSaved={() => { close(); void message.success(t('agreements.saved')); partners.reload(); list.reload() }} />
    </div>
  )
}
