/**
 * The hub's event log in PostgreSQL (chosen when DATABASE_URL is set). It keeps exactly what the SQLite store keeps:
 * events by id, stored once, and per replica the highest contiguous seq (the version vector). The hub installation's
 * own SQLite file stays its projection (what its browser UI shows and what the rights check reads): `mirroredStore`
 * feeds it from the log and puts the hub's own events into the log. The device list lives with the log too (a hub
 * whose file is lost or restored from a backup still knows every device, and still refuses a revoked one); the
 * file keeps a copy for the administrator's pages (`mirrorDevices`).
 *
 * Both stores pass tests/unit/sync.hub-store.test.ts.
 */
import pg from 'pg'
import type { ServiceContext } from '../core/common/context'
import type { SyncEvent } from '../core/sync/registry'
import { eventsSince, receive, vectorOf, type Vector } from '../core/sync/exchange'
import { ROUND, type DeviceRow, type HubDeviceStore, type HubEventStore } from '../core/sync/hub'

export interface PgHubStore extends HubEventStore {
  /**
   * Removes the log's events of `replicaId` beyond `seq` (start-up repair of the hub's own replica: see
   * server/hub.ts); returns their ids. The replica's vector entry is set to at most `seq`.
   */
  removeBeyond(replicaId: string, seq: number): Promise<string[]>
  close(): Promise<void>
  /** drops the schema (tests) */
  drop(): Promise<void>
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/

/** What the store uses of a `pg.Pool`: query (autocommit) and connect (a client of its own, for a transaction). */
export type PgPool = Pick<pg.Pool, 'query' | 'connect'>

/**
 * Opens (and creates if needed) the log in `schema` of the database at `url`, through a pool of its own (ended by
 * `close`), or through the caller's `pg.Pool`-like pool, which stays the caller's (tests: PGlite, tests/helpers/pglite.ts).
 */
export async function pgHubStore(source: string | PgPool, opts: { schema?: string; pool?: number } = {}): Promise<PgHubStore> {
  const schema = opts.schema ?? 'reserve_hub'
  if (!IDENT.test(schema)) throw new Error(`invalid schema name: ${schema}`)
  const own = typeof source === 'string' ? new pg.Pool({ connectionString: source, max: opts.pool ?? 4 }) : undefined
  const pool: PgPool = own ?? (source as PgPool)
  const t = (name: string) => `"${schema}".${name}`
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS "${schema}";
    CREATE TABLE IF NOT EXISTS ${t('events')} (
      id text PRIMARY KEY, replica_id text NOT NULL, seq bigint NOT NULL, hlc text NOT NULL, type text NOT NULL,
      version integer NOT NULL, entity_id text NOT NULL, payload text NOT NULL, author text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(), UNIQUE (replica_id, seq));
    CREATE TABLE IF NOT EXISTS ${t('replicas')} (id text PRIMARY KEY, seen_seq bigint NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS ${t('devices')} (
      id text PRIMARY KEY, name text NOT NULL, token_hash text NOT NULL UNIQUE, scope_kind text NOT NULL, scope_ref text,
      replica_id text, last_seen_at text, revoked_at text, created_at text NOT NULL);
  `)

  // Devices: see HubDeviceStore (core/sync/hub.ts) for how two copies of the list merge.
  const DEVICE_COLUMNS = `id, name, token_hash AS "tokenHash", scope_kind AS "scopeKind", scope_ref AS "scopeRef", replica_id AS "replicaId",
    last_seen_at AS "lastSeenAt", revoked_at AS "revokedAt", created_at AS "createdAt"`
  const devices: HubDeviceStore = {
    byTokenHash: async (h) => (await pool.query(`SELECT ${DEVICE_COLUMNS} FROM ${t('devices')} WHERE token_hash = $1`, [h])).rows[0],
    all: async () => (await pool.query(`SELECT ${DEVICE_COLUMNS} FROM ${t('devices')} ORDER BY created_at, id`)).rows,
    boundTo: async (ids) => new Map(ids.length
      ? (await pool.query(`SELECT ${DEVICE_COLUMNS} FROM ${t('devices')} WHERE replica_id = ANY($1::text[]) AND revoked_at IS NULL`, [ids])).rows.map((d) => [d.replicaId, d])
      : []),
    bind: async (id, replicaId) => { await pool.query(`UPDATE ${t('devices')} SET replica_id = $2 WHERE id = $1 AND replica_id IS NULL`, [id, replicaId]) },
    seen: async (id, at) => { await pool.query(`UPDATE ${t('devices')} SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id = $1`, [id, at]) },
    merge: async (rows) => {
      if (!rows.length) return
      const col = <K extends keyof DeviceRow>(k: K) => rows.map((r) => r[k] ?? null)
      // LEAST / GREATEST skip NULLs: the earliest revocation and the latest sync win
      await pool.query(
        `INSERT INTO ${t('devices')} AS d (id, name, token_hash, scope_kind, scope_ref, replica_id, last_seen_at, revoked_at, created_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         ON CONFLICT (id) DO UPDATE SET replica_id = coalesce(d.replica_id, excluded.replica_id),
           last_seen_at = GREATEST(d.last_seen_at, excluded.last_seen_at), revoked_at = LEAST(d.revoked_at, excluded.revoked_at)`,
        [col('id'), col('name'), col('tokenHash'), col('scopeKind'), col('scopeRef'), col('replicaId'), col('lastSeenAt'), col('revokedAt'), col('createdAt')],
      )
    },
  }

  async function put(events: SyncEvent[]): Promise<number> {
    if (!events.length) return 0
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      let inserted = 0
      for (let i = 0; i < events.length; i += ROUND) {
        const batch = events.slice(i, i + ROUND)
        const r = await client.query(
          `INSERT INTO ${t('events')} (id, replica_id, seq, hlc, type, version, entity_id, payload, author)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])
           ON CONFLICT DO NOTHING`,
          [batch.map((e) => e.id), batch.map((e) => e.replicaId), batch.map((e) => e.seq), batch.map((e) => e.hlc), batch.map((e) => e.type),
            batch.map((e) => e.version), batch.map((e) => e.entityId), batch.map((e) => JSON.stringify(e.payload)), batch.map((e) => e.author)],
        )
        inserted += r.rowCount ?? 0
      }
      // Advance each touched replica's vector entry over contiguous seqs, with its row locked (sorted: no deadlock).
      for (const rid of [...new Set(events.map((e) => e.replicaId))].sort()) {
        await client.query(`INSERT INTO ${t('replicas')} (id) VALUES ($1) ON CONFLICT DO NOTHING`, [rid])
        let seen = Number((await client.query(`SELECT seen_seq FROM ${t('replicas')} WHERE id = $1 FOR UPDATE`, [rid])).rows[0].seen_seq)
        const seqs = await client.query({ text: `SELECT seq FROM ${t('events')} WHERE replica_id = $1 AND seq > $2 ORDER BY seq`, values: [rid, seen], rowMode: 'array' })
        for (const [s] of seqs.rows) {
          if (Number(s) !== seen + 1) break
          seen++
        }
        await client.query(`UPDATE ${t('replicas')} SET seen_seq = $1 WHERE id = $2`, [seen, rid])
      }
      await client.query('COMMIT')
      return inserted
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {})
      throw e
    } finally {
      client.release()
    }
  }

  async function since(vector: Vector, limit = Number.MAX_SAFE_INTEGER): Promise<SyncEvent[]> {
    const origins = (await pool.query(`SELECT id FROM ${t('replicas')}`)).rows.map((r) => r.id as string).sort()
    const out: SyncEvent[] = []
    for (const r of origins) {
      if (out.length >= limit) break
      const rows = await pool.query(
        `SELECT id, replica_id, seq, hlc, type, version, entity_id, payload, author FROM ${t('events')}
         WHERE replica_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [r, vector[r] ?? 0, Math.min(limit - out.length, 2 ** 31 - 1)],
      )
      for (const x of rows.rows) {
        out.push({
          id: x.id, replicaId: x.replica_id, seq: Number(x.seq), hlc: x.hlc, type: x.type, version: x.version,
          entityId: x.entity_id, payload: JSON.parse(x.payload), author: x.author,
        })
      }
    }
    return out
  }

  async function vector(): Promise<Vector> {
    const rows = (await pool.query(`SELECT id, seen_seq FROM ${t('replicas')}`)).rows
    return Object.fromEntries(rows.map((r) => [r.id as string, Number(r.seen_seq)]))
  }

  async function removeBeyond(replicaId: string, seq: number): Promise<string[]> {
    const r = await pool.query(`DELETE FROM ${t('events')} WHERE replica_id = $1 AND seq > $2 RETURNING id`, [replicaId, seq])
    await pool.query(`UPDATE ${t('replicas')} SET seen_seq = LEAST(seen_seq, $2) WHERE id = $1`, [replicaId, seq])
    return r.rows.map((x) => x.id as string).sort()
  }

  return {
    put, since, vector, devices, removeBeyond,
    close: async () => { await own?.end() },
    drop: async () => { await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`) },
  }
}

/**
 * A log (PostgreSQL) with the hub installation's SQLite file kept as its projection: what arrives is stored in the
 * log first, then applied locally (idempotent, so a crash between the two is repaired by `catchUp`); the hub's own
 * events (made in its browser UI) are put into the log before answering.
 */
export function mirroredStore(log: HubEventStore, ctx: Pick<ServiceContext, 'db' | 'clock'>): HubEventStore & { catchUp(): Promise<void>; pushLocal(): Promise<void> } {
  async function pushLocal() {
    for (;;) {
      const mine = eventsSince(ctx.db, await log.vector(), { limit: ROUND })
      if (!mine.length || (await log.put(mine)) === 0) break
    }
  }
  async function catchUp() {
    for (;;) {
      const missing = await log.since(vectorOf(ctx.db), ROUND)
      if (!missing.length || receive(ctx, missing).inserted === 0) break
    }
    await pushLocal()
  }
  return {
    put: async (events) => {
      const n = await log.put(events)
      receive(ctx, events)
      return n
    },
    since: async (v, limit) => { await pushLocal(); return log.since(v, limit) },
    vector: () => log.vector(),
    devices: log.devices,
    catchUp,
    pushLocal,
  }
}
