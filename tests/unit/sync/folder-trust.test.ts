/**
 * Issue 20, items 1 and 9 on the folder side: an installation never takes an event under its own replica id that it
 * did not make, nor another event under an id it holds (refused, listed in conflicts, its own postings go on); and a
 * damaged segment is reported by name, office and reason, not as a bare count.
 */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { eventsSince, receive, vectorOf } from '../../../core/sync/exchange'
import { segmentBytes, syncFolder } from '../../../core/sync/folder'
import { folderJobView } from '../../../core/sync/folder-job'
import { office } from '../../helpers/core'

const dirs: string[] = []
afterEach(() => { dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })) })
function tmpFolder(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-ftrust-'))
  dirs.push(d)
  return d
}
const item = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
const site = (c: Core) => createSite(c.context(), { id: 'site-1', code: 'S1', name: '中山街道储备库', tier: 'street', regionCode: '310117001000' })
let n = 0
const receipt = (c: Core) => postReceipt(c.context(), { id: `doc-ft-${++n}`, siteId: 'site-1', docDate: '2026-05-01', lines: [{ itemId: item(c), lotNo: `L${n}`, quantity: 1 }] })
const refusedRows = (c: Core) => c.db.$client.prepare("SELECT entity_id AS id, json_extract(detail, '$.reason') AS reason FROM conflicts WHERE kind = 'event_refused' ORDER BY 1").all()

describe('folder import takes nothing under another\'s name', () => {
  it('a segment under our own replica id beyond what we made is refused and listed; our postings go on and our own segment replaces it', () => {
    const a = office(), b = office(), folder = tmpFolder()
    site(a); receipt(a)
    syncFolder(a.context(), folder)
    // b forges a's next events (a's replica, seq 3 and 4) into a's folder
    site(b); receipt(b); receipt(b)
    const mine = eventsSince(b.db, {}).filter((e) => e.replicaId === b.replicaId).slice(-2)
    const seq = vectorOf(a.db)[a.replicaId]
    const forged = mine.map((e, i) => ({ ...e, replicaId: a.replicaId, seq: seq + 1 + i, id: `${a.replicaId}:${seq + 1 + i}` }))
    const dir = path.join(folder, 'replicas', a.replicaId, 'segments')
    fs.writeFileSync(path.join(dir, `${seq + 1}-${seq + 2}.ndjson`), segmentBytes(a.replicaId, forged))

    const r = syncFolder(a.context(), folder)
    expect(r.refused.map((x) => [x.id, x.reason])).toEqual(forged.map((e) => [e.id, 'own_replica']))
    expect(refusedRows(a)).toEqual(forged.map((e) => ({ id: e.id, reason: 'own_replica' })))
    receipt(a); receipt(a) // would have failed with SQLITE_CONSTRAINT_UNIQUE on the forged ids
    expect(vectorOf(a.db)[a.replicaId]).toBe(seq + 2)
    syncFolder(a.context(), folder)
    // the segment of that range is a's own now: another office gets a's real postings
    const c = office()
    syncFolder(c.context(), folder)
    expect(eventsSince(c.db, {}).filter((e) => e.replicaId === a.replicaId).map((e) => e.type))
      .toEqual(eventsSince(a.db, {}).filter((e) => e.replicaId === a.replicaId).map((e) => e.type))
    expect(c.db.$client.prepare("SELECT count(*) FROM documents WHERE id LIKE 'doc-ft-%'").pluck().get())
      .toBe(a.db.$client.prepare("SELECT count(*) FROM documents WHERE id LIKE 'doc-ft-%'").pluck().get())
  })

  it('another event under an id we hold is refused and listed, and what we hold stays', () => {
    const a = office(), b = office()
    site(a); receipt(a)
    receive(b.context(), eventsSince(a.db, {}))
    const held = eventsSince(a.db, {}).pop()!
    const changed = { ...held, payload: { ...(held.payload as object), reason: '伪造' } }
    const before = b.db.$client.prepare('SELECT payload FROM events WHERE id = ?').pluck().get(held.id)
    const r = receive(b.context(), [changed])
    expect(r.refused).toEqual([{ id: held.id, reason: 'conflict', type: held.type, replicaId: held.replicaId, seq: held.seq }])
    expect(b.db.$client.prepare('SELECT payload FROM events WHERE id = ?').pluck().get(held.id)).toBe(before)
    expect(refusedRows(b)).toEqual([{ id: held.id, reason: 'conflict' }])
    // the same event again (a replay) is nothing
    expect(receive(b.context(), [held]).refused).toEqual([])
  })
})

describe('folder damage is reported by segment, office and reason', () => {
  it('each skipped file names its segment, the office it came from and why; the job view lists them', () => {
    const a = office(), b = office(), folder = tmpFolder()
    site(a)
    for (let i = 0; i < 5; i++) receipt(a)
    syncFolder(a.context(), folder, { segmentSize: 2 }) // 1-2, 3-4, 5-6
    const dir = path.join(folder, 'replicas', a.replicaId, 'segments')
    const [s12, s34] = fs.readdirSync(dir).sort((x, y) => Number(x.split('-')[0]) - Number(y.split('-')[0]))
    const t12 = fs.readFileSync(path.join(dir, s12), 'utf8')
    fs.writeFileSync(path.join(dir, s12), t12.slice(0, t12.length - 40))
    fs.writeFileSync(path.join(dir, s34), fs.readFileSync(path.join(dir, s34), 'utf8').replace('"quantity":1', '"quantity":100'))
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello')
    const r = syncFolder(b.context(), folder)
    const seen = r.skipped.map((s) => ({ segment: s.segment, replicaId: s.replicaId, reason: s.reason })).sort((x, y) => x.segment.localeCompare(y.segment))
    expect(seen).toEqual([
      { segment: s12, replicaId: a.replicaId, reason: 'truncated' },
      { segment: s34, replicaId: a.replicaId, reason: 'checksum' },
      { segment: 'notes.txt', replicaId: a.replicaId, reason: 'unknown' },
    ].sort((x, y) => x.segment.localeCompare(y.segment)))

    const view = folderJobView({
      running: false, phase: 'done', done: 0, total: 0, startedAt: '', finishedAt: '', bootstrap: null, snapshotsSkipped: [],
      result: { ...r, published: null }, error: null,
    }, 'zh')!
    expect(view.result!.skipped).toBe(3)
    expect(view.result!.damaged).toEqual(expect.arrayContaining([
      expect.objectContaining({ segment: s12, replicaId: a.replicaId, reason: 'truncated' }),
      expect.objectContaining({ segment: s34, replicaId: a.replicaId, reason: 'checksum' }),
      expect.objectContaining({ segment: 'notes.txt', reason: 'unknown' }),
    ]))
  })
})
