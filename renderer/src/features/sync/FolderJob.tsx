/**
 * The folder sync's progress while it runs (phase and percent, polled from sync.overview: the core pauses between
 * batches so the poll is answered), and what it did once it ended: received/written, a first sync started from a
 * snapshot, snapshots it could not use, the error.
 */
import { useEffect, useRef } from 'react'
import { Alert, App, Progress, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { MethodOutput } from '../../../../core/api/handlers'

type Job = NonNullable<MethodOutput<'sync.overview'>['folderJob']>

export function FolderJobProgress({ job, reload, onFinished }: { job: Job | null; reload: () => void; onFinished: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  // a job that had already ended when the page opened is shown, not announced again
  const announced = useRef<string | null | undefined>(undefined)
  if (announced.current === undefined) announced.current = job && !job.running ? job.startedAt : null

  useEffect(() => {
    if (!job?.running) return
    const timer = setInterval(reload, 500)
    return () => clearInterval(timer)
  }, [job?.running, reload])

  // once a job ends (however short it was): the same messages sync-now always gave
  useEffect(() => {
    if (!job || job.running || announced.current === job.startedAt) return
    announced.current = job.startedAt
    onFinished()
    if (job.error) { message.error(t('sync.folderJob.failed', { error: job.error })); return }
    const r = job.result
    if (!r) return
    message.success(t('sync.done', { imported: r.imported + (job.bootstrap?.received ?? 0), exported: r.exported }))
    if (r.readOnly) message.warning(t('sync.readOnly'))
    if (r.skipped) message.warning(t('sync.skipped', { n: r.skipped }))
  }, [job, message, onFinished, t])

  if (!job) return null
  const phase = t(`sync.folderJob.phases.${job.phase}`)
  const skipped = job.snapshotsSkipped.filter((s) => s.reason !== 'temporary')
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
      {job.running && (
        <div data-testid="sync-folder-progress" data-phase={job.phase} data-percent={job.percent}>
          <Typography.Text>{t('sync.folderJob.progress', { phase, percent: job.percent })}</Typography.Text>
          <Progress percent={job.percent} size="small" status="active" />
        </div>
      )}
      {!job.running && job.error && <Alert type="error" showIcon data-testid="sync-folder-result" message={t('sync.folderJob.failed', { error: job.error })} />}
      {!job.running && !job.error && job.result && (
        <Alert type="success" showIcon data-testid="sync-folder-result"
          message={t('sync.done', { imported: job.result.imported + (job.bootstrap?.received ?? 0), exported: job.result.exported })} />
      )}
      {job.bootstrap && (
        <Alert type="info" showIcon data-testid="sync-folder-bootstrap"
          message={t('sync.folderJob.bootstrapped', { events: job.bootstrap.events, reapplied: job.bootstrap.reapplied })} />
      )}
      {!job.running && skipped.length > 0 && (
        <Alert type="warning" showIcon data-testid="sync-folder-snapshot-skipped" message={t('sync.folderJob.snapshotSkipped', {
          n: skipped.length, reasons: [...new Set(skipped.map((s) => t(`sync.folderJob.reasons.${s.reason}`)))].join('、'),
        })} />
      )}
      {!job.running && (job.result?.damaged.length ?? 0) > 0 && (
        <Alert type="warning" showIcon data-testid="sync-folder-damaged" message={t('sync.folderJob.damagedTitle', { n: job.result!.damaged.length })}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{job.result!.damaged.map((d) => (
            <li key={`${d.replicaId}/${d.segment}`}>{t('sync.folderJob.damagedLine', { segment: d.segment, office: d.office, reason: t(`sync.folderJob.reasons.${d.reason}`) })}</li>
          ))}</ul>} />
      )}
      {!job.running && (job.result?.refused.length ?? 0) > 0 && (
        <Alert type="error" showIcon data-testid="sync-folder-refused" message={t('sync.folderJob.refusedTitle', { n: job.result!.refused.length })}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{job.result!.refused.map((r) => (
            <li key={`${r.id}/${r.reason}`}>{t(`sync.folderJob.refusedReasons.${r.reason}`, { id: r.id, type: r.type })}</li>
          ))}</ul>} />
      )}
      {!job.running && job.result?.published && <Typography.Text type="secondary">{t('sync.folderJob.published')}</Typography.Text>}
    </Space>
  )
}
