/**
 * The hub's side of `POST /sync {vector, events}`: check the device's token and the author's rights, store the
 * events idempotently, answer with what the caller lacks.
 *
 * The event store is an interface so that the hub can keep its log in SQLite (default: the hub installation's own
 * events table, so the hub's browser UI shows the district's data) or in PostgreSQL when DATABASE_URL is set.
 * Both must pass tests/unit/sync.hub-store.test.ts.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { hubDevices, regions, sites } from '../../db/schema'
import type { ServiceContext } from '../context'
import { AppError } from '../errors'
import type { SyncEvent } from './appliers'
import { eventsSince, isSyncEvent, receive, vectorOf, type Vector } from './exchange'
import type { DbOrTx } from '../events'
import { stocktakeSite } from './appliers-stocktake'

export interface HubEventStore {
  /** stores what is new, ignores what it has; returns how many were new */
  put(events: SyncEvent[]): Promise<number>
  /** everything the holder of `vector` lacks */
  since(vector: Vector, limit?: number): Promise<SyncEvent[]>
  vector(): Promise<Vector>
}

/** SQLite store: the hub installation's own event log (events are applied to its projections as they arrive). */
export function sqliteHubStore(ctx: Pick<ServiceContext, 'db' | 'clock'>): HubEventStore {
  return {
    put: async (events) => receive(ctx, events).inserted,
    since: async (vector, limit) => eventsSince(ctx.db, vector, { limit }),
    vector: async () => vectorOf(ctx.db),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Devices

/** events per request and per answer: well under the hub's 8 MB body limit */
export const ROUND = 5000

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export interface DeviceInput { name: string; scopeKind: 'district' | 'street' | 'site'; scopeRef?: string }

/** Issues a device token; it is shown once (only its hash is kept). */
export function registerDevice(ctx: ServiceContext, input: DeviceInput): { id: string; token: string } {
  if (input.scopeKind !== 'district' && !input.scopeRef) {
    throw new AppError('VALIDATION', { detail: '请选择设备所属街镇或库点', detailEn: 'choose the street or site of the device' }, { field: 'scopeRef' })
  }
  const id = randomBytes(8).toString('hex')
  const token = `rn_${randomBytes(24).toString('base64url')}`
  ctx.db.insert(hubDevices).values({
    id, name: input.name, tokenHash: hashToken(token), scopeKind: input.scopeKind, scopeRef: input.scopeKind === 'district' ? null : input.scopeRef!,
  }).run()
  return { id, token }
}

export function listDevices(ctx: ServiceContext) {
  return ctx.db.select({
    id: hubDevices.id, name: hubDevices.name, scopeKind: hubDevices.scopeKind, scopeRef: hubDevices.scopeRef, replicaId: hubDevices.replicaId,
    lastSeenAt: hubDevices.lastSeenAt, revokedAt: hubDevices.revokedAt, createdAt: hubDevices.createdAt,
  }).from(hubDevices).all()
}

export function revokeDevice(ctx: ServiceContext, id: string): void {
  const r = ctx.db.update(hubDevices).set({ revokedAt: new Date().toISOString() }).where(and(eq(hubDevices.id, id), isNull(hubDevices.revokedAt))).run()
  if (r.changes !== 1) throw new AppError('NOT_FOUND', { what: '设备', whatEn: 'Device', id }, { field: 'id' })
}

// ---------------------------------------------------------------------------------------------------------------
// Rights: which site an event writes for, by type. A type missing here can only come from a district device.

type Target = { siteId: string } | { regionCode: string }
/**
 * `sameRequest`: entity id → site id of the events in the same request (a stocktake opened and counted offline
 * arrives together); `db`: the hub's own data, for entities it already has.
 */
export type TargetOf = (payload: any, db: DbOrTx, sameRequest: Map<string, string>, event: SyncEvent) => Target
export const EVENT_TARGET: Record<string, TargetOf> = {
  'stock.document.posted': (p) => ({ siteId: p.siteId }),
  'site.created': (p) => ({ regionCode: p.regionCode }),
  'stocktake.opened': (p) => ({ siteId: p.siteId }),
  'stocktake.counted': (p, db, same) => ({ siteId: stocktakeSite(db, p.id) ?? same.get(p.id) ?? '' }),
  'stocktake.posted': (p, db, same) => ({ siteId: stocktakeSite(db, p.id) ?? same.get(p.id) ?? '' }),
  'stocktake.cancelled': (p, db, same) => ({ siteId: stocktakeSite(db, p.id) ?? same.get(p.id) ?? '' }),
  // The catalogue's year versions hold for the whole district: only a district device may send them.
  'catalogue.versionSaved': (_p, db) => ({ regionCode: districtCode(db) }),
  'catalogue.versionCopied': (_p, db) => ({ regionCode: districtCode(db) }),
  // A street (or site) device may edit, close and reopen its own sites (the site as the hub has it, or as created
  // in the same request). Moving a site into another street is judged by the street it leaves.
  'site.updated': (_p, _db, _same, e) => ({ siteId: e.entityId }),
  'site.closed': (_p, _db, _same, e) => ({ siteId: e.entityId }),
  'site.reopened': (_p, _db, _same, e) => ({ siteId: e.entityId }),
  // District-level records: the catalogue, targets, populations and regions, partners and agreements, the
  // district-wide settings and the annual plan. Only a district device may send them.
  ...Object.fromEntries([
    'item.created', 'item.updated', 'target.saved', 'target.deleted', 'targets.copied', 'regions.population', 'regions.imported',
    'setting.changed', 'partner.saved', 'agreement.saved', 'agreement.attached', 'plan.lineEdited',
  ].map((type): [string, TargetOf] => [type, (_p, db) => ({ regionCode: districtCode(db) })])),
}

/** The district the hub serves (the one its regions were loaded for). */
function districtCode(db: DbOrTx): string {
  return db.select({ code: regions.code }).from(regions).where(eq(regions.level, 'district')).orderBy(asc(regions.code)).get()?.code ?? ''
}

/**
 * Events that change nothing on any other installation (accounts are local: their appliers project nothing), so
 * any device may send them; refusing them would refuse the whole request of every office that ever set up or
 * edited an account — a fresh street installation's first administrator is a `user.created`.
 */
export const ANY_DEVICE_TYPES: ReadonlySet<string> = new Set(['user.created', 'user.updated', 'user.password'])

type Device = typeof hubDevices.$inferSelect

/** `newSites`: sites created in the same request (a device's first sync carries its new site and its first receipt). */
function allowed(ctx: Pick<ServiceContext, 'db'>, device: Device, e: SyncEvent, newSites: Map<string, string>, sameRequest: Map<string, string>): { ok: true } | { ok: false; siteId: string } {
  if (device.scopeKind === 'district' || ANY_DEVICE_TYPES.has(e.type)) return { ok: true }
  const target = EVENT_TARGET[e.type]?.(e.payload, ctx.db, sameRequest, e)
  if (!target) return { ok: false, siteId: '?' }
  let siteId = ''
  let regionCode: string | undefined
  if ('siteId' in target) {
    siteId = target.siteId
    regionCode = ctx.db.select({ r: sites.regionCode }).from(sites).where(eq(sites.id, siteId)).get()?.r ?? newSites.get(siteId)
  } else regionCode = target.regionCode
  if (device.scopeKind === 'site') return siteId === device.scopeRef ? { ok: true } : { ok: false, siteId: siteId || (regionCode ?? '?') }
  const parent = regionCode ? ctx.db.select({ p: regions.parentCode }).from(regions).where(eq(regions.code, regionCode)).get()?.p : undefined
  return regionCode === device.scopeRef || parent === device.scopeRef ? { ok: true } : { ok: false, siteId: siteId || (regionCode ?? '?') }
}

export interface SyncRequest { vector: Vector; events: SyncEvent[] }
export interface SyncAnswer { events: SyncEvent[]; vector: Vector; stored: number; more: boolean }

/**
 * One exchange with a device. Events of a replica bound to another device are checked against that device's
 * scope; the caller's own and relayed events of unknown replicas against the caller's. All or nothing: one
 * out-of-scope event refuses the whole request (with its id), so nothing is half-stored.
 */
export async function hubSync(ctx: Pick<ServiceContext, 'db' | 'clock'>, store: HubEventStore, token: string | undefined, body: unknown, opts: { limit?: number } = {}): Promise<SyncAnswer> {
  const device = token ? ctx.db.select().from(hubDevices).where(eq(hubDevices.tokenHash, hashToken(token))).get() : undefined
  if (!device || device.revokedAt) throw new AppError('SYNC_TOKEN_INVALID', {}, {}, 401)
  const req = body as Partial<SyncRequest>
  if (!req || typeof req.vector !== 'object' || !Array.isArray(req.events)) {
    throw new AppError('VALIDATION', { detail: '同步请求应包含 vector 和 events', detailEn: 'a sync request carries vector and events' })
  }
  req.events.forEach((e, i) => {
    if (!isSyncEvent(e)) throw new AppError('VALIDATION', { detail: `第 ${i + 1} 个事件格式不正确`, detailEn: `event ${i + 1} is malformed` }, { row: i + 1 })
  })
  const own = req.events[0]?.replicaId
  if (!device.replicaId && own) ctx.db.update(hubDevices).set({ replicaId: own }).where(eq(hubDevices.id, device.id)).run()
  const bound = new Map(ctx.db.select().from(hubDevices).all().filter((d) => d.replicaId && !d.revokedAt).map((d) => [d.replicaId!, d]))
  const newSites = new Map<string, string>()
  for (const e of req.events) {
    const p = e.payload as { id?: unknown; regionCode?: unknown }
    if (e.type === 'site.created' && typeof p?.id === 'string' && typeof p.regionCode === 'string') newSites.set(p.id, p.regionCode)
  }
  const sameRequest = new Map<string, string>()
  for (const e of req.events) {
    const t = EVENT_TARGET[e.type]?.(e.payload, ctx.db, sameRequest, e)
    if (t && 'siteId' in t && t.siteId) sameRequest.set(e.entityId, t.siteId)
  }
  for (const e of req.events) {
    const who = bound.get(e.replicaId) ?? device
    const r = allowed(ctx, who, e, newSites, sameRequest)
    if (!r.ok) throw new AppError('SYNC_OUT_OF_SCOPE', { eventId: e.id, siteId: r.siteId }, {}, 403)
  }
  const stored = await store.put(req.events)
  ctx.db.update(hubDevices).set({ lastSeenAt: new Date().toISOString() }).where(eq(hubDevices.id, device.id)).run()
  const limit = opts.limit ?? ROUND
  const events = await store.since(req.vector, limit + 1)
  return { events: events.slice(0, limit), vector: await store.vector(), stored, more: events.length > limit }
}

/**
 * The device's side over HTTP: send what the hub lacks, take what we lack, until the hub has nothing more. Our
 * vector and the hub's answer make each round idempotent, so a hub restarted mid-sync just means another round.
 */
export async function syncWithHub(
  ctx: Pick<ServiceContext, 'db' | 'clock'>, post: (body: SyncRequest) => Promise<SyncAnswer>,
  opts: { onRound?: (p: { sent: number; received: number; rounds: number; hubVector: Vector }) => void } = {},
): Promise<{ sent: number; received: number; rounds: number; hubVector: Vector }> {
  let sent = 0, received = 0, rounds = 0
  let hubVector: Vector = {}
  for (;;) {
    rounds++
    const mine = eventsSince(ctx.db, hubVector, { limit: ROUND })
    const answer = await post({ vector: vectorOf(ctx.db), events: mine })
    sent += mine.length
    received += receive(ctx, answer.events).inserted
    hubVector = answer.vector
    opts.onRound?.({ sent, received, rounds, hubVector })
    if (!answer.more && mine.length < ROUND) break
    if (rounds > 10_000) break
  }
  return { sent, received, rounds, hubVector }
}
