/**
 * 盘点: the counts of the chosen site (open one, with a blind option), then the count sheet: a grid where the keeper
 * types counted quantities (or scans a lot label to jump to its line), sees the variances, saves, and posts them
 * as one 盘点单.
 */
import { useState } from 'react'
import { Alert, Button, Card, Checkbox, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, newDocumentId } from '../../api'
import { SiteSelect } from '../../common/SiteSelect'
import { activeSites, useSites } from '../../common/useReference'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { CountSheet } from './CountSheet'

export function StocktakePage() {
  const { t } = useTranslation()
  const { sites } = useSites()
  const [siteId, setSiteId] = useState<string>()
  const [blind, setBlind] = useState(false)
  const [openId, setOpenId] = useState<string>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const list = useApi('stocktake.list', { siteId, limit: 50 })

  if (openId) return <CountSheet id={openId} onBack={() => { setOpenId(undefined); list.reload() }} />

  const start = async () => {
    if (!siteId) return
    setBusy(true)
    setError(undefined)
    try {
      const r = await api('stocktake.open', { id: newDocumentId(), siteId, blind })
      setOpenId(r.id)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally { setBusy(false) }
  }

  return (
    <div className="page" data-testid="stocktake-page">
      <Typography.Title level={4} className="page-title">{t('depot.stocktakeTitle')}</Typography.Title>
      <Card size="small">
        <Space wrap className="block-gap">
          <SiteSelect sites={activeSites(sites)} value={siteId} onChange={setSiteId} testId="count-site" allowClear />
          <Checkbox checked={blind} onChange={(e) => setBlind(e.target.checked)} data-testid="count-blind">{t('depot.blind')}</Checkbox>
          <Button type="primary" disabled={!siteId} loading={busy} onClick={() => void start()} data-testid="count-start">{t('depot.newCount')}</Button>
        </Space>
        {error && <Alert type="error" showIcon className="block-gap" title={<span data-testid="count-error">{error}</span>} />}
        {list.error && <LoadError error={list.error} onRetry={list.reload} />}
        <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} data-testid="count-list" pagination={false}
          columns={[
            { title: t('depot.site'), dataIndex: 'siteName' },
            { title: t('depot.openedOn'), dataIndex: 'openedOn', width: 120 },
            {
              title: t('depot.status'), dataIndex: 'status', width: 110,
              render: (s: string, r) => <Space size={4}><Tag color={s === 'open' ? 'orange' : s === 'posted' ? 'green' : 'default'}>{t(`depot.${s}` as 'depot.open')}</Tag>{r.blind ? <Tag>{t('depot.hidden')}</Tag> : null}</Space>,
            },
            { title: t('depot.lines'), dataIndex: 'lines', width: 80, align: 'right' },
            { title: t('depot.docNo'), dataIndex: 'docNo', width: 220 },
            { title: '', width: 80, render: (_, r) => <Button size="small" onClick={() => setOpenId(r.id)} data-testid={`count-open-${r.siteId}`}>{t('depot.view')}</Button> },
          ]} />
      </Card>
    </div>
  )
}
