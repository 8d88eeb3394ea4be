/** 数据同步: state, peers with their vectors, the folder, sync-now, and the conflicts a planner reviews. */
import { useState } from 'react'
import { App, Button, Card, Col, Descriptions, Input, Row, Skeleton, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { HubCard } from './HubCard'
import { DevicesCard } from './DevicesCard'
import { FolderJobProgress } from './FolderJob'
import { ConflictsCard } from './ConflictsCard'

export function SyncPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const overview = useApi('sync.overview', {})
  const conflicts = useApi('sync.conflicts', { open: true, limit: 200 })
  const [folder, setFolder] = useState<string>()
  const [busy, setBusy] = useState(false)

  if (overview.error) return <div className="page"><LoadError error={overview.error} onRetry={overview.reload} /></div>
  const o = overview.data
  if (!o) return <div className="page"><Skeleton active /></div>

  const run = async (f: () => Promise<void>) => {
    setBusy(true)
    try { await f() } catch (e) { message.error((e as Error).message) } finally { setBusy(false); overview.reload(); conflicts.reload() }
  }
  const saveFolder = () => run(async () => {
    await api('sync.setFolder', { folder: (folder ?? o.target ?? '').trim() || null })
    message.success(t('sync.saved'))
  })
  // Both run in the background; the folder job's progress and result come from the overview (FolderJobProgress).
  const syncNow = () => run(async () => {
    const r = await api('sync.now', {})
    if (r.hubStarted) message.info(t('sync.hubStarted'))
  })
  const folderRunning = !!o.folderJob?.running
  const mode = o.mode === 'hub' ? t('sync.modeHub') : o.mode === 'folder' ? t('sync.modeFolder') : t('sync.modeNone')

  return (
    <div className="page" data-testid="sync-page">
      <Typography.Title level={4} className="page-title">{t('sync.title')}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('sync.state')}>
            <Descriptions column={1} size="small" data-testid="sync-state">
              <Descriptions.Item label={t('sync.mode')}>{mode}</Descriptions.Item>
              <Descriptions.Item label={t('sync.lastSync')}>
                <span data-testid="sync-last">{o.lastSyncAt ? o.lastSyncAt.slice(0, 16).replace('T', ' ') : t('sync.never')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('sync.pending')}><span data-testid="sync-pending">{o.pending}</span></Descriptions.Item>
              <Descriptions.Item label={t('sync.waiting')}>{o.waiting}</Descriptions.Item>
              <Descriptions.Item label={t('sync.replica')}>{o.replicaId}</Descriptions.Item>
            </Descriptions>
            <Typography.Text strong>{t('sync.folder')}</Typography.Text>
            <Space.Compact style={{ width: '100%', marginTop: 4 }}>
              <Input data-testid="sync-folder" value={folder ?? o.folder ?? ''} onChange={(e) => setFolder(e.target.value)} placeholder="/mnt/share/reserve-sync" />
              <Button onClick={saveFolder} disabled={busy} data-testid="sync-save">{t('sync.save')}</Button>
            </Space.Compact>
            <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>{t('sync.folderHint')}</Typography.Paragraph>
            <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>{t('sync.hub')}</Typography.Text>
            <HubCard o={o} reload={overview.reload} />
            <Button style={{ marginTop: 12 }} type="primary" loading={busy || folderRunning || !!o.hubJob?.running} onClick={syncNow}
              disabled={o.mode === 'none' || folderRunning} data-testid="sync-now">
              {busy || folderRunning ? t('sync.syncing') : t('sync.syncNow')}
            </Button>
            <FolderJobProgress job={o.folderJob} reload={overview.reload} onFinished={conflicts.reload} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('sync.peers')}>
            <Table size="small" rowKey="id" pagination={false} data-testid="sync-peers" dataSource={o.peers}
              columns={[
                { title: t('sync.peerId'), dataIndex: 'id', render: (id: string, r) => <>{id} {r.isLocal && <Tag>{t('sync.local')}</Tag>}</> },
                { title: t('sync.peerSeq'), dataIndex: 'seenSeq', align: 'right' },
              ]} />
          </Card>
        </Col>
      </Row>
      <DevicesCard />
      <ConflictsCard conflicts={conflicts} openCount={o.openConflicts} onChanged={overview.reload} />
    </div>
  )
}
