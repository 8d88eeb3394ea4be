/** Sync merge rules, upgrade path and shared-folder faults, each as a user would check it. */
import { describe, it, expect, afterEach, vi } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postIssue, postReceipt } from '../../../core/stock/ledger'
import { applyPending, eventsSince, exchangeDirect, receive, vectorOf } from '../../../core/sync/exchange'
import { registerApplier, unregisterApplierForTest, type SyncEvent } from '../../../core/sync/registry'
import { syncFolder, VERIFIED_KEY } from '../../../core/sync/folder'
import { encodeHlc } from '../../../core/sync/clock'
import { renderMessage } from '../../../core/common/errors'
import { ledgerMatchesBalances, projectionHash, eventIds } from '../../helpers/sync'
import { unwrap, office } from '../../helpers/core'
import { lotIdFor } from '../../../core/common/ids'

const dirs: string[] = []
afterEach(() => { dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })) })

function tmpFolder(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-sync-'))
  dirs.push(d)
  return d
}
const item = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
const site = (c: Core, id = 'site-1') => createSite(c.context(), { id, code: id, name: '中山街道储备库', tier: 'street', regionCode: '310117001000' })
const receipt = (c: Core, id: string, qty: number, lotNo = 'L1', expiryDate = '2028-01-01') =>
  postReceipt(c.context(), { id, siteId: 'site-1', docDate: '2026-05-01', lines: [{ itemId: item(c), lotNo, expiryDate, quantity: qty }] })
const balance = (c: Core) => c.db.$client.prepare("SELECT coalesce(sum(quantity), 0) FROM stock_balances WHERE site_id = 'site-1'").pluck().get() as number
const conflictsOf = (c: Core, kind: string) => c.db.$client.prepare('SELECT * FROM conflicts WHERE kind = ?').all(kind) as Array<Record<string, unknown>>

