/**
 * Hub sync as a user runs it: the hub address and token in the settings, sync-now returns at once and the sync
 * runs in the background, reported by sync.overview. Faults: the hub restarted mid-sync, a clock a day off.
 */
import { describe, it, expect, afterEach, vi } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHub, type Hub } from '../../../server/hub'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { registerDevice } from '../../../core/sync/hub'
import { receive } from '../../../core/sync/exchange'
import { startHubSync, hubJobOf } from '../../../core/sync/hub-client'
import { autoSyncOnce } from '../../../core/sync/auto'
import type { SyncEvent } from '../../../core/sync/registry'
import { HybridClock } from '../../../core/sync/clock'
import type { ApiResult } from '../../../core/api/invoke'
import { eventIds, projectionHash, vectorNoLocal } from '../../helpers/sync'
import { office } from '../../helpers/core'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c() })

async function startHub(dataDir: string, port = 0): Promise<{ hub: Hub; url: string }> {
  const hub = await createHub({ dataDir, seed: 'reference', today: () => '2026-06-01' })
  const addr = await hub.app.listen({ port, host: '127.0.0.1' })
  return { hub, url: addr }
}
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-hubc-'))
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}
const item = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
const ok = <T,>(r: ApiResult): T => { if (!r.ok) throw new Error(r.error.message); return r.data as T }

/** Events of a type this build does not know, from a replica far away: stored and relayed, never applied. */
function relayed(n: number): SyncEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `ffff0000:${i + 1}`, replicaId: 'ffff0000', seq: i + 1, hlc: `2026-05-01T00:00:00.000Z-0000-ffff0000`, type: 'future.thing', version: 1,
    entityId: `x${i}`, payload: { n: i }, author: 'u',
  }))
}

