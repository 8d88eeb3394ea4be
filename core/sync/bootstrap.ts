/**
 * Starting from a snapshot (./snapshot.ts) instead of replaying a district's history event by event.
 *
 * 1. `copySnapshot` copies the published file beside the installation's own database (`reserve.db.bootstrap-<random>`)
 *    while it hashes it, asynchronously so the api keeps answering and the progress can be asked for. A copy whose
 *    size or sha256 is not the manifest's is deleted: skipped.
 * 2. `openSnapshotCopy` checks it is a database of this app, of this district, at most of our schema level, and
 *    runs the newer migrations on it.
 * 3. `carryOver` (synchronous, inside the holder's swap, so nothing is posted meanwhile) attaches the current file
 *    and copies the installation-local tables over (accounts, sessions, audit, settings, devices; own replica flag;
 *    conflict resolutions), then re-applies through the normal appliers every event the current file holds that the
 *    snapshot does not: this office's offline work and what it got from elsewhere.
 * 4. The holder swaps the files (core/holder.ts: the old file is kept aside until the new one is open). A kill at
 *    any moment leaves either the old file or the new one in place, each complete; a half-built copy is only ever a
 *    `.bootstrap-` file, removed by the next attempt.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { schema, type Db } from '../../db/open'
import { HybridClock } from './clock'
import type { ServiceContext } from '../common/context'
import { outgoingPayload, type SyncEvent } from './registry'
import { receive } from './exchange'
import { LOCAL_TABLES, schemaFacts, type SnapshotCandidate, type SnapshotSkipReason } from './snapshot'

export const BOOTSTRAP_INFIX = '.bootstrap-'
export const ASIDE_INFIX = '.before-bootstrap-'

/** Removes what an interrupted bootstrap left beside the database (a half-built copy, a file kept aside). */
export function removeBootstrapLeftovers(databaseFile: string): string[] {
  const dir = path.dirname(databaseFile)
  const base = path.basename(databaseFile)
  const removed: string[] = []
  if (!fs.existsSync(dir)) return removed
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(base + BOOTSTRAP_INFIX) || name.startsWith(base + ASIDE_INFIX)) {
      fs.rmSync(path.join(dir, name), { force: true })
      removed.push(name)
    }
  }
  return removed
}

/**
 * Copies the snapshot next to the database and hashes it at the same time: the copy in the kernel (copy_file_range,
 * on libuv's thread pool), the hash on this thread from asynchronous reads of the same file (the second reader is
 * served by the page cache), so the file is read about once and the api keeps answering meanwhile. (Hashing chunks
 * in worker threads was tried: on two cores shared with other work it was twice as slow as this.) The copy is
 * flushed to disk as soon as it is written, while the hash goes on, so it is on the disk before it can be swapped in.
 * Returns the copy's path, or the reason it was refused (the copy is then gone).
 */
export async function copySnapshot(s: SnapshotCandidate, databaseFile: string, onProgress?: (done: number, total: number) => void): Promise<{ file: string } | { reason: SnapshotSkipReason }> {
  const target = `${databaseFile}${BOOTSTRAP_INFIX}${randomBytes(6).toString('hex')}`
  const hashing = (async () => {
    const h = createHash('sha256')
    let read = 0
    for await (const chunk of fs.createReadStream(s.dbFile, { highWaterMark: 8 << 20 })) {
      h.update(chunk as Buffer)
      read += (chunk as Buffer).length
      onProgress?.(read, s.manifest.bytes)
    }
    return { sha256: h.digest('hex'), read }
  })()
  let hashed: { sha256: string; read: number }
  try {
    ;[hashed] = await Promise.all([hashing, (async () => {
      await fs.promises.copyFile(s.dbFile, target, fs.constants.COPYFILE_EXCL)
      // flushed while the hash still runs, not later at the carry-over's first commit
      const fh = await fs.promises.open(target, 'r+')
      try { await fh.sync() } finally { await fh.close() }
    })()])
  } catch (e) {
    await hashing.catch(() => undefined)
    fs.rmSync(target, { force: true })
    if (isDiskError(e)) throw e // our disk is full or not writable: an error to show, not a bad snapshot
    return { reason: 'truncated' }
  }
  const reason: SnapshotSkipReason | null = hashed.read !== s.manifest.bytes || fs.statSync(target).size !== s.manifest.bytes ? 'truncated'
    : hashed.sha256 !== s.manifest.sha256 ? 'checksum' : null
  if (reason) { fs.rmSync(target, { force: true }); return { reason } }
  return { file: target }
}

