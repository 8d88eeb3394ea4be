/** The board paged on the server (overdue first), counts per state; vehicles and drivers from transport agreements. */
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
  createSite(ctx, { id: 'C1', code: 'SQ1', name: '龙潭社区点', tier: 'community', regionCode: '310117001001' })
  unwrap(c.call('incident.save', { id: 'inc-1', name: '台风', type: '台风', startedAt: '2026-05-30' }))
  unwrap(c.call('stock.receive', { id: 'rk-000001', siteId: 'D1', docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'T', quantity: 10000 }] }))
  return c
}

describe('dispatch board', () => {
  it('pages the open orders, counts every state, puts the overdue first and leaves closed and cancelled out', () => {
    core = network()
    const ids = Array.from({ length: 120 }, (_, i) => `order-${String(i).padStart(4, '0')}`)
    for (const id of ids) unwrap(core.call('transfer.save', { id, incidentId: 'inc-1', fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 1 }] }))
    // order-0007 approved long ago (overdue at the "now" below), order-0008 approved just now, 0009 cancelled, 0010 closed.
    unwrap(core.call('transfer.transition', { id: 'order-0007', action: 'approve', at: '2026-06-01T00:00:00.000Z' }))
    unwrap(core.call('transfer.transition', { id: 'order-0008', action: 'approve', at: '2026-06-01T09:59:00.000Z' }))
    unwrap(core.call('transfer.transition', { id: 'order-0009', action: 'cancel' }))
    for (const action of ['approve', 'dispatch', 'receive', 'close'] as const) unwrap(core.call('transfer.transition', { id: 'order-0010', action, at: '2026-06-01T09:00:00.000Z' }))
    const now = '2026-06-01T10:00:00.000Z'
    const p1 = unwrap(core.call('dispatch.board', { incidentId: 'inc-1', now, page: 1, pageSize: 50 }))
    expect(p1.total).toBe(118)
    expect(p1.counts).toMatchObject({ draft: 116, approved: 2, closed: 1, cancelled: 1 })
    expect(p1.overdue).toBe(1)
    expect(p1.orders).toHaveLength(50)
    expect(p1.orders[0]).toMatchObject({ id: 'order-0007', overdue: true, minutesSinceApproval: 600 })
    const p3 = unwrap(core.call('dispatch.board', { incidentId: 'inc-1', now, page: 3, pageSize: 50 }))
    expect(p3.orders).toHaveLength(18)
    const all = [1, 2, 3].flatMap((page) => unwrap(core.call('dispatch.board', { incidentId: 'inc-1', now, page, pageSize: 50 })).orders.map((o: any) => o.id))
    expect(new Set(all).size).toBe(118)
    expect(all).not.toContain('order-0009')
    expect(all).not.toContain('order-0010')
    const approved = unwrap(core.call('dispatch.board', { incidentId: 'inc-1', now, state: 'approved' }))
    expect(approved.orders.map((o: any) => o.id)).toEqual(['order-0007', 'order-0008'])
    expect(approved.total).toBe(2)
  })

  it('offers the vehicles and contacts of active transport agreements; any typed vehicle is kept as written', () => {
    core = network()
    recordAgreement(core.context(), {
      partner: { id: 'P-T', name: '松江顺达物流', contact: '张经理', phone: '13900000000' },
      agreement: { id: 'AG-T', agreementNo: 'YS-2026-01', kind: 'transport', responseHours: 2, validFrom: '2026-01-01', validTo: '2026-12-31' },
      lines: [{ vehicleType: '4.2米厢式货车', vehicleCount: 5 }],
    })
    recordAgreement(core.context(), {
      partner: { id: 'P-X', name: '过期物流' },
      agreement: { id: 'AG-X', agreementNo: 'YS-2025-09', kind: 'transport', validFrom: '2025-01-01', validTo: '2025-12-31' },
      lines: [{ vehicleType: '货车', vehicleCount: 1 }],
    })
    const s = unwrap(core.call('dispatch.sources', {}))
    expect(s.transport).toEqual([expect.objectContaining({ agreementNo: 'YS-2026-01', partnerName: '松江顺达物流', contact: '张经理', phone: '13900000000', vehicleType: '4.2米厢式货车', vehicleCount: 5 })])
    unwrap(core.call('transfer.save', { id: 'order-0001', incidentId: 'inc-1', fromSiteId: 'D1', toSiteId: 'C1', vehicle: '松江顺达物流 4.2米厢式货车', lines: [{ itemId: 'SH-001', requested: 1 }] }))
    unwrap(core.call('transfer.transition', { id: 'order-0001', action: 'approve' }))
    unwrap(core.call('transfer.transition', { id: 'order-0001', action: 'dispatch', vehicle: '沪A-99999', driver: '自带司机' }))
    expect(unwrap(core.call('transfer.get', { id: 'order-0001' }))).toMatchObject({ vehicle: '沪A-99999', driver: '自带司机' })
  })

  it('call-ups per agreement: committed, called up, remaining, the promised response time, overdue flagged', () => {
    core = network()
    recordAgreement(core.context(), {
      partner: { id: 'P1', name: '松江好运超市', phone: '021-5781' },
      agreement: { id: 'AG1', agreementNo: 'XY-01', kind: 'materials', responseHours: 6, validFrom: '2026-01-01', validTo: '2026-12-31' },
      lines: [{ itemId: 'SP-001', quantity: 100 }, { itemId: 'SH-002', quantity: 10 }],
    })
    recordAgreement(core.context(), {
      partner: { id: 'P2', name: '九亭粮油' },
      agreement: { id: 'AG2', agreementNo: 'XY-02', kind: 'materials', responseHours: 12, validFrom: '2026-01-01', validTo: '2026-12-31' },
      lines: [{ itemId: 'SP-001', quantity: 50 }],
    })
    unwrap(core.call('transfer.save', { id: 'order-a1', incidentId: 'inc-1', fromAgreementId: 'AG1', toSiteId: 'C1', lines: [{ itemId: 'SP-001', requested: 70 }] }))
    unwrap(core.call('transfer.transition', { id: 'order-a1', action: 'approve', at: '2026-06-01T00:00:00.000Z' }))
    unwrap(core.call('transfer.save', { id: 'order-a2', incidentId: 'inc-1', fromAgreementId: 'AG1', toSiteId: 'C1', lines: [{ itemId: 'SH-002', requested: 4 }] }))
    unwrap(core.call('transfer.transition', { id: 'order-a2', action: 'approve', at: '2026-06-01T05:00:00.000Z' }))
    const r = unwrap(core.call('dispatch.callups', { incidentId: 'inc-1', now: '2026-06-01T08:00:00.000Z' }))
    expect(r.agreements.map((a: any) => [a.agreementNo, a.partnerName, a.responseHours, a.committed, a.called, a.left, a.callups.length, a.overdue])).toEqual([
      ['XY-01', '松江好运超市', 6, 110, 74, 36, 2, 1], ['XY-02', '九亭粮油', 12, 50, 0, 50, 0, 0],
    ])
    const ag1 = r.agreements[0]
    expect(ag1.items.map((i: any) => [i.itemId, i.committed, i.called, i.left])).toEqual([['SH-002', 10, 4, 6], ['SP-001', 100, 70, 30]])
    expect(ag1.callups.map((c: any) => [c.orderId, c.dueAt, c.overdue])).toEqual([
      ['order-a1', '2026-06-01T06:00:00.000Z', true], ['order-a2', '2026-06-01T11:00:00.000Z', false],
    ])
    // Cancelling a call-up gives the commitment back.
    unwrap(core.call('transfer.transition', { id: 'order-a2', action: 'cancel' }))
    expect(unwrap(core.call('dispatch.callups', { now: '2026-06-01T08:00:00.000Z' })).agreements[0]).toMatchObject({ called: 70, left: 40 })
  })
})
