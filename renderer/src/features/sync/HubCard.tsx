/** The hub address and this device's token; the background hub sync's progress (polled while it runs). */
import { useEffect, useState } from 'react'
import { Alert, App, Button, Input, Progress, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import type { MethodOutput } from '../../../../core/api/handlers'

type Overview = MethodOutput<'sync.overview'>

export function HubCard({ o, reload }: { o: Overview; reload: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [url, setUrl] = useState<string>()
  const [token, setToken] = useState('')
  const job = o.hubJob
  // While the hub sync runs, the overview is polled for its progress.
  useEffect(() => {
    if (!job?.running) return
    const timer = setInterval(reload, 1000)
    return () => clearInterval(timer)
  }, [job?.running, reload])

  const save = async () => {
    try {
      await api('sync.setHub', { url: (url ?? o.hubUrl ?? '').trim() || null, ...(token.trim() ? { token: token.trim() } : {}) })
      setToken('')
      message.success(t('sync.hubSaved'))
    } catch (e) { message.error((e as Error).message) } finally { reload() }
  }
  const percent = job && job.hubTotal > 0 ? Math.min(100, Math.round((job.received / Math.max(1, job.hubTotal)) * 100)) : undefined
  return (
    <div data-testid="sync-hub">
      <Typography.Text strong>{t('sync.hubUrl')}</Typography.Text>
      <Input data-testid="sync-hub-url" style={{ marginTop: 4 }} value={url ?? o.hubUrl ?? ''} onChange={(e) => setUrl(e.target.value)} placeholder="https://hub.example/" />
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>{t('sync.hubToken')}</Typography.Text>
      <Space.Compact style={{ width: '100%', marginTop: 4 }}>
        <Input.Password data-testid="sync-hub-token" value={token} onChange={(e) => setToken(e.target.value)} placeholder={o.hubTokenSet ? t('sync.hubTokenSet') : 'rn_…'} />
        <Button onClick={save} data-testid="sync-hub-save">{t('sync.save')}</Button>
      </Space.Compact>
      {job?.running && (
        <div data-testid="sync-hub-progress" style={{ marginTop: 8 }}>
          <Typography.Text>{t('sync.hubRunning', { sent: job.sent, received: job.received })}</Typography.Text>
          {percent !== undefined && <Progress percent={percent} size="small" />}
        </div>
      )}
      {job && !job.running && (job.error
        ? <Alert style={{ marginTop: 8 }} type="error" showIcon data-testid="sync-hub-result" message={t('sync.hubError', { error: job.error })} />
        : <Alert style={{ marginTop: 8 }} type="success" showIcon data-testid="sync-hub-result" message={t('sync.hubDone', { sent: job.sent, received: job.received })}
            description={job.deferred > 0 ? t('sync.hubDeferred', { count: job.deferred }) : undefined} />)}
    </div>
  )
}
