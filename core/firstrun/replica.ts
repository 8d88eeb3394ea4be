/**
 * Giving an empty installation its demo identity (issue 19): the local replica's id gets the `-demo` suffix and its
 * row the demo mark, so every event it will write says so (core/sync/demo.ts). Only an installation with no events
 * can change its id; the core that holds the file is told (`onRekey`), so its later contexts and clock use the new id.
 */
import { eq, sql } from 'drizzle-orm'
import { events, replicas, settings } from '../../db/schema'
import type { Db } from '../../db/open'
import type { DbOrTx } from '../sync/events'
import { HybridClock } from '../sync/clock'
import { DEMO_SUFFIX, isDemoReplica } from '../sync/demo'
import { AppError } from '../common/errors'

type Rekey = (replicaId: string) => HybridClock
const rekeys = new WeakMap<object, Rekey>()

/** The core registers how it takes a new replica id (core/app.ts). */
export function onRekey(db: Db, rekey: Rekey): void { rekeys.set(db.$client, rekey) }

/** Marks the local replica a demo, renaming it `<id>-demo`; returns the id and the clock to stamp events with. */
export function brandDemo(db: Db | DbOrTx, client: Db['$client']): { replicaId: string; clock: HybridClock | undefined } {
  const local = db.select().from(replicas).where(eq(replicas.isLocal, true)).get()
  if (!local) throw new AppError('INTERNAL')
  if (isDemoReplica(local.id)) {
    db.update(replicas).set({ demo: true }).where(eq(replicas.id, local.id)).run()
    return { replicaId: local.id, clock: undefined }
  }
  const n = db.select({ n: sql<number>`count(*)` }).from(events).get()!.n
  if (n > 0) throw new AppError('FIRSTRUN_DONE', {}, {}, 409)
  const id = `${local.id}${DEMO_SUFFIX}`
  db.update(replicas).set({ id, demo: true }).where(eq(replicas.id, local.id)).run()
  db.insert(settings).values({ key: 'replicaId', value: id }).onConflictDoUpdate({ target: settings.key, set: { value: id } }).run()
  return { replicaId: id, clock: rekeys.get(client)?.(id) }
}
