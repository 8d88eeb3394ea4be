/**
 * Convergence: 3–6 offices work offline (receipts, issues, transfers, write-offs, new sites, stocktakes, and
 * dispatch: incidents, requests, transfer orders from draft to close, agreements at the district office), exchange
 * at random over the memory transport, shared folders and a real hub (`POST /sync` with device tokens, through
 * fastify's inject) — with
 * duplicated, reordered, truncated and replayed deliveries and requests, damaged segment files, a hub restarted
 * between exchanges, and partitions — and once everyone has talked to everyone, every office and the hub hold the
 * same projections and vector, the ledger sums agree, no event is lost or left pending, and rebuilding from the
 * events gives the same projections. Orders are routed so that two offices receive, or dispatch, the same one while
 * apart (receive-twice, dispatch-twice).
 *
 * Office 0 syncs with the hub as a district device, the others as devices of the street all sites are in, so the
 * hub's rights check sees every event type from a street device too.
 */
import { describe, it, expect, afterAll } from 'vitest'
import fc from 'fast-check'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postReceipt, postIssue, postTransfer, postWriteOff } from '../../../core/stock/ledger'
import { cancelStocktake, openStocktake, postStocktake, saveCounts } from '../../../core/stock/stocktake'
import { copyCatalogueVersion, saveCatalogueVersion } from '../../../core/catalogue/versions'
import { recordOp, recordStep, type RecordOp } from '../../helpers/record-ops'
import { recordAgreement } from '../../../core/agreements/callups'
import { eventsSince, exchangeDirect, receive, vectorOf } from '../../../core/sync/exchange'
import { syncFolder } from '../../../core/sync/folder'
import type { SyncEvent } from '../../../core/sync/registry'
import { registerDevice, syncWithHub, type SyncAnswer, type SyncRequest } from '../../../core/sync/hub'
import { createHub, type Hub } from '../../../server/hub'
import {
  eventIds, ledgerMatchesBalances, ledgerSum, pendingCount, projectionHash, projectionRows, rebuiltFromEvents, vectorNoLocal,
} from '../../helpers/sync'

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
  | { k: 'hub'; r: number; fault: HubFault; cut: number }
  | { k: 'dispatch'; r: number; step: DispatchStep; pick: number; qty: number }
  | { k: 'receive-twice'; a: number; b: number; pick: number; short: boolean }
  | { k: 'dispatch-twice'; a: number; b: number; pick: number }

/** dispatch steps with their weights (out of 100): orders move on more often than incidents open */
const DISPATCH_WEIGHTS = {
  'incident': 8, 'incident-edit': 4, 'incident-close': 2, 'request': 8, 'request-edit': 4, 'request-cancel': 3, 'order': 15, 'order-edit': 4,
  'approve': 12, 'dispatch': 12, 'receive': 8, 'receive-short': 4, 'close': 6, 'cancel': 4, 'agreement': 6,
} as const
type DispatchStep = keyof typeof DISPATCH_WEIGHTS
const DISPATCH_TABLE = Object.entries(DISPATCH_WEIGHTS).flatMap(([k, w]) => Array<DispatchStep>(w).fill(k as DispatchStep))

type HubFault = 'none' | 'duplicate' | 'reorder' | 'truncate' | 'replay' | 'restart'

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
  { weight: 8, arbitrary: fc.record({ k: fc.constant('dispatch' as const), r: fc.nat(5), step: fc.nat(DISPATCH_TABLE.length - 1).map((i) => DISPATCH_TABLE[i]), pick: fc.nat(50), qty: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('receive-twice' as const), a: fc.nat(5), b: fc.nat(5), pick: fc.nat(50), short: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('dispatch-twice' as const), a: fc.nat(5), b: fc.nat(5), pick: fc.nat(50) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('hub' as const), r: fc.nat(5), fault: fc.constantFrom<HubFault>('none', 'duplicate', 'reorder', 'truncate', 'replay', 'restart'), cut: fc.nat(100) }) },
)

const STREET = '310117001000'

/**
 * The hub as the offices reach it: a real hub on its own data folder, each office with its device token. It can
 * be restarted (closed and opened again on the same folder) between exchanges.
 */
class HubLine {
  hub!: Hub
  tokens: string[] = []
  /** requests as they were sent, with the token that sent them (replayed later) */
  sent: Array<{ r: number; body: string }> = []
  private constructor(readonly dataDir: string) {}

