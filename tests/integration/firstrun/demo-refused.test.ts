/**
 * Demo never leaks (issue 19): a demo installation's events are refused by a real hub (whatever device token it
 * holds) and skipped by a real installation reading a shared folder, each with a sentence saying why; a real
 * installation does not take a demo hub's answer either. Demo to demo still syncs (the demo's own sync pages work).
 */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHub, type Hub } from '../../../server/hub'
import { createCore, type Core } from '../../../core/app'
import { registerDevice, syncWithHub, type SyncAnswer, type SyncRequest } from '../../../core/sync/hub'
import { syncFolder } from '../../../core/sync/folder'
import { eventsSince } from '../../../core/sync/exchange'
import { isDemoInstallation } from '../../../core/sync/demo'
import { AppError } from '../../../core/common/errors'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c() })
const tmp = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-demo-')); cleanups.push(() => fs.rmSync(d, { recursive: true, force: true })); return d }

async function hub(seed: 'reference' | 'demo' | `new:${string}`): Promise<Hub> {
  const h = await createHub({ dataDir: tmp(), seed, today: () => '2026-06-01', dailyBackups: false })
  cleanups.push(async () => { await h.app.close() })
  return h
}
const core = (seed: 'demo' | 'reference' | `new:${string}`): Core => {
  const c = createCore({ file: ':memory:', seed, today: () => '2026-06-01' })
  cleanups.push(() => c.close())
  return c
}
const poster = (h: Hub, token: string, lang = 'zh') => async (body: SyncRequest): Promise<SyncAnswer> => {
  const r = await h.app.inject({ method: 'POST', url: '/sync', payload: body, headers: { authorization: `Bearer ${token}`, 'x-lang': lang } })
  if (r.statusCode !== 200) throw Object.assign(new Error(r.json().error.message), { status: r.statusCode, code: r.json().error.code })
  return r.json()
}

describe('a demo installation', () => {
  it('is marked in its replica: its id ends in -demo, its row says demo, every event carries the id', () => {
    const demo = core('demo')
    expect(demo.replicaId).toMatch(/^[0-9a-f]{8}-demo$/)
    expect(isDemoInstallation(demo.db)).toBe(true)
    expect(demo.db.$client.prepare('SELECT demo FROM replicas WHERE is_local = 1').pluck().get()).toBe(1)
    const replicasOfEvents = demo.db.$client.prepare('SELECT DISTINCT replica_id FROM events').pluck().all()
    expect(replicasOfEvents).toEqual([demo.replicaId])
    // a receipt posted after the seeding still carries the demo id (the core took the new id)
    expect(demo.context().replicaId).toBe(demo.replicaId)
    const real = core('new:310115')
    expect(isDemoInstallation(real.db)).toBe(false)
    expect(real.replicaId).not.toMatch(/-demo$/)
  })

  it('is refused by a real hub, with the reason, in Chinese and English; nothing of it is stored', async () => {
    const h = await hub('new:310115')
    const demo = core('demo')
    const token = registerDevice(h.core.context(), { name: '试用机', scopeKind: 'district' }).token
    const before = h.core.db.$client.prepare('SELECT count(*) FROM events').pluck().get()
    await expect(syncWithHub(demo.context(), poster(h, token))).rejects.toMatchObject({ status: 409, code: 'SYNC_DEMO_REFUSED', message: expect.stringContaining('演示数据不能进入真实储备网络') })
    await expect(syncWithHub(demo.context(), poster(h, token, 'en'))).rejects.toMatchObject({ message: expect.stringContaining('demo data never enters a real reserve network') })
    // a demo device asking with no events at all is refused too (it names itself)
    await expect(poster(h, token)({ vector: {}, events: [], replicaId: demo.replicaId })).rejects.toMatchObject({ code: 'SYNC_DEMO_REFUSED' })
    // its events relayed by a real device are refused as well
    const carrier = core('reference')
    await expect(poster(h, token)({ vector: {}, events: eventsSince(demo.db, {}, { limit: 3 }), replicaId: carrier.replicaId })).rejects.toMatchObject({ code: 'SYNC_DEMO_REFUSED' })
    expect(h.core.db.$client.prepare('SELECT count(*) FROM events').pluck().get()).toBe(before)
    expect(h.core.db.$client.prepare("SELECT count(*) FROM events WHERE replica_id LIKE '%-demo'").pluck().get()).toBe(0)
  })

  it('a real office does not take a demo hub\'s events', async () => {
    const h = await hub('demo')
    const real = core('new:310115')
    const token = registerDevice(h.core.context(), { name: '浦东', scopeKind: 'district' }).token
    const error = await syncWithHub(real.context(), poster(h, token)).catch((e) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error.code).toBe('SYNC_DEMO_REFUSED')
    expect(real.db.$client.prepare("SELECT count(*) FROM events WHERE replica_id LIKE '%-demo'").pluck().get()).toBe(0)
  })

  it('its folder segments are skipped by a real installation (reason demo), and taken by another demo', () => {
    const folder = tmp()
    const demo = core('demo')
    syncFolder(demo.context(), folder)
    const segments = fs.readdirSync(path.join(folder, 'replicas', demo.replicaId, 'segments'))
    expect(segments.length).toBeGreaterThan(0)
    const real = core('reference')
    const r = syncFolder(real.context(), folder)
    expect(r.imported).toBe(0)
    expect(r.skipped.filter((s) => s.reason === 'demo')).toHaveLength(segments.length)
    expect(real.db.$client.prepare("SELECT count(*) FROM events WHERE replica_id LIKE '%-demo'").pluck().get()).toBe(0)
    // the real installation's own events still go to the folder, and it relays nothing of the demo
    expect(fs.readdirSync(path.join(folder, 'replicas')).filter((r) => r.endsWith('-demo'))).toEqual([demo.replicaId])
    const other = core('demo')
    expect(syncFolder(other.context(), folder).imported).toBeGreaterThan(0)
  })
})
