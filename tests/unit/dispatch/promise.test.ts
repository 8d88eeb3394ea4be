/** The response-time promise's clock rules, on hand-made times, and through the api on a small network. */
import { describe, it, expect, afterEach } from 'vitest'
import { randomUUID } from 'node:crypto'
import { clockOf, targetHoursFor, DEFAULT_TARGETS } from '../../../core/dispatch/promise'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { unwrap } from '../../helpers/core'

const T0 = '2026-06-01T02:00:00.000Z'
const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString()

describe('clock rules', () => {
  it('targets by level: IV and III the district (6 h), II the city (8 h), I the province (10 h); no level counts as IV', () => {
    expect(['I', 'II', 'III', 'IV', null, 'X'].map((l) => targetHoursFor(DEFAULT_TARGETS, l))).toEqual([10, 8, 6, 6, 6, 6])
    expect(targetHoursFor({ ...DEFAULT_TARGETS, tiers: { district: 4, city: 8, province: 10 } }, 'IV')).toBe(4)
  })

  it('open: minutes left from the registration, not from approval', () => {
    expect(clockOf(T0, 6, null, plus(T0, 1))).toMatchObject({ state: 'open', dueAt: plus(T0, 6), minutesLeft: 300, lateByMinutes: 0 })
  })

  it('past due with nothing arrived: late, by how much', () => {
    expect(clockOf(T0, 6, null, plus(T0, 6.5))).toMatchObject({ state: 'late', minutesLeft: -30, lateByMinutes: 30 })
  })

  it('arrived in time: met, whatever the time now', () => {
    expect(clockOf(T0, 6, plus(T0, 6), plus(T0, 100))).toMatchObject({ state: 'met', lateByMinutes: 0, minutesLeft: null })
  })

  it('late stays late after receipt', () => {
    expect(clockOf(T0, 6, plus(T0, 7), plus(T0, 8))).toMatchObject({ state: 'late', lateByMinutes: 60, firstBatchAt: plus(T0, 7) })
  })
})

describe('promise board and report through the api', () => {
  let core: Core
  afterEach(() => core.close())

  it('requests and orders timed from registration; the report gives time to first batch, the on-time rate and the late orders', () => {
    core = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
    const ctx = core.context()
    createSite(ctx, { id: 'D', code: 'QJ-1', name: '区库', tier: 'district', regionCode: '310117000000' })
    createSite(ctx, { id: 'C', code: 'CJ-1', name: '龙潭点', tier: 'community', regionCode: '310117001001' })
    unwrap(core.call('stock.receive', { id: randomUUID(), siteId: 'D', docDate: '2026-05-20', lines: [{ itemId: 'SH-003', lotNo: 'Q', quantity: 100 }] }))
    unwrap(core.call('incident.save', { id: 'inc', name: '台风“海葵”', type: '台风', level: 'II', startedAt: '2026-06-01' }))
    unwrap(core.call('request.save', { id: 'req-1', incidentId: 'inc', regionCode: '310117001001', lines: [{ itemId: 'SH-003', quantity: 30 }] }))
    const registered = core.db.$client.prepare("SELECT created_at FROM requests WHERE id = 'req-1'").pluck().get() as string
    const incidentAt = core.db.$client.prepare("SELECT created_at FROM incidents WHERE id = 'inc'").pluck().get() as string
    const order = (id: string, requestId?: string) => unwrap(core.call('transfer.save', { id, incidentId: 'inc', requestId, fromSiteId: 'D', toSiteId: 'C', lines: [{ itemId: 'SH-003', requested: 10 }] }))
    const move = (id: string, approveAfter: number, receiveAfter: number | null) => {
      unwrap(core.call('transfer.transition', { id, action: 'approve', at: plus(registered, approveAfter) }))
      unwrap(core.call('transfer.transition', { id, action: 'dispatch', at: plus(registered, approveAfter + 0.1) }))
      if (receiveAfter != null) unwrap(core.call('transfer.transition', { id, action: 'receive', at: plus(registered, receiveAfter) }))
    }
    // level II: the city leads, 8 h. Order 1 (of the request) arrives after 3 h; order 2 approved only after 7 h arrives at 9 h —
    // late although it took 2 h from approval; order 3 (no request) is still on its way
    order('ord-00001', 'req-1'); move('ord-00001', 1, 3)
    order('ord-00002', 'req-1'); move('ord-00002', 7, 9)
    order('ord-00003'); move('ord-00003', 1, null)
    const now = plus(registered, 5)
    const board = unwrap(core.call('readiness.promiseBoard', { incidentId: 'inc', now }))
    expect(board.targetHours).toBe(8)
    expect(board.requests).toHaveLength(1)
    expect(board.requests[0]).toMatchObject({ state: 'met', firstBatchAt: plus(registered, 3), dueAt: plus(registered, 8) })
    const byNo = Object.fromEntries(board.orders.map((o: any) => [o.id, o]))
    expect(byNo['ord-00001']).toMatchObject({ state: 'met', startedAt: registered })
    expect(byNo['ord-00002']).toMatchObject({ state: 'late', lateByMinutes: 60 })
    // the order without a request runs from the incident's registration
    expect(byNo['ord-00003']).toMatchObject({ state: 'open', startedAt: incidentAt })

    const report = unwrap(core.call('readiness.promiseReport', { incidentId: 'inc', now }))
    expect(report).toMatchObject({ targetHours: 8, orders: 3, decided: 2, onTime: 1, onTimeRate: 0.5 })
    expect(report.hoursToFirstBatch).toBeCloseTo((Date.parse(plus(registered, 3)) - Date.parse(incidentAt)) / 3600_000, 1)
    expect(report.lateOrders.map((o: any) => [o.lateByMinutes, o.destination])).toEqual([[60, '龙潭点']])

    // the target is the planner's to change: 2 h for the city makes order 1 late too
    const params = unwrap(core.call('readiness.params', {}))
    unwrap(core.call('readiness.saveParams', { ...params, promise: { ...params.promise, tiers: { ...params.promise.tiers, city: 2 } } }))
    expect(unwrap(core.call('readiness.promiseReport', { incidentId: 'inc', now })).onTime).toBe(0)
    expect(core.call('readiness.promiseBoard', { incidentId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'incidentId' } })
  })
})
