/**
 * 备份与恢复: the installation's backups, a backup now, a backup to a file (desktop: main's save dialog; hub: a
 * download), an upload (hub), a check of any backup, and a restore inside the running app, after which everyone
 * signs in again (the page reloads to the login page).
 */
import { useRef, useState } from 'react'
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd'
import { DownloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { api, ApiError, csrfHeader, apiLanguage, transport, type ApiResult } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import type { MethodOutput } from '../../../../core/api/handlers'

type Backup = MethodOutput<'backup.list'>[number]
const size = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`)

export function BackupPage() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
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
  const toFile = async () => {
    setBusy(true)
    try {
      const r = await window.reserveApi!.saveBackupAs!(apiLanguage())
      if (!r.ok) throw new ApiError(r.error)
      if (r.data.saved) void message.success(t('backup.savedTo', { name: r.data.name ?? '' }))
    } catch (e) { fail(e) } finally { setBusy(false) }
  }
  const fileInput = useRef<HTMLInputElement>(null)
  const upload = async (file: File) => {
    setBusy(true)
    try {
      const res = await fetch('api/backup.upload', {
        method: 'POST', credentials: 'same-origin', body: file,
        headers: { 'content-type': 'application/octet-stream', ...csrfHeader() },
      })
      const r = (await res.json()) as ApiResult<{ name: string; documents: number }>
      if (!r.ok) throw new ApiError(r.error)
      void message.success(t('backup.uploaded', r.data))
      reload()
    } catch (e) { fail(e) } finally { setBusy(false) }
  }
  type Later = MethodOutput<'backup.check'>['later']
  /** the event types grouped by what they are about (stock.document.posted → 出入库单据) */
  const laterKinds = (later: Later): Array<[string, number]> => {
    const m = new Map<string, number>()
    for (const x of later.byType) { const k = x.type.split('.')[0]; m.set(k, (m.get(k) ?? 0) + x.count) }
    return [...m].sort((a, b) => b[1] - a[1])
  }
  /** What this installation made after the backup, in words: lost by the restore unless it comes back by sync. */
  const laterList = (later: Later) => later.events === 0 ? <Typography.Paragraph data-testid="backup-later-none">{t('backup.laterNone')}</Typography.Paragraph> : (
    <div data-testid="backup-later">
      <Typography.Paragraph type="danger" strong>{t('backup.laterLost', { events: later.events, documents: later.documents.length })}</Typography.Paragraph>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {laterKinds(later).map(([kind, count]) => <li key={kind}>{t('backup.laterType', { type: t(`backup.laterKinds.${kind}` as never, { defaultValue: kind }), count })}</li>)}
      </ul>
      {later.documents.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t('backup.laterDocuments', { list: later.documents.slice(0, 20).map((d) => `${d.docNo ?? d.id}（${d.docDate}）`).join('、') })}
          {later.documents.length > 20 ? t('backup.laterMore', { n: later.documents.length - 20 }) : ''}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t('backup.laterBySync')}</Typography.Paragraph>
    </div>
  )
  const restore = async (name: string) => {
    let later: Later
    try {
      later = (await api('backup.check', { name })).later
    } catch (e) { fail(e); return }
    modal.confirm({
      title: t('backup.restoreConfirm', { name }),
      content: <>{laterList(later)}<Typography.Paragraph>{t('backup.restoreConfirmBody')}</Typography.Paragraph></>,
      okButtonProps: { danger: true },
      okText: t('backup.restore'),
      width: 560,
      onOk: async () => {
        try {
          await api('backup.restore', { name })
          void message.success(t('backup.restored', { name }))
          // every session ended: back to the login page
          setTimeout(() => window.location.reload(), 800)
        } catch (e) { fail(e) }
      },
    })
  }
  const check = async (name: string) => {
    try {
      const r = await api('backup.check', { name })
      if (r.later.events === 0) void message.success(t('backup.checkOk', { name, documents: r.documents, district: r.district ?? '—' }))
      else modal.warning({ title: t('backup.checkOk', { name, documents: r.documents, district: r.district ?? '—' }), content: laterList(r.later), width: 560 })
    } catch (e) { fail(e) }
  }
  if (error) return <div className="page"><LoadError error={error} onRetry={reload} /></div>
  return (
    <div className="page" data-testid="backup-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">{t('backup.title')}</Typography.Title>
        <Space className="legend">
          {transport() === 'ipc'
            ? <Button icon={<DownloadOutlined />} disabled={busy} onClick={() => void toFile()} data-testid="backup-to-file">{t('backup.toFile')}</Button>
            : <>
                <Button icon={<DownloadOutlined />} href="api/backup.download" data-testid="backup-download">{t('backup.toFile')}</Button>
                <Button icon={<UploadOutlined />} disabled={busy} onClick={() => fileInput.current?.click()} data-testid="backup-upload">{t('backup.upload')}</Button>
                <input ref={fileInput} type="file" accept=".db" hidden data-testid="backup-upload-input"
                  onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void upload(f) }} />
              </>}
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void backupNow()} data-testid="backup-now">{t('backup.now')}</Button>
        </Space>
      </div>
      <Alert type="info" showIcon title={t('backup.hint')} description={t('backup.restoreHint')} className="block-gap" />
      <Table<Backup> rowKey="name" size="middle" loading={loading} dataSource={data ?? []} pagination={false} data-testid="backup-table"
        columns={[
          { title: t('backup.name'), dataIndex: 'name' },
          { title: t('backup.time'), dataIndex: 'modifiedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
          { title: t('backup.size'), dataIndex: 'bytes', align: 'right', render: size },
          { title: t('backup.kind'), dataIndex: 'automatic', render: (a: boolean) => <Tag>{a ? t('backup.automatic') : t('backup.manual')}</Tag> },
          { title: '', key: 'check', render: (_v, b) => (
            <Space>
              <Button size="small" onClick={() => void check(b.name)} data-testid={`backup-check-${b.name}`}>{t('backup.check')}</Button>
              <Button size="small" danger onClick={() => void restore(b.name)} data-testid={`backup-restore-${b.name}`}>{t('backup.restore')}</Button>
            </Space>
          ) },
        ]} />
    </div>
  )
}
