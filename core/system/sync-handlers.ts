import type { HandlersFor } from '../api/handler-types'
import type { syncMethods } from './sync-methods'
import { listConflicts, resolveConflict, setSyncFolder, syncOverview, syncSettings, syncStatus } from './sync-status'
import { hasHubToken, hubJobOf, hubJobView, setHub, startHubSync } from '../sync/hub-client'
import { AppError } from '../common/errors'
import { listDevices, registerDevice, revokeDevice } from '../sync/hub'
import { folderJobOf, folderJobView, startFolderSync } from '../sync/folder-job'

export const syncHandlers = {
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
} satisfies HandlersFor<typeof syncMethods>
