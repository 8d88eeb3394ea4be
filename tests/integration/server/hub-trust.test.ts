/**
 * Issue 20, item 1: one device cannot break the hub. Each reproduction runs against a real hub (fastify inject on
 * POST /sync): a street device forging the hub's own replica, claiming another device's replica, relaying beyond a
 * gap or for an office that syncs itself, sending another event under an id the hub holds, and malformed bodies.
 * Each is refused with a 4xx naming the field (or deferred / listed), leaves the data as it was, and the hub still
 * posts afterwards. A data folder already in the broken state is repaired at start-up.
 */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHub, type Hub } from '../../../server/hub'
import { createCore, databaseFileIn, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { registerDevice, syncWithHub, type SyncAnswer, type SyncRequest } from '../../../core/sync/hub'
import { eventsSince, receive, vectorOf } from '../../../core/sync/exchange'
import type { SyncEvent } from '../../../core/sync/registry'
import { office } from '../../helpers/core'
import { eventIds } from '../../helpers/sync'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c() })

const YUEYANG = '310117001000'

function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-trust-'))
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}
async function hub(dataDir = tempDir(), onProgress?: (m: string) => void): Promise<Hub> {
  const h = await createHub({ dataDir, seed: 'reference', today: () => '2026-06-01', dailyBackups: false, onProgress })
  cleanups.push(async () => { await h.app.close() })
  return h
}
const send = (h: Hub, token: string, body: unknown) =>
  h.app.inject({ method: 'POST', url: '/sync', payload: body as object, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } })
const poster = (h: Hub, token: string) => async (body: SyncRequest): Promise<SyncAnswer> => {
  const r = await send(h, token, body)
  if (r.statusCode !== 200) throw Object.assign(new Error(r.json().error.message), { status: r.statusCode, code: r.json().error.code })
  return r.json()
}
const item = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
const hubSeq = (h: Hub) => vectorOf(h.core.db)[h.core.replicaId]
let docN = 0
const post = (c: Core, siteId: string) =>
  postReceipt(c.context(), { id: `doc-trust-${++docN}`, siteId, docDate: '2026-05-02', lines: [{ itemId: item(c), lotNo: `L${docN}`, quantity: 2 }] })

/** A hub with a street site of 岳阳 and a street device; the street office has synced once. */
async function setup() {
  const h = await hub()
  createSite(h.core.context(), { id: 'Y1', code: 'YY', name: '岳阳街道储备库', tier: 'street', regionCode: YUEYANG })
  post(h.core, 'Y1')
  const street = registerDevice(h.core.context(), { name: '岳阳街道', scopeKind: 'street', scopeRef: YUEYANG }).token
  const s = office()
  await syncWithHub(s.context(), poster(h, street))
  return { h, street, s }
}
/** A stock.document.posted event for Y1 as a device could forge it, under any replica and seq. */
function forged(from: Core, replicaId: string, seq: number): SyncEvent {
  if (!from.db.$client.prepare("SELECT 1 FROM sites WHERE id = 'Y1'").get()) {
    createSite(from.context(), { id: 'Y1', code: 'YY', name: '岳阳街道储备库', tier: 'street', regionCode: YUEYANG })
  }
  post(from, 'Y1')
  const real = eventsSince(from.db, {}).filter((e) => e.type === 'stock.document.posted').pop()!
  return { ...real, id: `${replicaId}:${seq}`, replicaId, seq }
}

