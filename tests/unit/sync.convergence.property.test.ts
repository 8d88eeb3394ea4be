/**
 * Convergence: 3–6 offices work offline (receipts, issues, new sites), exchange at random over the memory
 * transport and shared folders — with duplicated, reordered, truncated and replayed deliveries, damaged segment
 * files and partitions — and once everyone has talked to everyone, every office holds the same projections and
 * vector, the ledger sums agree, no event is lost, and rebuilding from the events gives the same projections.
 */
import { describe, it, expect, afterAll } from 'vitest'
import fc from 'fast-check'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, type Core } from '../../core/app'
import { createSite } from '../../core/services/network'
import { postReceipt, postIssue, postTransfer, postWriteOff } from '../../core/services/stock'
import { cancelStocktake, openStocktake, postStocktake, saveCounts } from '../../core/services/stocktake'
import { copyCatalogueVersion, saveCatalogueVersion } from '../../core/services/catalogue-versions'
import { recordOp, recordStep, type RecordOp } from '../helpers/record-ops'
import { eventsSince, exchangeDirect, receive, vectorOf } from '../../core/sync/exchange'
import { syncFolder } from '../../core/sync/folder'
import type { SyncEvent } from '../../core/sync/appliers'
import {
  eventIds, ledgerMatchesBalances, ledgerSum, pendingCount, projectionHash, rebuiltFromEvents, vectorNoLocal,
} from '../helpers/sync'

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-conv-'))
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }))

type Op =
  | { k: 'receipt'; r: number; site: number; item: number; lot: number; qty: number; expiry: number }
  | { k: 'issue'; r: number; site: number; item: number; qty: number }
  | { k: 'site'; r: number }
  | { k: 'transfer'; r: number; from: number; to: number; item: number; qty: number }
  | { k: 'writeoff'; r: number; site: number; pick: number; qty: number }
  | { k: 'stocktake'; r: number; site: number; step: 'open' | 'count' | 'post' | 'cancel'; line: number; counted: number }
  | { k: 'catalogue'; r: number; year: number; item: number; price: number; included: boolean; copy: boolean }
  | RecordOp
  | { k: 'memory'; a: number; b: number; fault: 'none' | 'duplicate' | 'reorder' | 'truncate' | 'replay'; cut: number }
  | { k: 'folder'; r: number; folder: number; damage: 'none' | 'truncate' | 'duplicate' | 'stale-temp' | 'bad-checksum' }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('receipt' as const), r: fc.nat(5), site: fc.nat(20), item: fc.nat(2), lot: fc.nat(2), qty: fc.integer({ min: 1, max: 50 }), expiry: fc.nat(1) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('issue' as const), r: fc.nat(5), site: fc.nat(20), item: fc.nat(2), qty: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('site' as const), r: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('transfer' as const), r: fc.nat(5), from: fc.nat(20), to: fc.nat(20), item: fc.nat(2), qty: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('writeoff' as const), r: fc.nat(5), site: fc.nat(20), pick: fc.nat(50), qty: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('stocktake' as const), r: fc.nat(5), site: fc.nat(20), step: fc.constantFrom('open', 'count', 'count', 'post', 'cancel'), line: fc.nat(10), counted: fc.nat(60) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('catalogue' as const), r: fc.nat(5), year: fc.nat(1), item: fc.nat(2), price: fc.nat(3), included: fc.boolean(), copy: fc.boolean() }) },
  { weight: 2, arbitrary: recordOp },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('memory' as const), a: fc.nat(5), b: fc.nat(5), fault: fc.constantFrom('none', 'duplicate', 'reorder', 'truncate', 'replay'), cut: fc.nat(100) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('folder' as const), r: fc.nat(5), folder: fc.nat(1), damage: fc.constantFrom('none', 'truncate', 'duplicate', 'stale-temp', 'bad-checksum') }) },
)

let runNo = 0

