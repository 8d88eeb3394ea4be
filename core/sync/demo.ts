/**
 * Demo never leaks (issue 19). A demo installation (试用演示数据) has a replica id ending in `-demo` and its replica
 * row marked `demo`; the id is in every event it writes (`<replicaId>:<seq>`), every folder segment's path and
 * every hub request, so a receiver knows a demo's events wherever they were carried. A real installation and a real
 * hub refuse them with a message saying why; a demo takes anything (nothing of it leaves for the real network).
 */
import { eq } from 'drizzle-orm'
import { replicas } from '../../db/schema'
import type { DbOrTx } from './events'
import { AppError } from '../common/errors'

export const DEMO_SUFFIX = '-demo'

export const isDemoReplica = (replicaId: string): boolean => replicaId.endsWith(DEMO_SUFFIX)

/** Is this installation a demo? (its own replica row) */
export function isDemoInstallation(db: DbOrTx): boolean {
  const local = db.select({ id: replicas.id, demo: replicas.demo }).from(replicas).where(eq(replicas.isLocal, true)).get()
  return !!local && (local.demo || isDemoReplica(local.id))
}

/**
 * The check every receive path of a real installation makes (hub `/sync`, a hub's answer, folder segments): throws
 * SYNC_DEMO_REFUSED naming the demo replica when a real installation is offered a demo's events, or a demo device
 * asks a real hub to sync. `from`: the sending device's own replica, when the request names it.
 */
export function refuseDemo(db: DbOrTx, events: ReadonlyArray<{ replicaId: string }>, from?: string): void {
  if (isDemoInstallation(db)) return
  const demo = from && isDemoReplica(from) ? from : events.find((e) => isDemoReplica(e.replicaId))?.replicaId
  if (demo) throw new AppError('SYNC_DEMO_REFUSED', { replicaId: demo }, {}, 409)
}

/** A real installation skips a demo replica's folder segments (and snapshots); a demo reads everything. */
export const skipsDemoReplica = (db: DbOrTx, replicaId: string): boolean => isDemoReplica(replicaId) && !isDemoInstallation(db)
