/**
 * Editing a transfer order or a request that already exists is the record's business, not only the input's (issue
 * 20, item 2): a street dispatcher naming its own sites in the edit cannot take over another street's order or
 * request. Before, only the sites in the input were checked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'
import type { Actor } from '../../../core/common/context'
import { createSite } from '../../../core/network/sites'

const YUEYANG = '310117001000'
const YONGFENG = '310117002000'
const dispatcherYueyang: Actor = { id: 'd-yy', name: '岳阳街道调度员', roles: ['dispatcher'], scope: { kind: 'street', regionCode: YUEYANG } }
const asYueyang = { actor: dispatcherYueyang }
const refused = { ok: false, error: { code: 'FORBIDDEN', field: 'id', message: expect.stringContaining('不在管辖范围内') } }

let core: Core
beforeEach(() => {
  core = memoryCore(['S-A']) // a street-tier site in 岳阳
  createSite(core.context(), { id: 'YF-1', code: 'T-YF1', name: '永丰测试库', tier: 'street', regionCode: YONGFENG })
  createSite(core.context(), { id: 'YF-2', code: 'T-YF2', name: '永丰测试点', tier: 'street', regionCode: YONGFENG })
  createSite(core.context(), { id: 'YY-2', code: 'T-YY2', name: '岳阳测试点', tier: 'street', regionCode: YUEYANG })
})
afterEach(() => core.close())

const order = (over: Record<string, unknown>) => ({ id: 'order-yf-0001', fromSiteId: 'YF-1', toSiteId: 'YF-2', lines: [{ itemId: 'SH-001', requested: 5 }], ...over })
const request = (over: Record<string, unknown>) => ({ id: 'req-yf-0001', destinationSiteId: 'YF-2', incidentId: 'inc-1', urgency: 'normal', lines: [{ itemId: 'SH-001', quantity: 5 }], ...over })

describe('editing an existing dispatch record checks the record as stored', () => {
  it("a street dispatcher may not rewrite another street's transfer order to its own sites; the order is unchanged", () => {
    unwrap(core.call('transfer.save', order({})))
    expect(core.call('transfer.save', order({ fromSiteId: 'S-A', toSiteId: 'YY-2' }), asYueyang)).toMatchObject(refused)
    expect(unwrap(core.call('transfer.get', { id: 'order-yf-0001' }))).toMatchObject({ fromSiteId: 'YF-1', toSiteId: 'YF-2' })
  })

  it('it may still edit its own street\'s order, and create new ones there', () => {
    unwrap(core.call('transfer.save', order({ id: 'order-yy-0001', fromSiteId: 'S-A', toSiteId: 'YY-2' }), asYueyang))
    expect(core.call('transfer.save', order({ id: 'order-yy-0001', fromSiteId: 'S-A', toSiteId: 'YY-2', lines: [{ itemId: 'SH-001', requested: 7 }] }), asYueyang))
      .toMatchObject({ ok: true })
  })

  it("a street dispatcher may not take over another street's request by naming its own destination", () => {
    unwrap(core.call('incident.save', { id: 'inc-1', name: '台风演练', type: '台风', startedAt: '2026-06-01' }))
    unwrap(core.call('request.save', request({})))
    expect(core.call('request.save', request({ destinationSiteId: 'YY-2' }), asYueyang)).toMatchObject(refused)
    expect(unwrap(core.call('request.list', { incidentId: 'inc-1' }))).toEqual([expect.objectContaining({ id: 'req-yf-0001', destinationSiteId: 'YF-2' })])
  })
})
