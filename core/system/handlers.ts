/** System's handlers, one per method of ./methods.ts. */
import type { HandlersFor } from '../api/handler-types'
import { regionCount } from '../network/sites'
import { versionVector } from '../sync/events'
import { APP_VERSION } from './version'
import path from 'node:path'
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { backupNow, backupsDirFor, checkBackup, laterWork, listBackups, liveFacts } from './backup'
import { recordAudit } from '../people/audit'
import { listConflicts, resolveConflict, syncOverview } from './sync-status'
import { setSyncFolder, syncSettings, syncStatus } from '../sync/status'
import { hasHubToken, hubJobOf, hubJobView, setHub, startHubSync } from '../sync/hub-client'
import { listDevices, registerDevice, revokeDevice } from '../sync/hub'
import { folderJobOf, folderJobView, startFolderSync } from '../sync/folder-job'
import type { systemMethods } from './methods'

function backupsDir(ctx: ServiceContext): string {
  if (!ctx.databaseFile) throw new AppError('BACKUP_INVALID', { reason: '内存数据库不能备份', reasonEn: 'an in-memory database has no backups' })
  return backupsDirFor(ctx.databaseFile)
}

export const systemHandlers = {
  'system.info': (ctx) => ({
    version: APP_VERSION, replicaId: ctx.replicaId, today: ctx.today(), regions: regionCount(ctx), vector: versionVector(ctx.db),
    actor: { id: ctx.actor.id, name: ctx.actor.name, roles: ctx.actor.roles },
  }),
  'backup.list': (ctx) => listBackups(backupsDir(ctx)),
  'backup.create': (ctx) => {
    const dir = backupsDir(ctx)
    const name = `manual-${new Date().toISOString().replace(/[:.]/g, '-')}.db`
    const audit = (outcome: 'ok' | 'failed', detail: string) =>
      recordAudit(ctx.db, { replicaId: ctx.replicaId, actor: ctx.actor, action: 'backup.create', outcome, entity: 'backup', entityId: name, detail })
    try {
      const made = backupNow(ctx.db, path.join(dir, name))
      audit('ok', `${made.bytes} bytes`)
      return { name, bytes: made.bytes }
    } catch (e) {
      audit('failed', e instanceof Error ? e.message : String(e))
      throw e
    }
  },
  // the check, and what this installation made after the backup (lost by the restore unless it comes back by sync)
  'backup.check': (ctx, input) => {
    const file = path.join(backupsDir(ctx), path.basename(input.name))
    const check = checkBackup(file, liveFacts(ctx.db))
    return { ...check, later: laterWork(ctx.db, file) }
  },
  // Checks the backup and asks the transport's CoreHolder to swap it in once this call has returned (core/holder.ts).
  'backup.restore': (ctx, input) => {
    const name = path.basename(input.name)
    try {
      const check = checkBackup(path.join(backupsDir(ctx), name), liveFacts(ctx.db))
      if (!ctx.session) throw new AppError('RESTORE_NEEDS_APP')
      ctx.session.restoreFrom = { file: path.join(backupsDir(ctx), name), name, by: { id: ctx.actor.id, name: ctx.actor.name } }
      return { name, documents: check.documents, restored: true as const }
    } catch (e) {
      recordAudit(ctx.db, {
        replicaId: ctx.replicaId, actor: ctx.actor, action: 'backup.restore', outcome: 'failed', entity: 'backup', entityId: name,
        detail: e instanceof AppError ? e.toWire('zh').message : String(e),
      })
      throw e
    }
  },
  'sync.overview': (ctx) => ({
    ...syncOverview(ctx), hubJob: hubJobView(hubJobOf(ctx), ctx.lang), hubTokenSet: hasHubToken(ctx),
    folderJob: folderJobView(folderJobOf(ctx), ctx.lang),
  }),
  'sync.setHub': (ctx, i) => { setHub(ctx, i); return { ok: true } },
  'sync.setFolder': (ctx, i) => setSyncFolder(ctx, i.folder?.trim() || null),
  'sync.now': (ctx) => {
    const s = syncSettings(ctx)
    if (!s.folder && !s.hubUrl) throw new AppError('SYNC_NOT_CONFIGURED')
    // one sync at a time: a second "sync now" while the folder sync runs is refused, never run twice
    if (folderJobOf(ctx)?.running) throw new AppError('SYNC_RUNNING', {}, {}, 409)
    // Both in the background (a large first sync takes a while); sync.overview reports their progress.
    const folderJob = s.folder ? startFolderSync(ctx).job : null
    const hubStarted = s.hubUrl ? (startHubSync(ctx), true) : false
    return { folder: !!folderJob, hubStarted, folderJob: folderJobView(folderJob, ctx.lang), status: syncStatus(ctx.db) }
  },
  'sync.conflicts': (ctx, i) => listConflicts(ctx, i),
  'sync.resolveConflict': (ctx, i) => { resolveConflict(ctx, i.id, i.note); return { ok: true } },
  'sync.devices': (ctx) => listDevices(ctx),
  'sync.registerDevice': (ctx, i) => registerDevice(ctx, i),
  'sync.revokeDevice': (ctx, i) => { revokeDevice(ctx, i.id); return { ok: true } },
} satisfies HandlersFor<typeof systemMethods>
