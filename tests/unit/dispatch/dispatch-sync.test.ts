/**
 * Dispatch over sync: every dispatch event type has an applier; two offices exchanging dispatch events end with the
 * same orders, lines, histories, requests and incidents — including a cancel at one office while the other
 * dispatched (the dispatch wins, the cancel is flagged), and two offices dispatching or receiving the same order
 * while apart (each posts its own document, both count, the later one by clock is flagged for a planner to reverse).
 */
import { describe, it, expect, afterEach } from 'vitest'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { recordAgreement } from '../../../core/agreements/callups'
import { eventsSince, exchangeDirect, receive, vectorOf } from '../../../core/sync/exchange'
import { applierFor } from '../../../core/sync/registry'
import { TRANSFER_EVENT_TYPES } from '../../../core/dispatch/sync'
import { unwrap, office } from '../../helpers/core'
import { ledgerMatchesBalances, ledgerSum, projectionHash, projectionRows } from '../../helpers/sync'



/** Office A sets up the network, stock, an incident and a request; B learns it all by exchange. */
function twoOffices() {
  const a = office(), b = office()
  const ctx = a.context()
  createSite(ctx, { id: 'D1', code: 'QJ', name: '区储备库', tier: 'district', regionCode: '310117000000' })
  createSite(ctx, { id: 'C1', code: 'SQ1', name: '龙潭社区点', tier: 'community', regionCode: '310117001001' })
  unwrap(a.call('stock.receive', { id: 'rk-000001', siteId: 'D1', docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'T', quantity: 100 }] }))
  unwrap(a.call('incident.save', { id: 'inc-1', name: '台风', type: '台风', level: 'II', startedAt: '2026-05-30', regionCodes: ['310117001001'] }))
  unwrap(a.call('request.save', { id: 'req-1', incidentId: 'inc-1', destinationSiteId: 'C1', lines: [{ itemId: 'SH-001', quantity: 10 }] }))
  recordAgreement(ctx, {
    partner: { id: 'P1', name: '松江好运超市' },
    agreement: { id: 'AG1', agreementNo: 'XY-01', kind: 'materials', responseHours: 6, validFrom: '2026-01-01', validTo: '2026-12-31' },
    lines: [{ itemId: 'SP-001', quantity: 100 }],
  })
  exchangeDirect(a.context(), b.context())
  return { a, b }
}

const order = (c: Core, id: string, requestId?: string) =>
  unwrap(c.call('transfer.save', { id, incidentId: 'inc-1', requestId, fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 10 }] }))
const step = (c: Core, id: string, action: 'approve' | 'dispatch' | 'receive' | 'close' | 'cancel', more: Record<string, unknown> = {}) =>
  unwrap(c.call('transfer.transition', { id, action, ...more }))

/** Everything dispatch projects, in a comparable form. */
function projection(c: Core) {
  const q = (s: string) => c.db.$client.prepare(s).all()
  return {
    orders: q('SELECT * FROM transfer_orders ORDER BY id'),
    lines: q('SELECT * FROM transfer_order_lines ORDER BY order_id, line_no'),
    history: q('SELECT order_id, action, from_state, to_state, actor, at, note FROM transfer_order_transitions ORDER BY order_id, id'),
    requests: q('SELECT id, request_no, incident_id, destination_site_id, urgency, contact, status FROM requests ORDER BY id'),
    requestLines: q('SELECT * FROM request_lines ORDER BY request_id, line_no'),
    incidents: q('SELECT id, name, type, level, started_at, ended_at, status, note FROM incidents ORDER BY id'),
    incidentRegions: q('SELECT * FROM incident_regions ORDER BY incident_id, region_code'),
    agreements: q('SELECT id, agreement_no, partner_id, kind, response_hours FROM agreements ORDER BY id'),
    balances: q('SELECT site_id, item_id, lot_id, quantity FROM stock_balances WHERE quantity <> 0 ORDER BY site_id, item_id, lot_id'),
    conflicts: q("SELECT id, kind, entity_id, winner_event_id, loser_event_id FROM conflicts WHERE kind LIKE 'transfer_%' OR kind = 'lww' ORDER BY id"),
  }
}
const state = (c: Core, id: string) => c.db.$client.prepare('SELECT state FROM transfer_orders WHERE id = ?').pluck().get(id)
const bal = (c: Core, site: string) => c.db.$client.prepare("SELECT coalesce(sum(quantity),0) FROM stock_balances WHERE site_id = ? AND item_id = 'SH-001'").pluck().get(site)
const pending = (c: Core) => c.db.$client.prepare('SELECT count(*) FROM events WHERE applied_at IS NULL').pluck().get()

