import { describe, it, expect, afterEach } from 'vitest'
import fc from 'fast-check'
import { memoryCore, unwrap, count } from '../../helpers/core'
import { createSite } from '../../../core/network/sites'
import { recordAgreement } from '../../../core/agreements/callups'
import { checkLedger } from '../../../core/stock/ledger'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core?.close())

/** District depot, the 岳阳 street depot, a 岳阳 community point, a 永丰 community point and the 永丰 depot. */
function network(): Core {
  const c = memoryCore([])
  const ctx = c.context()
  createSite(ctx, { id: 'D1', code: 'QJ', name: '区储备库', tier: 'district', regionCode: '310117000000' })
  createSite(ctx, { id: 'S1', code: 'JZ1', name: '岳阳街道库', tier: 'street', regionCode: '310117001000' })
  createSite(ctx, { id: 'C1', code: 'SQ1', name: '龙潭社区点', tier: 'community', regionCode: '310117001001' })
  createSite(ctx, { id: 'C2', code: 'SQ2', name: '醉白池社区点', tier: 'community', regionCode: '310117001002' })
  createSite(ctx, { id: 'S2', code: 'JZ2', name: '永丰街道库', tier: 'street', regionCode: '310117002000' })
  return c
}
const receive = (c: Core, siteId: string, lines: unknown[]) =>
  unwrap(c.call('stock.receive', { id: `rk-${siteId}-${Math.random().toString(36).slice(2, 10)}`, siteId, docDate: '2026-05-01', lines }))
const bal = (c: Core, siteId: string, itemId: string) =>
  (c.db.$client.prepare('SELECT coalesce(sum(quantity),0) AS q FROM stock_balances WHERE site_id = ? AND item_id = ?').get(siteId, itemId) as { q: number }).q
const incident = (c: Core, id = 'inc-1') => unwrap(c.call('incident.save', {
  id, name: '台风“烟花”', type: '台风', level: 'II', startedAt: '2026-05-30', regionCodes: ['310117001000', '310117001001'],
}))

describe('incidents', () => {
  it('opens an incident with its regions, picks it as current, closes it', () => {
    core = network()
    const inc = incident(core)
    expect(inc).toMatchObject({ type: '台风', level: 'II', status: 'open', regionNames: ['岳阳街道', '龙潭社区居委会'] })
    expect(unwrap(core.call('incident.current', {}))).toBeNull()
    unwrap(core.call('incident.setCurrent', { id: 'inc-1' }))
    expect(unwrap(core.call('incident.current', {}))).toMatchObject({ id: 'inc-1' })
    expect(unwrap(core.call('incident.close', { id: 'inc-1', endedAt: '2026-06-01' }))).toMatchObject({ status: 'closed', endedAt: '2026-06-01' })
    expect(core.call('incident.save', { id: 'inc-2', name: 'x', type: '火灾', startedAt: '2026-05-30', endedAt: '2026-05-01' }))
      .toMatchObject({ ok: false, error: { code: 'INCIDENT_END_BEFORE_START', field: 'endedAt' } })
    expect(core.call('incident.save', { id: 'inc-3', name: '', type: '火灾', startedAt: '2026-05-30' }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } })
    const ev = core.db.$client.prepare("SELECT type FROM events WHERE entity_id = 'inc-1' ORDER BY seq").all()
    expect(ev).toEqual([{ type: 'incident.opened' }, { type: 'incident.closed' }])
  })
})