describe('hub sync for users', () => {
  it('sync-now returns at once; the overview shows the background sync and its result', async () => {
    const { hub, url } = await startHub(tempDir())
    cleanups.push(() => hub.app.close())
    const token = registerDevice(hub.core.context(), { name: '区储备库', scopeKind: 'district' }).token
    const a = office()
    createSite(a.context(), { id: 'site-1', code: 'Z1', name: '中山街道储备库', tier: 'street', regionCode: '310117001000' })
    postReceipt(a.context(), { id: 'doc-1', siteId: 'site-1', docDate: '2026-05-01', lines: [{ itemId: item(a), lotNo: 'L1', quantity: 5 }] })

    expect(a.call('sync.setHub', { url: 'ftp://hub', token })).toMatchObject({ ok: false, error: { field: 'url' } })
    ok(a.call('sync.setHub', { url: `${url}/`, token }))
    const overview = ok<{ hubUrl: string; hubTokenSet: boolean; mode: string }>(a.call('sync.overview', {}))
    expect(overview).toMatchObject({ hubUrl: url, hubTokenSet: true, mode: 'hub' })
    expect(JSON.stringify(overview)).not.toContain(token) // the token is never read back

    expect(ok(a.call('sync.now', {}))).toMatchObject({ hubStarted: true, folder: false })
    await vi.waitFor(() => expect(ok<{ hubJob: { running: boolean } }>(a.call('sync.overview', {})).hubJob.running).toBe(false), { timeout: 10_000 })
    const after = ok<{ hubJob: { sent: number; error: string | null }; pending: number; lastSyncAt: string | null }>(a.call('sync.overview', {}))
    expect(after.hubJob).toMatchObject({ sent: 2, error: null })
    expect(after.pending).toBe(0)
    expect(after.lastSyncAt).not.toBeNull()
    expect(projectionHash(hub.core)).toBe(projectionHash(a))
  })

  it('automatic sync: skips a folder that is not there, syncs when it is, starts the hub sync', async () => {
    const { hub, url } = await startHub(tempDir())
    cleanups.push(() => hub.app.close())
    const a = office()
    createSite(a.context(), { id: 'site-1', code: 'Z1', name: '中山街道储备库', tier: 'street', regionCode: '310117001000' })
    const stick = path.join(tempDir(), 'stick')
    ok(a.call('sync.setFolder', { folder: stick }))
    expect(autoSyncOnce(a.context())).toEqual({ folder: 'unreachable', hub: 'off' }) // the stick is not plugged in
    fs.mkdirSync(stick)
    expect(autoSyncOnce(a.context())).toEqual({ folder: 'synced', hub: 'off' })
    expect(fs.readdirSync(path.join(stick, 'replicas'))).toEqual([a.replicaId])
    ok(a.call('sync.setHub', { url, token: registerDevice(hub.core.context(), { name: 'A', scopeKind: 'district' }).token }))
    expect(autoSyncOnce(a.context())).toMatchObject({ hub: 'started' })
    await vi.waitFor(() => expect(hubJobOf(a.context())?.running).toBe(false))
    expect(eventIds(hub.core)).toEqual(eventIds(a))
  })

  it('a wrong token is reported in the user\'s language, and nothing is stored', async () => {
    const { hub, url } = await startHub(tempDir())
    cleanups.push(() => hub.app.close())
    const a = office()
    createSite(a.context(), { id: 'site-1', code: 'Z1', name: '中山街道储备库', tier: 'street', regionCode: '310117001000' })
    ok(a.call('sync.setHub', { url, token: 'rn_wrong' }))
    await startHubSync(a.context()).done
    expect(ok<{ hubJob: { error: string } }>(a.call('sync.overview', {})).hubJob.error).toBe('设备令牌无效或已停用，请向管理员重新申请')
    expect(eventIds(hub.core)).toEqual([])
    expect(ok<{ pending: number }>(a.call('sync.overview', {})).pending).toBe(1)
  })

  it('the hub restarted mid-sync: the sync fails, resumes on the next try, nothing lost or doubled', async () => {
    const dir = tempDir()
    let { hub, url } = await startHub(dir)
    const token = registerDevice(hub.core.context(), { name: '区储备库', scopeKind: 'district' }).token
    const a = office()
    receive(a.context(), relayed(7000)) // more than one round (5000 a round)
    ok(a.call('sync.setHub', { url, token }))
    let calls = 0
    const stopAfterFirstRound: typeof fetch = async (input, init) => {
      if (++calls === 2) await hub.app.close() // the hub goes down between two rounds
      return fetch(input, init)
    }
    const first = startHubSync(a.context(), { fetchImpl: stopAfterFirstRound })
    await first.done
    expect(first.job.error?.code).toBe('SYNC_HUB_UNREACHABLE')
    expect(first.job.sent).toBe(5000)

    ;({ hub } = await startHub(dir, Number(new URL(url).port)))
    cleanups.push(() => hub.app.close())
    expect(eventIds(hub.core)).toHaveLength(5000) // the first round was stored whole
    const second = startHubSync(a.context())
    await second.done
    expect(second.job.error).toBeNull()
    expect(eventIds(hub.core)).toEqual(eventIds(a))
    expect(vectorNoLocal(hub.core)).toEqual(vectorNoLocal(a))
  })

  it('an office whose clock is a day and more ahead: everyone converges, the skew is flagged, nothing refused', async () => {
    const { hub, url } = await startHub(tempDir())
    cleanups.push(() => hub.app.close())
    const t1 = registerDevice(hub.core.context(), { name: 'A', scopeKind: 'district' }).token
    const t2 = registerDevice(hub.core.context(), { name: 'B', scopeKind: 'district' }).token
    const a = office(), b = office()
    const clockAhead = new HybridClock(a.replicaId, () => Date.now() + 25 * 3600_000)
    const ahead = () => ({ ...a.context(), clock: clockAhead })
    createSite(ahead(), { id: 'site-1', code: 'Z1', name: '中山街道储备库', tier: 'street', regionCode: '310117001000' })
    postReceipt(ahead(), { id: 'doc-1', siteId: 'site-1', docDate: '2026-05-01', lines: [{ itemId: item(a), lotNo: 'L1', quantity: 5 }] })
    ok(a.call('sync.setHub', { url, token: t1 }))
    ok(b.call('sync.setHub', { url, token: t2 }))
    await startHubSync(ahead()).done
    await startHubSync(b.context()).done
    postReceipt(b.context(), { id: 'doc-2', siteId: 'site-1', docDate: '2026-05-02', lines: [{ itemId: item(b), lotNo: 'L2', quantity: 3 }] })
    await startHubSync(b.context()).done
    await startHubSync(ahead()).done
    expect(projectionHash(a)).toBe(projectionHash(b))
    expect(projectionHash(hub.core)).toBe(projectionHash(a))
    expect(ledger(a)).toBe(8)
    for (const c of [hub.core, b]) {
      expect(c.db.$client.prepare("SELECT entity_id FROM conflicts WHERE kind = 'clock_skew'").pluck().all()).toEqual([a.replicaId])
    }
  })
})
const ledger = (c: Core) => c.db.$client.prepare('SELECT sum(quantity) FROM stock_movements').pluck().get() as number
