/**
 * One conformance suite for the hub's event stores: SQLite, and PostgreSQL — the server at DATABASE_URL when it is
 * set (CI), otherwise PGlite, an in-process PostgreSQL behind the same pg.Pool (tests/helpers/pglite.ts), so the
 * PostgreSQL half runs on every clone; the test names say which engine ran. A fresh schema per test, dropped afterwards. Stores keep each event once, keep vectors over contiguous seqs, answer
 * with exactly what the caller lacks, refuse (with nothing stored) what the device may not write, and keep the
 * device list the /sync check reads — under PostgreSQL in PostgreSQL, not in the hub's file.
 */
import { describe, it, expect, afterEach, afterAll, beforeAll } from 'vitest'
import { randomBytes } from 'node:crypto'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { eventsSince, vectorOf } from '../../../core/sync/exchange'
import { hubSync, listDevices, mirrorDevices, registerDevice, revokeDevice, sqliteHubStore, syncWithHub, type DeviceInput, type HubEventStore } from '../../../core/sync/hub'
import type { SyncEvent } from '../../../core/sync/registry'
import { pgHubStore, mirroredStore, type PgHubStore, type PgPool } from '../../../server/hub-pg'
import { pglitePool, type PglitePool } from '../../helpers/pglite'
import { eventIds, projectionHash } from '../../helpers/sync'
import { hubSession } from '../../helpers/hub'
import { createHub, type Hub } from '../../../server/hub'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { office } from '../../helpers/core'

const DATABASE_URL = process.env.DATABASE_URL
const STREET = '310117001000'

const cleanups: Array<() => unknown> = []
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c() })

const itemOf = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
const otherStreet = (c: Core) => c.db.$client.prepare("SELECT code FROM regions WHERE level = 'street' AND code <> ? ORDER BY code LIMIT 1").pluck().get(STREET) as string

/** An office with a site and `n` receipts: n + 1 events of its replica. */
function busyOffice(n: number, siteId = `site-${randomBytes(3).toString('hex')}`, region = STREET): Core {
  const c = office()
  createSite(c.context(), { id: siteId, code: siteId.slice(-6), name: '储备库', tier: 'street', regionCode: region })
  for (let i = 0; i < n; i++) {
    postReceipt(c.context(), { id: `doc-${siteId}-${i}`, siteId, docDate: '2026-05-01', lines: [{ itemId: itemOf(c), lotNo: `L${i}`, quantity: i + 1 }] })
  }
  return c
}
const ids = (es: SyncEvent[]) => es.map((e) => e.id)
/** a vector without zero entries (a replica seen at 0 is a replica not seen) */
const nz = async (v: Promise<Record<string, number>>) => Object.fromEntries(Object.entries(await v).filter(([, n]) => n > 0))

interface Subject { hub: Core; store: HubEventStore }
type Factory = () => Promise<Subject>

/** The administrator's device calls, as the hub runs them (server/hub.ts): on the hub's file, then mirrored. */
async function register(s: Subject, input: DeviceInput) {
  const reg = registerDevice(s.hub.context(), input)
  await mirrorDevices(s.hub.context(), s.store)
  return reg
}
async function revoke(s: Subject, id: string) {
  revokeDevice(s.hub.context(), id)
  await mirrorDevices(s.hub.context(), s.store)
}

