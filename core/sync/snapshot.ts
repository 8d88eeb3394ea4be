/**
 * Snapshots in the shared folder: a first sync of a district with a million events cannot replay them one by one
 * in seconds (even raw inserts of the same rows take a minute), so an installation that holds many events publishes
 * a copy of its database for others to start from.
 *
 *   replicas/<replicaId>/snapshot/<covered>-<sha12>.db     a SQLite file (VACUUM INTO, local tables emptied)
 *   replicas/<replicaId>/snapshot/<covered>-<sha12>.json   its manifest: format, schema level, district, the version
 *                                                          vector it covers, event count, byte size, sha256
 *
 * The folder's rules hold: only the replica writes its own folder, both files are written under a temporary '.'
 * name and renamed (the database first, then the manifest, which is what readers look for), a published file is
 * never edited, there are no lock files, and older snapshots of the replica are removed once the new one is in
 * place. Readers skip a manifest whose database is missing, truncated, of another checksum, of a newer schema or
 * another district — and sync by events instead.
 *
 * Bootstrapping (see ./bootstrap.ts) builds a new database file from a snapshot next to the installation's own,
 * carries the installation's local tables over, re-applies the events the snapshot lacks, and swaps it in.
 */
import fs from 'node:fs'
import path from 'node:path'
import { settingEventTypes } from './registry'
import { createHash, randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import type { Db } from '../../db/open'
import type { Vector } from './exchange'

export const SNAPSHOT_FORMAT = 1

/**
 * Installation-local tables: emptied in every published snapshot and carried over from the installation's own file
 * when it bootstraps from one. Everything else is shared state (the event log and the projections of events, the
 * district's regions and catalogue, conflicts for review). Going through db/schema.ts table by table:
 * - users          accounts and password hashes: each installation has its own (user.* events project nothing)
 * - sessions       who is signed in here
 * - audit_log      what was done at this installation, by whom
 * - settings       this office's settings: sync folder, hub address and device token, replica id, alert
 *                  thresholds, the current incident … — except a key set by a setting.changed event, which is
 *                  the district's and stays
 * - hub_devices    the devices (and token hashes) a hub lets sync with it
 * `replicas` is shared (it is the version vector) but its is_local flag and names are this installation's: the
 * snapshot clears them, the bootstrapping installation marks its own row again. Backups are files beside the
 * database, never in it. Attachment rows travel (agreement.attached is an event); their files stay where they
 * were uploaded.
 */
export const LOCAL_TABLES = ['users', 'sessions', 'audit_log', 'settings', 'hub_devices'] as const

export interface SnapshotManifest {
  format: number
  replicaId: string
  district: string | null
  /** rows of __drizzle_migrations: the schema level of the file */
  migrations: number
  /** what the snapshot covers: replicaId → highest contiguous seq */
  vector: Vector
  /** rows of its events table */
  events: number
  /** the database file's name in the same folder, its size and sha256 */
  file: string
  bytes: number
  sha256: string
  createdAt: string
}

export type SnapshotSkipReason = 'temporary' | 'unknown' | 'missing' | 'truncated' | 'checksum' | 'newer-schema' | 'other-district' | 'format'
  | 'demo'
  | 'local-unappliable'

export interface SnapshotCandidate { manifest: SnapshotManifest; dbFile: string; manifestFile: string }

const MANIFEST_NAME = /^(\d+)-([0-9a-f]{12})\.json$/

export const snapshotDirOf = (folder: string, replicaId: string) => path.join(folder, 'replicas', replicaId, 'snapshot')

/** Schema level and district of a database, as the manifest states them. */
export function schemaFacts(c: Database.Database): { migrations: number; district: string | null } {
  const migrations = c.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number
  const district = (c.prepare("SELECT code FROM regions WHERE level = 'district'").pluck().get() as string | undefined) ?? null
  return { migrations, district }
}

/** sha256 of a file, by asynchronous reads (the api answers between them). */
export async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256')
  for await (const data of fs.createReadStream(file, { highWaterMark: 8 << 20 })) h.update(data as Buffer)
  return h.digest('hex')
}

/**
 * Empties the local tables of a copy of the database (never the live one), with secure_delete so that nothing of
 * them stays in free pages, clears the replica flags and any password hash left in an old user event's payload.
 * The audit log and the event log refuse DELETE / UPDATE by trigger: those triggers are dropped and made again
 * around it.
 */
