/**
 * Dispatch's events as they travel. Incidents and requests are records (per-field LWW); every event of a transfer
 * order refolds that order from all its events in HLC order (./fold.ts). The hub's rules say whose regions or
 * sites each writes for.
 */
import { eq } from 'drizzle-orm'
import { incidentRegions, requests, transferOrders } from '../../db/schema'
import { registerApplier } from '../sync/registry'
import { DISTRICT, UNKNOWN_SITE, registerHubRules, type Target, type TargetLookup, type TargetOf } from '../sync/hub-rights'
import { applyIncidentEvent, applyRequestEvent, foldOrder } from './fold'

export const INCIDENT_EVENT_TYPES = ['incident.opened', 'incident.updated', 'incident.closed'] as const
export const REQUEST_EVENT_TYPES = ['request.created', 'request.edited', 'request.cancelled'] as const
export const TRANSFER_EVENT_TYPES = ['transfer.created', 'transfer.edited', 'transfer.approve', 'transfer.dispatch', 'transfer.receive',
  'transfer.receive_short', 'transfer.close', 'transfer.cancel'] as const

for (const type of INCIDENT_EVENT_TYPES) registerApplier(type, { version: 1, kind: 'lww', apply: (tx, e) => applyIncidentEvent(tx, e) })
for (const type of REQUEST_EVENT_TYPES) registerApplier(type, { version: 1, kind: 'lww', apply: (tx, e) => applyRequestEvent(tx, e) })
for (const type of TRANSFER_EVENT_TYPES) registerApplier(type, { version: 1, kind: 'transition', apply: (tx, e) => foldOrder(tx, e.entityId) })

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
  return [o ? side(o) : UNKNOWN_SITE]
}

registerHubRules({
  'incident.opened': (p) => regionsOf(p.regionCodes),
  // an update must be the device's before and after (no taking over another street's incident)
  'incident.updated': (p, look) => [...(incidentRegionsKnown(p.id, look) ?? []), ...regionsOf(p.regionCodes)],
  'incident.closed': (p, look) => incidentRegionsKnown(p.id, look) ?? [UNKNOWN_SITE],

  'request.created': (p) => [requestTarget(p)],
  'request.edited': (p, look) => [...[requestKnown(p.id, look)].filter((t): t is Target => !!t), requestTarget(p)],
  'request.cancelled': (p, look) => [requestKnown(p.id, look) ?? UNKNOWN_SITE],

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
}, { describesRecord: ['incident.opened', 'incident.updated', 'request.created', 'request.edited', 'transfer.created', 'transfer.edited'] })
