/** 需求申报 → 调拨单 in one step: one draft per suggested source, nearest tier first, overridable, fulfilment follows. */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import { createSite } from '../../../core/network/sites'
import { recordAgreement } from '../../../core/agreements/callups'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core?.close())

function network(): Core {
  const c = memoryCore([])
  const ctx = c.context()
  createSite(ctx, { id: 'D1', code: 'QJ', name: '区储备库', tier: 'district', regionCode: '310117000000' })
  createSite(ctx, { id: 'S1', code: 'JZ1', name: '岳阳街道库', tier: 'street', regionCode: '310117001000' })
  createSite(ctx, { id: 'C1', code: 'SQ1', name: '龙潭社区点', tier: 'community', regionCode: '310117001001' })
  createSite(ctx, { id: 'S2', code: 'JZ2', name: '永丰街道库', tier: 'street', regionCode: '310117002000' })
  unwrap(c.call('incident.save', { id: 'inc-1', name: '台风', type: '台风', startedAt: '2026-05-30' }))
  return c
}
const receive = (c: Core, siteId: string, lines: unknown[]) =>
  unwrap(c.call('stock.receive', { id: `rk-${siteId}-${Math.random().toString(36).slice(2, 10)}`, siteId, docDate: '2026-05-01', lines }))
const status = (c: Core) => unwrap(c.call('request.list', { incidentId: 'inc-1' }))[0].status

describe('orders from a request', () => {
  it('makes one draft per source (street, district, agreement) covering what is asked, and the request is fulfilled when all arrive', () => {
    core = network()
    receive(core, 'S1', [{ itemId: 'SH-001', lotNo: 'S', quantity: 5 }])
    receive(core, 'S2', [{ itemId: 'SH-001', lotNo: 'OTHER', quantity: 100 }]) // another street: never offered
    receive(core, 'D1', [{ itemId: 'SH-001', lotNo: 'D', quantity: 8 }, { itemId: 'SP-001', lotNo: 'W', expiryDate: '2027-01-01', quantity: 50 }])
    recordAgreement(core.context(), {
      partner: { id: 'P1', name: '松江好运超市' },
      agreement: { id: 'AG1', agreementNo: 'XY-01', kind: 'materials', responseHours: 6, validFrom: '2026-01-01', validTo: '2026-12-31' },
      lines: [{ itemId: 'SH-001', quantity: 100 }],
    })
    unwrap(core.call('request.save', { id: 'req-1', incidentId: 'inc-1', destinationSiteId: 'C1', urgency: 'critical', lines: [{ itemId: 'SH-001', quantity: 20 }, { itemId: 'SP-001', quantity: 30 }] }))
    const made = unwrap(core.call('request.makeOrders', { requestId: 'req-1', batchId: 'batch-0001' }))
    expect(made.orders.map((o: any) => [o.tier, o.sourceName, o.lines])).toEqual([
      ['street', '岳阳街道库', 1], ['district', '区储备库', 2], ['agreement', '松江好运超市（XY-01）', 1],
    ])
    expect(made.short).toEqual([])
    const orders = made.orders.map((o: any) => unwrap(core.call('transfer.get', { id: o.id })))
    expect(orders.map((o: any) => [o.state, o.requestId, o.toSiteId, o.lines.map((l: any) => `${l.itemId}:${l.lotNo ?? '-'}:${l.allocated}`).join(',')])).toEqual([
      ['draft', 'req-1', 'C1', 'SH-001:S:5'], ['draft', 'req-1', 'C1', 'SH-001:D:8,SP-001:W:30'], ['draft', 'req-1', 'C1', 'SH-001:-:7'],
    ])
    // The same click retried makes nothing new.
    expect(unwrap(core.call('request.makeOrders', { requestId: 'req-1', batchId: 'batch-0001' })).orders.map((o: any) => o.id)).toEqual(made.orders.map((o: any) => o.id))
    expect((core.db.$client.prepare('SELECT count(*) AS n FROM transfer_orders').get() as any).n).toBe(3)
    // Everything is planned: a new batch is refused with a clear message.
    expect(core.call('request.makeOrders', { requestId: 'req-1', batchId: 'batch-0002' })).toMatchObject({ ok: false, error: { code: 'REQUEST_ALREADY_PLANNED', field: 'requestId' } })

    expect(status(core)).toBe('open')
    for (const o of made.orders) {
      for (const action of ['approve', 'dispatch', 'receive'] as const) unwrap(core.call('transfer.transition', { id: o.id, action }))
      expect(status(core)).toBe(o === made.orders.at(-1) ? 'fulfilled' : 'partly')
    }
    expect(core.call('request.makeOrders', { requestId: 'req-1', batchId: 'batch-0003' })).toMatchObject({ ok: false, error: { code: 'REQUEST_NOT_OPEN' } })
  })

  it('a line the dispatcher lowers before approval leaves the gap for the next click; what no source has is reported short', () => {
    core = network()
    receive(core, 'D1', [{ itemId: 'SH-001', lotNo: 'D', quantity: 30 }])
    unwrap(core.call('request.save', { id: 'req-1', incidentId: 'inc-1', regionCode: '310117001001', lines: [{ itemId: 'SH-001', quantity: 20 }, { itemId: 'SH-002', quantity: 3 }] }))
    const made = unwrap(core.call('request.makeOrders', { requestId: 'req-1', batchId: 'batch-0001' }))
    expect(made.orders).toHaveLength(1)
    expect(made.short).toEqual([{ itemId: 'SH-002', itemName: expect.any(String), unit: expect.any(String), shortBy: 3 }])
    const o = unwrap(core.call('transfer.get', { id: made.orders[0].id }))
    expect(o.toAddress).toBe('龙潭社区居委会') // a region without a site: the order goes to the community by name
    // Override: 12 instead of 20.
    unwrap(core.call('transfer.save', { id: o.id, incidentId: 'inc-1', requestId: 'req-1', fromSiteId: 'D1', toAddress: o.toAddress,
      lines: [{ itemId: 'SH-001', lotId: o.lines[0].lotId, requested: 12, allocated: 12 }] }))
    const again = unwrap(core.call('request.makeOrders', { requestId: 'req-1', batchId: 'batch-0002' }))
    expect(unwrap(core.call('transfer.get', { id: again.orders[0].id })).lines.map((l: any) => [l.itemId, l.allocated])).toEqual([['SH-001', 8]])
  })
})
