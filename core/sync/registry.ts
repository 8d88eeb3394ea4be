/**
 * How a received event changes the projections: one applier per event type. The engine knows no event type of
 * its own: each capability registers the appliers of its events in core/<capability>/sync.ts (and the hub's rule
 * for them in ./hub-rights.ts), and core/event-types.ts loads them all. Events that arrive from another replica go
 * through this registry; a service writing its own event calls the same apply function right after appending it
 * (e.g. catalogue/versions.ts), so the local write and the received one cannot drift.
 *
 * The contract every applier follows:
 * - `apply(tx, event)` runs inside the receiving transaction (a savepoint of it). It must be deterministic: the
 *   same set of events applied in any order leaves the same projections (ledger: sums commute; lww: per-field
 *   clocks, see ./lww.ts; transition: fold in HLC order).
 * - It must not append events, read the wall clock, or depend on local settings.
 * - It may throw when something it needs has not arrived yet (a site, a lot); the event then stays stored with
 *   `applied_at` NULL and `applyPending` retries it after the next exchange — nothing is dropped.
 * - `version` is the highest payload version this build understands; a newer event waits for an upgrade.
 */
import './errors'
import type Database from 'better-sqlite3'
import type { DbOrTx } from './events'

/** An event as it travels between replicas. */
export interface SyncEvent {
  id: string
  replicaId: string
  seq: number
  hlc: string
  type: string
  version: number
  entityId: string
  payload: unknown
  author: string
}

export type ApplierKind = 'ledger' | 'lww' | 'transition'

export interface Applier {
  version: number
  kind: ApplierKind
  apply(tx: DbOrTx, event: SyncEvent): void
  /**
   * Optional fast path with prepared statements for bulk first syncs: writes exactly what `apply` would, or
   * returns false having written nothing, and `apply` runs instead.
   */
  applyRaw?(client: Database.Database, event: SyncEvent): boolean
  /** Optional: the payload as it may leave this installation (a folder segment, the hub, a snapshot's carry-over). */
  outgoing?(payload: unknown): unknown
  /** The event's entity id is a key of the settings table whose value travels (a snapshot keeps that setting). */
  carriesSetting?: boolean
}

const registry = new Map<string, Applier>()

/** Registers how to apply one event type. Registering a type twice is a programming error. */
export function registerApplier(type: string, applier: Applier): void {
  if (registry.has(type)) throw new Error(`applier for ${type} registered twice`)
  registry.set(type, applier)
}

/** The applier for an event, or null when the type is unknown or the event is newer than this build. */
export function applierFor(e: Pick<SyncEvent, 'type' | 'version'>): Applier | null {
  const a = registry.get(e.type)
  return a && e.version <= a.version ? a : null
}

export const registeredTypes = (): string[] => [...registry.keys()].sort()

/** Event types whose entity id names a setting that travels (registered with `carriesSetting`). */
export const settingEventTypes = (): string[] => [...registry].filter(([, a]) => a.carriesSetting).map(([t]) => t).sort()

/** What of a stored payload may leave this installation (all of it unless its type says otherwise). */
export function outgoingPayload(type: string, payload: unknown): unknown {
  const out = registry.get(type)?.outgoing
  return out ? out(payload) : payload
}

/** Test hook: forget a type (to simulate an older build that does not know it). */
export function unregisterApplierForTest(type: string): Applier | undefined {
  const a = registry.get(type)
  registry.delete(type)
  return a
}
