/**
 * What a device may push to the hub: for every event type, the sites (or regions) the event writes for. The hub
 * refuses an event unless every target lies in the scope of the device that made it (a site device: that site; a
 * street device: the street and its communities; a district device: everything).
 *
 * Every registered event type has an entry here, or is listed in DISTRICT_ONLY with the reason a street or site
 * may not write it (tests/unit/sync.hub-rights.test.ts fails otherwise). A type in neither — an event of a newer
 * build, say — can only come from a district device.
 */
import { eq } from 'drizzle-orm'
import { incidentRegions, requests, transferOrders } from '../../db/schema'
import type { DbOrTx } from './events'
import type { SyncEvent } from './registry'
import { stocktakeSite } from '../stock/stocktake-sync'

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

/** Event types whose payload describes the record (its sites, regions), remembered for the rest of the request. */
export const RECORD_EVENTS = new Set([
  'stocktake.opened', 'incident.opened', 'incident.updated', 'request.created', 'request.edited', 'transfer.created', 'transfer.edited',
])

export const DISTRICT_ONLY: Record<string, string> = {
  'agreement.recorded': 'agreements with partners are signed and recorded by the district; streets call them up through transfer orders',
}

const DISTRICT: Target = { district: true }
const unknownSite: Target = { siteId: '' }

// --- incidents: the affected regions (an incident without regions is the whole district's)
const regionsOf = (codes: unknown): Target[] =>
  Array.isArray(codes) && codes.length ? codes.map((c) => ({ regionCode: String(c) })) : [DISTRICT]
function incidentRegionsKnown(id: string, { db, record }: TargetLookup): Target[] | null {
  const rows = db.select({ c: incidentRegions.regionCode }).from(incidentRegions).where(eq(incidentRegions.incidentId, id)).all()
  if (rows.length) return rows.map((r) => ({ regionCode: r.c }))
  const p = record(id)
  return p ? regionsOf(p.regionCodes) : null
}

// --- requests: where the goods go (a site, else a region; an address alone is the district's business)
const requestTarget = (p: { destinationSiteId?: unknown; regionCode?: unknown }): Target =>
  typeof p.destinationSiteId === 'string' && p.destinationSiteId ? { siteId: p.destinationSiteId }
    : typeof p.regionCode === 'string' && p.regionCode ? { regionCode: p.regionCode } : DISTRICT
function requestKnown(id: string, { db, record }: TargetLookup): Target | null {
  const r = db.select({ destinationSiteId: requests.destinationSiteId, regionCode: requests.regionCode }).from(requests).where(eq(requests.id, id)).get()
  if (r) return requestTarget(r)
  const p = record(id)
  return p ? requestTarget(p) : null
}

// --- transfer orders: the sending side drafts, approves, ships and cancels; the receiving side signs and closes.
// An agreement call-up has no sending site: the site it delivers to acts for both sides.
interface OrderSites { fromSiteId?: unknown; toSiteId?: unknown }
const site = (s: unknown): Target | null => (typeof s === 'string' && s ? { siteId: s } : null)
const sending = (o: OrderSites): Target => site(o.fromSiteId) ?? site(o.toSiteId) ?? DISTRICT
const receiving = (o: OrderSites): Target => site(o.toSiteId) ?? site(o.fromSiteId) ?? DISTRICT
function orderKnown(id: string, { db, record }: TargetLookup): OrderSites | null {
  return db.select({ fromSiteId: transferOrders.fromSiteId, toSiteId: transferOrders.toSiteId }).from(transferOrders).where(eq(transferOrders.id, id)).get()
    ?? record(id) ?? null
}
const onOrder = (side: (o: OrderSites) => Target): TargetOf => (p, look) => {
  const o = orderKnown(String(p.id), look)
  return [o ? side(o) : unknownSite]
}

const stocktakeKnown: TargetOf = (p, { db, record }) => [{ siteId: stocktakeSite(db, p.id) ?? (record(p.id)?.siteId as string | undefined) ?? '' }]

export const EVENT_TARGET: Record<string, TargetOf> = {
  'stock.document.posted': (p) => [{ siteId: p.siteId }],
  'site.created': (p) => [{ regionCode: p.regionCode }],

  'stocktake.opened': (p) => [{ siteId: p.siteId }],
  'stocktake.counted': stocktakeKnown,
  'stocktake.posted': stocktakeKnown,
  'stocktake.cancelled': stocktakeKnown,

  'incident.opened': (p) => regionsOf(p.regionCodes),
  // an update must be the device's before and after (no taking over another street's incident)
  'incident.updated': (p, look) => [...(incidentRegionsKnown(p.id, look) ?? []), ...regionsOf(p.regionCodes)],
  'incident.closed': (p, look) => incidentRegionsKnown(p.id, look) ?? [unknownSite],

  'request.created': (p) => [requestTarget(p)],
  'request.edited': (p, look) => [...[requestKnown(p.id, look)].filter((t): t is Target => !!t), requestTarget(p)],
  'request.cancelled': (p, look) => [requestKnown(p.id, look) ?? unknownSite],

  'transfer.created': (p) => [sending(p)],
  'transfer.edited': (p, look) => {
    const before = orderKnown(p.id, look)
    return [...(before ? [sending(before)] : []), sending(p)]
  },
  'transfer.approve': onOrder(sending),
  'transfer.dispatch': onOrder(sending),
  'transfer.cancel': onOrder(sending),
  'transfer.receive': onOrder(receiving),
  'transfer.receive_short': onOrder(receiving),
  'transfer.close': onOrder(receiving),

  // A street (or site) device may edit, close and reopen its own sites (the site as the hub has it, or as created
  // in the same request). An edit that moves a site to another region, or makes it serve other communities, writes
  // for those too: a street cannot move its point into another street, nor have it serve another street's villages.
  'site.updated': (p, _look, e) => {
    const changes = (p?.changes ?? p ?? {}) as { regionCode?: unknown; serves?: unknown }
    return [
      { siteId: e.entityId },
      ...(typeof changes.regionCode === 'string' && changes.regionCode ? [{ regionCode: changes.regionCode }] : []),
      ...(Array.isArray(changes.serves) ? changes.serves.map((c) => ({ regionCode: String(c) })) : []),
    ]
  },
  'site.closed': (_p, _look, e) => [{ siteId: e.entityId }],
  'site.reopened': (_p, _look, e) => [{ siteId: e.entityId }],

  // District-level records: the catalogue and its year versions, targets, populations and regions, partners and
  // agreements, the district-wide settings and the annual plan. Only a district device may send them.
  ...Object.fromEntries([
    'catalogue.versionSaved', 'catalogue.versionCopied', 'item.created', 'item.updated', 'target.saved', 'target.deleted', 'targets.copied',
    'regions.population', 'regions.imported', 'setting.changed', 'partner.saved', 'agreement.saved', 'agreement.attached', 'plan.lineEdited',
  ].map((type): [string, TargetOf] => [type, () => [DISTRICT]])),

  // Accounts stay in each installation; these events are stored and relayed but change nothing anywhere.
  'user.created': () => [],
  'user.updated': () => [],
  'user.password': () => [],
}
