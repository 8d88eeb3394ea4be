/**
 * A first sync from a snapshot in the shared folder: the district office publishes one, a new office starts from
 * it and ends exactly where replaying every event would have brought it — its own offline work kept and applied,
 * its accounts and sessions still there, none of the publisher's accounts, hashes, sessions or device tokens in
 * the published file. A bad snapshot (truncated, wrong checksum, newer schema, a stale temporary file) is skipped
 * with its reason and the events do the work.
 */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createCore, databaseFileIn, type Core } from '../../../core/app'
import { openDatabase } from '../../../db/open'
import { holdCore, type CoreHolder } from '../../../core/holder'
import { createSite, updateSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { setAgreementWeight } from '../../../core/catalogue/catalogue'
import { syncFolder } from '../../../core/sync/folder'
import { folderJobOf, startFolderSync, type FolderJobOptions } from '../../../core/sync/folder-job'
import { listSnapshots, publishSnapshot, type SnapshotManifest } from '../../../core/sync/snapshot'
import { registerDevice } from '../../../core/sync/hub'
import { registerApplier, unregisterApplierForTest } from '../../../core/sync/registry'
import { eventIds, ledgerMatchesBalances, pendingCount, projectionHash, vectorNoLocal } from '../../helpers/sync'

const TODAY = () => '2026-06-01'
const dirs: string[] = []
const closers: Array<() => void> = []
afterEach(() => {
  closers.splice(0).reverse().forEach((c) => { try { c() } catch { /* closed already */ } })
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }))
})
const tmp = (name: string) => { const d = fs.mkdtempSync(path.join(os.tmpdir(), `reserve-snap-${name}-`)); dirs.push(d); return d }

function installation(name: string): { holder: CoreHolder; dir: string; file: string } {
  const dir = tmp(name)
  const file = databaseFileIn(dir)
  const holder = holdCore(() => createCore({ file, seed: 'reference', today: TODAY }))
  closers.push(() => holder.close())
  return { holder, dir, file }
}
const item = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
const ok = <T = any>(r: { ok: boolean; data?: unknown; error?: { message: string } }): T => { if (!r.ok) throw new Error(r.error!.message); return r.data as T }

/** An administrator signs in to the installation: its token. */
function signIn(h: CoreHolder, username: string, password = 'Snapshot2026'): string {
  const r = h.callWithSession({ client: 'test' }, 'auth.setup', { username, displayName: username, password })
  ok(r.result)
  return r.token!
}

/** Sites and receipts: `docs` postings of `lines` lines each (every posting is one event). */
function work(c: Core, prefix: string, docs: number, lines = 2) {
  createSite(c.context(), { id: `${prefix}-site`, code: `${prefix}-S`, name: `${prefix}储备库`, tier: 'street', regionCode: '310117001000' })
  for (let n = 0; n < docs; n++) {
    postReceipt(c.context(), {
      id: `${prefix}-doc-${n}`, siteId: `${prefix}-site`, docDate: '2026-05-01',
      lines: Array.from({ length: lines }, (_, i) => ({ itemId: item(c), lotNo: `${prefix}${n}-${i}`, quantity: i + 1 })),
    })
  }
}

const eventRows = (c: Core) => c.db.$client.prepare('SELECT id, replica_id, seq, hlc, type, version, entity_id, payload, author FROM events ORDER BY id').all()

const SMALL: FolderJobOptions = { publishAfter: 100, bootstrapAfter: 50 }

async function syncJob(h: CoreHolder, folder: string, opts: FolderJobOptions = SMALL) {
  const ctx = h.core.context()
  ok(h.core.call('sync.setFolder', { folder }))
  const { job, done } = startFolderSync(ctx, opts)
  await done
  if (job.error) throw job.error
  return job
}

/** The district office: 300 postings and a site, an account with a password, a session, a device token. */
async function publisher(folder: string) {
  const a = installation('a')
  const token = signIn(a.holder, 'district-admin')
  const device = registerDevice(a.holder.core.context(), { name: '街镇终端', scopeKind: 'district' }).token
  work(a.holder.core, 'A', 300)
  const job = await syncJob(a.holder, folder)
  expect(job.result!.published).toMatchObject({ published: true })
  const hash = a.holder.core.db.$client.prepare("SELECT password_hash FROM users WHERE username = 'district-admin'").pluck().get() as string
  return { ...a, token, device, hash }
}