function scenario(n: number, ops: Op[]) {
  const run = runNo++
  const cores: Core[] = Array.from({ length: n }, () => createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' }))
  const items = cores[0].db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 3').pluck().all() as string[]
  const folders = [0, 1].map((i) => path.join(tmpRoot, `run${run}-f${i}`))
  folders.forEach((f) => fs.mkdirSync(f))
  let siteNo = 0
  const newSite = (r: number) => createSite(cores[r].context(), {
    id: `site-${r}-${siteNo}`, code: `C${r}-${siteNo++}`, name: `储备点${siteNo}`, tier: 'community', regionCode: '310117001000',
  })
  cores.forEach((_, r) => newSite(r))
  const sitesOf = (r: number) => cores[r].db.$client.prepare('SELECT id FROM sites ORDER BY id').pluck().all() as string[]
  const replay: SyncEvent[][] = []
  let docNo = 0

  for (const o of ops) {
    if ('r' in o && o.r >= n) continue
    if (o.k === 'receipt') {
      const sites = sitesOf(o.r)
      try {
        // Offices may create the same lot number with different expiry dates while offline (a merge case).
        postReceipt(cores[o.r].context(), {
          id: `doc-${run}-${docNo++}`, siteId: sites[o.site % sites.length], docDate: '2026-05-01',
          lines: [{ itemId: items[o.item], lotNo: `L${o.lot}`, expiryDate: o.expiry ? '2028-01-01' : '2027-06-30', quantity: o.qty }],
        })
      } catch (e) {
        if ((e as { code?: string }).code !== 'LOT_MISMATCH') throw e // refused locally, as a keeper would see
      }
    } else if (o.k === 'issue') {
      const sites = sitesOf(o.r)
      try {
        postIssue(cores[o.r].context(), { id: `doc-${run}-${docNo++}`, siteId: sites[o.site % sites.length], docDate: '2026-05-02', lines: [{ itemId: items[o.item], quantity: o.qty }] })
      } catch (e) {
        if ((e as { code?: string }).code !== 'INSUFFICIENT_STOCK') throw e
      }
    } else if (o.k === 'site') {
      newSite(o.r)
    } else if (o.k === 'transfer') {
      const sites = sitesOf(o.r)
      const from = sites[o.from % sites.length], to = sites[o.to % sites.length]
      if (from === to) continue
      try {
        postTransfer(cores[o.r].context(), { id: `doc-${run}-${docNo++}`, fromSiteId: from, toSiteId: to, docDate: '2026-05-03', lines: [{ itemId: items[o.item], quantity: o.qty }] })
      } catch (e) {
        if ((e as { code?: string }).code !== 'INSUFFICIENT_STOCK') throw e
      }
    } else if (o.k === 'writeoff') {
      const sites = sitesOf(o.r)
      const onHand = cores[o.r].db.$client.prepare('SELECT item_id AS itemId, lot_id AS lotId, quantity FROM stock_balances WHERE site_id = ? AND quantity > 0 ORDER BY lot_id')
        .all(sites[o.site % sites.length]) as Array<{ itemId: string; lotId: string; quantity: number }>
      if (!onHand.length) continue
      const b = onHand[o.pick % onHand.length]
      postWriteOff(cores[o.r].context(), 'scrap', {
        id: `doc-${run}-${docNo++}`, siteId: sites[o.site % sites.length], docDate: '2026-05-04', reason: '破损',
        lines: [{ itemId: b.itemId, lotId: b.lotId, quantity: Math.min(o.qty, b.quantity) }],
      })
    } else if (o.k === 'stocktake') {
      stocktakeStep(cores[o.r], sitesOf(o.r)[o.site % sitesOf(o.r).length], o, () => `${run}-${docNo++}`)
    } else if (o.k === 'catalogue') {
      // Planners in two offices price (or copy) the same plan year's catalogue while offline: per-field LWW.
      const ctx = cores[o.r].context()
      if (o.copy) {
        try { copyCatalogueVersion(ctx, 2026, 2027 + o.year) } catch (e) { if ((e as { code?: string }).code !== 'CATALOGUE_YEAR_EXISTS') throw e }
      } else {
        saveCatalogueVersion(ctx, { planYear: 2026 + o.year, itemId: items[o.item], unitPrice: o.price ? o.price * 100 : null, included: o.included })
      }
    } else if (o.k === 'record') {
      recordStep(cores[o.r], o, items, sitesOf(o.r)) // planning and network records (tests/helpers/record-ops.ts)
    } else if (o.k === 'memory') {
      if (o.a >= n || o.b >= n || o.a === o.b) continue
      const from = cores[o.a], to = cores[o.b]
      let batch = eventsSince(from.db, vectorOf(to.db))
      if (o.fault === 'duplicate') batch = [...batch, ...batch]
      if (o.fault === 'reorder') batch = [...batch].reverse()
      if (o.fault === 'truncate') batch = batch.filter((_, i) => (i * 37 + o.cut) % 3 !== 0) // holes, not only a tail
      if (o.fault === 'replay' && replay.length) receive(to.context(), replay[o.cut % replay.length])
      replay.push(batch)
      receive(to.context(), batch)
    } else if (o.k === 'folder') {
      const folder = folders[o.folder]
      syncFolder(cores[o.r].context(), folder, { segmentSize: 3 })
      damage(folder, o.damage)
    }
  }
  return { cores, folders }
}

/**
 * One step of a 盘点 at a site, as a keeper would do it on this office's machine. Counts of a stocktake opened
 * elsewhere are made too once it has arrived, so two offices may count, post or cancel the same one concurrently.
 */
function stocktakeStep(core: Core, siteId: string, o: { step: string; line: number; counted: number }, nextId: () => string) {
  const c = core.db.$client
  const open = c.prepare("SELECT id FROM stocktakes WHERE site_id = ? AND status = 'open' ORDER BY id LIMIT 1").pluck().get(siteId) as string | undefined
  const ignore = (e: unknown, ...codes: string[]) => { if (!codes.includes((e as { code?: string }).code ?? '')) throw e }
  if (o.step === 'open') {
    if (!open) openStocktake(core.context(), { id: `st-${nextId()}`, siteId, blind: o.counted % 2 === 0, note: o.counted % 3 ? ' 季度盘点 ' : undefined })
    return
  }
  if (!open) return
  if (o.step === 'count') {
    const lines = c.prepare('SELECT line_no FROM stocktake_lines WHERE stocktake_id = ? ORDER BY line_no').pluck().all(open) as number[]
    if (lines.length) saveCounts(core.context(), { stocktakeId: open, counts: [{ lineNo: lines[o.line % lines.length], counted: o.counted, reason: o.counted % 2 ? '盘亏' : '盘盈' }] })
  } else if (o.step === 'post') {
    try {
      postStocktake(core.context(), { stocktakeId: open, id: `doc-st-${nextId()}`, docDate: '2026-05-05', reason: '盘点差异' })
    } catch (e) {
      ignore(e, 'INSUFFICIENT_STOCK') // stock moved since the snapshot
    }
  } else {
    cancelStocktake(core.context(), { stocktakeId: open })
  }
}

/** Damages the shared folder the way sticks and shares do. */
function damage(folder: string, how: string) {
  const segs: string[] = []
  const root = path.join(folder, 'replicas')
  if (fs.existsSync(root)) {
    for (const r of fs.readdirSync(root)) {
      const d = path.join(root, r, 'segments')
      for (const f of fs.readdirSync(d)) if (!f.startsWith('.')) segs.push(path.join(d, f))
    }
  }
  if (!segs.length || how === 'none') return
  const victim = segs.sort()[segs.length - 1]
  const text = fs.readFileSync(victim, 'utf8')
  if (how === 'truncate') fs.writeFileSync(victim, text.slice(0, Math.floor(text.length / 2)))
  if (how === 'duplicate') fs.copyFileSync(victim, victim.replace('.ndjson', ' (1).ndjson'))
  if (how === 'stale-temp') fs.writeFileSync(path.join(path.dirname(victim), `.${path.basename(victim)}.dead.tmp`), text.slice(0, 10))
  if (how === 'bad-checksum') fs.writeFileSync(victim, text.replace(/"quantity":(\d)/, '"quantity":9$1'))
}

/** Everyone talks to everyone: a chain both ways, twice, over memory; then once more through each folder. */
function settle(cores: Core[], folders: string[]) {
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i + 1 < cores.length; i++) exchangeDirect(cores[i].context(), cores[i + 1].context())
    for (let i = cores.length - 1; i > 0; i--) exchangeDirect(cores[i].context(), cores[i - 1].context())
  }
  for (const f of folders) for (const c of cores) syncFolder(c.context(), f, { segmentSize: 3 })
}

