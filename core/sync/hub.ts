/**
 * The hub's side of `POST /sync {vector, events}`: check the device's token and the author's rights, store the
 * events idempotently, answer with what the caller lacks.
 *
 * The event store is an interface so that the hub can keep its log in SQLite (default: the hub installation's own
 * events table, so the hub's browser UI shows the district's data) or in PostgreSQL when DATABASE_URL is set.
 * Both must pass tests/unit/sync.hub-store.test.ts.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { hubDevices, regions, replicas, sites } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import type { Db } from '../../db/open'
import { AppError } from '../common/errors'
import type { SyncEvent } from './registry'
import { differingCopies, eventsSince, isSyncEvent, listRefused, receive, vectorOf, type Vector } from './exchange'
import { EVENT_TARGET, RECORD_EVENTS, type Target, type TargetLookup } from './hub-rights'

export interface HubEventStore {
  /** stores what is new, ignores what it has; returns how many were new */
  put(events: SyncEvent[]): Promise<number>
  /** everything the holder of `vector` lacks */
  since(vector: Vector, limit?: number): Promise<SyncEvent[]>
  vector(): Promise<Vector>
  /** the devices allowed to sync, and what the hub knows of them: the /sync check reads them here */
  devices: HubDeviceStore
}

/** SQLite store: the hub installation's own event log (events are applied to its projections as they arrive). */
export function sqliteHubStore(ctx: Pick<ServiceContext, 'db' | 'clock'>): HubEventStore {
  return {
    put: async (events) => receive(ctx, events).inserted,
    since: async (vector, limit) => eventsSince(ctx.db, vector, { limit }),
    vector: async () => vectorOf(ctx.db),
    devices: sqliteDevices(ctx.db),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Devices

/** events per request and per answer: well under the hub's 8 MB body limit */
export const ROUND = 5000

export interface DeviceInput { name: string; scopeKind: 'district' | 'street' | 'site'; scopeRef?: string }

/** Issues a device token; it is shown once (only its hash is kept). */
export function registerDevice(ctx: ServiceContext, input: DeviceInput): { id: string; token: string } {
  if (input.scopeKind !== 'district' && !input.scopeRef) {
    throw new AppError('VALIDATION', { detail: '请选择设备所属街镇或库点', detailEn: 'choose the street or site of the device' }, { field: 'scopeRef' })
  }
  const id = randomBytes(8).toString('hex')
  const token = `rn_${randomBytes(24).toString('base64url')}`
  ctx.db.insert(hubDevices).values({
    id, name: input.name, tokenHash: hashDeviceToken(token), scopeKind: input.scopeKind, scopeRef: input.scopeKind === 'district' ? null : input.scopeRef!,
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

/**
 * The device list as the hub's store keeps it. A device is a record that only grows: name, scope and token hash are
 * fixed when it is registered; its replica and its revocation are set once (the earliest revocation stands); its
 * last sync is the latest. So two copies merge in any order to the same list, and a revoked device stays revoked
 * whichever copy is older (a hub file restored from a backup cannot bring a revoked token back).
 */
export type DeviceRow = typeof hubDevices.$inferSelect
export interface HubDeviceStore {
  byTokenHash(tokenHash: string): Promise<DeviceRow | undefined>
  all(): Promise<DeviceRow[]>
  /** the devices (not revoked) bound to these replicas, by replica */
  boundTo(replicaIds: string[]): Promise<Map<string, DeviceRow>>
  /** binds the device to its replica, unless it is bound already */
  bind(id: string, replicaId: string): Promise<void>
  seen(id: string, at: string): Promise<void>
  /** takes in devices known elsewhere (the hub's file): see above */
  merge(rows: DeviceRow[]): Promise<void>
  /** the hub file's own table (nothing to mirror) */
  readonly local?: boolean
}

export const hashDeviceToken = (token: string) => createHash('sha256').update(token).digest('hex')

export function sqliteDevices(db: Db): HubDeviceStore {
  return {
    local: true,
    byTokenHash: async (h) => db.select().from(hubDevices).where(eq(hubDevices.tokenHash, h)).get(),
    all: async () => db.select().from(hubDevices).all(),
    boundTo: async (ids) => new Map(ids.length
      ? db.select().from(hubDevices).where(and(inArray(hubDevices.replicaId, ids), isNull(hubDevices.revokedAt))).all().map((d) => [d.replicaId!, d])
      : []),
    bind: async (id, replicaId) => { db.update(hubDevices).set({ replicaId }).where(and(eq(hubDevices.id, id), isNull(hubDevices.replicaId))).run() },
    seen: async (id, at) => { db.update(hubDevices).set({ lastSeenAt: at }).where(eq(hubDevices.id, id)).run() },
    merge: async (rows) => {
      const least = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : a ?? b)
      const most = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : a ?? b)
      db.transaction((tx) => {
        for (const r of rows) {
          const cur = tx.select().from(hubDevices).where(eq(hubDevices.id, r.id)).get()
          if (!cur) { tx.insert(hubDevices).values(r).run(); continue }
          tx.update(hubDevices).set({
            replicaId: cur.replicaId ?? r.replicaId, revokedAt: least(cur.revokedAt, r.revokedAt), lastSeenAt: most(cur.lastSeenAt, r.lastSeenAt),
          }).where(eq(hubDevices.id, r.id)).run()
        }
      })
    },
  }
}

/**
 * When the store is not the hub's file (PostgreSQL), the file keeps a copy of the device list for the
 * administrator's pages, which answer at once: the hub merges both ways at start-up and around every device call.
 */
export async function mirrorDevices(ctx: Pick<ServiceContext, 'db'>, store: HubEventStore): Promise<void> {
  if (store.devices.local) return
  await store.devices.merge(ctx.db.select().from(hubDevices).all())
  await sqliteDevices(ctx.db).merge(await store.devices.all())
}

// ---------------------------------------------------------------------------------------------------------------
// Rights: which sites an event writes for, by type (./hub-rights.ts). A type missing there can only come from a
// district device.

export { EVENT_TARGET, DISTRICT_ONLY, type Target, type TargetOf } from './hub-rights'

type Device = typeof hubDevices.$inferSelect

/** Is one target inside the device's scope? `newSites`: sites created in the same request (a device's first sync). */
function inScope(ctx: Pick<ServiceContext, 'db'>, device: Device, t: Target, newSites: Map<string, string>): boolean {
  if (device.scopeKind === 'district') return true
  if ('district' in t) return false
  if ('siteId' in t) {
    if (!t.siteId) return false
    if (device.scopeKind === 'site') return t.siteId === device.scopeRef
  } else if (device.scopeKind === 'site') return false
  const regionCode = 'siteId' in t
    ? ctx.db.select({ r: sites.regionCode }).from(sites).where(eq(sites.id, t.siteId)).get()?.r ?? newSites.get(t.siteId)
    : t.regionCode
  if (!regionCode) return false
  if (regionCode === device.scopeRef) return true
  return ctx.db.select({ p: regions.parentCode }).from(regions).where(eq(regions.code, regionCode)).get()?.p === device.scopeRef
}

/** Refuses (throws) unless the device may write the event. */
function checkRights(ctx: Pick<ServiceContext, 'db'>, device: Device, e: SyncEvent, newSites: Map<string, string>, look: TargetLookup): void {
  if (device.scopeKind === 'district') return
  const targetOf = EVENT_TARGET[e.type]
  if (!targetOf) throw new AppError('SYNC_DISTRICT_ONLY', { eventId: e.id, type: e.type }, {}, 403)
  for (const t of targetOf(e.payload, look, e)) {
    if ('district' in t) throw new AppError('SYNC_DISTRICT_ONLY', { eventId: e.id, type: e.type }, {}, 403)
    if (!inScope(ctx, device, t, newSites)) {
      throw new AppError('SYNC_OUT_OF_SCOPE', { eventId: e.id, siteId: ('siteId' in t ? t.siteId : t.regionCode) || '?' }, {}, 403)
    }
  }
}

/** `replicaId`: the device's own replica (binds the device to it on its first sync) */
export interface SyncRequest { vector: Vector; events: SyncEvent[]; replicaId?: string }
/**
 * `deferred`: replicas whose relayed events the hub did not take from this device (see hubSync); the device stops
 * sending them for the rest of the sync and they reach the hub when their own office syncs with it.
 */
export interface SyncAnswer {
  events: SyncEvent[]; vector: Vector; stored: number; more: boolean; deferred?: string[]
  /** ids the hub holds with other content: not taken, listed in the hub's conflicts */
  refused?: string[]
}

/**
 * One exchange with a device (what a device may send: docs/security.md).
 *
 * - The device authors under its own replica (bound at its first sync; a replica bound to another device is never
 *   taken over: 403 SYNC_REPLICA_TAKEN), never under the hub's (403 SYNC_HUB_REPLICA, whole request).
 * - Its own events are checked against its scope; one out of scope refuses the whole request (with its id), so
 *   nothing is half-stored.
 * - Relayed events (a USB stick) are taken only of a replica no device is bound to, and only those the device may
 *   write. Those of a replica bound to another device are deferred (they come from that device), and so are, of an
 *   unbound replica, the ones out of the device's scope (a district office's catalogue edits carried to a street
 *   office before the district office ever synced): that replica's events from the first such one on are not
 *   stored, the rest of the request is, and the answer names the replica. Refusing the whole request would leave
 *   the street office unable to sync until the district office did; accepting them would let any device write in
 *   a district office's name.
 * - Nothing beyond a gap: a replica's events are stored only as they extend what the hub holds, so nobody can claim
 *   a seq its owner fills later (deferred too).
 * - An event whose id the hub holds with other content is not stored: listed in the hub's conflicts and named in
 *   the answer's `refused`.
 */
export async function hubSync(ctx: Pick<ServiceContext, 'db' | 'clock'>, store: HubEventStore, token: string | undefined, body: unknown, opts: { limit?: number } = {}): Promise<SyncAnswer> {
  const device = token ? await store.devices.byTokenHash(hashDeviceToken(token)) : undefined
  if (!device || device.revokedAt) throw new AppError('SYNC_TOKEN_INVALID', {}, {}, 401)
  const req = checkSyncRequest(body)
  // The hub's own replica: only the hub writes under it. Its events come back as copies (a device's first round
  // sends everything it holds) and are nothing new; one beyond what the hub has given out would take a seq the
  // hub's next posting needs, so the whole request is refused.
  const hubReplica = ctx.db.select({ id: replicas.id, seq: replicas.seenSeq }).from(replicas).where(eq(replicas.isLocal, true)).get()
  if (hubReplica) {
    const forged = req.events.find((e) => e.replicaId === hubReplica.id && e.seq > hubReplica.seq)
    if (forged) throw new AppError('SYNC_HUB_REPLICA', { eventId: forged.id }, { field: 'events' }, 403)
    if (req.replicaId === hubReplica.id) throw new AppError('SYNC_HUB_REPLICA', { eventId: req.replicaId }, { field: 'replicaId' }, 403)
  }
  // The device's own replica: named by the request (an older client does not: then its first event's replica). A
  // replica already bound to another device is never taken over — the first events of a request may be relayed.
  const claimed = req.replicaId !== undefined ? [req.replicaId] : []
  let bound = await store.devices.boundTo([...new Set([...claimed, ...req.events.map((e) => e.replicaId)])])
  const firstFree = req.events.find((e) => !bound.has(e.replicaId) && e.replicaId !== hubReplica?.id)?.replicaId
  const own = req.replicaId ?? firstFree
  if (own && bound.has(own) && bound.get(own)!.id !== device.id) {
    throw new AppError('SYNC_REPLICA_TAKEN', { replicaId: own }, { field: 'replicaId' }, 403)
  }
  if (!device.replicaId && own && !bound.has(own)) {
    await store.devices.bind(device.id, own)
    bound = new Map([...bound, [own, { ...device, replicaId: own }]])
  }
  const newSites = new Map<string, string>()
  for (const e of req.events) {
    const p = e.payload as { id?: unknown; regionCode?: unknown }
    if (e.type === 'site.created' && typeof p?.id === 'string' && typeof p.regionCode === 'string') newSites.set(p.id, p.regionCode)
  }
  const same = new Map<string, Record<string, unknown>>()
  for (const e of req.events) {
    if (RECORD_EVENTS.has(e.type) && e.payload && typeof e.payload === 'object') same.set(e.entityId, e.payload as Record<string, unknown>)
  }
  // prepared only when an event needs a record the request does not carry
  let stored: { get(...a: unknown[]): unknown } | undefined
  const record = (id: string): Record<string, unknown> | undefined => {
    if (same.has(id)) return same.get(id)
    stored ??= ctx.db.$client.prepare(`SELECT payload FROM events WHERE entity_id = ? AND type IN (${[...RECORD_EVENTS].map(() => '?').join(', ')})
      ORDER BY hlc DESC, id DESC LIMIT 1`).pluck()
    const p = stored.get(id, ...RECORD_EVENTS) as string | undefined
    return p ? JSON.parse(p) as Record<string, unknown> : undefined
  }
  // replica → the first seq the hub defers (its later events wait too: a replica's events are stored without gaps)
  const deferFrom = new Map<string, number>()
  const defer = (e: SyncEvent) => deferFrom.set(e.replicaId, Math.min(deferFrom.get(e.replicaId) ?? Infinity, e.seq))
  const hubHas = await store.vector()
  // What the device authors: its own replica (bound at its first sync), and the one the request names as its own
  // when no other device holds it (an office restored from a backup continues under a new replica id, see
  // core/system/backup.ts). Either way its events are checked against this device's scope; the difference is only
  // that an own event out of scope refuses the request, a relayed one is deferred.
  const authors = (r: string) => r === device.replicaId || r === own || bound.get(r)?.id === device.id
  const next = new Map<string, number>()
  for (const e of [...req.events].sort((a, b) => (a.replicaId < b.replicaId ? -1 : a.replicaId > b.replicaId ? 1 : a.seq - b.seq))) {
    if (e.replicaId === hubReplica?.id || e.seq <= (hubHas[e.replicaId] ?? 0)) continue // held: a copy (or a conflict, found when stored)
    // never beyond a gap: a seq the hub lacks the one before of would let anyone claim a seq its owner fills later
    const expected = next.get(e.replicaId) ?? (hubHas[e.replicaId] ?? 0) + 1
    if (e.seq !== expected || deferFrom.has(e.replicaId)) { defer(e); continue }
    next.set(e.replicaId, expected + 1)
    const owner = bound.get(e.replicaId)
    // another office's events (a USB stick) while that office syncs with the hub itself: they come from it
    if (owner && owner.id !== device.id) { defer(e); continue }
    try {
      checkRights(ctx, device, e, newSites, { db: ctx.db, record })
    } catch (err) {
      if (authors(e.replicaId) || !(err instanceof AppError) || err.status !== 403) throw err
      defer(e) // relayed, of an office the hub has never heard from, that this device may not write for
    }
  }
  // what the hub holds already (by its vector) is only compared: another event under a held id is refused and
  // listed in the hub's conflicts, a copy is nothing; the rest is stored
  const held = (e: SyncEvent) => e.seq <= (hubHas[e.replicaId] ?? 0)
  const copies = req.events.filter(held)
  const refused = copies.length ? differingCopies(ctx.db, copies) : []
  for (const id of refused) {
    const e = copies.find((x) => x.id === id)!
    listRefused(ctx.db.$client, { id, reason: 'conflict', type: e.type, replicaId: e.replicaId, seq: e.seq })
  }
  const accepted = req.events.filter((e) => e.replicaId !== hubReplica?.id && !held(e) && !(e.seq >= (deferFrom.get(e.replicaId) ?? Infinity)))
  const storedNow = await store.put(accepted)
  // The device list shows the last sync to the minute: recording it at most once a minute spares a write per request.
  const now = new Date()
  if (!device.lastSeenAt || now.getTime() - Date.parse(device.lastSeenAt) >= 60_000) await store.devices.seen(device.id, now.toISOString())
  const limit = opts.limit ?? ROUND
  const events = await store.since(req.vector, limit + 1)
  return {
    events: events.slice(0, limit), vector: await store.vector(), stored: storedNow, more: events.length > limit,
    ...(deferFrom.size ? { deferred: [...deferFrom.keys()].sort() } : {}),
    ...(refused.length ? { refused } : {}),
  }
}

/**
 * A `/sync` body as the hub takes it, or a 400 naming the field: `vector` an object of replica → whole number ≥ 0,
 * `events` an array of well-formed events, `replicaId` (optional) a replica id.
 */
export function checkSyncRequest(body: unknown): SyncRequest {
  const bad = (field: string, zh: string, en: string, row?: number) =>
    new AppError('SYNC_REQUEST_INVALID', { field, detail: zh, detailEn: en }, { field, ...(row !== undefined ? { row } : {}) }, 400)
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('body', '请求内容应为 JSON 对象', 'the body must be a JSON object')
  const b = body as Record<string, unknown>
  if (!b.vector || typeof b.vector !== 'object' || Array.isArray(b.vector)) throw bad('vector', 'vector 应为对象（各副本 → 已有的序号）', 'vector must be an object (replica → highest seq held)')
  for (const [k, v] of Object.entries(b.vector)) {
    if (!REPLICA_ID.test(k) || !Number.isSafeInteger(v) || (v as number) < 0) throw bad(`vector.${k.slice(0, 40)}`, 'vector 的每一项应为非负整数', 'each vector entry must be a whole number ≥ 0')
  }
  if (!Array.isArray(b.events)) throw bad('events', 'events 应为数组', 'events must be an array')
  if (b.events.length > ROUND) throw bad('events', `每次最多 ${ROUND} 个事件`, `at most ${ROUND} events a request`)
  b.events.forEach((e, i) => {
    if (!isSyncEvent(e) || !REPLICA_ID.test(e.replicaId)) throw bad(`events[${i}]`, `第 ${i + 1} 个事件格式不正确`, `event ${i + 1} is malformed`, i + 1)
  })
  if (b.replicaId !== undefined && (typeof b.replicaId !== 'string' || !REPLICA_ID.test(b.replicaId))) {
    throw bad('replicaId', 'replicaId 应为副本编号', 'replicaId must be a replica id')
  }
  return { vector: b.vector as Vector, events: b.events as SyncEvent[], ...(b.replicaId !== undefined ? { replicaId: b.replicaId as string } : {}) }
}

/** A replica id as installations make them (hex, or a test's name): no separators, no control characters. */
const REPLICA_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * The device's side over HTTP: send what the hub lacks, take what we lack, until the hub has nothing more. Our
 * vector and the hub's answer make each round idempotent, so a hub restarted mid-sync just means another round.
 */
export async function syncWithHub(
  ctx: Pick<ServiceContext, 'db' | 'clock'>, post: (body: SyncRequest) => Promise<SyncAnswer>,
  opts: { onRound?: (p: { sent: number; received: number; rounds: number; hubVector: Vector }) => void } = {},
): Promise<{ sent: number; received: number; rounds: number; hubVector: Vector; deferred: number }> {
  let sent = 0, received = 0, rounds = 0
  let hubVector: Vector = {}
  const own = ctx.db.select({ id: replicas.id }).from(replicas).where(eq(replicas.isLocal, true)).get()?.id
  // replicas whose events the hub deferred (see hubSync): not sent again in this sync
  const deferred = new Set<string>()
  for (;;) {
    rounds++
    const skip: Vector = { ...hubVector }
    for (const r of deferred) skip[r] = Number.MAX_SAFE_INTEGER
    const mine = eventsSince(ctx.db, skip, { limit: ROUND })
    const answer = await post({ vector: vectorOf(ctx.db), events: mine, replicaId: own })
    sent += mine.length
    received += receive(ctx, answer.events).inserted
    hubVector = answer.vector
    for (const r of answer.deferred ?? []) deferred.add(r)
    // events the hub holds with other content under the same id: listed here too, so both sides' lists name them
    for (const id of answer.refused ?? []) {
      const e = mine.find((x) => x.id === id)
      if (e) listRefused(ctx.db.$client, { id, reason: 'conflict', type: e.type, replicaId: e.replicaId, seq: e.seq }, { at: 'hub' })
    }
    opts.onRound?.({ sent, received, rounds, hubVector })
    if (!answer.more && mine.length < ROUND && !(answer.deferred?.length)) break
    if (rounds > 10_000) break
  }
  const have = vectorOf(ctx.db)
  let waiting = 0
  for (const r of deferred) waiting += Math.max(0, (have[r] ?? 0) - (hubVector[r] ?? 0))
  return { sent, received, rounds, hubVector, deferred: waiting }
}
