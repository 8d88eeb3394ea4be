/**
 * Issue 14 item 6: late stays late. An order due at 05:00 that arrived at 09:00 is still late once received: the
 * order, the list (the board) and the incident report keep due, delivered and late-by, and the report gives the
 * on-time rate.
 */
import { describe, expect, it, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'
import { lateness, onTimeRate } from '../../../core/dispatch/transfer-state'

let core: Core
afterEach(() => core?.close())

describe('lateness()', () => {
  const due = '2026-06-02T05:00:00.000Z'
  const now = Date.parse('2026-06-02T12:00:00.000Z')
  it('an order that arrived after its due time stays late, by how much', () => {
    expect(lateness('received', due, '2026-06-02T09:00:00.000Z', now)).toEqual({ deliveredAt: '2026-06-02T09:00:00.000Z', late: true, lateMinutes: 240, onTime: false })
    expect(lateness('closed', due, '2026-06-02T09:00:00.000Z', now)).toMatchObject({ late: true, lateMinutes: 240 })
  })
  it('on time, open and late so far, or without a due time', () => {
    expect(lateness('received', due, '2026-06-02T04:59:00.000Z', now)).toEqual({ deliveredAt: '2026-06-02T04:59:00.000Z', late: false, lateMinutes: null, onTime: true })
    expect(lateness('dispatched', due, null, now)).toEqual({ deliveredAt: null, late: true, lateMinutes: 420, onTime: null })
    expect(lateness('approved', due, null, Date.parse('2026-06-02T04:00:00.000Z'))).toMatchObject({ late: false, onTime: null })
    expect(lateness('received', null, '2026-06-02T09:00:00.000Z', now)).toMatchObject({ late: false, lateMinutes: null, onTime: null })
    expect(lateness('cancelled', due, null, now)).toMatchObject({ late: false })
  })
  it('on-time rate counts only what arrived with a due time', () => {
    expect(onTimeRate([{ onTime: true }, { onTime: false }, { onTime: null }, { onTime: true }])).toEqual({ arrived: 3, onTime: 2, rate: 66.7 })
    expect(onTimeRate([{ onTime: null }])).toEqual({ arrived: 0, onTime: 0, rate: null })
  })
})

describe('an order due at 05:00 received at 09:00', () => {
  it('is late on the order, in the list and in the incident report, with the on-time rate', () => {
    core = memoryCore(['S-A', 'S-B'])
    unwrap(core.call('stock.receive', { id: 'rk-late-0001', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', lotNo: 'LT-1', quantity: 10 }] }))
    unwrap(core.call('incident.save', { id: 'inc-late', name: '暴雨', type: '暴雨', startedAt: '2026-06-01' }))
    for (const id of ['ord-late-01', 'ord-ontime-1']) {
      unwrap(core.call('transfer.save', { id, incidentId: 'inc-late', fromSiteId: 'S-A', toSiteId: 'S-B', lines: [{ itemId: 'SH-001', requested: 2 }] }))
      for (const action of ['approve', 'dispatch', 'receive'] as const) unwrap(core.call('transfer.transition', { id, action }))
    }
    // the clock of the test: due 05:00, arrived 09:00 (late by 4 h); the other arrived 04:30 (on time)
    const set = core.db.$client.prepare('UPDATE transfer_orders SET due_at = ?, received_at = ? WHERE id = ?')
    set.run('2026-06-02T05:00:00.000Z', '2026-06-02T09:00:00.000Z', 'ord-late-01')
    set.run('2026-06-02T05:00:00.000Z', '2026-06-02T04:30:00.000Z', 'ord-ontime-1')

    const order = unwrap(core.call('transfer.get', { id: 'ord-late-01' }))
    expect(order).toMatchObject({ state: 'received', dueAt: '2026-06-02T05:00:00.000Z', deliveredAt: '2026-06-02T09:00:00.000Z', late: true, lateMinutes: 240 })
    const list = unwrap<Array<{ id: string; late: boolean; lateMinutes: number | null; overdue: boolean }>>(core.call('transfer.list', { incidentId: 'inc-late' }))
    expect(list.find((o) => o.id === 'ord-late-01')).toMatchObject({ late: true, lateMinutes: 240 })
    expect(list.find((o) => o.id === 'ord-ontime-1')).toMatchObject({ late: false, lateMinutes: null })
    const report = unwrap(core.call('incident.report', { id: 'inc-late' }))
    expect(report.totals).toMatchObject({ arrivedWithDue: 2, onTime: 1, onTimeRate: 50, late: 1, maxLateMinutes: 240, avgLateMinutes: 240 })
    expect(report.deliveries.find((d: { orderNo: string }) => d.orderNo === order.orderNo)).toMatchObject({ dueAt: '2026-06-02T05:00:00.000Z', late: true, lateMinutes: 240 })
  })
})