describe('sync convergence (property, fixed seed)', () => {
  it('all replicas converge: same projections and vectors, same ledger sums, nothing lost or doubled', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 6 }), fc.array(op, { minLength: 5, maxLength: 60 }), (n, ops) => {
      const { cores, folders } = scenario(n, ops)
      try {
        settle(cores, folders)
        const totalEvents = cores.reduce((s, c) => s + vectorOf(c.db)[c.replicaId], 0)
        const ref = cores[0]
        for (const c of cores) {
          expect(eventIds(c)).toHaveLength(totalEvents) // none lost, none doubled
          expect(eventIds(c)).toEqual(eventIds(ref))
          expect(vectorNoLocal(c)).toEqual(vectorNoLocal(ref))
          expect(pendingCount(c)).toBe(0)
          expect(ledgerSum(c)).toBe(ledgerSum(ref))
          expect(ledgerMatchesBalances(c)).toBe(true)
          expect(projectionHash(c)).toBe(projectionHash(ref))
        }
        const rebuilt = rebuiltFromEvents(ref)
        expect(projectionHash(rebuilt)).toBe(projectionHash(ref))
        rebuilt.close()
      } finally {
        cores.forEach((c) => c.close())
      }
    }), { seed: 20260601, numRuns: 40, endOnFailure: false })
  }, 300_000)
})
