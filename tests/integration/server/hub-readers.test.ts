/**
 * The readers beside the writer (core/readers/pool.ts): queries are answered by worker threads on read-only
 * connections, so one held (slow) report stops neither the other reads nor the postings; a read sent after a write
 * was answered sees it; what a reader must not answer alone (refusals, writes, signed-out calls) goes to the writer.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHub, type Hub } from '../../../server/hub'
import { hubSession } from '../../helpers/hub'
import { newId } from '../../../core/common/ids'

let hub: Hub
let dataDir: string
let admin: Awaited<ReturnType<typeof hubSession>>
let keeper: Awaited<ReturnType<typeof hubSession>>
const gateBuffer = new SharedArrayBuffer(4)
const gate = new Int32Array(gateBuffer)
const open = () => { Atomics.store(gate, 0, 1); Atomics.notify(gate, 0) }

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-readers-'))
  // alerts.list stands in for a slow report: its reader waits until the test opens the gate
  hub = await createHub({ dataDir, seed: 'demo', today: () => '2026-11-29', dailyBackups: false, readers: 2, readersHold: { method: 'alerts.list', gate: gateBuffer } })
  await hub.readers!.whenReady()
  admin = await hubSession(hub.app, 'admin', 'Admin2026')
  keeper = await hubSession(hub.app, 'keeper.district', 'Keeper2026')
}, 120_000)
afterAll(async () => {
  open()
  await hub.app.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const itemAndSite = () => {
  const db = hub.core.db.$client
  const siteId = db.prepare("SELECT id FROM sites WHERE id = 'D-310117-01'").pluck().get() as string
  const itemId = db.prepare('SELECT id FROM items WHERE shelf_life_days IS NULL AND lot_tracked = 1 ORDER BY id LIMIT 1').pluck().get() as string
  return { siteId, itemId }
}

describe('readers beside the writer', () => {
  it('both readers started', () => {
    expect(hub.readers!.ready).toBe(2)
  })

  it('answers other queries and a posting while a slow report is still running, and the report then completes', async () => {
    let reportDone = false
    const report = admin.post('alerts.list', {}).then((r) => { reportDone = true; return r })
    // the held report occupies one reader; the other reader answers these, the writer the posting
    const before = hub.readers!.stats.answered
    const tree = await admin.post('network.tree', {})
    expect(tree.statusCode).toBe(200)
    expect(tree.json().ok).toBe(true)
    const { siteId, itemId } = itemAndSite()
    const posted = await admin.post('stock.receive', { id: newId(), siteId, docDate: '2026-11-29', lines: [{ itemId, lotNo: 'HOLD-1', quantity: 3 }] })
    expect(posted.json().ok).toBe(true)
    expect(reportDone).toBe(false)
    expect(hub.readers!.stats.answered).toBeGreaterThan(before)
    open()
    const r = await report
    expect(r.statusCode).toBe(200)
    expect(Array.isArray(r.json().data)).toBe(true)
  })

  it('a read sent after a write was answered sees the write (and is answered by a reader)', async () => {
    const { siteId, itemId } = itemAndSite()
    for (let k = 0; k < 5; k++) {
      const lotNo = `RAW-${k}`
      const posted = await admin.post('stock.receive', { id: newId(), siteId, docDate: '2026-11-29', lines: [{ itemId, lotNo, quantity: 7 + k }] })
      expect(posted.json().ok).toBe(true)
      const before = hub.readers!.stats.answered
      const page = await admin.post('stock.balances', { siteId, itemId, search: lotNo, limit: 50 })
      expect(hub.readers!.stats.answered).toBe(before + 1)
      const rows = page.json().data.rows as Array<{ lotNo: string; quantity: number }>
      expect(rows.find((x) => x.lotNo === lotNo)?.quantity).toBe(7 + k)
    }
  })

  it('a refusal is handed to the writer, which answers 403 and audits it', async () => {
    const before = hub.readers!.stats.handedBack
    const other = hub.core.db.$client.prepare("SELECT id FROM sites WHERE id <> 'D-310117-01' AND status = 'active' LIMIT 1").pluck().get() as string
    const res = await keeper.post('stock.balances', { siteId: other })
    expect(res.statusCode).toBe(403)
    expect(hub.readers!.stats.handedBack).toBe(before + 1)
    const audited = hub.core.db.$client.prepare("SELECT count(*) FROM audit_log WHERE action = 'stock.balances' AND outcome = 'refused'").pluck().get() as number
    expect(audited).toBeGreaterThan(0)
  })

  it('a signed-out call never reaches a reader and is refused 401', async () => {
    const anon = await hubSession(hub.app)
    const before = { ...hub.readers!.stats }
    const res = await anon.post('stock.balances', {})
    expect(res.statusCode).toBe(401)
    expect(hub.readers!.stats).toEqual(before)
  })

  it('bad input from a reader call gets the same 400 naming the field as from the writer', async () => {
    const res = await admin.post('stock.balances', { limit: 'many' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.field).toBe('limit')
  })
})