const isDiskError = (e: unknown) => ['ENOSPC', 'EDQUOT', 'EACCES', 'EROFS', 'EPERM'].includes((e as NodeJS.ErrnoException)?.code ?? '')

/**
 * Checks the copy is one of ours for this district at most at our schema level, and brings it to our level. The
 * reason when it is not (the copy is then deleted).
 */
export function openSnapshotCopy(file: string, live: { migrations: number; district: string | null }, migrationsFolder: string): SnapshotSkipReason | null {
  let c: Database.Database | undefined
  try {
    c = new Database(file, { fileMustExist: true })
    const has = (t: string) => !!c!.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t)
    if (!has('__drizzle_migrations') || !has('events') || !has('regions')) return fail('unknown')
    const facts = schemaFacts(c)
    if (facts.migrations > live.migrations) return fail('newer-schema')
    if (live.district && facts.district && facts.district !== live.district) return fail('other-district')
    c.pragma('journal_mode = DELETE')
    c.pragma('foreign_keys = ON')
    if (facts.migrations < live.migrations) migrate(drizzle(c, { schema }), { migrationsFolder })
    c.close()
    c = undefined
    return null
  } catch {
    return fail('unknown')
  } finally {
    c?.close()
  }
  function fail(reason: SnapshotSkipReason): SnapshotSkipReason {
    c?.close()
    c = undefined
    fs.rmSync(file, { force: true })
    return reason
  }
}

interface EventRow { id: string; replica_id: string; seq: number; hlc: string; type: string; version: number; entity_id: string; payload: string; author: string; applied_at: string | null }

/**
 * Events whose whole projection is in the local tables (carried over as they are): that no applier makes them again
 * loses nothing.
 */
const PROJECTED_LOCALLY = new Set(['user.created', 'user.updated', 'user.password'])

/**
 * The bootstrap would lose something: an event this installation had applied (its own edit of an agreement, a
 * target …) has no applier in this build yet, so the snapshot's copy could not show it. The copy is dropped and the
 * events path does the sync instead.
 */
export class BootstrapRefused extends Error {
  constructor(readonly reason: 'local-unappliable', readonly types: string[]) {
    super(`the snapshot cannot take this installation's ${types.join(', ')} events: syncing by events instead`)
  }
}

export interface CarryOverResult { localRows: number; reapplied: number; pending: number }

/**
 * Makes the copy this installation's: its local tables, its replica flag and conflict resolutions, and every event
 * it holds that the snapshot lacks, applied through the appliers. Runs on the current core with nothing else
 * running (inside the holder's swap); the copy is closed and flushed when it returns.
 */