describe('merge rules', () => {
  it('two offline issues of the same units are both kept; the shortage is flagged for reconciliation', () => {
    const a = office(), b = office()
    site(a); receipt(a, 'doc-receipt-1', 10)
    exchangeDirect(a.context(), b.context())
    postIssue(a.context(), { id: 'doc-issue-a', siteId: 'site-1', docDate: '2026-05-02', lines: [{ itemId: item(a), quantity: 8 }] })
    postIssue(b.context(), { id: 'doc-issue-b', siteId: 'site-1', docDate: '2026-05-02', lines: [{ itemId: item(b), quantity: 7 }] })
    exchangeDirect(a.context(), b.context())
    expect(balance(a)).toBe(-5)
    expect(balance(b)).toBe(-5)
    // both offices list the same shortage, named by the lot's balance (each office used to flag the other's issue)
    const listed = (c: Core) => unwrap<Array<{ id: string; kind: string; detail: { balance: number } }>>(c.call('sync.conflicts', {}))
      .filter((r) => r.kind === 'negative_stock').map((r) => ({ id: r.id, balance: r.detail.balance }))
    expect(listed(a)).toEqual([{ id: `negative_stock:site-1|${item(a)}|${lotIdFor(item(a), 'L1')}`, balance: -5 }])
    expect(listed(b)).toEqual(listed(a))
    // it cannot be ticked off while the lot is below zero; a correcting receipt (found in the stocktake) clears it everywhere
    const tick = a.call('sync.resolveConflict', { id: listed(a)[0].id })
    expect(tick.ok).toBe(false)
    if (!tick.ok) expect(tick.error.message).toBe('该批次结存仍为 -5：盘点或补录单据使结存不再为负后，此项自动消失')
    receipt(a, 'doc-found-1', 5)
    exchangeDirect(a.context(), b.context())
    expect(listed(a)).toEqual([])
    expect(listed(b)).toEqual([])
    expect(ledgerMatchesBalances(a) && ledgerMatchesBalances(b)).toBe(true)
  })

  it('a dip below zero on one office only (issues and a later receipt arriving in another order) lists no shortage anywhere', () => {
    const a = office(), b = office()
    site(a); receipt(a, 'doc-receipt-1', 10)
    exchangeDirect(a.context(), b.context())
    postIssue(b.context(), { id: 'doc-issue-b', siteId: 'site-1', docDate: '2026-05-02', lines: [{ itemId: item(b), quantity: 8 }] })
    postIssue(a.context(), { id: 'doc-issue-a', siteId: 'site-1', docDate: '2026-05-02', lines: [{ itemId: item(a), quantity: 8 }] })
    receipt(a, 'doc-receipt-2', 10)
    // c hears b's issue before a's receipt: its balance goes to -6 on the way, then to 4; a never dips
    const c = office()
    exchangeDirect(b.context(), c.context())
    receive(c.context(), eventsSince(a.db, vectorOf(c.db)).filter((e) => e.entityId !== 'doc-receipt-2'))
    expect(balance(c)).toBe(-6)
    exchangeDirect(a.context(), c.context())
    exchangeDirect(b.context(), c.context())
    for (const o of [a, b, c]) expect(balance(o)).toBe(4)
    for (const o of [a, b, c]) expect(unwrap<Array<{ kind: string }>>(o.call('sync.conflicts', {})).filter((r) => r.kind === 'negative_stock')).toEqual([])
  })

  // Regression (shrunk counterexample of the convergence property): one lot number created offline in two
  // offices with different expiry dates ended with different lots in each office.
  it('a lot created concurrently with different expiry dates converges to the later edit; the other is kept as a conflict', () => {
    const a = office(), b = office()
    site(a); exchangeDirect(a.context(), b.context())
    receipt(a, 'doc-a-0001', 1, 'L0', '2028-01-01')
    receipt(b, 'doc-b-0001', 1, 'L0', '2027-06-30')
    exchangeDirect(a.context(), b.context())
    expect(projectionHash(a)).toBe(projectionHash(b))
    const lww = conflictsOf(a, 'lww')
    expect(lww).toHaveLength(1)
    expect(lww[0]).toMatchObject({ entity: 'lot', field: 'expiryDate' })
  })

  it('duplicates, replays and reordering change nothing; a gap holds the vector until it is filled', () => {
    const a = office(), b = office()
    site(a); receipt(a, 'doc-r-0001', 5); receipt(a, 'doc-r-0002', 6)
    const all = eventsSince(a.db, {})
    receive(b.context(), [all[2]]) // seq 3 alone: stored, vector stays
    expect(vectorOf(b.db)[a.replicaId]).toBe(0)
    receive(b.context(), [...all].reverse())
    receive(b.context(), [...all, ...all])
    expect(vectorOf(b.db)[a.replicaId]).toBe(3)
    expect(eventIds(b)).toEqual(eventIds(a))
    expect(balance(b)).toBe(11)
    expect(projectionHash(b)).toBe(projectionHash(a))
  })

  it('a remote clock two days ahead is clamped and flagged, and its event is still applied', () => {
    const a = office(), b = office()
    site(a)
    const [e] = eventsSince(a.db, {})
    const ahead = { ...e, hlc: encodeHlc({ ms: Date.now() + 2 * 24 * 3600 * 1000, counter: 0, replicaId: a.replicaId }) }
    const r = receive(b.context(), [ahead])
    expect(r).toMatchObject({ inserted: 1, applied: 1, skewed: 1 })
    expect(conflictsOf(b, 'clock_skew')).toHaveLength(1)
    // the planner reads which installation and the day its clock claimed
    const listed = unwrap<Array<{ kind: string; replica: string; date: string }>>(b.call('sync.conflicts', {})).find((x) => x.kind === 'clock_skew')!
    expect(listed).toMatchObject({ replica: a.replicaId, date: new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().slice(0, 10) })
    const next = b.clock.now()
    expect(Number(next.split('-')[0])).toBeLessThanOrEqual(Date.now() + 24 * 3600 * 1000 + 1000)
  })

  it('an event of an unknown type is kept, and applied after an upgrade brings its applier', () => {
    const a = office(), b = office()
    site(a)
    const saved = unregisterApplierForTest('site.created')! // b is an older build that does not know sites
    try {
      const r = receive(b.context(), eventsSince(a.db, {}))
      expect(r).toMatchObject({ inserted: 1, applied: 0, pending: 1 })
      expect(b.db.$client.prepare("SELECT count(*) FROM sites WHERE id = 'site-1'").pluck().get()).toBe(0)
    } finally { registerApplier('site.created', saved) }
    expect(applyPending(b.context())).toEqual({ applied: 1, pending: 0 })
    expect(b.db.$client.prepare("SELECT name FROM sites WHERE id = 'site-1'").pluck().get()).toBe('中山街道储备库')
  })

  it('an event of a newer version waits; a receipt that arrives before its site waits for the site', () => {
    const a = office(), b = office()
    site(a); receipt(a, 'doc-r-0001', 4)
    const [siteEv, docEv] = eventsSince(a.db, {})
    expect(receive(b.context(), [docEv])).toMatchObject({ applied: 0, pending: 1 })
    expect(receive(b.context(), [siteEv])).toMatchObject({ pending: 0 })
    expect(balance(b)).toBe(4)
    const newer: SyncEvent = { ...siteEv, id: `${a.replicaId}:99`, seq: 99, version: 2 }
    expect(receive(b.context(), [newer])).toMatchObject({ inserted: 1, pending: 1 })
  })
})

