/**
 * The exchange itself, whatever carries it (memory, a shared folder, the hub): "here is my vector, send me what I
 * lack", and receiving is one transaction — insert-or-ignore the events, advance the vector over contiguous seqs,
 * apply what is new in clock order. Duplicates, reordering and replays therefore change nothing.
 */
import type Database from 'better-sqlite3'
import type { Db } from '../../db/open'
import type { ServiceContext } from '../common/context'
import { applierFor, outgoingPayload, type SyncEvent } from './registry'

export type Vector = Record<string, number>

/** What this replica has seen: replicaId → highest contiguous seq. */
export function vectorOf(db: Db): Vector {
  const rows = db.$client.prepare('SELECT id, seen_seq AS seq FROM replicas').all() as Array<{ id: string; seq: number }>
  return Object.fromEntries(rows.map((r) => [r.id, r.seq]))
}

interface EventRow {
  id: string; replica_id: string; seq: number; hlc: string; type: string; version: number; entity_id: string; payload: string; author: string
}

// a password hash never leaves the installation, even in an event stored before hashes were kept out of payloads
const toEvent = (r: EventRow): SyncEvent => ({
  id: r.id, replicaId: r.replica_id, seq: r.seq, hlc: r.hlc, type: r.type, version: r.version, entityId: r.entity_id,
  payload: outgoingPayload(r.type, JSON.parse(r.payload)), author: r.author,
})

/**
 * Every stored event the other side lacks according to its vector (by replica, in seq order) — including events of
 * other replicas that we only relay. Events we hold beyond a gap of our own are sent too; the receiver keeps them.
 */
export function eventsSince(db: Db, vector: Vector, opts: { limit?: number } = {}): SyncEvent[] {
  const c = db.$client
  // every origin with events has its row in replicas (appendEvent needs it, receive inserts it), a few rows where
  // SELECT DISTINCT replica_id FROM events walked the whole index on each hub request
  const origins = c.prepare('SELECT id FROM replicas').pluck().all() as string[]
  // no bound LIMIT: SQLite runs this seek about three times slower with one; stop reading rows once full instead
  const stmt = c.prepare('SELECT * FROM events WHERE replica_id = ? AND seq > ? ORDER BY seq')
  const out: SyncEvent[] = []
  const limit = opts.limit ?? Number.MAX_SAFE_INTEGER
  for (const r of origins.sort()) {
    if (out.length >= limit) break
    for (const row of stmt.iterate(r, vector[r] ?? 0) as IterableIterator<EventRow>) {
      out.push(toEvent(row))
      if (out.length >= limit) break
    }
  }
  return out
}

/** Rough shape check of a received event: a malformed one is refused with its position, never half-stored. */
export function isSyncEvent(e: unknown): e is SyncEvent {
  if (!e || typeof e !== 'object') return false
  const x = e as Record<string, unknown>
  return typeof x.id === 'string' && typeof x.replicaId === 'string' && Number.isInteger(x.seq) && (x.seq as number) > 0
    && x.id === `${x.replicaId}:${x.seq}` && typeof x.hlc === 'string' && typeof x.type === 'string'
    && Number.isInteger(x.version) && typeof x.entityId === 'string' && 'payload' in x && typeof x.author === 'string'
}

export interface ReceiveResult {
  /** events new to this replica */
  inserted: number
  /** of those, applied to the projections now */
  applied: number
  /** stored but waiting: unknown type, newer version, or something they need has not arrived yet */
  pending: number
  /** events whose clock was far ahead and was clamped */
  skewed: number
  /**
   * events not taken (see `refusalOf`): under this installation's own replica id beyond what it has given out, or
   * with an id held here with other content. Each is listed in `conflicts` (kind `event_refused`).
   */
  refused: RefusedEvent[]
}

/** Why an event was not taken: `own_replica` — it claims this installation's replica id; `conflict` — its id is held with other content. */
export interface RefusedEvent { id: string; reason: 'own_replica' | 'conflict'; type: string; replicaId: string; seq: number }

/** An event's content in a fixed form (keys sorted, what may not travel left out), to tell two copies of one id apart. */
export function eventFingerprint(e: Pick<SyncEvent, 'type' | 'version' | 'entityId' | 'payload' | 'hlc' | 'author'>): string {
  const canon = (v: unknown): unknown => Array.isArray(v) ? v.map(canon)
    : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]))
    : v
  return JSON.stringify([e.type, e.version, e.entityId, e.hlc, e.author, canon(outgoingPayload(e.type, e.payload))])
}

/** Whether a stored row and an incoming event are the same event: byte-equal in the common case, else canonically. */
function sameEvent(row: EventRow, e: SyncEvent): boolean {
  if (row.type === e.type && row.hlc === e.hlc && row.author === e.author && row.entity_id === e.entityId && row.version === e.version
    && row.payload === JSON.stringify(e.payload)) return true
  return eventFingerprint(toEvent(row)) === eventFingerprint(e)
}