export function stripLocalTables(file: string): void {
  const c = new Database(file)
  try {
    c.pragma('journal_mode = DELETE')
    c.pragma('secure_delete = ON')
    c.pragma('foreign_keys = OFF')
    c.transaction(() => {
      const guarded = [...LOCAL_TABLES, 'events']
      const triggers = c.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (" + guarded.map(() => '?').join(',') + ')')
        .all(...guarded) as Array<{ name: string; sql: string }>
      for (const t of triggers) c.exec(`DROP TRIGGER "${t.name}"`)
      for (const t of LOCAL_TABLES) {
        // a setting that travels as an event (setting.changed: a district-wide rule such as the compliance weight;
        // the readiness parameters — every type registered with carriesSetting) is shared state, not this office's:
        // it stays, as an office replaying the events would have it
        if (t === 'settings') {
          const types = settingEventTypes()
          c.prepare(`DELETE FROM settings WHERE key NOT IN (SELECT entity_id FROM events WHERE type IN (${types.map(() => '?').join(', ') || "''"}))`).run(...types)
        } else c.exec(`DELETE FROM "${t}"`)
      }
      // user events stored before hashes were kept out of payloads still hold one (withoutSecrets strips them when
      // sent): in a snapshot the stored payload itself must lose it
      c.exec(`UPDATE events SET payload = json_remove(payload, '$.passwordHash')
        WHERE type LIKE 'user.%' AND json_extract(payload, '$.passwordHash') IS NOT NULL`)
      const seq = c.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get()
      if (seq) c.prepare(`DELETE FROM sqlite_sequence WHERE name IN (${LOCAL_TABLES.map(() => '?').join(',')})`).run(...LOCAL_TABLES)
      c.exec('UPDATE replicas SET is_local = 0, name = NULL')
      for (const t of triggers) c.exec(t.sql)
    })()
    // secure_delete zeroed the deleted rows and every page freed: nothing of them is left in the file
  } finally { c.close() }
}

/** Copies a file under a temporary '.' name in the target's directory, flushes it, then renames it. */
async function copyAtomically(source: string, target: string): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await fs.promises.copyFile(source, tmp, fs.constants.COPYFILE_EXCL)
    const fh = await fs.promises.open(tmp, 'r+')
    try { await fh.sync() } finally { await fh.close() }
    fs.renameSync(tmp, target)
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}

/**
 * How many of the events we hold the best snapshot in the folder lacks (all of them when there is none): ours, or
 * another replica's — an office that started from a snapshot does not publish the same one again.
 */
export function uncoveredByFolder(db: Db, folder: string): number {
  const have = Object.fromEntries((db.$client.prepare('SELECT id, seen_seq FROM replicas').raw().all() as Array<[string, number]>))
  const total = Object.values(have).reduce((a, b) => a + b, 0)
  return listSnapshots(folder, []).reduce((best, s) => {
    let lacks = 0
    for (const [r, seq] of Object.entries(have)) lacks += Math.max(0, seq - (s.manifest.vector[r] ?? 0))
    return Math.min(best, lacks)
  }, total)
}

export interface PublishResult { published: boolean; file?: string; events?: number; bytes?: number; reason?: 'below-threshold' | 'read-only' }

/**
 * Publishes a snapshot of `db` into the folder when the folder's snapshots lack at least `threshold` of the events it
 * holds. `workDir` is a local folder for the copy being prepared (beside the database: the same disk, not the share).
 * The copy (VACUUM INTO) and the emptying of the local tables are synchronous; hashing and copying into the folder
 * are not, so the api keeps answering during most of it.
 */
