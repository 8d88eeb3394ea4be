/** Search wildcards (issue 20, item 8): a batch id with % or _ finds only its own orders, never another batch's. */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import { createSite } from '../../../core/network/sites'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core?.close())

describe('request.makeOrders', () => {
  it('a batch id of % signs makes its own orders instead of answering with another batch\'s', () => {
    core = memoryCore([])
    const ctx = core.context()
    createSite(ctx, { id: 'S1', code: 'JZ1', name: '岳阳街道库', tier: 'street', regionCode: '310117001000' })
    createSite(ctx, { id: 'C1', code: 'SQ1', name: '龙潭社区点', tier: 'community', regionCode: '310117001001' })
    unwrap(core.call('incident.save', { id: 'inc-1', name: '台风', type: '台风', startedAt: '2026-05-30' }))
    unwrap(core.call('stock.receive', { id: 'rk-S1-000001', siteId: 'S1', docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'S', quantity: 50 }] }))
    for (const id of ['req-1', 'req-2']) {
      unwrap(core.call('request.save', { id, incidentId: 'inc-1', destinationSiteId: 'C1', lines: [{ itemId: 'SH-001', quantity: 2 }] }))
    }
    const first = unwrap<{ orders: Array<{ id: string }> }>(core.call('request.makeOrders', { requestId: 'req-1', batchId: 'batch-0001' }))
    const second = unwrap<{ orders: Array<{ id: string }> }>(core.call('request.makeOrders', { requestId: 'req-2', batchId: '%%%%%%%%' }))
    expect(second.orders.length).toBe(1)
    expect(second.orders[0].id).not.toBe(first.orders[0].id)
    const order = unwrap<{ requestId: string }>(core.call('transfer.get', { id: second.orders[0].id }))
    expect(order.requestId).toBe('req-2')
  })
})