/** What each office sent while apart, delivered one way first and then the other (`bFirst`: B's events reach A first). */
function deliver(a: Core, b: Core, bFirst: boolean) {
  const one = (from: Core, to: Core) => receive(to.context(), eventsSince(from.db, vectorOf(to.db)))
  if (bFirst) { one(b, a); one(a, b) } else { one(a, b); one(b, a) }
}

/** Of two offices' events matching `where`, whose sorts first by clock (then id), as the merge orders them. */
function firstBy(where: string, a: Core, b: Core): [Core, Core] {
  const key = (c: Core) => c.db.$client.prepare(`SELECT hlc || ' ' || id FROM events WHERE replica_id = ? AND ${where}`).pluck().get(c.replicaId) as string
  return key(a) < key(b) ? [a, b] : [b, a]
}

/** The promises of convergence a user would check at both offices. */
function expectSame(a: Core, b: Core) {
  expect(pending(a)).toBe(0)
  expect(pending(b)).toBe(0)
  expect(ledgerSum(a)).toBe(ledgerSum(b))
  expect(ledgerMatchesBalances(a)).toBe(true)
  expect(ledgerMatchesBalances(b)).toBe(true)
  if (projectionHash(a) !== projectionHash(b)) expect(projectionRows(b)).toEqual(projectionRows(a)) // shows which rows differ
  expect(projectionHash(b)).toBe(projectionHash(a))
}