/** Of these events, the ids this installation holds with other content (a copy of the same event is not listed). */
export function differingCopies(db: Db, incoming: SyncEvent[]): string[] {
  const held = statementsFor(db.$client).held
  const out: string[] = []
  for (const e of incoming) {
    const row = held.get(e.id) as EventRow | undefined
    if (row && !sameEvent(row, e)) out.push(e.id)
  }
  return out.sort()
}

/** Lists a refused event in `conflicts` once (the same refusal seen again changes nothing). */
export function listRefused(c: Database.Database, r: RefusedEvent, detail: Record<string, unknown> = {}): void {
  c.prepare(`INSERT OR IGNORE INTO conflicts (id, kind, entity, entity_id, detail) VALUES (?, 'event_refused', 'event', ?, ?)`)
    .run(`event_refused:${r.id}:${r.reason}`, r.id, JSON.stringify({ reason: r.reason, type: r.type, replicaId: r.replicaId, seq: r.seq, ...detail }))
}

const stmts = new WeakMap<Database.Database, ReturnType<typeof prepare>>()
function prepare(c: Database.Database) {
  return {
    exists: c.prepare('SELECT 1 FROM events WHERE id = ?').pluck(),
    held: c.prepare('SELECT * FROM events WHERE id = ?'),
    local: c.prepare('SELECT id, seen_seq AS seq FROM replicas WHERE is_local = 1'),
    // stored as applied: the receiving transaction applies it below or sets applied_at back to NULL (rare), so
    // the common case costs one insert per event instead of an insert and an update
    insert: c.prepare(`INSERT OR IGNORE INTO events (id, replica_id, seq, hlc, type, version, entity_id, payload, author, applied_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    ensureReplica: c.prepare('INSERT OR IGNORE INTO replicas (id, is_local, seen_seq) VALUES (?, 0, 0)'),
    seen: c.prepare('SELECT seen_seq FROM replicas WHERE id = ?').pluck(),
    seqsAfter: c.prepare('SELECT seq FROM events WHERE replica_id = ? AND seq > ? ORDER BY seq').pluck(),
    setSeen: c.prepare('UPDATE replicas SET seen_seq = ? WHERE id = ?'),
    markApplied: c.prepare('UPDATE events SET applied_at = ? WHERE id = ?'),
    markPending: c.prepare('UPDATE events SET applied_at = NULL WHERE id = ?'),
    // NOT INDEXED: one pass over the table and a sort of the few waiting rows, not a walk of the hlc index that
    // looks up every event (seconds on a million)
    pending: c.prepare('SELECT * FROM events NOT INDEXED WHERE applied_at IS NULL ORDER BY hlc, id'),
    countPending: c.prepare('SELECT count(*) FROM events WHERE applied_at IS NULL').pluck(),
    skew: c.prepare(`INSERT OR IGNORE INTO conflicts (id, kind, entity, entity_id, detail) VALUES (?, 'clock_skew', 'replica', ?, ?)`),
  }
}
const statementsFor = (c: Database.Database) => {
  let s = stmts.get(c)
  if (!s) { s = prepare(c); stmts.set(c, s) }
  return s
}

/**
 * How many stored events wait (applied_at NULL), known per connection so that a batch which leaves nothing waiting
 * does not scan the whole events table (there is no index on applied_at; a first sync of 1M events would scan it
 * after every batch). Only `receive` stores waiting events; the count is taken from the table once per connection
 * and whenever a receive runs inside somebody else's transaction (which could still roll back).
 */
const pendingKnown = new WeakMap<Database.Database, number>()
function pendingCountOf(c: Database.Database): number {
  let n = pendingKnown.get(c)
  if (n === undefined) { n = statementsFor(c).countPending.get() as number; pendingKnown.set(c, n) }
  return n
}

/**
 * Takes in events from another replica, in one transaction. Safe to call with duplicates, in any order, with
 * replays and with gaps: the vector only advances over contiguous seqs, so the gap is asked for again.
 */
export function receive(ctx: Pick<ServiceContext, 'db' | 'clock'>, incoming: SyncEvent[], opts: { onProgress?: (done: number, total: number) => void } = {}): ReceiveResult {
  incoming.forEach((e, i) => {
    if (!isSyncEvent(e)) throw new Error(`malformed event at position ${i + 1}`)
  })
  const c = ctx.db.$client
  const s = statementsFor(c)
  const nested = c.inTransaction
  if (nested) pendingKnown.delete(c)
  const result = c.transaction(() => {
    const pendingBefore = pendingCountOf(c)
    const fresh: SyncEvent[] = []
    const touched = new Set<string>()
    const now = new Date().toISOString()
    let skewed = 0
    const refused: RefusedEvent[] = []
    // This installation's own replica: nobody else may write under it. Its events up to what it has given out come
    // back as copies (a snapshot's carry-over); one beyond would take a seq its next posting needs.
    const local = s.local.get() as { id: string; seq: number } | undefined
    const refuse = (e: SyncEvent, reason: RefusedEvent['reason']) => {
      const r = { id: e.id, reason, type: e.type, replicaId: e.replicaId, seq: e.seq }
      refused.push(r)
      listRefused(c, r)
    }
    for (const e of incoming) {
      if (local && e.replicaId === local.id && e.seq > local.seq) { refuse(e, 'own_replica'); continue }
      const r = s.insert.run(e.id, e.replicaId, e.seq, e.hlc, e.type, e.version, e.entityId, JSON.stringify(e.payload), e.author, now)
      if (r.changes === 0) {
        // held already: the same event again is nothing; another event under the same id is refused and listed
        const held = s.held.get(e.id) as EventRow | undefined
        if (held && !sameEvent(held, e)) refuse(e, 'conflict')
        continue
      }
      fresh.push(e)
      touched.add(e.replicaId)
      if (ctx.clock.receive(e.hlc).skewed) {
        skewed++
        s.skew.run(`clock_skew:${e.replicaId}`, e.replicaId, JSON.stringify({ eventId: e.id, hlc: e.hlc }))
      }
    }
    for (const r of touched) {
      s.ensureReplica.run(r)
      let seen = s.seen.get(r) as number
      for (const seq of s.seqsAfter.all(r, seen) as number[]) {
        if (seq !== seen + 1) break
        seen = seq
      }
      s.setSeen.run(seen, r)
    }
    fresh.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1))
    let applied = 0
    let waiting = 0
    // In chunks: a chunk whose events all take the fast path is applied in one savepoint; otherwise (an event
    // that needs the full path or cannot be applied yet) the chunk is rolled back and applied event by event.
    for (let from = 0; from < fresh.length; from += FAST_CHUNK) {
      const chunk = fresh.slice(from, from + FAST_CHUNK)
      if (applyAllFast(ctx.db, chunk)) applied += chunk.length
      else {
        for (const e of chunk) {
          if (applyOne(ctx.db, e)) applied++
          else { s.markPending.run(e.id); waiting++ }
        }
      }
      opts.onProgress?.(Math.min(fresh.length, from + FAST_CHUNK), fresh.length)
    }
    pendingKnown.set(c, pendingBefore + waiting)
    // Something new may unblock events that waited for it (a site before its first receipt).
    const retried = applied > 0 && pendingBefore + waiting > 0 ? applyPendingIn(ctx.db) : { applied: 0, pending: pendingBefore + waiting }
    return { inserted: fresh.length, applied: applied + retried.applied, pending: retried.pending, skewed, refused }
  })
  try {
    return result()
  } catch (e) {
    pendingKnown.delete(c)
    throw e
  } finally {
    if (nested) pendingKnown.delete(c)
  }
}

const FAST_CHUNK = 500
const NOT_FAST = Symbol('not fast')

/** All of `chunk` through the appliers' fast paths in one savepoint, or nothing (false). */
function applyAllFast(db: Db, chunk: SyncEvent[]): boolean {
  const c = db.$client
  try {
    c.transaction(() => {
      for (const e of chunk) {
        const a = applierFor(e)
        if (!a?.applyRaw || !a.applyRaw(c, e)) throw NOT_FAST
      }
    })()
    return true
  } catch {
    return false
  }
}

/** Applies one event through its applier in a savepoint; false (and nothing written) when it cannot be applied yet. */
function applyOne(db: Db, e: SyncEvent): boolean {
  const a = applierFor(e)
  if (!a) return false
  try {
    if (a.applyRaw && db.$client.transaction(() => a.applyRaw!(db.$client, e))()) return true
    db.transaction((tx) => a.apply(tx, e))
    return true
  } catch {
    return false
  }
}

function applyPendingIn(db: Db): { applied: number; pending: number } {
  const s = statementsFor(db.$client)
  let total = 0
  const now = new Date().toISOString()
  // Nothing waits (the usual case, and a first sync's): one count, no ordered read.
  if ((s.countPending.get() as number) === 0) {
    pendingKnown.set(db.$client, 0)
    return { applied: 0, pending: 0 }
  }
  // Repeat while progress is made: one applied event may unblock another.
  for (;;) {
    let applied = 0
    for (const row of s.pending.all() as EventRow[]) {
      const e = toEvent(row)
      if (applyOne(db, e)) { s.markApplied.run(now, e.id); applied++ }
    }
    total += applied
    if (applied === 0) break
  }
  const pending = s.countPending.get() as number
  pendingKnown.set(db.$client, pending)
  return { applied: total, pending }
}

/**
 * Applies stored events that were waiting (unknown type or newer version before an upgrade, or a missing
 * dependency). Run at start-up and after every exchange.
 */
export function applyPending(ctx: Pick<ServiceContext, 'db'>): { applied: number; pending: number } {
  try {
    return ctx.db.$client.transaction(() => applyPendingIn(ctx.db))()
  } catch (e) {
    pendingKnown.delete(ctx.db.$client)
    throw e
  }
}

/** Two replicas in one process exchange both ways (the memory transport, used by tests and the bench). */
export function exchangeDirect(a: Pick<ServiceContext, 'db' | 'clock'>, b: Pick<ServiceContext, 'db' | 'clock'>): { aToB: number; bToA: number } {
  const toB = eventsSince(a.db, vectorOf(b.db))
  const toA = eventsSince(b.db, vectorOf(a.db))
  return { aToB: receive(b, toB).inserted, bToA: receive(a, toA).inserted }
}