describe('transfer orders', () => {
  it('draft → approved → dispatched → partly received: stock leaves the source, arrives less 2, in transit in between, shortfall kept', () => {
    core = network()
    incident(core)
    receive(core, 'D1', [{ itemId: 'SH-001', lotNo: 'T-OLD', quantity: 30 }, { itemId: 'SP-001', lotNo: 'W1', expiryDate: '2026-09-01', quantity: 100 }])
    const o = unwrap(core.call('transfer.save', {
      id: 'order-0001', incidentId: 'inc-1', fromSiteId: 'D1', toSiteId: 'C1',
      lines: [{ itemId: 'SH-001', requested: 20 }, { itemId: 'SP-001', requested: 50 }],
    }))
    expect(o.orderNo).toMatch(/^DB20260601-/)
    const inTransit = () => unwrap(core.call('transfer.get', { id: 'order-0001' })).lines.map((l: any) => l.inTransit)
    expect(inTransit()).toEqual([0, 0])
    unwrap(core.call('transfer.transition', { id: 'order-0001', action: 'approve' }))
    expect(bal(core, 'D1', 'SH-001')).toBe(30)
    unwrap(core.call('transfer.transition', { id: 'order-0001', action: 'dispatch', vehicle: '沪A12345', driver: '王师傅' }))
    expect(bal(core, 'D1', 'SH-001')).toBe(10)
    expect(bal(core, 'D1', 'SP-001')).toBe(50)
    expect(bal(core, 'C1', 'SH-001')).toBe(0)
    expect(inTransit()).toEqual([20, 50])
    expect(unwrap(core.call('transfer.inTransit', { siteId: 'C1' })).map((r: any) => r.quantity)).toEqual([20, 50])
    expect(unwrap(core.call('transfer.inTransit', { incidentId: 'inc-1' }))).toHaveLength(2)
    // Cancelling after dispatch is refused, nothing changes.
    expect(core.call('transfer.transition', { id: 'order-0001', action: 'cancel' }))
      .toMatchObject({ ok: false, error: { code: 'TRANSITION_REFUSED', message: expect.stringContaining('不能作废') } })
    // A shortfall without reason is refused naming the line.
    expect(core.call('transfer.transition', { id: 'order-0001', action: 'receive', lines: [{ lineNo: 1, received: 18 }] }))
      .toMatchObject({ ok: false, error: { code: 'SHORTFALL_REASON_REQUIRED', row: 1, field: 'reason' } })
    expect(bal(core, 'C1', 'SH-001')).toBe(0)
    const r = unwrap(core.call('transfer.transition', { id: 'order-0001', action: 'receive', lines: [{ lineNo: 1, received: 18, reason: 'damaged' }] }))
    expect(r.state).toBe('partly_received')
    expect(bal(core, 'C1', 'SH-001')).toBe(18)
    expect(bal(core, 'C1', 'SP-001')).toBe(50)
    const got = unwrap(core.call('transfer.get', { id: 'order-0001' }))
    expect(got.lines.map((l: any) => [l.shipped, l.received, l.shortfall, l.shortfallReason, l.inTransit])).toEqual([[20, 18, 2, 'damaged', 0], [50, 50, 0, null, 0]])
    expect(got.vehicle).toBe('沪A12345')
    expect(got.history.map((h: any) => `${h.action}:${h.toState}:${h.actor}`)).toEqual(['create:draft:admin', 'approve:approved:admin', 'dispatch:dispatched:admin', 'receive_short:partly_received:admin'])
    // The ledger documents name the order and the incident.
    const docs = core.db.$client.prepare("SELECT type, site_id, incident_id FROM documents WHERE transfer_order_id = 'order-0001' ORDER BY type").all()
    expect(docs).toEqual([{ type: 'transfer_in', site_id: 'C1', incident_id: 'inc-1' }, { type: 'transfer_out', site_id: 'D1', incident_id: 'inc-1' }])
    unwrap(core.call('transfer.transition', { id: 'order-0001', action: 'close' }))
    expect(core.call('transfer.transition', { id: 'order-0001', action: 'close' })).toMatchObject({ ok: false, error: { code: 'TRANSITION_REFUSED' } })
    expect(checkLedger(core.context()).consistent).toBe(true)
  })


  it('cancels before dispatch, never moving stock; edits only drafts', () => {
    core = network()
    receive(core, 'D1', [{ itemId: 'SH-001', lotNo: 'T1', quantity: 10 }])
    unwrap(core.call('transfer.save', { id: 'order-0003', fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 8 }] }))
    unwrap(core.call('transfer.transition', { id: 'order-0003', action: 'approve' }))
    expect(core.call('transfer.save', { id: 'order-0003', fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 2 }] }))
      .toMatchObject({ ok: false, error: { code: 'TRANSITION_REFUSED' } })
    unwrap(core.call('transfer.transition', { id: 'order-0003', action: 'cancel' }))
    expect(bal(core, 'D1', 'SH-001')).toBe(10)
    expect(core.call('transfer.transition', { id: 'order-0003', action: 'dispatch' })).toMatchObject({ ok: false, error: { code: 'TRANSITION_REFUSED' } })
  })

  it('refuses unclear orders with the field named', () => {
    core = network()
    expect(core.call('transfer.save', { id: 'order-0004', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 1 }] }))
      .toMatchObject({ ok: false, error: { code: 'ORDER_SOURCE_REQUIRED', field: 'fromSiteId' } })
    expect(core.call('transfer.save', { id: 'order-0004', fromSiteId: 'D1', lines: [{ itemId: 'SH-001', requested: 1 }] }))
      .toMatchObject({ ok: false, error: { code: 'ORDER_DESTINATION_REQUIRED' } })
    expect(core.call('transfer.save', { id: 'order-0004', fromSiteId: 'D1', toSiteId: 'D1', lines: [{ itemId: 'SH-001', requested: 1 }] }))
      .toMatchObject({ ok: false, error: { code: 'ORDER_SAME_SITE' } })
    expect(core.call('transfer.save', { id: 'order-0004', fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 1 }, { itemId: 'SH-001', requested: 0 }] }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', row: 2, field: 'requested' } })
    expect(count(core, 'transfer_orders')).toBe(0)
  })

  it('splits a line over lots first-expiry-first-out, and dispatch refuses when the stock went elsewhere', () => {
    core = network()
    receive(core, 'D1', [
      { itemId: 'SP-001', lotNo: 'LATE', expiryDate: '2027-01-01', quantity: 40 },
      { itemId: 'SP-001', lotNo: 'SOON', expiryDate: '2026-07-01', quantity: 30 },
      { itemId: 'SP-001', lotNo: 'GONE', expiryDate: '2026-05-01', quantity: 99 },
    ])
    unwrap(core.call('transfer.save', { id: 'order-0005', fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SP-001', requested: 50 }] }))
    const lines = unwrap(core.call('transfer.get', { id: 'order-0005' })).lines
    expect(lines.map((l: any) => [l.lotNo, l.allocated])).toEqual([['SOON', 30], ['LATE', 20]])
    unwrap(core.call('transfer.transition', { id: 'order-0005', action: 'approve' }))
    unwrap(core.call('stock.issue', { id: 'ck-elsewhere', siteId: 'D1', docDate: '2026-06-01', lines: [{ itemId: 'SP-001', lotId: lines[1].lotId, quantity: 30 }] }))
    expect(core.call('transfer.transition', { id: 'order-0005', action: 'dispatch' }))
      .toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK', row: 2 } })
    expect(unwrap(core.call('transfer.get', { id: 'order-0005' })).state).toBe('approved')
    expect(bal(core, 'D1', 'SP-001')).toBe(40 + 30 + 99 - 30)
  })

  it('conservation over random orders: source out = destination in + in transit + shortfall, at every step', () => {
    fc.assert(fc.property(
      fc.array(fc.record({
        qty: fc.integer({ min: 1, max: 30 }), to: fc.constantFrom('C1', 'C2', 'S2'),
        steps: fc.integer({ min: 0, max: 4 }), short: fc.integer({ min: 0, max: 5 }),
        reason: fc.constantFrom('damaged', 'lost', 'short_shipped'), cancel: fc.boolean(),
      }), { minLength: 1, maxLength: 8 }),
      (orders) => {
        const c = network()
        try {
          receive(c, 'D1', [{ itemId: 'SH-001', lotNo: 'A', quantity: 60 }, { itemId: 'SH-001', lotNo: 'B', quantity: 60 }])
          const check = () => {
            const out = (c.db.$client.prepare("SELECT -coalesce(sum(m.quantity),0) + 0 q FROM stock_movements m JOIN documents d ON d.id = m.document_id WHERE d.type = 'transfer_out'").get() as any).q + 0
            const inn = (c.db.$client.prepare("SELECT coalesce(sum(m.quantity),0) q FROM stock_movements m JOIN documents d ON d.id = m.document_id WHERE d.type = 'transfer_in'").get() as any).q
            const t = (c.db.$client.prepare('SELECT coalesce(sum(shipped),0) s, coalesce(sum(received),0) r, coalesce(sum(shortfall),0) f FROM transfer_order_lines').get() as any)
            const transit = unwrap(c.call('transfer.inTransit', {})).reduce((a: number, r: any) => a + r.quantity, 0)
            expect(out).toBe(t.s)
            expect(inn).toBe(t.r)
            expect(transit).toBe(t.s - t.r - t.f)
            expect(out).toBe(inn + transit + t.f)
            expect(bal(c, 'D1', 'SH-001') + out).toBe(120)
          }
          orders.forEach((o, k) => {
            const id = `order-p-${k}`
            const saved = c.call('transfer.save', { id, fromSiteId: 'D1', toSiteId: o.to, lines: [{ itemId: 'SH-001', requested: o.qty }] })
            if (!saved.ok) return
            check()
            if (o.cancel && o.steps < 2) { unwrap(c.call('transfer.transition', { id, action: 'cancel' })); check(); return }
            if (o.steps >= 1) unwrap(c.call('transfer.transition', { id, action: 'approve' }))
            if (o.steps >= 2 && !c.call('transfer.transition', { id, action: 'dispatch' }).ok) return
            check()
            if (o.steps >= 3) {
              const lines = unwrap(c.call('transfer.get', { id })).lines
              unwrap(c.call('transfer.transition', {
                id, action: 'receive',
                lines: lines.map((l: any, i: number) => ({ lineNo: l.lineNo, received: i === 0 ? Math.max(0, l.shipped - o.short) : l.shipped, reason: o.reason })),
              }))
              check()
            }
            if (o.steps >= 4) unwrap(c.call('transfer.transition', { id, action: 'close' }))
          })
          check()
          expect(checkLedger(c.context()).consistent).toBe(true)
        } finally { c.close() }
      },
    ), { seed: 5205, numRuns: 40 })
  })
})

describe('allocation suggestion', () => {
  it('same street first (street depot before community points), then the district depot, then agreements; FEFO; never more than available', () => {
    core = network()
    receive(core, 'S1', [{ itemId: 'SH-001', lotNo: 'S1-LATE', quantity: 5 }])
    receive(core, 'C2', [{ itemId: 'SH-001', lotNo: 'C2-A', quantity: 3 }])
    receive(core, 'S2', [{ itemId: 'SH-001', lotNo: 'S2-A', quantity: 100 }]) // another street: never suggested
    receive(core, 'D1', [{ itemId: 'SP-001', lotNo: 'D-LATE', expiryDate: '2027-06-01', quantity: 10 }, { itemId: 'SP-001', lotNo: 'D-SOON', expiryDate: '2026-08-01', quantity: 4 }])
    receive(core, 'D1', [{ itemId: 'SH-001', lotNo: 'D-T', quantity: 6 }])
    recordAgreement(core.context(), {
      partner: { id: 'P1', name: '松江好运超市' },
      agreement: { id: 'AG1', agreementNo: 'XY-2026-01', kind: 'materials', responseHours: 6, validFrom: '2026-01-01', validTo: '2026-12-31' },
      lines: [{ itemId: 'SH-001', quantity: 4 }],
    })
    const s = unwrap(core.call('transfer.suggest', { toSiteId: 'C1', lines: [{ itemId: 'SH-001', quantity: 20 }, { itemId: 'SP-001', quantity: 12 }] }))
    expect(s[0].picks.map((p: any) => [p.tier, p.sourceName, p.take, p.keeps])).toEqual([
      ['street', '岳阳街道库', 5, 0], ['street', '醉白池社区点', 3, 0], ['district', '区储备库', 6, 0], ['agreement', '松江好运超市（XY-2026-01）', 4, 0],
    ])
    expect(s[0].shortBy).toBe(2)
    expect(s[1].picks.map((p: any) => [p.lotNo, p.take, p.keeps])).toEqual([['D-SOON', 4, 10], ['D-LATE', 8, 2]])
    expect(s[1].shortBy).toBe(0)
  })

  it('does not offer again what an approved order already allocated', () => {
    core = network()
    receive(core, 'D1', [{ itemId: 'SH-001', lotNo: 'T', quantity: 10 }])
    unwrap(core.call('transfer.save', { id: 'order-0006', fromSiteId: 'D1', toSiteId: 'C2', lines: [{ itemId: 'SH-001', requested: 7 }] }))
    unwrap(core.call('transfer.transition', { id: 'order-0006', action: 'approve' }))
    const s = unwrap(core.call('transfer.suggest', { toSiteId: 'C1', lines: [{ itemId: 'SH-001', quantity: 10 }] }))
    expect(s[0].picks.map((p: any) => [p.take, p.keeps])).toEqual([[3, 0]])
    expect(s[0].shortBy).toBe(7)
  })
})

describe('requests and agreement call-ups', () => {
  it('a request is open, then partly, then fulfilled as orders made for it arrive', () => {
    core = network()
    incident(core)
    receive(core, 'D1', [{ itemId: 'SH-001', lotNo: 'T', quantity: 50 }])
    const req = unwrap(core.call('request.save', { id: 'req-1', incidentId: 'inc-1', destinationSiteId: 'C1', urgency: 'critical', contact: '李主任 13800000000', lines: [{ itemId: 'SH-001', quantity: 10 }] }))
    expect(req.requestNo).toMatch(/^XQ20260601-/)
    const status = () => unwrap(core.call('request.list', { incidentId: 'inc-1' }))[0].status
    expect(status()).toBe('open')
    for (const [id, q] of [['order-r1', 4], ['order-r2', 6]] as const) {
      unwrap(core.call('transfer.save', { id, incidentId: 'inc-1', requestId: 'req-1', fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: q }] }))
      unwrap(core.call('transfer.transition', { id, action: 'approve' }))
      unwrap(core.call('transfer.transition', { id, action: 'dispatch' }))
      unwrap(core.call('transfer.transition', { id, action: 'receive' }))
      expect(status()).toBe(id === 'order-r1' ? 'partly' : 'fulfilled')
    }
    expect(unwrap(core.call('request.list', { incidentId: 'inc-1', openOnly: true }))).toHaveLength(0)
  })

  it('a call-up counts against the committed quantity, is due after the promised hours and shows overdue', () => {
    core = network()
    incident(core)
    recordAgreement(core.context(), {
      partner: { id: 'P1', name: '松江好运超市' },
      agreement: { id: 'AG1', agreementNo: 'XY-2026-01', kind: 'materials', responseHours: 6, validFrom: '2026-01-01', validTo: '2026-12-31' },
      lines: [{ itemId: 'SP-001', quantity: 100 }],
    })
    unwrap(core.call('transfer.save', { id: 'order-a1', incidentId: 'inc-1', fromAgreementId: 'AG1', toSiteId: 'C1', lines: [{ itemId: 'SP-001', requested: 70 }] }))
    expect(core.call('transfer.save', { id: 'order-a2', incidentId: 'inc-1', fromAgreementId: 'AG1', toSiteId: 'C1', lines: [{ itemId: 'SP-001', requested: 40 }] }))
      .toMatchObject({ ok: false, error: { code: 'AGREEMENT_EXCEEDED', row: 1, message: expect.stringContaining('只剩 30') } })
    expect(core.call('transfer.save', { id: 'order-a2', incidentId: 'inc-1', fromAgreementId: 'AG1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 1 }] }))
      .toMatchObject({ ok: false, error: { code: 'AGREEMENT_ITEM_MISSING', row: 1 } })
    unwrap(core.call('transfer.transition', { id: 'order-a1', action: 'approve', at: '2026-06-01T02:00:00.000Z' }))
    const c1 = unwrap(core.call('dispatch.callups', { incidentId: 'inc-1', now: '2026-06-01T07:59:00.000Z' }))
    expect(c1.callups[0]).toMatchObject({ orderId: 'order-a1', dueAt: '2026-06-01T08:00:00.000Z', overdue: false })
    expect(c1.commitments[0]).toMatchObject({ committed: 100, called: 70, left: 30 })
    const c2 = unwrap(core.call('dispatch.callups', { incidentId: 'inc-1', now: '2026-06-01T08:01:00.000Z' }))
    expect(c2.callups[0].overdue).toBe(true)
    const board = unwrap(core.call('dispatch.board', { incidentId: 'inc-1', now: '2026-06-01T08:01:00.000Z' }))
    expect(board.overdue).toBe(1)
    expect(board.orders[0]).toMatchObject({ minutesSinceApproval: 361, overdue: true, fromName: '松江好运超市' })
    // The partner's goods arrive as a receipt (协议调用) at the destination; delivered, no longer overdue.
    unwrap(core.call('transfer.transition', { id: 'order-a1', action: 'dispatch' }))
    unwrap(core.call('transfer.transition', { id: 'order-a1', action: 'receive', lines: [{ lineNo: 1, received: 70, lotNo: 'HY-0601', expiryDate: '2027-06-01' }] }))
    expect(bal(core, 'C1', 'SP-001')).toBe(70)
    expect(unwrap(core.call('dispatch.callups', { now: '2026-06-02T00:00:00.000Z' })).callups[0].overdue).toBe(false)
  })
})

describe('after the incident', () => {
  it('returns and write-offs against the incident, the report and the replenishment list', () => {
    core = network()
    incident(core)
    receive(core, 'D1', [{ itemId: 'SH-001', lotNo: 'T', quantity: 50 }, { itemId: 'SP-001', lotNo: 'W', expiryDate: '2027-01-01', quantity: 200 }])
    unwrap(core.call('request.save', { id: 'req-1', incidentId: 'inc-1', destinationSiteId: 'C1', lines: [{ itemId: 'SH-001', quantity: 25 }, { itemId: 'SP-001', quantity: 100 }] }))
    unwrap(core.call('transfer.save', { id: 'order-x1', incidentId: 'inc-1', requestId: 'req-1', fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 20 }, { itemId: 'SP-001', requested: 100 }] }))
    unwrap(core.call('transfer.transition', { id: 'order-x1', action: 'approve', at: '2026-06-01T01:00:00.000Z' }))
    unwrap(core.call('transfer.transition', { id: 'order-x1', action: 'dispatch', at: '2026-06-01T01:30:00.000Z' }))
    unwrap(core.call('transfer.transition', { id: 'order-x1', action: 'receive', at: '2026-06-01T03:30:00.000Z', lines: [{ lineNo: 1, received: 18, reason: 'lost' }] }))
    unwrap(core.call('incident.writeOff', { id: 'hx-000001', incidentId: 'inc-1', siteId: 'C1', docDate: '2026-06-03', lines: [{ itemId: 'SP-001', quantity: 80 }] }))
    expect(core.call('incident.return', { id: 'hs-000000', incidentId: 'inc-1', siteId: 'D1', docDate: '2026-06-05', lines: [{ itemId: 'SP-001', lotNo: 'W', quantity: 1 }] }))
      .toMatchObject({ ok: false, error: { code: 'ITEM_NOT_RETURNABLE', row: 1 } })
    unwrap(core.call('incident.return', { id: 'hs-000001', incidentId: 'inc-1', siteId: 'D1', docDate: '2026-06-05', lines: [{ itemId: 'SH-001', lotNo: 'T', quantity: 15 }] }))
    const rep = unwrap(core.call('incident.report', { id: 'inc-1' }))
    expect(rep.items.map((i: any) => [i.itemName, i.requested, i.sent, i.received, i.shortfall, i.consumed, i.returned])).toEqual([
      ['帐篷', 25, 20, 18, 2, 0, 15], ['饮用水', 100, 100, 100, 0, 80, 0],
    ])
    expect(rep.sources).toEqual(expect.arrayContaining([expect.objectContaining({ sourceName: '区储备库', itemName: '帐篷', sent: 20 })]))
    expect(rep.deliveries[0]).toMatchObject({ hours: 2.5 })
    expect(rep.shortfalls).toEqual([expect.objectContaining({ itemName: '帐篷', shortfall: 2, reason: 'lost' })])
    expect(rep.replenish.map((r: any) => [r.siteName, r.itemName, r.replenish])).toEqual([['区储备库', '帐篷', 5], ['区储备库', '饮用水', 100]])
  })
})