describe('shared folder', () => {
  const segmentFiles = (folder: string) => {
    const out: string[] = []
    const root = path.join(folder, 'replicas')
    for (const r of fs.readdirSync(root)) for (const f of fs.readdirSync(path.join(root, r, 'segments'))) out.push(path.join(root, r, 'segments', f))
    return out.sort()
  }

  it('writes format.json and checksummed segments, and a second office imports them', () => {
    const a = office(), b = office(), folder = tmpFolder()
    site(a); receipt(a, 'doc-r-0001', 7)
    expect(syncFolder(a.context(), folder)).toMatchObject({ exported: 2, segmentsWritten: 1, readOnly: false })
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'format.json'), 'utf8'))).toEqual({ format: 1, district: '310117' })
    expect(segmentFiles(folder).map((f) => path.basename(f))).toEqual(['1-2.ndjson'])
    expect(syncFolder(b.context(), folder)).toMatchObject({ imported: 2, applied: 2, exported: 0 })
    expect(projectionHash(b)).toBe(projectionHash(a))
    expect(syncFolder(a.context(), folder)).toMatchObject({ imported: 0, segmentsWritten: 0 }) // nothing new either way
  })

  it('skips a truncated segment, a stale temporary file, a duplicated copy and a bad checksum, and repairs them', () => {
    const a = office(), b = office(), folder = tmpFolder()
    site(a)
    for (let i = 1; i <= 6; i++) receipt(a, `doc-r-000${i}`, i)
    syncFolder(a.context(), folder, { segmentSize: 2 }) // 1-2, 3-4, 5-6, 7-7
    const [s12, s34, s56] = segmentFiles(folder)
    const t12 = fs.readFileSync(s12, 'utf8')
    fs.writeFileSync(s12, t12.slice(0, t12.length - 40)) // the stick was pulled out
    fs.writeFileSync(s34, fs.readFileSync(s34, 'utf8').replace('"quantity":3', '"quantity":300')) // flipped bits
    fs.copyFileSync(s56, s56.replace('.ndjson', ' - 副本.ndjson'))
    fs.writeFileSync(path.join(path.dirname(s56), '.9-9.ndjson.abc.tmp'), '{"id":')
    const r = syncFolder(b.context(), folder)
    expect(r.skipped.map((s) => s.reason).sort()).toEqual(['checksum', 'temporary', 'truncated', 'unknown'])
    expect(r.imported).toBe(3) // 5-7 are stored, but wait behind the gap
    expect(r.pending).toBe(3) // their site is in the truncated segment: they wait for it
    expect(balance(b)).toBe(0)
    expect(vectorOf(b.db)[a.replicaId]).toBe(0)
    // The writer syncs again: the damaged ranges are written anew; then the reader gets everything, once.
    syncFolder(a.context(), folder, { segmentSize: 2 })
    syncFolder(b.context(), folder)
    expect(vectorOf(b.db)[a.replicaId]).toBe(7)
    expect(balance(b)).toBe(21)
    expect(projectionHash(b)).toBe(projectionHash(a))
  })

  it('a re-sync with nothing new reads none of the segments it found good; one damaged since is still found and repaired', () => {
    const a = office(), b = office(), folder = tmpFolder()
    site(a)
    for (let i = 1; i <= 6; i++) receipt(a, `doc-r-000${i}`, i)
    syncFolder(a.context(), folder, { segmentSize: 2 }) // 1-2, 3-4, 5-6, 7-7
    const files = segmentFiles(folder)
    const [s12, s34, s56] = files
    const original = Object.fromEntries(files.map((f) => [f, fs.readFileSync(f, 'utf8')]))
    const anHourAgo = new Date(Date.now() - 3600_000)
    const age = (f: string) => fs.utimesSync(f, anHourAgo, anHourAgo)
    files.forEach(age) // written a while ago (files written just now are read again: their mtime cannot vouch yet)
    expect(syncFolder(b.context(), folder, { segmentSize: 2 })).toMatchObject({ imported: 7, skipped: [] })
    const segmentReads = () => {
      const spy = vi.spyOn(fs, 'readFileSync')
      try {
        const r = syncFolder(b.context(), folder, { segmentSize: 2 })
        return { r, read: spy.mock.calls.map(([f]) => String(f)).filter((f) => f.endsWith('.ndjson')).sort() }
      } finally { spy.mockRestore() }
    }
    expect(segmentReads()).toMatchObject({ r: { imported: 0, segmentsWritten: 0, skipped: [] }, read: [] })

    // flipped bits (same size, new mtime): found, and b, which holds those events, writes the range anew
    fs.writeFileSync(s34, original[s34].replace('"quantity":3', '"quantity":8'))
    let { r, read } = segmentReads()
    expect(read).toEqual([s34])
    expect(r).toMatchObject({ skipped: [{ file: s34, reason: 'checksum' }], segmentsWritten: 1 })
    expect(fs.readFileSync(s34, 'utf8')).toBe(original[s34])
    age(s34)

    // truncated with its old mtime put back: the size tells
    fs.writeFileSync(s12, original[s12].slice(0, -40)); age(s12)
    ;({ r } = segmentReads())
    expect(r).toMatchObject({ skipped: [{ file: s12, reason: 'truncated' }], segmentsWritten: 1 })
    expect(fs.readFileSync(s12, 'utf8')).toBe(original[s12])
    age(s12); segmentReads() // remembered again

    // damage that keeps both size and mtime (a disk's bit rot) is found by the full check, once a day
    fs.writeFileSync(s56, original[s56].replace('"quantity":5', '"quantity":9')); age(s56)
    expect(segmentReads()).toMatchObject({ r: { skipped: [] }, read: [] })
    const kept = JSON.parse(b.db.$client.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(VERIFIED_KEY) as string)
    b.db.$client.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify({ ...kept, fullAt: new Date(Date.now() - 25 * 3600_000).toISOString() }), VERIFIED_KEY)
    ;({ r, read } = segmentReads())
    expect(read).toEqual(files)
    expect(r).toMatchObject({ skipped: [{ file: s56, reason: 'checksum' }], segmentsWritten: 1 })
    expect(fs.readFileSync(s56, 'utf8')).toBe(original[s56])
    expect(projectionHash(b)).toBe(projectionHash(a))
  })

  it('a stick carried between offices that never meet relays both ways', () => {
    const a = office(), b = office(), c = office(), stick1 = tmpFolder(), stick2 = tmpFolder()
    site(a); receipt(a, 'doc-a-0001', 3)
    createSite(c.context(), { id: 'site-c', code: 'C', name: '岳阳街道储备库', tier: 'street', regionCode: '310117001000' })
    syncFolder(a.context(), stick1); syncFolder(b.context(), stick1) // A → B
    syncFolder(c.context(), stick2); syncFolder(b.context(), stick2) // C → B, and B relays A's events to stick2
    syncFolder(c.context(), stick2)
    syncFolder(b.context(), stick1); syncFolder(a.context(), stick1) // B relays C's events back to A
    for (const x of [a, b, c]) expect(projectionHash(x)).toBe(projectionHash(a))
    expect(balance(c)).toBe(3)
  })

  it('a read-only folder: what is there is imported, nothing is written, and sync reports it', () => {
    const a = office(), b = office(), folder = tmpFolder()
    site(a); receipt(a, 'doc-r-0001', 2); syncFolder(a.context(), folder)
    createSite(b.context(), { id: 'site-b', code: 'B', name: '方松街道储备库', tier: 'street', regionCode: '310117001000' })
    // A write-protected stick (the tests run as root, for whom chmod does not protect anything).
    const spy = vi.spyOn(fs, 'openSync').mockImplementation(() => { throw Object.assign(new Error('read-only'), { code: 'EROFS' }) })
    try {
      expect(syncFolder(b.context(), folder)).toMatchObject({ imported: 2, readOnly: true, segmentsWritten: 0 })
    } finally { spy.mockRestore() }
    expect(segmentFiles(folder)).toHaveLength(1)
    expect(syncFolder(b.context(), folder)).toMatchObject({ readOnly: false, segmentsWritten: 1 }) // writable again: resumes
  })

  it('refuses a folder of another district or of a newer format, with a message naming it', () => {
    const a = office(), folder = tmpFolder()
    fs.writeFileSync(path.join(folder, 'format.json'), JSON.stringify({ format: 1, district: '310101' }))
    expect(() => syncFolder(a.context(), folder)).toThrow(expect.objectContaining({ code: 'SYNC_FOLDER_OTHER_DISTRICT', params: { folder, district: '310101' } }))
    expect(renderMessage('SYNC_FOLDER_OTHER_DISTRICT', { folder, district: '310101' }, 'zh')).toBe('该同步文件夹属于其他区（310101），不能混用')
    fs.writeFileSync(path.join(folder, 'format.json'), JSON.stringify({ format: 2, district: '310117' }))
    expect(() => syncFolder(a.context(), folder)).toThrow(expect.objectContaining({ code: 'SYNC_FOLDER_NEWER' }))
  })
})