function conformance(name: string, make: Factory) {
  describe(`hub event store: ${name}`, () => {
    it('stores each event once, whatever the order or how often it is sent', async () => {
      const { store } = await make()
      const a = busyOffice(4)
      const all = eventsSince(a.db, {})
      expect(await store.put(all)).toBe(5)
      expect(await store.put(all)).toBe(0)
      expect(await store.put([...all].reverse().concat(all))).toBe(0)
      expect(ids(await store.since({}))).toEqual(ids(all))
      expect(await nz(store.vector())).toEqual({ [a.replicaId]: 5 })
    })

    it('keeps the vector at the last contiguous seq and fills the gap when it arrives', async () => {
      const { store } = await make()
      const a = busyOffice(4)
      const [e1, e2, e3, e4, e5] = eventsSince(a.db, {})
      expect(await store.put([e1, e2, e4, e5])).toBe(4)
      expect((await store.vector())[a.replicaId]).toBe(2)
      // what lies beyond the gap is still handed out: the receiver keeps it and asks for the gap again
      expect(ids(await store.since({ [a.replicaId]: 2 }))).toEqual([e4.id, e5.id])
      expect(await store.put([e3])).toBe(1)
      expect((await store.vector())[a.replicaId]).toBe(5)
      expect(ids(await store.since({ [a.replicaId]: 2 }))).toEqual([e3.id, e4.id, e5.id])
    })

    it('two devices sending at the same moment: every event stored once, each vector entry whole', async () => {
      const { store } = await make()
      const a = busyOffice(6), b = busyOffice(5)
      const ea = eventsSince(a.db, {}), eb = eventsSince(b.db, {})
      // each sends in small requests, interleaved, one of them twice (a retry after a lost answer)
      const sends = [0, 2, 4, 6].flatMap((i) => [ea.slice(i, i + 2), eb.slice(i, i + 2)]).filter((x) => x.length)
      const stored = await Promise.all([...sends, ea.slice(2, 4)].map((x) => store.put(x)))
      expect(stored.reduce((n, x) => n + x, 0)).toBe(ea.length + eb.length)
      expect(await nz(store.vector())).toEqual({ [a.replicaId]: 7, [b.replicaId]: 6 })
      expect(ids(await store.since({})).sort()).toEqual([...ids(ea), ...ids(eb)].sort())
    })

    it('answers with exactly what the caller lacks, in seq order, within the limit', async () => {
      const { store } = await make()
      const a = busyOffice(3), b = busyOffice(2)
      await store.put(eventsSince(a.db, {}))
      await store.put(eventsSince(b.db, {}))
      expect(ids(await store.since({ [a.replicaId]: 4, [b.replicaId]: 1 }))).toEqual(ids(eventsSince(b.db, { [b.replicaId]: 1 })))
      expect(await store.since({ [a.replicaId]: 4, [b.replicaId]: 3 })).toEqual([])
      const limited = await store.since({}, 3)
      expect(limited).toHaveLength(3)
      // payloads come back as they were sent
      expect(await store.since({ [b.replicaId]: 3 })).toEqual(eventsSince(a.db, { [b.replicaId]: 3 }).filter((e) => e.replicaId === a.replicaId))
    })

    it('refuses an unauthenticated or out-of-scope write and stores none of it', async () => {
      const subject = await make()
      const { hub, store } = subject
      const before = await store.vector()
      const a = busyOffice(2, 'site-far', otherStreet(office()))
      await expect(hubSync(hub.context(), store, undefined, { vector: {}, events: eventsSince(a.db, {}) })).rejects.toMatchObject({ code: 'SYNC_TOKEN_INVALID' })
      await expect(hubSync(hub.context(), store, 'rn_wrong', { vector: {}, events: [] })).rejects.toMatchObject({ code: 'SYNC_TOKEN_INVALID' })
      const token = (await register(subject, { name: '中山街道', scopeKind: 'street', scopeRef: STREET })).token
      await expect(hubSync(hub.context(), store, token, { vector: {}, events: eventsSince(a.db, {}) }))
        .rejects.toMatchObject({ code: 'SYNC_OUT_OF_SCOPE', params: expect.objectContaining({ siteId: expect.any(String) }) })
      expect(await store.vector()).toEqual(before)
    })

    it('a street office\'s first sync carries its new site and its receipts, and is accepted', async () => {
      const subject = await make()
      const { hub, store } = subject
      const token = (await register(subject, { name: '中山街道', scopeKind: 'street', scopeRef: STREET })).token
      const b = busyOffice(2, 'site-own', STREET)
      const r = await hubSync(hub.context(), store, token, { vector: vectorOf(b.db), events: eventsSince(b.db, {}) })
      expect(r.stored).toBe(3)
    })

    it('offices converge through the store; a revoked device is refused', async () => {
      const subject = await make()
      const { hub, store } = subject
      const reg = await register(subject, { name: '区储备库', scopeKind: 'district' })
      const tb = (await register(subject, { name: '永丰街道', scopeKind: 'district' })).token
      const a = busyOffice(3), b = busyOffice(2)
      const post = (t: string) => (body: unknown) => hubSync(hub.context(), store, t, body, { limit: 2 })
      await syncWithHub(a.context(), post(reg.token))
      await syncWithHub(b.context(), post(tb))
      await syncWithHub(a.context(), post(reg.token))
      expect(projectionHash(a)).toBe(projectionHash(b))
      expect(await nz(store.vector())).toEqual({ [a.replicaId]: 4, [b.replicaId]: 3 })
      await revoke(subject, reg.id)
      await expect(syncWithHub(a.context(), post(reg.token))).rejects.toMatchObject({ code: 'SYNC_TOKEN_INVALID' })
    })

    it('keeps the device list: each device\'s scope, its replica and its last sync, never its token', async () => {
      const subject = await make()
      const { hub, store } = subject
      const reg = await register(subject, { name: '中山街道', scopeKind: 'street', scopeRef: STREET })
      const a = busyOffice(1)
      await syncWithHub(a.context(), (body) => hubSync(hub.context(), store, reg.token, body))
      const [d] = await store.devices.all()
      expect(d).toMatchObject({ id: reg.id, name: '中山街道', scopeKind: 'street', scopeRef: STREET, replicaId: a.replicaId, revokedAt: null })
      expect(d.lastSeenAt).toMatch(/^\d{4}-\d\d-\d\dT/)
      expect(JSON.stringify(await store.devices.all())).not.toContain(reg.token)
      // and what the administrator's page lists, after the hub mirrors it
      await mirrorDevices(hub.context(), store)
      expect(listDevices(hub.context())).toEqual([expect.objectContaining({ id: reg.id, replicaId: a.replicaId, lastSeenAt: d.lastSeenAt })])
    })

    it('a revocation stands against an older copy of the device list (a hub file restored from a backup)', async () => {
      const subject = await make()
      const { hub, store } = subject
      const reg = await register(subject, { name: '区储备库', scopeKind: 'district' })
      const older = await store.devices.all()
      await revoke(subject, reg.id)
      await store.devices.merge(older)
      await store.devices.merge(older.map((d) => ({ ...d, revokedAt: '2099-01-01T00:00:00.000Z' })))
      const [d] = await store.devices.all()
      expect(d.revokedAt).not.toBeNull()
      expect(d.revokedAt! < '2099').toBe(true) // the first revocation is the one on record
      await expect(hubSync(hub.context(), store, reg.token, { vector: {}, events: [] })).rejects.toMatchObject({ code: 'SYNC_TOKEN_INVALID' })
    })
  })
}

