/** 备份与恢复: the installation's backups, a backup now, a check of any backup; how to restore one. */
import { useState } from 'react'
import { Alert, App, Button, Table, Tag, Typography } from 'antd'
import { SaveOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import { useApi } from '../../shared/useApi'
import { LoadError } from '../../shared/LoadError'
import type { MethodOutput } from '../../../../core/api/handlers'

type Backup = MethodOutput<'backup.list'>[number]
const size = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`)

export function BackupPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { data, error, reload, loading } = useApi('backup.list', {})
  const [busy, setBusy] = useState(false)
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e))
  const backupNow = async () => {
    setBusy(true)
    try {
      const made = await api('backup.create', {})
      void message.success(t('backup.made', { name: made.name }))
      reload()
    } catch (e) { fail(e) } finally { setBusy(false) }
  }
  const check = async (name: string) => {
    try {
      const r = await api('backup.check', { name })
      void message.success(t('backup.checkOk', { name, documents: r.documents, district: r.district ?? '—' }))
    } catch (e) { fail(e) }
  }
  if (error) return <div className="page"><LoadError error={error} onRetry={reload} /></div>
  return (
    <div className="page" data-testid="backup-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">{t('backup.title')}</Typography.Title>
        <Button type="primary" icon={<SaveOutlined />} className="legend" loading={busy} onClick={() => void backupNow()} data-testid="backup-now">{t('backup.now')}</Button>
      </div>
      <Alert type="info" showIcon title={t('backup.hint')} description={t('backup.restoreHint')} className="block-gap" />
      <Table<Backup> rowKey="name" size="middle" loading={loading} dataSource={data ?? []} pagination={false} data-testid="backup-table"
        columns={[
          { title: t('backup.name'), dataIndex: 'name' },
          { title: t('backup.time'), dataIndex: 'modifiedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
          { title: t('backup.size'), dataIndex: 'bytes', align: 'right', render: size },
          { title: t('backup.kind'), dataIndex: 'automatic', render: (a: boolean) => <Tag>{a ? t('backup.automatic') : t('backup.manual')}</Tag> },
          { title: '', key: 'check', render: (_v, b) => <Button size="small" onClick={() => void check(b.name)} data-testid={`backup-check-${b.name}`}>{t('backup.check')}</Button> },
        ]} />
    </div>
  )
}
