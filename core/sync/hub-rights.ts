/**
 * What a device may push to the hub: for every event type, the sites (or regions) the event writes for. The hub
 * refuses an event unless every target lies in the scope of the device that made it (a site device: that site; a
 * street device: the street and its communities; a district device: everything).
 *
 * The engine holds no rule of its own: each capability registers the rules of its event types beside their
 * appliers (core/<capability>/sync.ts). Every registered event type has a rule, or is registered district-only
 * with the reason a street or site may not write it (tests/unit/sync/hub-rights.test.ts fails otherwise). A type
 * in neither — an event of a newer build, say — can only come from a district device.
 */
import type { DbOrTx } from './events'
import type { SyncEvent } from './registry'

/** a site, a region (street or community), or the district as a whole (only a district device writes it) */
export type Target = { siteId: string } | { regionCode: string } | { district: true }

/**
 * `db`: the hub's own projections, for records it already has; `record(id)`: the record's latest payload among the
 * events of the same request (an order drafted and approved offline arrives together with its creation), else
 * among the events the hub has stored but could not apply yet (a stocktake whose lot has not arrived).
 */
export interface TargetLookup { db: DbOrTx; record(id: string): Record<string, unknown> | undefined }

/** The targets of one event: all must be in the device's scope. `[]` = the event writes for no site at all. */
export type TargetOf = (payload: any, look: TargetLookup, event: SyncEvent) => Target[]

/** The whole district: only a district device writes for it. */
export const DISTRICT: Target = { district: true }
/** A site the hub cannot name (yet): in no street's or site's scope. */
export const UNKNOWN_SITE: Target = { siteId: '' }
/** Rules for records that only a district device may write (the catalogue, targets, partners …). */
export const districtWide: TargetOf = () => [DISTRICT]

export const EVENT_TARGET: Record<string, TargetOf> = {}
export const DISTRICT_ONLY: Record<string, string> = {}
/** Event types whose payload describes the record (its sites, regions), remembered for the rest of the request. */
export const RECORD_EVENTS = new Set<string>()

/**
 * Registers the hub's rules for a capability's event types. `describesRecord`: types whose payload names the
 * record's sites or regions (see RECORD_EVENTS).
 */
export function registerHubRules(rules: Record<string, TargetOf>, opts: { describesRecord?: string[] } = {}): void {
  for (const [type, rule] of Object.entries(rules)) {
    if (EVENT_TARGET[type] || DISTRICT_ONLY[type]) throw new Error(`hub rule for ${type} registered twice`)
    EVENT_TARGET[type] = rule
  }
  for (const type of opts.describesRecord ?? []) RECORD_EVENTS.add(type)
}

/** Registers an event type no street or site device may send, with the reason (said to whoever asks why). */
export function registerDistrictOnly(type: string, reason: string): void {
  if (EVENT_TARGET[type] || DISTRICT_ONLY[type]) throw new Error(`hub rule for ${type} registered twice`)
  DISTRICT_ONLY[type] = reason
}