describe('POST /sync: a device writes only under its own name', () => {
  it('an event under the hub\'s own replica id is refused (403, named); nothing stored; the hub keeps posting, also after a restart', async () => {
    const { h, street, s } = await setup()
    const before = eventIds(h.core)
    const attack = forged(s, h.core.replicaId, hubSeq(h) + 3)
    const r = await send(h, street, { vector: vectorOf(s.db), events: [attack] })
    expect(r.statusCode).toBe(403)
    expect(r.json().error).toMatchObject({ code: 'SYNC_HUB_REPLICA', field: 'events' })
    expect(r.json().error.message).toContain(attack.id)
    expect(eventIds(h.core)).toEqual(before)
    // the hub's own postings go on past the seq the attack aimed at
    for (let i = 0; i < 4; i++) post(h.core, 'Y1')
    expect(hubSeq(h)).toBe(before.filter((id) => id.startsWith(`${h.core.replicaId}:`)).length + 4)
    // a device naming the hub's replica as its own is refused too
    const claim = await send(h, street, { vector: {}, events: [], replicaId: h.core.replicaId })
    expect(claim.statusCode).toBe(403)
    expect(claim.json().error.field).toBe('replicaId')
  })

  it('a device cannot send under another device\'s replica, as its own or relayed', async () => {
    const { h, street, s } = await setup()
    const other = registerDevice(h.core.context(), { name: '岳阳街道二', scopeKind: 'street', scopeRef: YUEYANG }).token
    const t = office()
    await syncWithHub(t.context(), poster(h, other)) // t's replica is bound to the second device
    const before = eventIds(h.core)
    // claiming it as its own: refused
    const claim = await send(h, street, { vector: {}, events: [], replicaId: t.replicaId })
    expect(claim.statusCode).toBe(403)
    expect(claim.json().error.code).toBe('SYNC_REPLICA_TAKEN')
    // relaying forged events in its name: not stored, deferred until t syncs itself
    const fake = forged(s, t.replicaId, (vectorOf(h.core.db)[t.replicaId] ?? 0) + 1)
    const relay = await send(h, street, { vector: vectorOf(s.db), events: [fake], replicaId: s.replicaId })
    expect(relay.statusCode).toBe(200)
    expect(relay.json().deferred).toEqual([t.replicaId])
    expect(eventIds(h.core)).toEqual(before)
    // t's own next posting under that seq is taken as t's
    createSite(t.context(), { id: 'Y1', code: 'YY', name: '岳阳街道储备库', tier: 'street', regionCode: YUEYANG })
    await syncWithHub(t.context(), poster(h, other))
    expect(h.core.db.$client.prepare('SELECT type FROM events WHERE id = ?').pluck().get(fake.id)).toBe('site.created')
  })

  it('relayed events beyond a gap are not stored (the owner fills that seq itself)', async () => {
    const { h, street, s } = await setup()
    const before = eventIds(h.core)
    const stranger = 'abcd1234' // an office the hub has never heard from
    const gap = forged(s, stranger, 3)
    const r = await send(h, street, { vector: vectorOf(s.db), events: [gap], replicaId: s.replicaId })
    expect(r.statusCode).toBe(200)
    expect(r.json().deferred).toEqual([stranger])
    expect(eventIds(h.core)).toEqual(before)
    // contiguous from what the hub holds, in the device's scope: taken
    const first = forged(s, stranger, 1)
    const ok = await send(h, street, { vector: vectorOf(s.db), events: [first], replicaId: s.replicaId })
    expect(ok.json().stored).toBe(1)
  })

  it('another event under an id the hub holds is refused and listed, never kept', async () => {
    const { h, street, s } = await setup()
    post(s, 'Y1')
    await syncWithHub(s.context(), poster(h, street))
    const held = eventsSince(s.db, {}).filter((e) => e.replicaId === s.replicaId).pop()!
    const stored = h.core.db.$client.prepare('SELECT payload FROM events WHERE id = ?').pluck().get(held.id)
    const changed = { ...held, payload: { ...(held.payload as object), reason: '改过的' } }
    const r = await send(h, street, { vector: vectorOf(s.db), events: [changed], replicaId: s.replicaId })
    expect(r.statusCode).toBe(200)
    expect(r.json().refused).toEqual([held.id])
    expect(h.core.db.$client.prepare('SELECT payload FROM events WHERE id = ?').pluck().get(held.id)).toBe(stored)
    const listed = h.core.db.$client.prepare("SELECT entity_id, detail FROM conflicts WHERE kind = 'event_refused'").all() as Array<{ entity_id: string; detail: string }>
    expect(listed.map((c) => c.entity_id)).toEqual([held.id])
    expect(JSON.parse(listed[0].detail).reason).toBe('conflict')
    // the office whose copy was refused lists it too, when its own sync meets the refusal
    const t = office()
    receive(t.context(), eventsSince(s.db, {}).filter((e) => e.id !== held.id))
    receive(t.context(), [changed])
    const other = registerDevice(h.core.context(), { name: '岳阳街道二', scopeKind: 'street', scopeRef: YUEYANG }).token
    await syncWithHub(t.context(), poster(h, other))
    expect(t.db.$client.prepare("SELECT entity_id FROM conflicts WHERE kind = 'event_refused'").pluck().all()).toEqual([held.id])
    // the same event again is nothing
    const again = await send(h, street, { vector: vectorOf(s.db), events: [held], replicaId: s.replicaId })
    expect(again.json().refused).toBeUndefined()
  })

  it('a malformed body is a 400 naming the field, never a 500', async () => {
    const { h, street } = await setup()
    const cases: Array<[unknown, string]> = [
      [{ vector: null, events: [] }, 'vector'],
      [{ vector: [], events: [] }, 'vector'],
      [{ vector: { abc: -1 }, events: [] }, 'vector.abc'],
      [{ vector: {}, events: null }, 'events'],
      [{ vector: {}, events: [{ id: 'x' }] }, 'events[0]'],
      [{ vector: {}, events: [], replicaId: 5 }, 'replicaId'],
      [[1, 2], 'body'],
    ]
    for (const [body, field] of cases) {
      const r = await send(h, street, body)
      expect(r.statusCode, JSON.stringify(body)).toBe(400)
      expect(r.json().error).toMatchObject({ code: 'SYNC_REQUEST_INVALID', field })
      expect(r.json().error.message).toContain(field)
    }
    const text = await h.app.inject({ method: 'POST', url: '/sync', payload: 'null', headers: { authorization: `Bearer ${street}`, 'content-type': 'application/json' } })
    expect(text.statusCode).toBe(400)
  })
})