conformance('SQLite', async () => {
  const hub = office()
  return { hub, store: sqliteHubStore(hub.context()) }
})

// PostgreSQL: the server at DATABASE_URL, or PGlite in this process; a fresh schema per test, all dropped at the end.
const PG_ENGINE = DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : 'PostgreSQL on PGlite (in-process; DATABASE_URL unset)'
const runId = `hubtest_${process.pid}_${randomBytes(3).toString('hex')}`
const pgStores: PgHubStore[] = []
let schemaNo = 0
let pglite: PglitePool | undefined
// PGlite starts in seconds (it runs initdb), once for the file
beforeAll(async () => { if (!DATABASE_URL) pglite = await pglitePool() }, 120_000)
/** the url (each store opens its own pool) or the one PGlite pool all stores share */
const pgSource = async (): Promise<string | PgPool> => DATABASE_URL ?? pglite!.pool
async function pgSubject(): Promise<Subject & { log: PgHubStore }> {
  const log = await pgHubStore(await pgSource(), { schema: `${runId}_${schemaNo++}`, pool: 2 })
  pgStores.push(log)
  return { hub: office(), store: log, log }
}
afterAll(async () => {
  for (const s of pgStores) { await s.drop(); await s.close() }
  await pglite?.close()
}, 60_000)

conformance(PG_ENGINE, pgSubject)