const manifestOf = (folder: string): { m: SnapshotManifest; dbFile: string; manifestFile: string } => {
  const list = listSnapshots(folder, [])
  expect(list).toHaveLength(1)
  return { m: list[0].manifest, dbFile: list[0].dbFile, manifestFile: list[0].manifestFile }
}

describe('snapshots in the shared folder', () => {
  it('a new office starts from the snapshot and ends where replaying every event ends; its own work, accounts and session stay', async () => {
    const folder = tmp('share')
    const a = await publisher(folder)
    const { m, dbFile } = manifestOf(folder)
    expect(m).toMatchObject({ format: 1, replicaId: a.holder.core.replicaId, district: '310117000000', events: 302 })
    expect(m.vector[a.holder.core.replicaId]).toBe(302) // the site, 300 postings and the user account's event

    // the published file: none of the publisher's local tables, nothing of its secrets anywhere in its bytes
    const snap = new Database(dbFile, { readonly: true })
    for (const t of ['users', 'sessions', 'audit_log', 'settings', 'hub_devices']) expect(snap.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0)
    expect(snap.prepare('SELECT count(*) FROM replicas WHERE is_local = 1').pluck().get()).toBe(0)
    expect(snap.prepare('SELECT count(*) FROM events').pluck().get()).toBe(302)
    snap.close()
    const bytes = fs.readFileSync(dbFile)
    const hashOf = (s: string) => require('node:crypto').createHash('sha256').update(s).digest('hex') as string
    // (the user name itself travels in the user.created event, by design; its password hash never does)
    for (const secret of [a.hash, hashOf(a.token), hashOf(a.device)]) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false)
    expect(fs.readFileSync(a.file).includes(Buffer.from(a.hash))).toBe(true) // while the publisher's own file has it

    // The new office worked offline first: its own site, 20 postings, its own administrator signed in.
    const b = installation('b')
    const bToken = signIn(b.holder, 'street-keeper')
    work(b.holder.core, 'B', 20)
    const bOwnEvents = eventIds(b.holder.core)
    const job = await syncJob(b.holder, folder)
    expect(job.bootstrap).toMatchObject({ replicaId: a.holder.core.replicaId, events: 302 })
    expect(job.bootstrap!.reapplied).toBe(bOwnEvents.length) // its own 22 events, through the appliers
    expect(job.snapshotsSkipped).toEqual([])
    const bCore = b.holder.core
    expect(eventIds(bCore)).toEqual(expect.arrayContaining(bOwnEvents))
    expect(bCore.db.$client.prepare("SELECT count(*) FROM documents WHERE id LIKE 'B-doc-%'").pluck().get()).toBe(20)
    // its accounts and its session: the keeper is still signed in; the publisher's account is not here
    expect(bCore.db.$client.prepare('SELECT username FROM users').pluck().all()).toEqual(['street-keeper'])
    const me = b.holder.callWithSession({ token: bToken, client: 'test' }, 'auth.status', {})
    expect(ok(me.result)).toMatchObject({ user: { username: 'street-keeper' } })
    expect(bCore.db.$client.prepare("SELECT value FROM settings WHERE key = 'sync.folder'").pluck().get()).toBe(folder)
    expect(bCore.db.$client.prepare('SELECT id FROM replicas WHERE is_local = 1').pluck().all()).toEqual([bCore.replicaId])
    expect(job.result).toMatchObject({ pending: 0 })
    expect(pendingCount(bCore)).toBe(0)

    // An office that replayed every event from the segments holds exactly the same.
    const c = createCore({ file: ':memory:', seed: 'reference', today: TODAY })
    closers.push(() => c.close())
    syncFolder(c.context(), folder)
    expect(eventIds(bCore)).toEqual(eventIds(c))
    expect(eventRows(bCore)).toEqual(eventRows(c)) // the events table itself, row for row
    expect(vectorNoLocal(bCore)).toEqual(vectorNoLocal(c))
    expect(projectionHash(bCore)).toBe(projectionHash(c))
    expect(ledgerMatchesBalances(bCore)).toBe(true)
    // and the publisher, once it has B's events, too
    await syncJob(a.holder, folder)
    expect(projectionHash(a.holder.core)).toBe(projectionHash(bCore))
    expect(fs.readdirSync(path.dirname(b.file)).filter((n) => n.includes('bootstrap'))).toEqual([]) // nothing left beside the file
  }, 120_000)

  it('publishes only past the threshold, replaces its older snapshot, and skips a read-only folder', async () => {
    const folder = tmp('share')
    const a = installation('a')
    work(a.holder.core, 'A', 40)
    expect((await syncJob(a.holder, folder)).result!.published).toMatchObject({ published: false, reason: 'below-threshold' })
    work(a.holder.core, 'A2', 80)
    await syncJob(a.holder, folder)
    const first = manifestOf(folder).m
    work(a.holder.core, 'A3', 120)
    await syncJob(a.holder, folder)
    const second = manifestOf(folder).m // the older one is gone
    expect(second.events).toBeGreaterThan(first.events)
    expect(fs.readdirSync(path.dirname(manifestOf(folder).dbFile)).sort()).toEqual([second.file, second.file.replace(/\.db$/, '.json')].sort())

    if (process.getuid?.() === 0) return // root writes through a read-only mode
    work(a.holder.core, 'A4', 150)
    const snapDir = path.dirname(manifestOf(folder).dbFile)
    fs.chmodSync(snapDir, 0o555)
    try {
      const job = await syncJob(a.holder, folder)
      expect(job.result!.published).toMatchObject({ published: false })
    } finally { fs.chmodSync(snapDir, 0o755) }
  }, 120_000)

  it.each([
    ['truncated', (f: { dbFile: string }) => fs.truncateSync(f.dbFile, fs.statSync(f.dbFile).size - 4096), 'truncated'],
    ['bad checksum', (f: { dbFile: string }) => { const b = fs.readFileSync(f.dbFile); b[b.length - 100] ^= 0xff; fs.writeFileSync(f.dbFile, b) }, 'checksum'],
    ['newer schema', (f: { manifestFile: string; m: SnapshotManifest }) => fs.writeFileSync(f.manifestFile, JSON.stringify({ ...f.m, migrations: f.m.migrations + 1 })), 'newer-schema'],
  ] as const)('a snapshot with a %s is skipped with its reason; the events bring everything', async (_name, damage, reason) => {
    const folder = tmp('share')
    const a = await publisher(folder)
    const f = manifestOf(folder)
    damage(f as never)
    const b = installation('b')
    work(b.holder.core, 'B', 5)
    const job = await syncJob(b.holder, folder)
    expect(job.bootstrap).toBeNull()
    expect(job.snapshotsSkipped).toEqual([{ file: f.dbFile, reason }])
    expect(job.result).toMatchObject({ imported: 302, pending: 0 })
    await syncJob(a.holder, folder)
    expect(eventIds(b.holder.core)).toEqual(eventIds(a.holder.core))
    expect(projectionHash(b.holder.core)).toBe(projectionHash(a.holder.core))
    expect(fs.readdirSync(b.dir).filter((n) => n.includes('bootstrap'))).toEqual([])
  }, 120_000)

  it('an office with its own changes that no applier of this build can make again keeps them: no bootstrap, events instead', async () => {
    const folder = tmp('share')
    const a = await publisher(folder)
    const b = installation('b')
    work(b.holder.core, 'B', 3)
    updateSite(b.holder.core.context(), 'B-site', { phone: '021-57000000' })
    // as a build that projects site.updated locally but has no applier for it yet
    const applier = unregisterApplierForTest('site.updated')
    let job: Awaited<ReturnType<typeof syncJob>>
    try { job = await syncJob(b.holder, folder) } finally { if (applier) registerApplier('site.updated', applier) }
    expect(job.bootstrap).toBeNull()
    expect(job.snapshotsSkipped).toEqual([{ file: manifestOf(folder).dbFile, reason: 'local-unappliable', types: ['site.updated'] }])
    expect(b.holder.core.db.$client.prepare("SELECT phone FROM sites WHERE id = 'B-site'").pluck().get()).toBe('021-57000000')
    expect(job.result).toMatchObject({ imported: 302 })
    expect(eventIds(b.holder.core)).toEqual(expect.arrayContaining(eventIds(a.holder.core)))
    expect(fs.readdirSync(b.dir).filter((n) => n.includes('bootstrap'))).toEqual([])
  }, 120_000)

  it('a snapshot of an older schema is brought up to date by the migrations, then used', async () => {
    const folder = tmp('share')
    const a = await publisher(folder)
    const f = manifestOf(folder)
    // as a build one migration older would have made it: its schema objects made like those of a file made with
    // every migration but the last — the last one's tables, indexes and triggers dropped, the indexes and triggers
    // it dropped made again, the columns it added dropped — and its row gone (a last migration that changes a
    // column in another way needs more here)
    const migrations = path.join(__dirname, '..', '..', '..', 'db', 'migrations')
    const journal = JSON.parse(fs.readFileSync(path.join(migrations, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }
    const previous = tmp('previous-migrations')
    fs.mkdirSync(path.join(previous, 'meta'))
    fs.writeFileSync(path.join(previous, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }))
    for (const e of journal.entries.slice(0, -1)) fs.copyFileSync(path.join(migrations, `${e.tag}.sql`), path.join(previous, `${e.tag}.sql`))
    const before = openDatabase({ file: ':memory:', migrationsFolder: previous }).$client
    type Obj = { type: string; name: string; sql: string | null }
    const schema = (d: Database.Database) => new Map((d.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as Obj[]).map((o) => [o.name, o]))
    const want = schema(before)
    before.close()
    const current = openDatabase({ file: ':memory:', migrationsFolder: migrations }).$client
    const latest = schema(current)
    current.close()
    const sqlOf = (m: Map<string, Obj>) => [...m.values()].map((o) => `${o.type} ${o.name} ${o.sql ?? ''}`).sort()
    expect(sqlOf(want)).not.toEqual(sqlOf(latest)) // the last migration changes the schema: there is something to bring up to date
    const old = new Database(f.dbFile)
    const have = schema(old)
    for (const type of ['trigger', 'index', 'table']) for (const o of have.values()) if (o.type === type && !want.has(o.name)) old.exec(`DROP ${type.toUpperCase()} IF EXISTS "${o.name}"`)
    for (const type of ['index', 'trigger']) for (const o of want.values()) if (o.type === type && o.sql && !have.has(o.name)) old.exec(o.sql)
    const last = fs.readFileSync(path.join(migrations, `${journal.entries[journal.entries.length - 1].tag}.sql`), 'utf8')
    for (const m of last.matchAll(/ALTER TABLE `(\w+)` ADD `(\w+)`/g)) old.exec(`ALTER TABLE "${m[1]}" DROP COLUMN "${m[2]}"`)
    old.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)')
    expect([...schema(old).keys()].sort()).toEqual([...want.keys()].sort())
    old.close()
    const bytes = fs.readFileSync(f.dbFile)
    const sha256 = require('node:crypto').createHash('sha256').update(bytes).digest('hex') as string
    fs.writeFileSync(f.manifestFile, JSON.stringify({ ...f.m, migrations: f.m.migrations - 1, bytes: bytes.length, sha256 }))
    const b = installation('b')
    const job = await syncJob(b.holder, folder)
    expect(job.bootstrap).toMatchObject({ events: 302 })
    const c = b.holder.core.db.$client
    expect(c.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(f.m.migrations)
    expect(sqlOf(schema(c))).toEqual(sqlOf(latest)) // the file now has exactly the schema of this build
    expect(projectionHash(b.holder.core)).toBe(projectionHash(a.holder.core))
  }, 120_000)

  it('a stale temporary file of an interrupted publish is skipped, not read', async () => {
    const folder = tmp('share')
    const a = await publisher(folder)
    const f = manifestOf(folder)
    // an interrupted publish of the same replica: half a database under a temporary name, no manifest
    fs.writeFileSync(path.join(path.dirname(f.dbFile), '.999-abcdefabcdef.db.123456.tmp'), fs.readFileSync(f.dbFile).subarray(0, 10_000))
    const b = installation('b')
    const job = await syncJob(b.holder, folder)
    expect(job.snapshotsSkipped).toEqual([{ file: path.join(path.dirname(f.dbFile), '.999-abcdefabcdef.db.123456.tmp'), reason: 'temporary' }])
    expect(job.bootstrap).toMatchObject({ events: 302 }) // the good snapshot beside it is used
    expect(projectionHash(b.holder.core)).toBe(projectionHash(a.holder.core))
  }, 120_000)

  it('sync-now reports progress to sync.overview while it runs, and a second sync-now is refused', async () => {
    const folder = tmp('share')
    const a = installation('a')
    work(a.holder.core, 'A', 200)
    syncFolder(a.holder.core.context(), folder, { segmentSize: 10 })
    const b = installation('b')
    const token = signIn(b.holder, 'keeper')
    const call = (method: string, input: unknown = {}) => b.holder.callWithSession({ token, client: 'test' }, method, input).result
    ok(call('sync.setFolder', { folder }))
    const started = ok(call('sync.now'))
    expect(started).toMatchObject({ folder: true, folderJob: { running: true } })
    // the job pauses between batches: the api answers meanwhile, and refuses a second sync
    const again = call('sync.now')
    expect(again).toMatchObject({ ok: false, error: { code: 'SYNC_RUNNING', message: '正在同步，请等这次同步完成后再试（进度见同步页面）' } })
    expect(b.holder.callWithSession({ token, client: 'test' }, 'sync.now', {}, 'en').result)
      .toMatchObject({ ok: false, error: { message: 'A sync is already running; wait until it finishes (see its progress on the sync page)' } })
    const seen: Array<{ phase: string; percent: number }> = []
    for (let i = 0; i < 10_000; i++) {
      const o = ok<{ folderJob: { running: boolean; phase: string; percent: number } }>(call('sync.overview'))
      seen.push({ phase: o.folderJob.phase, percent: o.folderJob.percent })
      if (!o.folderJob.running) break
      await new Promise((r) => setImmediate(r))
    }
    expect(seen.some((s) => s.phase === 'import' && s.percent > 0 && s.percent < 100)).toBe(true)
    const last = ok<{ folderJob: { running: boolean; result: { imported: number }; error: string | null } }>(call('sync.overview'))
    expect(last.folderJob).toMatchObject({ running: false, error: null, result: { imported: 201 } })
    expect(folderJobOf(b.holder.core.context())?.running).toBe(false)
    expect(ok(call('sync.now'))).toMatchObject({ folder: true }) // once finished, a new one may start
    await new Promise<void>((r) => { const t = setInterval(() => { if (!folderJobOf(b.holder.core.context())?.running) { clearInterval(t); r() } }, 10) })
  }, 120_000)

  it('publishSnapshot of an in-process core writes a manifest that describes the file', async () => {
    const folder = tmp('share')
    const work_ = tmp('work')
    const a = installation('a')
    work(a.holder.core, 'A', 10)
    setAgreementWeight(a.holder.core.context(), 0.5) // a district-wide rule, carried by a setting.changed event
    a.holder.core.call('sync.setFolder', { folder }) // this office's own setting
    expect(await publishSnapshot(a.holder.core.db, { folder, replicaId: a.holder.core.replicaId, threshold: 5, workDir: work_ })).toMatchObject({ published: true, events: 12 })
    const { m, dbFile } = manifestOf(folder)
    const snap = new Database(dbFile, { readonly: true })
    expect(snap.prepare('SELECT key, value FROM settings').all()).toEqual([{ key: 'compliance.agreementWeight', value: '0.5' }])
    snap.close()
    expect(m.bytes).toBe(fs.statSync(dbFile).size)
    expect(m.sha256).toBe(require('node:crypto').createHash('sha256').update(fs.readFileSync(dbFile)).digest('hex'))
    expect(fs.readdirSync(work_)).toEqual([])
  })
})