  static async open(dataDir: string, offices: number): Promise<HubLine> {
    const line = new HubLine(dataDir)
    await line.start()
    // offices 0 and 1 are the district's (the bureau and its depot: they edit the catalogue, targets and agreements
    // concurrently); the others are a street's, whose district-level records the hub would refuse
    line.tokens = Array.from({ length: offices }, (_, r) => registerDevice(line.hub.core.context(), r < DISTRICT_OFFICES
      ? { name: `区应急管理局${r}`, scopeKind: 'district' } : { name: `街道设备${r}`, scopeKind: 'street', scopeRef: STREET }).token)
    return line
  }
  private async start() {
    this.hub = await createHub({ dataDir: this.dataDir, seed: 'reference', today: () => '2026-06-01', dailyBackups: false })
  }
  async restart() {
    await this.hub.app.close()
    await this.start()
  }
  close() { return this.hub.app.close() }

  /** POST /sync with office r's token; the raw body, so that a cut one can be sent too. */
  async raw(r: number, body: string): Promise<{ status: number; json: any }> {
    const res = await this.hub.app.inject({
      method: 'POST', url: '/sync', payload: body, headers: { authorization: `Bearer ${this.tokens[r]}`, 'content-type': 'application/json' },
    })
    return { status: res.statusCode, json: res.json() }
  }
  async post(r: number, req: SyncRequest): Promise<SyncAnswer> {
    const body = JSON.stringify(req)
    this.sent.push({ r, body })
    const res = await this.raw(r, body)
    if (res.status !== 200) throw new Error(`hub refused office ${r}: ${res.status} ${JSON.stringify(res.json)}`)
    return res.json
  }
}

/** One office syncs with the hub, through whatever the fault does to its requests and answers. */
async function hubExchange(line: HubLine, core: Core, r: number, fault: HubFault, cut: number) {
  const ctx = core.context()
  if (fault === 'restart') await line.restart()
  if (fault === 'replay' && line.sent.length) {
    // an old request arrives again (a proxy retrying, a device restored from a backup): its answer is stale
    const old = line.sent[cut % line.sent.length]
    const res = await line.raw(old.r, old.body)
    expect(res.status).toBe(200)
    expect(res.json.stored).toBe(0)
  }
  if (fault === 'truncate') {
    // the connection drops mid-request: the hub gets half a body, refuses it and stores nothing
    const body = JSON.stringify({ vector: vectorOf(core.db), events: eventsSince(core.db, {}) })
    const before = await line.hub.store.vector()
    const res = await line.raw(r, body.slice(0, Math.max(1, Math.floor(body.length * (cut % 100) / 100))))
    expect(res.status).toBe(400)
    expect(await line.hub.store.vector()).toEqual(before)
  }
  await syncWithHub(ctx, async (req) => {
    if (fault === 'reorder') req = { ...req, events: [...req.events].reverse() }
    let answer = await line.post(r, req)
    if (fault === 'duplicate') answer = await line.post(r, req) // the same request twice: the second stores nothing
    if (fault === 'reorder') answer = { ...answer, events: [...answer.events].reverse() }
    // the answer is cut off: the office keeps what it got, in order, and asks again next time
    if (fault === 'truncate') answer = { ...answer, events: answer.events.slice(0, Math.floor(answer.events.length * (cut % 100) / 100)) }
    return answer
  })
}

let runNo = 0
/** offices 0 … DISTRICT_OFFICES − 1 sync as district devices */
const DISTRICT_OFFICES = 2

