/**
 * How a received event changes the projections: one applier per event type. Events that arrive from another
 * replica go through this registry; a service writing its own event calls the same apply function right after
 * appending it (e.g. catalogue/versions.ts), so the local write and the received one cannot drift.
 *
 * The contract every applier follows (other areas register theirs the same way):
 * - `apply(tx, event)` runs inside the receiving transaction (a savepoint of it). It must be deterministic: the
 *   same set of events applied in any order leaves the same projections (ledger: sums commute; lww: per-field
 *   clocks, see ./lww.ts; transition: fold in HLC order).
 * - It must not append events, read the wall clock, or depend on local settings.
 * - It may throw when something it needs has not arrived yet (a site, a lot); the event then stays stored with
 *   `applied_at` NULL and `applyPending` retries it after the next exchange — nothing is dropped.
 * - `version` is the highest payload version this build understands; a newer event waits for an upgrade.
 */
import type { DbOrTx } from './events'
import { applyPostedDocument, type PostedDocumentPayload } from '../stock/ledger'
import { applySiteCreated, applySiteEvent, type NewSite } from '../network/sites'
import { applyItemEvent, applyPopulationsEvent, applySettingEvent, applyTargetEvent } from '../catalogue/catalogue'
import { applyAgreementAttached, applyAgreementSaved, applyPartnerSaved } from '../agreements/agreements'
import { applyPlanLineEdited } from '../catalogue/plan'
import { applyRegionsImported } from '../network/divisions'
import { applyAgreementRecorded, applyIncidentEvent, applyRequestEvent, foldOrder } from '../dispatch/sync'
import type { AgreementRecord } from '../agreements/callups'
import { stocktakeAppliers } from '../stock/stocktake-sync'
import { applyCatalogueVersionEvent } from '../catalogue/versions'
import { applyPostedFast } from '../stock/fast-ledger'
import type Database from 'better-sqlite3'

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

/** Test hook: forget a type (to simulate an older build that does not know it). */
export function unregisterApplierForTest(type: string): Applier | undefined {
  const a = registry.get(type)
  registry.delete(type)
  return a
}

// ---------------------------------------------------------------------------------------------------------------
// The types that exist today

registerApplier('stock.document.posted', {
  version: 1,
  kind: 'ledger',
  apply(tx, e) {
    const p = e.payload as PostedDocumentPayload
    // two offices may each issue the last units of a lot while offline: both issues are facts and both are kept;
    // a balance left below zero is listed for reconciliation (negativeBalances in system/sync-status.ts)
    applyPostedDocument(tx, p, e.id, e.author)
  },
  applyRaw: applyPostedFast,
})

registerApplier('site.created', {
  version: 1,
  kind: 'lww',
  apply(tx, e) { applySiteCreated(tx, e.payload as NewSite) },
})

// Dispatch (issue 5): incidents and requests are records (per-field LWW); agreement.recorded creates once; every
// event of a transfer order refolds that order from all its events in HLC order (see dispatch/sync.ts).
for (const type of ['incident.opened', 'incident.updated', 'incident.closed']) {
  registerApplier(type, { version: 1, kind: 'lww', apply: (tx, e) => applyIncidentEvent(tx, e) })
}
for (const type of ['request.created', 'request.edited', 'request.cancelled']) {
  registerApplier(type, { version: 1, kind: 'lww', apply: (tx, e) => applyRequestEvent(tx, e) })
}
registerApplier('agreement.recorded', { version: 1, kind: 'lww', apply: (tx, e) => applyAgreementRecorded(tx, e.payload as AgreementRecord) })
export const TRANSFER_EVENT_TYPES = ['transfer.created', 'transfer.edited', 'transfer.approve', 'transfer.dispatch', 'transfer.receive',
  'transfer.receive_short', 'transfer.close', 'transfer.cancel'] as const
for (const type of TRANSFER_EVENT_TYPES) {
  registerApplier(type, { version: 1, kind: 'transition', apply: (tx, e) => foldOrder(tx, e.entityId) })
}
for (const [type, a] of Object.entries(stocktakeAppliers)) registerApplier(type, a)

// The catalogue's version per plan year (issue 4): a year × item's price and place, per-field LWW.
export const CATALOGUE_VERSION_EVENT_TYPES = ['catalogue.versionSaved', 'catalogue.versionCopied'] as const
for (const type of CATALOGUE_VERSION_EVENT_TYPES) {
  registerApplier(type, { version: 1, kind: 'lww', apply: (tx, e) => applyCatalogueVersionEvent(tx, e) })
}

// Planning and network records (issue s2-apply): per-field LWW with the loser in conflicts (./lww.ts, ./records.ts);
// each service applies its own event through the same function when it writes it.
//   item.created / item.updated, partner.saved, agreement.saved (lines as one field): the changed fields compete.
//   target.saved / target.deleted / targets.copied, plan.lineEdited: deletable records (a tombstone field).
//   regions.population, regions.imported: per region and field. setting.changed: only district-wide settings.
//   agreement.attached: the record, once (the file stays at the office that attached it).
//   site.updated / site.closed / site.reopened: per field of the site (status, closed_on, opened_on, serves …).
export const RECORD_EVENT_APPLIERS: Record<string, (tx: DbOrTx, e: SyncEvent) => void> = {
  'item.created': (tx, e) => applyItemEvent(tx, e),
  'item.updated': (tx, e) => applyItemEvent(tx, e),
  'target.saved': (tx, e) => applyTargetEvent(tx, e),
  'target.deleted': (tx, e) => applyTargetEvent(tx, e),
  'targets.copied': (tx, e) => applyTargetEvent(tx, e),
  'regions.population': (tx, e) => applyPopulationsEvent(tx, e),
  'setting.changed': (tx, e) => applySettingEvent(tx, e),
  'partner.saved': (tx, e) => applyPartnerSaved(tx, e),
  'agreement.saved': (tx, e) => applyAgreementSaved(tx, e),
  'agreement.attached': (tx, e) => applyAgreementAttached(tx, e.payload as Parameters<typeof applyAgreementAttached>[1]),
  'plan.lineEdited': (tx, e) => applyPlanLineEdited(tx, e),
  'regions.imported': (tx, e) => applyRegionsImported(tx, e),
  'site.updated': (tx, e) => applySiteEvent(tx, e),
  'site.closed': (tx, e) => applySiteEvent(tx, e),
  'site.reopened': (tx, e) => applySiteEvent(tx, e),
}
for (const [type, apply] of Object.entries(RECORD_EVENT_APPLIERS)) registerApplier(type, { version: 1, kind: 'lww', apply })

/**
 * Accounts are local to each installation: an office's keepers sign in at that office, the hub's users at the hub,
 * and no password hash is ever in an event. The user.* events still travel (a replica's log has no gaps, and
 * another installation's audit may show who changed which account there), so each is known here and applied as
 * "nothing to change": it is stored and marked applied, never left pending, and creates no account elsewhere.
 */
for (const type of ['user.created', 'user.updated', 'user.password']) {
  registerApplier(type, { version: 1, kind: 'lww', apply() { /* accounts stay local: nothing to project */ } })
}