export async function publishSnapshot(db: Db, opts: { folder: string; replicaId: string; threshold: number; workDir: string }): Promise<PublishResult> {
  const c = db.$client
  if (uncoveredByFolder(db, opts.folder) < opts.threshold) return { published: false, reason: 'below-threshold' }
  fs.mkdirSync(opts.workDir, { recursive: true })
  const work = path.join(opts.workDir, `.snapshot-${randomBytes(6).toString('hex')}.db`)
  try {
    // VACUUM INTO reads in one transaction: a consistent copy even while postings go on; the vector and the count
    // are then read from the copy, so they describe exactly what it holds
    c.prepare('VACUUM INTO ?').run(work)
    const snap = new Database(work, { readonly: true })
    let facts: { migrations: number; district: string | null }, vec: Vector, n: number
    try {
      facts = schemaFacts(snap)
      vec = Object.fromEntries((snap.prepare('SELECT id, seen_seq FROM replicas WHERE seen_seq > 0 ORDER BY id').raw().all() as Array<[string, number]>))
      n = snap.prepare('SELECT count(*) FROM events').pluck().get() as number
    } finally { snap.close() }
    stripLocalTables(work)
    const bytes = fs.statSync(work).size
    const sha256 = await fileSha256(work)
    const covered = Object.values(vec).reduce((a, b) => a + b, 0)
    const base = `${covered}-${sha256.slice(0, 12)}`
    const dir = snapshotDirOf(opts.folder, opts.replicaId)
    fs.mkdirSync(dir, { recursive: true })
    const manifest: SnapshotManifest = {
      format: SNAPSHOT_FORMAT, replicaId: opts.replicaId, district: facts.district, migrations: facts.migrations, vector: vec, events: n,
      file: `${base}.db`, bytes, sha256, createdAt: new Date().toISOString(),
    }
    await copyAtomically(work, path.join(dir, manifest.file))
    const manifestTmp = path.join(dir, `.${base}.json.${randomBytes(6).toString('hex')}.tmp`)
    const fd = fs.openSync(manifestTmp, 'wx')
    try { fs.writeSync(fd, JSON.stringify(manifest, null, 2) + '\n'); fs.fsyncSync(fd) } finally { fs.closeSync(fd) }
    fs.renameSync(manifestTmp, path.join(dir, `${base}.json`))
    // the new one is in place: older snapshots of this replica (and leftovers of an interrupted publish) go
    for (const name of fs.readdirSync(dir)) {
      if (name === manifest.file || name === `${base}.json`) continue
      fs.rmSync(path.join(dir, name), { force: true })
    }
    return { published: true, file: path.join(dir, manifest.file), events: n, bytes }
  } finally {
    fs.rmSync(work, { force: true })
  }
}

/** Every snapshot manifest in the folder whose name and content look right (the database is checked later). */
export function listSnapshots(folder: string, skipped: Array<{ file: string; reason: SnapshotSkipReason }>): SnapshotCandidate[] {
  const root = path.join(folder, 'replicas')
  if (!fs.existsSync(root)) return []
  const out: SnapshotCandidate[] = []
  for (const replicaId of fs.readdirSync(root)) {
    const dir = snapshotDirOf(folder, replicaId)
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) continue
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name)
      if (name.startsWith('.')) { skipped.push({ file, reason: 'temporary' }); continue }
      if (name.endsWith('.db')) continue // named by its manifest
      if (!MANIFEST_NAME.test(name)) { skipped.push({ file, reason: 'unknown' }); continue }
      let m: SnapshotManifest
      try { m = JSON.parse(fs.readFileSync(file, 'utf8')) } catch { skipped.push({ file, reason: 'truncated' }); continue }
      if (!m || typeof m !== 'object' || typeof m.format !== 'number' || typeof m.file !== 'string' || typeof m.sha256 !== 'string'
        || typeof m.bytes !== 'number' || !m.vector || typeof m.vector !== 'object' || m.replicaId !== replicaId || path.basename(m.file) !== m.file) {
        skipped.push({ file, reason: 'unknown' }); continue
      }
      if (m.format > SNAPSHOT_FORMAT) { skipped.push({ file, reason: 'format' }); continue }
      const dbFile = path.join(dir, m.file)
      if (!fs.existsSync(dbFile)) { skipped.push({ file: dbFile, reason: 'missing' }); continue }
      out.push({ manifest: m, dbFile, manifestFile: file })
    }
  }
  const covered = (m: SnapshotManifest) => Object.values(m.vector).reduce((a, b) => a + b, 0)
  return out.sort((a, b) => covered(a.manifest) - covered(b.manifest) || a.manifest.createdAt.localeCompare(b.manifest.createdAt))
}

/** How many events a snapshot covers that the holder of `have` lacks. */
export function lacking(manifest: SnapshotManifest, have: Vector): number {
  let n = 0
  for (const [r, seq] of Object.entries(manifest.vector)) n += Math.max(0, seq - (have[r] ?? 0))
  return n
}

/**
 * The checks that need no reading of the database file: schema level, district, size. A mismatch of size is a
 * truncated (or still growing) file.
 */
export function precheck(s: SnapshotCandidate, live: { migrations: number; district: string | null }): SnapshotSkipReason | null {
  if (s.manifest.migrations > live.migrations) return 'newer-schema'
  if (live.district && s.manifest.district && s.manifest.district !== live.district) return 'other-district'
  let size: number
  try { size = fs.statSync(s.dbFile).size } catch { return 'missing' }
  if (size !== s.manifest.bytes) return 'truncated'
  return null
}
