/**
 * Dispatch at the scale: one 调拨单 of 2 000 lines through save, open, approve, dispatch and receive; and the
 * board of an incident with 5 000 open orders. Baselines: the same rows written or read by bare prepared SQL.
 */
import type { Core } from '../core/app'
import { createSite } from '../core/network/sites'
import { saveOrder } from '../core/dispatch/transfers'
import { newId } from '../core/common/ids'

export interface BenchRow { name: string; ours: number; base: number; unit: string; note: string }

const ok = <T>(r: { ok: true; data: unknown } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message)
  return r.data as T
}

export function benchDispatch(core: Core, today: string, time: (fn: () => void) => number, results: BenchRow[]) {
  const ctx = core.context()
  createSite(ctx, { id: 'BD-C', code: 'BD-C', name: '基准社区点', tier: 'community', regionCode: '310117001001' })
  ok(core.call('incident.save', { id: 'bench-inc', name: '基准台风', type: '台风', startedAt: today }))
  const N = 2000
  // 2 000 lots of one item at B-0, 20 each: four orders of 5 per lot fit.
  for (let k = 0; k < 2; k++) {
    ok(core.call('stock.receive', { id: newId(), siteId: 'B-0', docDate: today, lines: Array.from({ length: N / 2 }, (_, i) => ({ itemId: 'SH-001', lotNo: `ORD-${k}-${i}`, quantity: 20 })) }))
  }
  const db = core.db.$client
  const lotIds = db.prepare("SELECT id FROM lots WHERE lot_no LIKE 'ORD-%' ORDER BY lot_no").pluck().all() as string[]
  const lines = lotIds.map((lotId) => ({ itemId: 'SH-001', lotId, requested: 5 }))
  const rounds = 3
  const t = { save: Infinity, open: Infinity, approve: Infinity, dispatch: Infinity, receive: Infinity }
  for (let r = 0; r < rounds; r++) {
    const id = newId()
    t.save = Math.min(t.save, time(() => ok(core.call('transfer.save', { id, incidentId: 'bench-inc', fromSiteId: 'B-0', toSiteId: 'BD-C', lines }))))
    t.open = Math.min(t.open, time(() => { const o = ok<{ lines: unknown[] }>(core.call('transfer.get', { id })); if (o.lines.length !== N) throw new Error('lines') }))
    t.approve = Math.min(t.approve, time(() => ok(core.call('transfer.transition', { id, action: 'approve' }))))
    t.dispatch = Math.min(t.dispatch, time(() => ok(core.call('transfer.transition', { id, action: 'dispatch' }))))
    t.receive = Math.min(t.receive, time(() => ok(core.call('transfer.transition', { id, action: 'receive' }))))
  }
  // Baseline: the same 2 000 rows in tables of the same shape, bare prepared statements, one transaction per step.
  db.exec(`CREATE TEMP TABLE raw_ord (id TEXT PRIMARY KEY, state TEXT, at TEXT);
    CREATE TEMP TABLE raw_ol (ord TEXT, line INTEGER, item TEXT, lot TEXT, req INTEGER, alloc INTEGER, shipped INTEGER, received INTEGER, PRIMARY KEY (ord, line));
    CREATE TEMP TABLE raw_mv (id INTEGER PRIMARY KEY, ord TEXT, line INTEGER, site TEXT, item TEXT, lot TEXT, qty INTEGER);
    CREATE TEMP TABLE raw_bal (site TEXT, item TEXT, lot TEXT, qty INTEGER, PRIMARY KEY (site, item, lot));`)
  const s = {
    ord: db.prepare('INSERT INTO raw_ord VALUES (?, ?, ?)'), ol: db.prepare('INSERT INTO raw_ol VALUES (?, ?, ?, ?, ?, ?, 0, 0)'),
    state: db.prepare('UPDATE raw_ord SET state = ?, at = ? WHERE id = ?'),
    ship: db.prepare('UPDATE raw_ol SET shipped = alloc WHERE ord = ? AND line = ?'), recv: db.prepare('UPDATE raw_ol SET received = shipped WHERE ord = ? AND line = ?'),
    mv: db.prepare('INSERT INTO raw_mv (ord, line, site, item, lot, qty) VALUES (?, ?, ?, ?, ?, ?)'),
    bal: db.prepare('INSERT INTO raw_bal VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty'),
    get: db.prepare('SELECT l.*, i.name, i.unit, lt.lot_no FROM raw_ol l JOIN items i ON i.id = l.item LEFT JOIN lots lt ON lt.id = l.lot WHERE l.ord = ? ORDER BY l.line'),
  }
  const b = { save: Infinity, open: Infinity, approve: Infinity, dispatch: Infinity, receive: Infinity }
  for (let r = 0; r < rounds; r++) {
    const id = `raw-${r}`
    const now = new Date().toISOString()
    b.save = Math.min(b.save, time(() => db.transaction(() => { s.ord.run(id, 'draft', now); lines.forEach((l, i) => s.ol.run(id, i + 1, l.itemId, l.lotId, 5, 5)) })()))
    b.open = Math.min(b.open, time(() => { if (s.get.all(id).length !== N) throw new Error('raw lines') }))
    b.approve = Math.min(b.approve, time(() => db.transaction(() => s.state.run('approved', now, id))()))
    const move = (site: string, sign: number, upd: typeof s.ship, state: string) => db.transaction(() => {
      s.state.run(state, now, id)
      lines.forEach((l, i) => { upd.run(id, i + 1); s.mv.run(id, i + 1, site, l.itemId, l.lotId, sign * 5); s.bal.run(site, l.itemId, l.lotId, sign * 5) })
    })()
    b.dispatch = Math.min(b.dispatch, time(() => move('B-0', -1, s.ship, 'dispatched')))
    b.receive = Math.min(b.receive, time(() => move('BD-C', 1, s.recv, 'received')))
  }
  const note = `best of ${rounds}`
  results.push({ name: '调拨单 of 2 000 lines: save the draft (lots given)', ours: t.save, base: b.save, unit: 'ms', note: `${note}; baseline: 2 000 line INSERTs` })
  results.push({ name: 'same: open it (lines with item, lot, in transit, history)', ours: t.open, base: b.open, unit: 'ms', note: 'baseline: the joined SELECT alone' })
  results.push({ name: 'same: approve', ours: t.approve, base: b.approve, unit: 'ms', note: 'baseline: one UPDATE' })
  results.push({ name: 'same: dispatch (调出 posted at the source)', ours: t.dispatch, base: b.dispatch, unit: 'ms', note: 'baseline: 2 000 × (line UPDATE + move + balance)' })
  results.push({ name: 'same: receive in full (调入 posted at the destination)', ours: t.receive, base: b.receive, unit: 'ms', note: 'baseline: as dispatch' })

  // The board of an incident with 5 000 open orders (drafts, approved, dispatched), one 50-row page per refresh.
  const M = 5000
  db.transaction(() => {
    for (let i = 0; i < M; i++) {
      saveOrder(ctx, { id: `bo-${String(i).padStart(5, '0')}`, incidentId: 'bench-inc', fromSiteId: 'B-1', toSiteId: 'BD-C', toAddress: undefined, lines: [{ itemId: 'SH-002', requested: 1 + (i % 5) }] })
    }
  })()
  db.prepare("UPDATE transfer_orders SET state = 'approved', approved_at = ?, due_at = ? WHERE id LIKE 'bo-%' AND CAST(substr(id, 4) AS INTEGER) % 3 = 1")
    .run('2026-01-01T00:00:00.000Z', '2026-01-01T04:00:00.000Z')
  let board = Infinity, filtered = Infinity
  for (let r = 0; r < 5; r++) {
    board = Math.min(board, time(() => { const d = ok<{ total: number; orders: unknown[] }>(core.call('dispatch.board', { incidentId: 'bench-inc', page: 1 + r, pageSize: 50 })); if (d.total < M || d.orders.length !== 50) throw new Error('board') }))
    filtered = Math.min(filtered, time(() => ok(core.call('dispatch.board', { incidentId: 'bench-inc', state: 'approved', page: 1 + r, pageSize: 50 }))))
  }
  const rawPage = db.prepare(`SELECT o.*, (SELECT count(*) FROM transfer_order_lines l WHERE l.order_id = o.id) AS n FROM transfer_orders o
    WHERE o.incident_id = ? AND o.state IN ('draft','approved','dispatched','partly_received','received') ORDER BY o.created_at DESC LIMIT 50 OFFSET ?`)
  const rawCount = db.prepare('SELECT state, count(*) FROM transfer_orders WHERE incident_id = ? GROUP BY state')
  let base = Infinity
  for (let r = 0; r < 5; r++) base = Math.min(base, time(() => { rawCount.all('bench-inc'); rawPage.all('bench-inc', r * 50) }))
  results.push({ name: `dispatch board over ${M.toLocaleString('en')} open orders: one 50-order page + counts + overdue + in transit + open requests`, ours: board, base, unit: 'ms per refresh', note: 'best of 5; baseline: the page SELECT + state counts bare' })
  results.push({ name: 'same, filtered to one state (已审批)', ours: filtered, base, unit: 'ms per refresh', note: 'best of 5; same baseline' })
}
