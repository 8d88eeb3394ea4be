/** The hub's POST /sync: tokens, rights, idempotent storage, and two offices converging through it. */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHub, type Hub } from '../../../server/hub'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { registerDevice, syncWithHub, type SyncAnswer, type SyncRequest } from '../../../core/sync/hub'
import { eventsSince } from '../../../core/sync/exchange'
import { projectionHash, eventIds } from '../../helpers/sync'
import { office } from '../../helpers/core'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c() })

async function hub(): Promise<Hub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-hub-'))
  const h = await createHub({ dataDir, seed: 'reference', today: () => '2026-06-01' })
  cleanups.push(async () => { await h.app.close(); fs.rmSync(dataDir, { recursive: true, force: true }) })
  return h
}
const poster = (h: Hub, token?: string) => async (body: SyncRequest): Promise<SyncAnswer> => {
  const r = await h.app.inject({ method: 'POST', url: '/sync', payload: body, headers: token ? { authorization: `Bearer ${token}` } : {} })
  if (r.statusCode !== 200) throw Object.assign(new Error(r.json().error.message), { status: r.statusCode, code: r.json().error.code })
  return r.json()
}
const item = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
// 中山街道 is 310117001000 in the reference data; a community under it and a site under another street.
const street = '310117001000'

describe('hub sync', () => {
  it('refuses a request without a valid token, in the caller\'s language', async () => {
    const h = await hub()
    const none = await h.app.inject({ method: 'POST', url: '/sync', payload: { vector: {}, events: [] } })
    expect(none.statusCode).toBe(401)
    expect(none.json().error.message).toBe('设备令牌无效或已停用，请向管理员重新申请')
    const bad = await h.app.inject({ method: 'POST', url: '/sync', payload: { vector: {}, events: [] }, headers: { authorization: 'Bearer nope', 'x-lang': 'en' } })
    expect(bad.statusCode).toBe(401)
    expect(bad.json().error.code).toBe('SYNC_TOKEN_INVALID')
  })

  it('two offices converge through the hub; replaying a request stores nothing twice', async () => {
    const h = await hub()
    const a = office(), b = office()
    const ta = registerDevice(h.core.context(), { name: '区储备库', scopeKind: 'district' }).token
    const tb = registerDevice(h.core.context(), { name: '中山街道', scopeKind: 'street', scopeRef: street }).token
    createSite(a.context(), { id: 'site-1', code: 'Z1', name: '中山街道储备库', tier: 'street', regionCode: street })
    postReceipt(a.context(), { id: 'doc-hub-0001', siteId: 'site-1', docDate: '2026-05-01', lines: [{ itemId: item(a), lotNo: 'L1', quantity: 12 }] })
    expect(await syncWithHub(a.context(), poster(h, ta))).toMatchObject({ sent: 2, received: 0 })
    expect(await syncWithHub(b.context(), poster(h, tb))).toMatchObject({ received: 2 })
    // The street office posts for its own site; the district office gets it.
    postReceipt(b.context(), { id: 'doc-hub-0002', siteId: 'site-1', docDate: '2026-05-02', lines: [{ itemId: item(b), lotNo: 'L2', quantity: 3 }] })
    await syncWithHub(b.context(), poster(h, tb))
    await syncWithHub(a.context(), poster(h, ta))
    expect(projectionHash(a)).toBe(projectionHash(b))
    expect(projectionHash(h.core)).toBe(projectionHash(a)) // the hub's own UI shows the same
    const replay = await poster(h, ta)({ vector: {}, events: eventsSince(a.db, {}) })
    expect(replay.stored).toBe(0)
    expect(eventIds(h.core)).toEqual(eventIds(a))
  })

  it('a street\'s device cannot write events for another street\'s sites', async () => {
    const h = await hub()
    const b = office()
    const tb = registerDevice(h.core.context(), { name: '中山街道', scopeKind: 'street', scopeRef: street }).token
    const other = b.db.$client.prepare("SELECT code FROM regions WHERE level = 'street' AND code <> ? ORDER BY code LIMIT 1").pluck().get(street) as string
    createSite(b.context(), { id: 'site-x', code: 'X1', name: '别的街道储备库', tier: 'street', regionCode: other })
    await expect(syncWithHub(b.context(), poster(h, tb))).rejects.toMatchObject({ status: 403, code: 'SYNC_OUT_OF_SCOPE' })
    expect(eventIds(h.core)).toEqual([]) // nothing half-stored
  })
})