describe('dispatch events over sync', () => {
  it('every event type dispatch appends has an applier registered (transfer steps as transitions)', () => {
    const { a } = twoOffices()
    order(a, 'order-0001', 'req-1')
    unwrap(a.call('transfer.save', { id: 'order-0001', incidentId: 'inc-1', requestId: 'req-1', fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 9 }] }))
    for (const s of ['approve', 'dispatch'] as const) step(a, 'order-0001', s)
    step(a, 'order-0001', 'receive', { lines: [{ lineNo: 1, received: 8, reason: 'damaged' }] })
    step(a, 'order-0001', 'close')
    order(a, 'order-0002'); step(a, 'order-0002', 'cancel')
    order(a, 'order-0003'); for (const s of ['approve', 'dispatch', 'receive'] as const) step(a, 'order-0003', s)
    unwrap(a.call('request.save', { id: 'req-2', incidentId: 'inc-1', regionCode: '310117001001', lines: [{ itemId: 'SH-001', quantity: 1 }] }))
    unwrap(a.call('request.save', { id: 'req-2', incidentId: 'inc-1', regionCode: '310117001001', urgency: 'critical', lines: [{ itemId: 'SH-001', quantity: 2 }] }))
    unwrap(a.call('request.cancel', { id: 'req-2' }))
    unwrap(a.call('incident.save', { id: 'inc-1', name: '台风“烟花”', type: '台风', startedAt: '2026-05-30' }))
    unwrap(a.call('incident.close', { id: 'inc-1', endedAt: '2026-06-01' }))
    unwrap(a.call('incident.writeOff', { id: 'hx-000001', incidentId: 'inc-1', siteId: 'C1', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 1 }] }))
    const types = a.db.$client.prepare('SELECT DISTINCT type FROM events ORDER BY type').pluck().all() as string[]
    for (const t of [...TRANSFER_EVENT_TYPES, 'incident.opened', 'incident.updated', 'incident.closed', 'request.created', 'request.edited', 'request.cancelled', 'agreement.recorded']) {
      expect(types).toContain(t)
    }
    for (const t of types) expect(applierFor({ type: t, version: 1 }), t).not.toBeNull()
    expect(TRANSFER_EVENT_TYPES.map((t) => applierFor({ type: t, version: 1 })!.kind)).toEqual(TRANSFER_EVENT_TYPES.map(() => 'transition'))
    // The whole history replayed on a fresh office gives the same projections.
    const b = office()
    exchangeDirect(a.context(), b.context())
    expect(pending(b)).toBe(0)
    expect(projection(b)).toEqual(projection(a))
  })

  it('an order made at one office, approved at the other, dispatched and received across: both see the same order, history and request', () => {
    const { a, b } = twoOffices()
    order(a, 'order-0001', 'req-1')
    exchangeDirect(a.context(), b.context())
    step(b, 'order-0001', 'approve')
    exchangeDirect(a.context(), b.context())
    step(a, 'order-0001', 'dispatch', { vehicle: '沪A12345' })
    exchangeDirect(a.context(), b.context())
    step(b, 'order-0001', 'receive', { lines: [{ lineNo: 1, received: 10 }] })
    exchangeDirect(a.context(), b.context())
    expect(state(a, 'order-0001')).toBe('received')
    expect(a.db.$client.prepare("SELECT status FROM requests WHERE id = 'req-1'").pluck().get()).toBe('fulfilled')
    expect(bal(a, 'C1')).toBe(10)
    expect(projection(b)).toEqual(projection(a))
    expect(projection(a).history.map((h: any) => h.action)).toEqual(['create', 'approve', 'dispatch', 'receive'])
  })

  for (const first of ['cancel', 'dispatch'] as const) {
    it(`cancel at one office while the other dispatched (${first} first): the dispatch stands everywhere, the cancel is flagged`, () => {
      const { a, b } = twoOffices()
      order(a, 'order-0001')
      step(a, 'order-0001', 'approve')
      exchangeDirect(a.context(), b.context())
      // Offline: A cancels, B dispatches (stock leaves D1 at B).
      if (first === 'cancel') { step(a, 'order-0001', 'cancel'); step(b, 'order-0001', 'dispatch') } else { step(b, 'order-0001', 'dispatch'); step(a, 'order-0001', 'cancel') }
      expect(state(a, 'order-0001')).toBe('cancelled')
      expect(state(b, 'order-0001')).toBe('dispatched')
      exchangeDirect(a.context(), b.context())
      for (const c of [a, b]) {
        expect(state(c, 'order-0001')).toBe('dispatched')
        expect(bal(c, 'D1')).toBe(90)
        const flagged = c.db.$client.prepare("SELECT kind, winner_event_id AS w, loser_event_id AS l FROM conflicts WHERE entity = 'transfer_order'").all() as any[]
        expect(flagged).toHaveLength(1)
        expect(flagged[0].kind).toBe('transfer_cancel_overridden')
        expect(c.db.$client.prepare('SELECT type FROM events WHERE id = ?').pluck().get(flagged[0].w)).toBe('transfer.dispatch')
        expect(c.db.$client.prepare('SELECT type FROM events WHERE id = ?').pluck().get(flagged[0].l)).toBe('transfer.cancel')
      }
      expect(projection(b)).toEqual(projection(a))
      // And it goes on normally: received at A, seen at B.
      step(a, 'order-0001', 'receive')
      exchangeDirect(a.context(), b.context())
      expect(state(b, 'order-0001')).toBe('received')
      expect(projection(b)).toEqual(projection(a))
    })
  }

  for (const bFirst of [false, true]) {
    it(`two offices dispatching the same order while apart (${bFirst ? "B's" : "A's"} events arrive first): both 调出 kept, the later flagged, the order ships once; concurrent request edits converge by clock`, () => {
      const { a, b } = twoOffices()
      order(a, 'order-0001')
      step(a, 'order-0001', 'approve')
      exchangeDirect(a.context(), b.context())
      // apart: the source depot's office (A) and the district office (B) both record the dispatch
      step(a, 'order-0001', 'dispatch', { vehicle: '沪A11111' })
      step(b, 'order-0001', 'dispatch', { vehicle: '沪B22222' })
      unwrap(a.call('request.save', { id: 'req-1', incidentId: 'inc-1', destinationSiteId: 'C1', contact: '甲', lines: [{ itemId: 'SH-001', quantity: 10 }] }))
      unwrap(b.call('request.save', { id: 'req-1', incidentId: 'inc-1', destinationSiteId: 'C1', contact: '乙', lines: [{ itemId: 'SH-001', quantity: 12 }] }))
      const [first, second] = firstBy("type = 'transfer.dispatch'", a, b)
      deliver(a, b, bFirst)
      expectSame(a, b)
      for (const c of [a, b]) {
        expect(state(c, 'order-0001')).toBe('dispatched')
        // both postings are facts: each office's 调出 is on every office, and both took stock out of D1
        const docs = c.db.$client.prepare("SELECT id, replica_id AS r FROM documents WHERE transfer_order_id = 'order-0001' AND type = 'transfer_out' ORDER BY id").all() as any[]
        expect(docs.map((d) => d.id).sort()).toEqual([`order-0001:out:${a.replicaId}`, `order-0001:out:${b.replicaId}`].sort())
        expect(docs.every((d) => d.id === `order-0001:out:${d.r}`)).toBe(true)
        expect(bal(c, 'D1')).toBe(80)
        // the order is the first dispatch's (its vehicle, its shipped quantities), the other is flagged
        expect(c.db.$client.prepare("SELECT vehicle FROM transfer_orders WHERE id = 'order-0001'").pluck().get()).toBe(first === a ? '沪A11111' : '沪B22222')
        const flagged = c.db.$client.prepare("SELECT kind, winner_event_id AS w, loser_event_id AS l, detail FROM conflicts WHERE entity = 'transfer_order'").all() as any[]
        expect(flagged.map((f) => f.kind)).toEqual(['transfer_double_dispatch'])
        expect(flagged[0].w.startsWith(`${first.replicaId}:`)).toBe(true)
        expect(c.db.$client.prepare('SELECT type FROM events WHERE id = ?').pluck().get(flagged[0].w)).toBe('transfer.dispatch')
        expect(flagged[0].l.startsWith(`${second.replicaId}:`)).toBe(true)
        expect(JSON.parse(flagged[0].detail)).toMatchObject({
          action: 'dispatch', documentId: `order-0001:out:${second.replicaId}`, keptDocumentId: `order-0001:out:${first.replicaId}`,
          shipped: [{ lineNo: 1, shipped: 10 }], keptShipped: [{ lineNo: 1, shipped: 10 }],
        })
        // the board and the report count the order's shipment once
        const board = unwrap(c.call('dispatch.board', { incidentId: 'inc-1' })) as any
        expect(board.orders.map((o: any) => [o.id, o.shipped, o.inTransit])).toEqual([['order-0001', 10, 10]])
        expect(board.inTransit.map((r: any) => r.quantity)).toEqual([10])
        const report = unwrap(c.call('incident.report', { id: 'inc-1' })) as any
        expect(report.items.find((r: any) => r.itemId === 'SH-001').sent).toBe(10)
        expect(report.replenish.map((r: any) => [r.siteId, r.sent])).toEqual([['D1', 10]])
      }
      expect(a.db.$client.prepare("SELECT count(*) FROM conflicts WHERE kind = 'lww' AND entity = 'request'").pluck().get()).toBeGreaterThan(0)
      expect(['甲', '乙']).toContain(a.db.$client.prepare("SELECT contact FROM requests WHERE id = 'req-1'").pluck().get())
      // the receipt is checked against what the order shipped once (10), not both postings (20)
      const over = b.call('transfer.transition', { id: 'order-0001', action: 'receive', lines: [{ lineNo: 1, received: 11 }] })
      expect(over.ok ? 'accepted' : over.error.code).toBe('RECEIVED_OVER_SHIPPED')
      step(b, 'order-0001', 'receive')
      // reconciling: a planner reverses the duplicate 调出 at A; D1 stands as if dispatched once
      unwrap(a.call('stock.reverse', { id: 'cx-000001', documentId: `order-0001:out:${second.replicaId}`, docDate: '2026-06-01', reason: '重复发运' }))
      exchangeDirect(a.context(), b.context())
      for (const c of [a, b]) {
        expect(state(c, 'order-0001')).toBe('received')
        expect(bal(c, 'D1')).toBe(90)
        expect(bal(c, 'C1')).toBe(10)
      }
      expectSame(a, b)
    })
  }

  it('a dispatch an older build recorded (one 调出 `${order}:out`) still applies as before, and meets a per-office one as a double dispatch', () => {
    const { a, b } = twoOffices()
    order(a, 'order-0001')
    step(a, 'order-0001', 'approve')
    exchangeDirect(a.context(), b.context())
    step(a, 'order-0001', 'dispatch')
    step(b, 'order-0001', 'dispatch')
    const [first] = firstBy("type = 'transfer.dispatch'", a, b)
    // A's events as a build before per-office ids wrote them: the document and the step carry `order-0001:out`
    const older = JSON.parse(JSON.stringify(eventsSince(a.db, {})).replaceAll(`order-0001:out:${a.replicaId}`, 'order-0001:out'))
    expect(JSON.stringify(older)).toContain('"order-0001:out"')
    const c = office()
    receive(c.context(), older)
    expect(pending(c)).toBe(0)
    expect(state(c, 'order-0001')).toBe('dispatched')
    expect(c.db.$client.prepare("SELECT id FROM documents WHERE transfer_order_id = 'order-0001'").pluck().all()).toEqual(['order-0001:out'])
    expect(bal(c, 'D1')).toBe(90)
    expect(c.db.$client.prepare("SELECT count(*) FROM conflicts WHERE entity = 'transfer_order'").pluck().get()).toBe(0)
    // then B's dispatch (this build): both 调出 count, the later one by clock is flagged
    receive(c.context(), eventsSince(b.db, vectorOf(c.db)))
    expect(pending(c)).toBe(0)
    expect(bal(c, 'D1')).toBe(80)
    const ids = { [a.replicaId]: 'order-0001:out', [b.replicaId]: `order-0001:out:${b.replicaId}` }
    const flagged = c.db.$client.prepare("SELECT kind, detail FROM conflicts WHERE entity = 'transfer_order'").all() as any[]
    expect(flagged.map((f) => f.kind)).toEqual(['transfer_double_dispatch'])
    expect(JSON.parse(flagged[0].detail)).toMatchObject({
      keptDocumentId: ids[first.replicaId], documentId: ids[first === a ? b.replicaId : a.replicaId],
    })
  })

  for (const bFirst of [false, true]) {
    it(`two offices receive the same order while apart, one short (${bFirst ? "B's" : "A's"} events arrive first): both receipts kept, the second flagged, same everywhere`, () => {
      const { a, b } = twoOffices()
      order(a, 'order-0001')
      step(a, 'order-0001', 'approve')
      step(a, 'order-0001', 'dispatch')
      exchangeDirect(a.context(), b.context())
      // apart: the district (A) records the full receipt, the street (B) one short
      step(a, 'order-0001', 'receive')
      step(b, 'order-0001', 'receive', { lines: [{ lineNo: 1, received: 9, reason: 'damaged' }] })
      // the order takes the receipt with the earlier clock (A's unless both came in the same millisecond the other way)
      const [first, second] = firstBy("type LIKE 'transfer.receive%'", a, b)
      deliver(a, b, bFirst)
      expectSame(a, b)
      for (const c of [a, b]) {
        expect(state(c, 'order-0001')).toBe(first === a ? 'received' : 'partly_received')
        // the other receipt is a physical fact too: both 调入 count, and the later one is flagged for reconciliation
        const docs = c.db.$client.prepare("SELECT id, replica_id AS r FROM documents WHERE transfer_order_id = 'order-0001' AND type = 'transfer_in' ORDER BY id").all() as any[]
        expect(docs.map((d) => d.r).sort()).toEqual([a.replicaId, b.replicaId].sort())
        expect(bal(c, 'C1')).toBe(19)
        const flagged = c.db.$client.prepare("SELECT kind, winner_event_id AS w, loser_event_id AS l, detail FROM conflicts WHERE entity = 'transfer_order'").all() as any[]
        expect(flagged.map((f) => f.kind)).toEqual(['transfer_double_receipt'])
        expect(flagged[0].w.startsWith(`${first.replicaId}:`)).toBe(true)
        expect(flagged[0].l.startsWith(`${second.replicaId}:`)).toBe(true)
        expect(JSON.parse(flagged[0].detail)).toMatchObject({ action: second === b ? 'receive_short' : 'receive', documentId: `order-0001:in:${second.replicaId}` })
      }
      // reconciling: the planner reverses the duplicate 调入 at one office; the other sees it
      unwrap(a.call('stock.reverse', { id: 'cx-000001', documentId: `order-0001:in:${second.replicaId}`, docDate: '2026-06-01', reason: '重复收货' }))
      exchangeDirect(a.context(), b.context())
      expect(bal(b, 'C1')).toBe(first === a ? 10 : 9)
      expectSame(a, b)
    })
  }

})
