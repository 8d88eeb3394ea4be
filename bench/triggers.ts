/**
 * The cost of the site_item_stock triggers (migration 0010) on event-by-event apply: two installations fed the same
 * events through sync's receive(), one with the triggers dropped, in interleaved chunks so that the load of a shared
 * machine falls on both alike. Prints; not part of `npm run bench`.
 *
 *   npx tsx bench/triggers.ts [events=100000] [control]   ('control': both keep the triggers — the noise floor)
 *
 * Phase 'new': receipts of new lots (a balance row inserted per event); 'same': issues of 1 from existing lots
 * (a balance row updated per event).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, databaseFileIn } from '../core/app'
import { createSite } from '../core/network/sites'
import { receive } from '../core/sync/exchange'
import type { SyncEvent } from '../core/sync/registry'

const N = Number(process.argv[2] ?? 100_000)
const CHUNK = Number(process.env.CHUNK ?? 1000)
const hlc = (t: number, r: string) => `${String(t).padStart(15, '0')}-00000-${r}`
function ev(r: string, i: number, base: number, kind: 'new' | 'same'): SyncEvent {
  // 'new': a receipt of a new lot (the bulk of a first sync); 'same': an issue of 1 from an existing lot (balance update)
  const lot = kind === 'new' ? `${r}-L${i}` : `${r}-L${i % 1000}`
  const q = kind === 'new' ? 1 + (i % 7) + 1000 : -1
  return {
    id: `${r}:${i + 1}`, replicaId: r, seq: i + 1, hlc: hlc(base + i, r), type: 'stock.document.posted', version: 1, entityId: `${r}-d${i}`, author: 'bench',
    payload: {
      id: `${r}-d${i}`, docNo: `D-${r}-${i}`, type: kind === 'new' ? 'receipt' : 'issue', subtype: null, siteId: `B-${i % 100}`, counterpartySiteId: null,
      counterparty: null, docDate: '2026-05-01', reason: null, reversesDocId: null, incidentId: null, transferOrderId: null, handledBy: null, replicaId: r,
      lots: kind === 'new' ? [{ id: lot, itemId: 'SH-001', lotNo: lot, productionDate: null, expiryDate: '2030-01-01', supplier: null, unitCost: null }] : [],
      lines: [{ lineNo: 1, itemId: 'SH-001', lotId: lot, quantity: q, unitCost: null, note: null }],
    },
  }
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-trig-'))
const make = (name: string, triggers: boolean) => {
  fs.mkdirSync(path.join(dir, name))
  const core = createCore({ file: databaseFileIn(path.join(dir, name)), seed: 'reference', today: () => '2026-06-01' })
  for (let i = 0; i < 100; i++) createSite(core.context(), { id: `B-${i}`, code: `B-${i}`, name: `基准库${i}`, tier: 'street', regionCode: '310117001000' })
  if (!triggers && process.argv[3] !== 'control') for (const t of ['insert', 'update', 'move', 'delete']) core.db.$client.exec(`DROP TRIGGER stock_balances_sum_${t}`)
  return core
}
const cores = { with: make('with', true), without: make('without', false) }
const time: Record<string, number> = { with: 0, without: 0 }
const base = Date.now()
try {
  for (const phase of ['new', 'same'] as const) {
    time.with = 0; time.without = 0
    const from0 = phase === 'new' ? 0 : N
    for (let from = from0; from < from0 + N; from += CHUNK) {
      const evs = (r: string) => Array.from({ length: CHUNK }, (_, k) => ev(r, from + k, base, phase === 'new' || from + k < N ? 'new' : 'same'))
      const order = ((from / CHUNK) % 2 === 0 ? ['with', 'without'] : ['without', 'with']) as Array<'with' | 'without'>
      for (const k of order) {
        const e = evs('rbench001')
        const t = performance.now()
        receive(cores[k].context(), e)
        time[k] += performance.now() - t
      }
    }
    const c = cores.with.db.$client // the sums must equal the balances'
    console.log(phase, N, 'events; with triggers', time.with.toFixed(0), 'ms; without', time.without.toFixed(0), 'ms; ratio', (time.with / time.without).toFixed(3),
      '| sums', JSON.stringify(c.prepare('SELECT count(*) n, sum(quantity) q FROM site_item_stock').get()), JSON.stringify(c.prepare('SELECT count(*) n, sum(quantity) q FROM stock_balances').get()))
  }
} finally {
  cores.with.close(); cores.without.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
console.log('load', os.loadavg().map((x) => x.toFixed(1)).join(' / '))
