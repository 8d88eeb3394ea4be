import type { HandlersFor } from './types'
import type { syncMethods } from '../methods/sync'
import { listConflicts, resolveConflict, setSyncFolder, syncNowFolder, syncOverview } from '../../services/sync-status'
import { listDevices, registerDevice, revokeDevice } from '../../sync/hub'

export const syncHandlers = {
  'sync.overview': (ctx) => syncOverview(ctx),
  'sync.setFolder': (ctx, i) => setSyncFolder(ctx, i.folder?.trim() || null),
  'sync.now': (ctx) => {
    const r = syncNowFolder(ctx)
    return { imported: r.imported, exported: r.exported, pending: r.pending, readOnly: r.readOnly, skipped: r.skipped.length, status: r.status }
  },
  'sync.conflicts': (ctx, i) => listConflicts(ctx, i),
  'sync.resolveConflict': (ctx, i) => { resolveConflict(ctx, i.id, i.note); return { ok: true } },
  'sync.devices': (ctx) => listDevices(ctx),
  'sync.registerDevice': (ctx, i) => registerDevice(ctx, i),
  'sync.revokeDevice': (ctx, i) => { revokeDevice(ctx, i.id); return { ok: true } },
} satisfies HandlersFor<typeof syncMethods>