describe(`${PG_ENGINE}: hub log with the hub's SQLite file as its projection`, () => {
  it('what devices send shows in the hub\'s own data; a fresh hub file catches up from the log', async () => {
    const { hub, log } = await pgSubject()
    const store = mirroredStore(log, hub.context())
    const token = (await register({ hub, store }, { name: '区', scopeKind: 'district' })).token
    const a = busyOffice(3)
    await syncWithHub(a.context(), (body) => hubSync(hub.context(), store, token, body))
    expect(projectionHash(hub)).toBe(projectionHash(a))
    // The hub's file is lost (a new machine): it is rebuilt from the log.
    const fresh = office()
    const again = mirroredStore(log, fresh.context())
    await again.catchUp()
    expect(projectionHash(fresh)).toBe(projectionHash(a))
    // The hub's own events (made in its browser UI) reach the log and so the devices.
    createSite(fresh.context(), { id: 'site-hub', code: 'H1', name: '区中心库', tier: 'district', regionCode: STREET })
    // the device list lives in the log: the office's token still holds on the new hub file (a second token for
    // the same office would be refused: its replica is bound to the first device)
    await syncWithHub(a.context(), (body) => hubSync(fresh.context(), again, token, body))
    expect(a.db.$client.prepare("SELECT name FROM sites WHERE id = 'site-hub'").pluck().get()).toBe('区中心库')
    expect((await log.vector())[fresh.replicaId]).toBe(1)
  })

  it('devices are kept in PostgreSQL: the check holds without the hub file\'s copy, and a new hub file gets them back', async () => {
    const { hub, log } = await pgSubject()
    const store = mirroredStore(log, hub.context())
    const reg = await register({ hub, store }, { name: '中山街道', scopeKind: 'street', scopeRef: STREET })
    hub.db.$client.prepare('DELETE FROM hub_devices').run()
    const a = busyOffice(2)
    expect(await syncWithHub(a.context(), (body) => hubSync(hub.context(), store, reg.token, body))).toMatchObject({ sent: 3 })
    expect(hub.db.$client.prepare('SELECT count(*) FROM hub_devices').pluck().get()).toBe(0) // nothing written to the file
    // a new machine: its file learns the devices from the log, with what the hub recorded of them
    const fresh = office()
    const again = mirroredStore(log, fresh.context())
    await again.catchUp()
    await mirrorDevices(fresh.context(), again)
    expect(listDevices(fresh.context())).toEqual([expect.objectContaining({ id: reg.id, name: '中山街道', replicaId: a.replicaId, revokedAt: null })])
  })

  it('through the hub: a device registered on one hub file still syncs after the hub moves to a new data folder', async () => {
    const schema = `${runId}_${schemaNo++}`
    const dirs: string[] = []
    const start = async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-hubpg-'))
      dirs.push(dataDir)
      const source = await pgSource()
      return createHub({
        dataDir, seed: 'reference', today: () => '2026-06-01', dailyBackups: false, databaseSchema: schema,
        ...(typeof source === 'string' ? { databaseUrl: source } : { databasePool: source }),
      })
    }
    cleanups.push(async () => {
      const log = await pgHubStore(await pgSource(), { schema, pool: 1 })
      await log.drop(); await log.close()
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
    })
    const first = await start()
    const admin = await hubSession(first.app)
    expect((await admin.post('auth.setup', { username: 'chief', displayName: '李科长', password: 'Chief2026' })).statusCode).toBe(200)
    const reg = (await admin.post('sync.registerDevice', { name: '中山街道', scopeKind: 'street', scopeRef: STREET })).json().data as { id: string; token: string }
    const a = busyOffice(1)
    const post = (h: Hub) => async (body: unknown) => {
      const r = await h.app.inject({ method: 'POST', url: '/sync', payload: body as object, headers: { authorization: `Bearer ${reg.token}` } })
      if (r.statusCode !== 200) throw Object.assign(new Error(r.body), { status: r.statusCode })
      return r.json()
    }
    await syncWithHub(a.context(), post(first))
    await first.app.close()

    const second = await start()
    try {
      const b = office()
      await syncWithHub(b.context(), post(second))
      expect(eventIds(b)).toEqual(expect.arrayContaining(eventIds(a)))
      expect(listDevices(second.core.context())).toEqual([expect.objectContaining({ id: reg.id, replicaId: a.replicaId })])
    } finally {
      await second.app.close()
    }
  })

  it('a posting in the hub\'s own UI is in PostgreSQL when the answer is sent, before any device syncs (issue 20, item 5)', async () => {
    const schema = `${runId}_${schemaNo++}`
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-hubpg-'))
    const source = await pgSource()
    const h = await createHub({
      dataDir, seed: 'reference', today: () => '2026-06-01', dailyBackups: false, databaseSchema: schema,
      ...(typeof source === 'string' ? { databaseUrl: source } : { databasePool: source }),
    })
    const log = await pgHubStore(source, { schema, pool: 1 })
    cleanups.push(async () => { await h.app.close(); await log.drop(); await log.close(); fs.rmSync(dataDir, { recursive: true, force: true }) })
    const admin = await hubSession(h.app)
    expect((await admin.post('auth.setup', { username: 'chief', displayName: '李科长', password: 'Chief2026' })).statusCode).toBe(200)
    const opened = await admin.post('network.openSite', { id: 'S-PG', code: 'PG1', name: '中山街道储备库', tier: 'street', regionCode: STREET })
    expect(opened.statusCode, opened.body).toBe(200)
    const posted = await admin.post('stock.receive', { id: 'doc-pg-1', siteId: 'S-PG', docDate: '2026-05-01', lines: [{ itemId: itemOf(h.core), lotNo: 'PG', quantity: 3 }] })
    expect(posted.statusCode, posted.body).toBe(200)
    // no device has synced: the log already holds every event the hub made, up to the receipt
    const own = h.core.replicaId
    const inLog = (await log.since({})).filter((e) => e.replicaId === own)
    expect(inLog.map((e) => e.id)).toEqual(eventsSince(h.core.db, {}).filter((e) => e.replicaId === own).map((e) => e.id))
    expect(inLog.some((e) => e.type === 'stock.document.posted' && e.entityId === 'doc-pg-1')).toBe(true)
    expect((await log.vector())[own]).toBe(vectorOf(h.core.db)[own])
  })

  it('start-up with PostgreSQL: a forged event under the hub\'s replica is removed from the log; a hub file older than the log continues under a new replica id and gets its postings back', async () => {
    const schema = `${runId}_${schemaNo++}`
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-hubpg-'))
    const source = await pgSource()
    const messages: string[] = []
    const start = () => createHub({
      dataDir, seed: 'reference', today: () => '2026-06-01', dailyBackups: false, databaseSchema: schema, onProgress: (m) => messages.push(m),
      ...(typeof source === 'string' ? { databaseUrl: source } : { databasePool: source }),
    })
    const log = await pgHubStore(source, { schema, pool: 1 })
    cleanups.push(async () => { await log.drop(); await log.close(); fs.rmSync(dataDir, { recursive: true, force: true }) })
    let h = await start()
    const admin = await hubSession(h.app)
    expect((await admin.post('auth.setup', { username: 'chief', displayName: '李科长', password: 'Chief2026' })).statusCode).toBe(200)
    expect((await admin.post('network.openSite', { id: 'S-PG', code: 'PG1', name: '中山街道储备库', tier: 'street', regionCode: STREET })).statusCode).toBe(200)
    const own = h.core.replicaId
    const seq = vectorOf(h.core.db)[own]
    await h.app.close()

    // an earlier build let a device put this into the log: the hub's replica, three beyond its counter
    const other = busyOffice(1)
    const real = eventsSince(other.db, {}).pop()!
    await log.put([{ ...real, replicaId: own, seq: seq + 3, id: `${own}:${seq + 3}` }])
    const copy = path.join(dataDir, 'older.db')
    fs.copyFileSync(path.join(dataDir, 'reserve.db'), copy)
    h = await start()
    expect(messages.join('\n')).toContain(`${own}:${seq + 3}`)
    expect((await log.since({})).map((e) => e.id)).not.toContain(`${own}:${seq + 3}`)
    const s2 = await hubSession(h.app, 'chief', 'Chief2026')
    for (let i = 1; i <= 3; i++) {
      const r = await s2.post('stock.receive', { id: `doc-pg-${i}`, siteId: 'S-PG', docDate: '2026-05-01', lines: [{ itemId: itemOf(h.core), lotNo: 'PG', quantity: i }] })
      expect(r.statusCode, r.body).toBe(200)
    }
    const third = (await log.since({})).find((e) => e.id === `${own}:${seq + 3}`)
    expect(third).toMatchObject({ type: 'stock.document.posted', entityId: 'doc-pg-3' })
    await h.app.close()

    // the hub's file is put back from the older copy by hand: the log is ahead of it
    fs.rmSync(path.join(dataDir, 'reserve.db-wal'), { force: true })
    fs.rmSync(path.join(dataDir, 'reserve.db-shm'), { force: true })
    fs.copyFileSync(copy, path.join(dataDir, 'reserve.db'))
    messages.length = 0
    h = await start()
    cleanups.push(async () => { await h.app.close() })
    expect(h.core.replicaId).not.toBe(own)
    expect(messages.join('\n')).toContain(own)
    // the postings the file lacked are back from the log; the next one takes an id nobody has
    expect(h.core.db.$client.prepare("SELECT count(*) FROM documents WHERE id LIKE 'doc-pg-%'").pluck().get()).toBe(3)
    const s3 = await hubSession(h.app, 'chief', 'Chief2026')
    const r = await s3.post('stock.receive', { id: 'doc-pg-4', siteId: 'S-PG', docDate: '2026-05-01', lines: [{ itemId: itemOf(h.core), lotNo: 'PG', quantity: 4 }] })
    expect(r.statusCode, r.body).toBe(200)
    expect(h.core.db.$client.prepare("SELECT event_id FROM documents WHERE id = 'doc-pg-4'").pluck().get()).toBe(`${h.core.replicaId}:1`)
  })
})
