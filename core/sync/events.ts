import { eq, sql } from 'drizzle-orm'
import { events, replicas } from '../../db/schema'
import type { Db } from '../../db/open'
import type { ServiceContext } from '../common/context'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export interface NewEvent { type: string; entityId: string; payload: unknown; version?: number }

/**
 * Appends one event of this replica, with the next gap-free seq and a fresh HLC. Must be called inside the
 * transaction that changes the projections, so the change and its event commit together or not at all.
 */
export function appendEvent(tx: DbOrTx, ctx: ServiceContext, e: NewEvent): string {
  const row = tx.update(replicas).set({ seenSeq: sql`${replicas.seenSeq} + 1` })
    .where(eq(replicas.id, ctx.replicaId)).returning({ seq: replicas.seenSeq }).get()
  if (!row) throw new Error(`local replica ${ctx.replicaId} missing`)
  const id = `${ctx.replicaId}:${row.seq}`
  tx.insert(events).values({
    id, replicaId: ctx.replicaId, seq: row.seq, hlc: ctx.clock.now(), type: e.type, version: e.version ?? 1,
    entityId: e.entityId, payload: e.payload, author: ctx.actor.id, appliedAt: new Date().toISOString(),
  }).run()
  return id
}

/** What this replica has seen: replicaId → highest seq. */
export function versionVector(db: DbOrTx): Record<string, number> {
  const rows = db.select({ id: replicas.id, seq: replicas.seenSeq }).from(replicas).all()
  return Object.fromEntries(rows.map((r) => [r.id, r.seq]))
}