describe('a data folder already broken by an earlier build', () => {
  it('is repaired at start-up with a message saying what was found; the hub posts again', async () => {
    const dir = tempDir()
    const first = await hub(dir)
    createSite(first.core.context(), { id: 'Y1', code: 'YY', name: '岳阳街道储备库', tier: 'street', regionCode: YUEYANG })
    const hubReplica = first.core.replicaId
    const seq = hubSeq(first)
    const s = office()
    const attack = forged(s, hubReplica, seq + 1)
    await first.app.close()
    cleanups.pop()
    // what an earlier build stored: the forged event under the hub's replica, beyond its counter
    const raw = createCore({ file: databaseFileIn(dir), seed: 'none' })
    raw.db.$client.prepare(`INSERT INTO events (id, replica_id, seq, hlc, type, version, entity_id, payload, author, applied_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(attack.id, hubReplica, attack.seq, attack.hlc, attack.type, attack.version, attack.entityId,
      JSON.stringify(attack.payload), attack.author, new Date().toISOString())
    expect(() => post(raw, 'Y1')).toThrow(/UNIQUE/) // the hub could no longer post
    raw.close()

    const messages: string[] = []
    const again = await hub(dir, (m) => messages.push(m))
    expect(messages.join('\n')).toContain(attack.id)
    expect(messages.join('\n')).toContain('stock.document.posted')
    post(again.core, 'Y1')
    post(again.core, 'Y1')
    expect(hubSeq(again)).toBe(seq + 2)
    expect(again.core.db.$client.prepare("SELECT count(*) FROM conflicts WHERE kind = 'event_refused' AND entity_id = ?").pluck().get(attack.id)).toBe(1)
  })
})