async function scenario(n: number, ops: Op[]) {
  const run = runNo++
  const cores: Core[] = Array.from({ length: n }, () => createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' }))
  const items = cores[0].db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 3').pluck().all() as string[]
  const folders = [0, 1].map((i) => path.join(tmpRoot, `run${run}-f${i}`))
  folders.forEach((f) => fs.mkdirSync(f))
  const hubDir = path.join(tmpRoot, `run${run}-hub`)
  fs.mkdirSync(hubDir)
  const line = await HubLine.open(hubDir, n)
  let siteNo = 0
  const newSite = (r: number) => createSite(cores[r].context(), {
    id: `site-${r}-${siteNo}`, code: `C${r}-${siteNo++}`, name: `储备点${siteNo}`, tier: 'community', regionCode: '310117001000',
  })
  cores.forEach((_, r) => { newSite(r); newSite(r) }) // two sites each: something to move stock between
  const sitesOf = (r: number) => cores[r].db.$client.prepare('SELECT id FROM sites ORDER BY id').pluck().all() as string[]
  const replay: SyncEvent[][] = []
  let docNo = 0

  for (let o of ops) {
    if ('r' in o) o = { ...o, r: o.r % n } // every office of the run works
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
      // Planners in the two district offices price (or copy) the same plan year's catalogue offline: per-field LWW.
      const ctx = cores[o.r % DISTRICT_OFFICES].context()
      if (o.copy) {
        try { copyCatalogueVersion(ctx, 2026, 2027 + o.year) } catch (e) { if ((e as { code?: string }).code !== 'CATALOGUE_YEAR_EXISTS') throw e }
      } else {
        saveCatalogueVersion(ctx, { planYear: 2026 + o.year, itemId: items[o.item], unitPrice: o.price ? o.price * 100 : null, included: o.included })
      }
    } else if (o.k === 'record') {
      // district-level records are made in a district office; a street office edits only its own sites
      const r = o.step === 'siteEdit' ? o.r : o.r % DISTRICT_OFFICES
      recordStep(cores[r], o, items, sitesOf(r)) // planning and network records (tests/helpers/record-ops.ts)
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
    } else if (o.k === 'hub') {
      await hubExchange(line, cores[o.r], o.r, o.fault, o.cut)
    } else if (o.k === 'dispatch') {
      dispatchStep(cores[o.r], o.r, sitesOf(o.r), items, o, () => `${run}-${docNo++}`)
    } else if (o.k === 'receive-twice') {
      receiveTwice(cores, o, () => `${run}-${docNo++}`)
    } else if (o.k === 'dispatch-twice') {
      dispatchTwice(cores, o, () => `${run}-${docNo++}`)
    }
  }
  return { cores, folders, line }
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

/** Orders in a state where the step applies (the step is sometimes tried on any order: one another office made moot). */
const STEP_FROM: Partial<Record<DispatchStep, string[]>> = {
  approve: ['draft'], dispatch: ['approved'], receive: ['dispatched'], 'receive-short': ['dispatched'], close: ['received', 'partly_received'], cancel: ['draft', 'approved'],
}
const ordersFor = (step: DispatchStep) => `SELECT id FROM transfer_orders WHERE state IN (${(STEP_FROM[step] ?? []).map((x) => `'${x}'`).join(', ')}) ORDER BY id`

/**
 * One step of 调度 at an office, as a dispatcher or keeper would do it there: incidents, requests, transfer orders
 * from draft to close (on whatever has arrived, so two offices may move the same order concurrently), and — at the
 * district office only, the one that signs them — agreements. A step the office refuses (an order in the wrong
 * state, nothing allocated) is what a person would see refused, and changes nothing.
 */
function dispatchStep(core: Core, r: number, sites: string[], items: string[], o: { step: DispatchStep; pick: number; qty: number }, nextId: () => string) {
  const c = core.db.$client
  const pickOf = (sql: string) => { const ids = c.prepare(sql).pluck().all() as string[]; return ids.length ? ids[o.pick % ids.length] : undefined }
  const call = (method: string, input: unknown) => {
    const res = core.call(method as never, input as never)
    if (!res.ok && !['TRANSITION_REFUSED', 'ORDER_NOTHING_ALLOCATED', 'INSUFFICIENT_STOCK', 'NOT_FOUND'].includes(res.error.code)) {
      throw new Error(`${method}: ${res.error.code} ${res.error.message}`)
    }
  }
  const region = o.pick % 2 ? STREET : '310117001001'
  const incident = () => pickOf('SELECT id FROM incidents ORDER BY id')
  switch (o.step) {
    case 'incident':
      return call('incident.save', { id: `inc-${nextId()}`, name: '内涝', type: '暴雨内涝', level: 'III', startedAt: '2026-05-30', regionCodes: [region] })
    case 'incident-edit': {
      const id = incident()
      if (id) call('incident.save', { id, name: `内涝${o.qty}`, type: '暴雨内涝', level: (['I', 'II', 'III', 'IV'] as const)[o.qty % 4], startedAt: '2026-05-30', regionCodes: [region] })
      return
    }
    case 'incident-close': {
      const id = incident()
      if (id) call('incident.close', { id, endedAt: '2026-06-01' })
      return
    }
    case 'request': case 'request-edit': {
      const incidentId = incident()
      const id = o.step === 'request' ? `req-${nextId()}` : pickOf("SELECT id FROM requests WHERE status <> 'cancelled' ORDER BY id")
      if (incidentId && id) {
        call('request.save', { id, incidentId, destinationSiteId: sites[o.pick % sites.length], urgency: o.qty % 2 ? 'urgent' : 'normal', lines: [{ itemId: items[o.qty % items.length], quantity: o.qty }] })
      }
      return
    }
    case 'request-cancel': {
      const id = pickOf("SELECT id FROM requests WHERE status <> 'cancelled' ORDER BY id")
      if (id) call('request.cancel', { id })
      return
    }
    case 'order': case 'order-edit': {
      // from a site with stock of the item (or any site: an order that finds nothing to allocate stays a draft)
      const stocked = c.prepare('SELECT DISTINCT site_id AS siteId, item_id AS itemId FROM stock_balances WHERE quantity > 0 ORDER BY 1, 2').all() as Array<{ siteId: string; itemId: string }>
      const src = stocked.length && o.qty % 4 ? stocked[o.pick % stocked.length] : { siteId: sites[o.pick % sites.length], itemId: items[o.qty % items.length] }
      const others = sites.filter((x) => x !== src.siteId)
      const to = others[(o.pick + o.qty) % Math.max(1, others.length)]
      const id = o.step === 'order' ? `order-${nextId()}` : pickOf("SELECT id FROM transfer_orders WHERE state = 'draft' ORDER BY id")
      if (to && id) {
        call('transfer.save', { id, incidentId: incident(), fromSiteId: src.siteId, toSiteId: to, lines: [{ itemId: src.itemId, requested: o.qty }] })
      }
      return
    }
    case 'agreement':
      if (r === 0) {
        const id = nextId()
        recordAgreement(core.context(), {
          partner: { id: `P-${id}`, name: '松江好运超市' },
          agreement: { id: `AG-${id}`, agreementNo: `XY-${id}`, kind: 'materials', responseHours: 6, validFrom: '2026-01-01', validTo: '2026-12-31' },
          lines: [{ itemId: items[o.qty % items.length], quantity: 100 }],
        })
      }
      return
    default: {
      const id = o.qty % 5 ? pickOf(ordersFor(o.step)) : pickOf('SELECT id FROM transfer_orders ORDER BY id')
      if (!id) return
      if (o.step === 'receive-short') {
        const line = c.prepare('SELECT line_no AS lineNo, shipped FROM transfer_order_lines WHERE order_id = ? AND shipped > 0 ORDER BY line_no LIMIT 1').get(id) as { lineNo: number; shipped: number } | undefined
        if (line) call('transfer.transition', { id, action: 'receive', lines: [{ lineNo: line.lineNo, received: Math.max(0, line.shipped - 1), reason: 'damaged' }] })
        return
      }
      call('transfer.transition', { id, action: o.step })
    }
  }
}

/** A transfer.transition at an office; refusals a person would see there (another office moved the order) change nothing. */
function transferStep(core: Core, id: string, action: string, lines?: unknown) {
  const res = core.call('transfer.transition' as never, { id, action, lines } as never)
  if (!res.ok && !['TRANSITION_REFUSED', 'ORDER_NOTHING_ALLOCATED', 'INSUFFICIENT_STOCK'].includes(res.error.code)) {
    throw new Error(`transfer.transition: ${res.error.code} ${res.error.message}`)
  }
}

/** An order of office `core` in one of `states` (the first list that has one), else a new one from a site with stock. */
function orderAt(core: Core, pickNo: number, states: string[], nextId: () => string): string | undefined {
  const c = core.db.$client
  for (const st of states) {
    const ids = c.prepare('SELECT id FROM transfer_orders WHERE state = ? ORDER BY id').pluck().all(st) as string[]
    if (ids.length) return ids[pickNo % ids.length]
  }
  // a new order from a site with stock, to another site
  const src = c.prepare('SELECT site_id AS siteId, item_id AS itemId, quantity FROM stock_balances WHERE quantity > 0 ORDER BY 1, 2, 3').all() as Array<{ siteId: string; itemId: string; quantity: number }>
  const to = c.prepare('SELECT id FROM sites ORDER BY id').pluck().all() as string[]
  if (!src.length) return undefined
  const s = src[pickNo % src.length]
  const id = `order-${nextId()}`
  const res = core.call('transfer.save' as never, { id, fromSiteId: s.siteId, toSiteId: to.find((x) => x !== s.siteId), lines: [{ itemId: s.itemId, requested: Math.min(s.quantity, 5) }] } as never)
  if (!res.ok) throw new Error(`transfer.save: ${res.error.code} ${res.error.message}`)
  return id
}

/**
 * An order dispatched at office a reaches office b (a's events only), then both record its receipt before they talk
 * again — the street and the district both allowed to — one of them perhaps short: two receipts of one order.
 */
function receiveTwice(cores: Core[], o: { a: number; b: number; pick: number; short: boolean }, nextId: () => string) {
  const a = o.a % cores.length, b = o.b % cores.length
  if (a === b) return
  // an order on its way at a: one already dispatched, else one a moves on (approve, dispatch) now
  const id = orderAt(cores[a], o.pick, ['dispatched', 'approved'], nextId)
  if (!id) return
  for (const action of ['approve', 'dispatch']) transferStep(cores[a], id, action)
  receive(cores[b].context(), eventsSince(cores[a].db, vectorOf(cores[b].db)))
  for (const [core, short] of [[cores[a], false], [cores[b], o.short]] as const) {
    const line = core.db.$client.prepare('SELECT line_no AS lineNo, shipped FROM transfer_order_lines WHERE order_id = ? AND shipped > 0 ORDER BY line_no LIMIT 1').get(id) as { lineNo: number; shipped: number } | undefined
    transferStep(core, id, 'receive', short && line ? [{ lineNo: line.lineNo, received: line.shipped - 1, reason: 'damaged' }] : undefined)
  }
}

/**
 * An order approved at office a reaches office b (a's events only), then both record its dispatch before they talk
 * again — the source depot's office and the district office — each posting its own 调出: two dispatches of one order.
 */
function dispatchTwice(cores: Core[], o: { a: number; b: number; pick: number }, nextId: () => string) {
  const a = o.a % cores.length, b = o.b % cores.length
  if (a === b) return
  const id = orderAt(cores[a], o.pick, ['approved'], nextId)
  if (!id) return
  transferStep(cores[a], id, 'approve')
  receive(cores[b].context(), eventsSince(cores[a].db, vectorOf(cores[b].db)))
  for (const core of [cores[a], cores[b]]) transferStep(core, id, 'dispatch')
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

/**
 * Everyone talks to everyone, over one transport only, so that each must bring every office to the same state on
 * its own: the hub (each office syncs twice), both folders (each office twice), or memory (a chain both ways,
 * twice). The hub then takes in the result (its own projections are checked too).
 */
type Settle = 'hub' | 'folder' | 'memory'
async function settle(via: Settle, cores: Core[], folders: string[], line: HubLine) {
  for (let round = 0; round < 2; round++) {
    if (via === 'hub') for (const [r, c] of cores.entries()) await hubExchange(line, c, r, 'none', 0)
    if (via === 'folder') for (const f of folders) for (const c of cores) syncFolder(c.context(), f, { segmentSize: 3 })
    if (via === 'memory') {
      for (let i = 0; i + 1 < cores.length; i++) exchangeDirect(cores[i].context(), cores[i + 1].context())
      for (let i = cores.length - 1; i > 0; i--) exchangeDirect(cores[i].context(), cores[i - 1].context())
    }
  }
  if (via !== 'hub') for (const [r, c] of cores.entries()) await hubExchange(line, c, r, 'none', 0)
}

/** The promises, checked on every office and on the hub (its event store and its own projections). */
async function expectConverged(cores: Core[], line: HubLine) {
  const totalEvents = cores.reduce((s, c) => s + vectorOf(c.db)[c.replicaId], 0)
  const ref = cores[0]
  for (const c of [...cores, line.hub.core]) {
    expect(eventIds(c)).toHaveLength(totalEvents) // none lost, none doubled
    expect(eventIds(c)).toEqual(eventIds(ref))
    expect(vectorNoLocal(c)).toEqual(vectorNoLocal(ref))
    expect(pendingCount(c)).toBe(0)
    expect(ledgerSum(c)).toBe(ledgerSum(ref))
    expect(ledgerMatchesBalances(c)).toBe(true)
    if (projectionHash(c) !== projectionHash(ref)) expect(projectionRows(c)).toEqual(projectionRows(ref)) // shows which rows differ
    expect(projectionHash(c)).toBe(projectionHash(ref))
  }
  const hubVector = Object.fromEntries(Object.entries(await line.hub.store.vector()).filter(([, v]) => v > 0).sort())
  expect(hubVector).toEqual(vectorNoLocal(ref))
  const rebuilt = rebuiltFromEvents(ref)
  expect(projectionHash(rebuilt)).toBe(projectionHash(ref))
  rebuilt.close()
}

async function check(n: number, ops: Op[], via: Settle) {
  const { cores, folders, line } = await scenario(n, ops)
  try {
    await settle(via, cores, folders, line)
    await expectConverged(cores, line)
  } finally {
    cores.forEach((c) => c.close())
    await line.close()
  }
}

describe('sync convergence (property, fixed seed)', () => {


  it('all replicas converge: same projections and vectors, same ledger sums, nothing lost or doubled', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 3, max: 6 }), fc.array(fc.noBias(op), { minLength: 20, maxLength: 60 }), fc.constantFrom<Settle>('hub', 'folder', 'memory'), check),
      { seed: 20260601, numRuns: 40, endOnFailure: false })
  }, 300_000)
})
