/**
 * The hub (`npm run web`) starts a first folder sync from a snapshot through its CoreHolder: sync-now over HTTP
 * returns at once, the overview polled over HTTP shows the job, a second sync-now meanwhile is refused with 409, and
 * the administrator who started it is still signed in on the swapped database.
 */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, databaseFileIn, type Core } from '../../../core/app'
import { holdCore } from '../../../core/holder'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { startFolderSync } from '../../../core/sync/folder-job'
import { createHub } from '../../../server/hub'
import { hubSession } from '../../helpers/hub'
import { eventIds, projectionHash } from '../../helpers/sync'

const dirs: string[] = []
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }))
  delete process.env.RESERVE_SNAPSHOT_BOOTSTRAP_AFTER
})
const tmp = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-snap-hub-')); dirs.push(d); return d }
const item = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string

describe('the hub starts a first sync from a snapshot', () => {
  it('in the background, with progress over HTTP, one at a time, the session kept', async () => {
    const folder = tmp()
    const a = holdCore(() => createCore({ file: databaseFileIn(tmp()), seed: 'reference', today: () => '2026-06-01' }))
    cleanups.push(() => a.close())
    createSite(a.core.context(), { id: 'A-site', code: 'A-S', name: '区储备库', tier: 'district', regionCode: '310117000000' })
    for (let n = 0; n < 200; n++) {
      postReceipt(a.core.context(), { id: `A-doc-${n}`, siteId: 'A-site', docDate: '2026-05-01', lines: [{ itemId: item(a.core), lotNo: `A${n}`, quantity: 2 }] })
    }
    a.core.call('sync.setFolder', { folder })
    const published = startFolderSync(a.core.context(), { publishAfter: 100 })
    await published.done
    expect(published.job.result?.published?.published).toBe(true)

    process.env.RESERVE_SNAPSHOT_BOOTSTRAP_AFTER = '50'
    const hub = await createHub({ dataDir: tmp(), seed: 'reference', today: () => '2026-06-01', dailyBackups: false })
    cleanups.push(() => hub.app.close())
    const s = await hubSession(hub.app)
    expect((await s.post('auth.setup', { username: 'hubadmin', displayName: '区管理员', password: 'Snapshot2026' })).statusCode).toBe(200)
    expect((await s.post('sync.setFolder', { folder })).statusCode).toBe(200)
    const before = hub.core

    const started = await s.post('sync.now', {})
    expect(started.statusCode).toBe(200)
    expect(started.json()).toMatchObject({ ok: true, data: { folder: true, folderJob: { running: true } } })
    const again = await s.post('sync.now', {}, { 'x-lang': 'en' })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ ok: false, error: { code: 'SYNC_RUNNING', message: 'A sync is already running; wait until it finishes (see its progress on the sync page)' } })

    const phases = new Set<string>()
    let job: { running: boolean; phase: string; bootstrap: { events: number } | null; error: string | null } | undefined
    for (let i = 0; i < 2000; i++) {
      const res = await s.post('sync.overview', {})
      expect(res.statusCode).toBe(200) // answered while the job runs (and after the swap: the session is still good)
      job = res.json().data.folderJob
      phases.add(job!.phase)
      if (!job!.running) break
      await new Promise((r) => setTimeout(r, 5))
    }
    expect(job).toMatchObject({ running: false, error: null, bootstrap: { events: 201 } })
    expect(phases.has('done')).toBe(true)
    expect(hub.core).not.toBe(before) // the holder swapped the core
    expect((await s.post('auth.status', {})).json()).toMatchObject({ data: { user: { username: 'hubadmin' } } })
    expect(eventIds(hub.core)).toEqual(expect.arrayContaining(eventIds(a.core)))
    expect(projectionHash(hub.core)).toBe(projectionHash(a.core))
  }, 120_000)
})
