import type { HandlersFor } from './types'
import type { syncMethods } from '../methods/sync'
import { listConflicts, resolveConflict, setSyncFolder, syncNowFolder, syncOverview, syncSettings, syncStatus } from '../../services/sync-status'
import { hasHubToken, hubJobOf, hubJobView, setHub, startHubSync } from '../../sync/hub-client'
import { AppError } from '../../errors'
import { listDevices, registerDevice, revokeDevice } from '../../sync/hub'

export const syncHandlers = {
  'sync.overview': (ctx) => ({ ...syncOverview(ctx), hubJob: hubJobView(hubJobOf(ctx), ctx.lang), hubTokenSet: hasHubToken(ctx) }),
  'sync.setHub': (ctx, i) => { setHub(ctx, i); return { ok: true } },
  'sync.setFolder': (ctx, i) => setSyncFolder(ctx, i.folder?.trim() || null),
  'sync.now': (ctx) => {
    const s = syncSettings(ctx)
    if (!s.folder && !s.hubUrl) throw new AppError('SYNC_NOT_CONFIGURED')
    // The hub in the background (it may take a while on a poor line); the folder here and now.
    const hubStarted = s.hubUrl ? (startHubSync(ctx), true) : false
    const r = s.folder ? syncNowFolder(ctx) : null
    return {
      imported: r?.imported ?? 0, exported: r?.exported ?? 0, pending: r?.pending ?? 0, readOnly: r?.readOnly ?? false,
      skipped: r?.skipped.length ?? 0, status: syncStatus(ctx.db), folder: !!r, hubStarted,
    }
  },
  'sync.conflicts': (ctx, i) => listConflicts(ctx, i),
  'sync.resolveConflict': (ctx, i) => { resolveConflict(ctx, i.id, i.note); return { ok: true } },
  'sync.devices': (ctx) => listDevices(ctx),
  'sync.registerDevice': (ctx, i) => registerDevice(ctx, i),
  'sync.revokeDevice': (ctx, i) => { revokeDevice(ctx, i.id); return { ok: true } },
} satisfies HandlersFor<typeof syncMethods>