describe('concurrent edits of one field: the conflicts list is the same at every office, whatever the arrival order', () => {
  const CONFLICTS = "SELECT id, kind, entity, entity_id, field, winner_event_id, loser_event_id, detail FROM conflicts WHERE kind = 'lww' ORDER BY id"
  const rows = (c: Core) => c.db.$client.prepare(CONFLICTS).all() as Array<{ winner_event_id: string; loser_event_id: string; detail: string }>
  const rename = (c: Core, name: string) => {
    const r = c.call('incident.save', { id: 'inc-1', name, type: '台风', level: 'II', startedAt: '2026-05-30', regionCodes: ['310117001001'] })
    if (!r.ok) throw new Error(r.error.message)
  }
  const lastEvent = (c: Core) => c.db.$client.prepare("SELECT id FROM events WHERE replica_id = ? AND type LIKE 'incident.%' ORDER BY seq DESC LIMIT 1").pluck().get(c.replicaId) as string

  /** Three offices rename one incident while apart (all saw its first name); a fourth office gets the edits one by one. */
  function threeEdits() {
    const [a, b, c] = [office(), office(), office()]
    rename(a, '台风')
    exchangeDirect(a.context(), b.context())
    exchangeDirect(a.context(), c.context())
    rename(a, '台风“甲”'); rename(b, '台风“乙”'); rename(c, '台风“丙”')
    const base = eventsSince(a.db, {}).filter((e) => e.replicaId === a.replicaId).slice(0, -1)
    const edits = [a, b, c].map((o) => eventsSince(o.db, {}).find((e) => e.id === lastEvent(o))!)
    return { offices: [a, b, c], base, edits }
  }

  it('all six orders of three edits give the same rows: each loser against the final winner, with both values', () => {
    const { offices, base, edits } = threeEdits()
    const winner = [...edits].sort((x, y) => (x.hlc < y.hlc ? 1 : x.hlc > y.hlc ? -1 : x.id < y.id ? 1 : -1))[0]
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
    const seen = orders.map((order) => {
      const d = office()
      receive(d.context(), base)
      for (const i of order) receive(d.context(), [edits[i]])
      return rows(d)
    })
    // the offices themselves, after talking to each other
    const [a, b, c] = offices
    for (let k = 0; k < 2; k++) { exchangeDirect(a.context(), b.context()); exchangeDirect(b.context(), c.context()) }
    for (const o of offices) seen.push(rows(o))
    for (const s of seen) expect(s).toEqual(seen[0])
    expect(seen[0]).toHaveLength(2)
    const names = (e: SyncEvent) => (e.payload as { name: string }).name
    for (const r of seen[0]) {
      expect(r.winner_event_id).toBe(winner.id)
      const loser = edits.find((e) => e.id === r.loser_event_id)!
      expect(loser).toBeDefined()
      expect(loser.id).not.toBe(winner.id)
      expect(JSON.parse(r.detail)).toEqual({ winnerValue: names(winner), loserValue: names(loser) })
    }
    expect(a.db.$client.prepare("SELECT name FROM incidents WHERE id = 'inc-1'").pluck().get()).toBe(names(winner))
  })

  // Regression (the records property test once the region flags were compared): a population set in bulk by three
  // offices while apart was listed against whichever value each office held when the next edit arrived.
  it('populations set by three offices while apart give the same rows in all six orders', () => {
    const [a, b, c] = [office(), office(), office()]
    const setPop = (o: Core, population: number) => unwrapOk(o.call('catalogue.setPopulations', { rows: [{ code: '310117001001', population }] }))
    setPop(a, 1000)
    exchangeDirect(a.context(), b.context()); exchangeDirect(a.context(), c.context())
    setPop(a, 1100); setPop(b, 1200); setPop(c, 1300)
    const base = eventsSince(a.db, {}).filter((e) => e.replicaId === a.replicaId).slice(0, -1)
    const edits = [a, b, c].map((o) => eventsSince(o.db, {}).filter((e) => e.replicaId === o.replicaId && e.type === 'regions.population').at(-1)!)
    const seen = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]].map((order) => {
      const d = office()
      receive(d.context(), base)
      for (const i of order) receive(d.context(), [edits[i]])
      return rows(d)
    })
    for (const s of seen) expect(s).toEqual(seen[0])
    expect(seen[0]).toHaveLength(2)
    const winner = [...edits].sort((x, y) => (x.hlc < y.hlc ? 1 : -1))[0]
    for (const r of seen[0]) expect(r.winner_event_id).toBe(winner.id)
  })

  it('a later edit that saw the winner takes over the open conflicts; one a planner resolved stays resolved', () => {
    const { offices: [a, b, c] } = threeEdits()
    exchangeDirect(a.context(), b.context())
    const first = rows(a)
    expect(first).toHaveLength(1)
    unwrapOk(a.call('sync.resolveConflict', { id: (a.db.$client.prepare("SELECT id FROM conflicts WHERE kind = 'lww'").pluck().get() as string) }))
    exchangeDirect(a.context(), c.context())
    exchangeDirect(a.context(), b.context())
    // a sequential edit at B, having seen all three: the two losers now lose to it, and nothing else is listed
    rename(b, '台风“丁”')
    exchangeDirect(a.context(), b.context())
    const now = rows(a)
    expect(now).toHaveLength(2)
    for (const r of now) expect(r.winner_event_id).toBe(lastEvent(b))
    expect(a.db.$client.prepare("SELECT count(*) FROM conflicts WHERE kind = 'lww' AND resolved_at IS NOT NULL").pluck().get()).toBe(1)
    expect(rows(b)).toEqual(now)
  })
})

function unwrapOk(r: { ok: boolean; error?: { message: string } }) {
  if (!r.ok) throw new Error(r.error!.message)
}