export function carryOver(current: ServiceContext, copyFile: string): CarryOverResult {
  if (!current.databaseFile) throw new Error('carryOver needs a database file')
  const c = new Database(copyFile, { fileMustExist: true })
  try {
    c.pragma('journal_mode = DELETE')
    c.pragma('synchronous = FULL')
    c.pragma('foreign_keys = OFF') // users before sessions, whatever order; the rows come from a consistent file
    c.prepare('ATTACH DATABASE ? AS cur').run(current.databaseFile)
    const cols = (t: string) => (c.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).pluck().all(t) as string[]).map((n) => `"${n}"`).join(', ')
    let localRows = 0
    c.transaction(() => {
      for (const t of LOCAL_TABLES) {
        // settings: the snapshot kept only the district's (event-made) keys; ours fill in the rest
        if (t !== 'settings') c.exec(`DELETE FROM main."${t}"`)
        localRows += c.prepare(`INSERT OR IGNORE INTO main."${t}" (${cols(t)}) SELECT ${cols(t)} FROM cur."${t}"`).run().changes
      }
      c.exec(`INSERT INTO main.replicas (id, name, is_local, seen_seq, created_at)
          SELECT id, name, 1, seen_seq, created_at FROM cur.replicas WHERE is_local = 1
        ON CONFLICT (id) DO UPDATE SET is_local = 1, name = excluded.name, seen_seq = excluded.seen_seq`)
      for (const r of c.prepare('SELECT id, name FROM cur.replicas WHERE is_local = 0 AND name IS NOT NULL').all() as Array<{ id: string; name: string }>) {
        c.prepare('UPDATE main.replicas SET name = ? WHERE id = ?').run(r.name, r.id)
      }
      // conflicts are the district's (their appliers make them); which ones this office has reviewed is its own
      c.exec(`INSERT OR IGNORE INTO main.conflicts SELECT * FROM cur.conflicts`)
      c.exec(`UPDATE main.conflicts SET resolved_at = r.resolved_at, resolved_by = r.resolved_by
        FROM (SELECT id, resolved_at, resolved_by FROM cur.conflicts WHERE resolved_at IS NOT NULL) AS r
        WHERE main.conflicts.id = r.id AND main.conflicts.resolved_at IS NULL`)
    })()
    // the events the snapshot lacks, through the appliers (in batches: an office's own work may be large)
    const db = drizzle(c, { schema }) as Db
    const lastHlc = (c.prepare('SELECT max(hlc) FROM main.events').pluck().get() as string | null) ?? undefined
    const ctx = { db, clock: new HybridClock(current.replicaId, Date.now, lastHlc) }
    const rows = c.prepare(`SELECT * FROM cur.events AS e WHERE NOT EXISTS (SELECT 1 FROM main.events AS m WHERE m.id = e.id) ORDER BY e.hlc, e.id`)
    let batch: SyncEvent[] = []
    let reapplied = 0
    let pending = 0
    const flush = () => {
      if (!batch.length) return
      const r = receive(ctx, batch)
      reapplied += r.inserted
      pending = r.pending
      batch = []
    }
    // read all first: receive writes main while the statement would still iterate
    const missingRows = rows.all() as EventRow[]
    const missing = missingRows.map((r): SyncEvent => ({
      id: r.id, replicaId: r.replica_id, seq: r.seq, hlc: r.hlc, type: r.type, version: r.version, entityId: r.entity_id,
      payload: outgoingPayload(r.type, JSON.parse(r.payload)), author: r.author,
    }))
    for (const e of missing) {
      batch.push(e)
      if (batch.length >= 20_000) flush()
    }
    flush()
    const appliedHere = new Set(missingRows.filter((r) => r.applied_at !== null && !PROJECTED_LOCALLY.has(r.type)).map((r) => r.id))
    const stillWaiting = c.prepare('SELECT type FROM main.events WHERE id = ? AND applied_at IS NULL').pluck()
    const lost = new Set<string>()
    for (const id of appliedHere) { const t = stillWaiting.get(id) as string | undefined; if (t) lost.add(t) }
    if (lost.size) throw new BootstrapRefused('local-unappliable', [...lost].sort())
    c.exec('DETACH DATABASE cur')
    const fk = LOCAL_TABLES.flatMap((t) => c.prepare(`PRAGMA main.foreign_key_check("${t}")`).all())
    if (fk.length) throw new Error(`the bootstrapped file has ${fk.length} foreign-key violations`)
    return { localRows, reapplied, pending }
  } finally {
    c.close()
  }
}
