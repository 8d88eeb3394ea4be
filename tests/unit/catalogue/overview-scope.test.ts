/** The planners' dashboard (issue 20, item 2): the value of expiring stock counts only the caller's sites. */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'
import type { Actor } from '../../../core/common/context'
import { createSite } from '../../../core/network/sites'

let core: Core
afterEach(() => core.close())

describe('planning.overview', () => {
  it('a site user sees the expiring stock of its own site; the district sees all', () => {
    core = memoryCore(['S-A']) // today 2026-06-01
    createSite(core.context(), { id: 'S-YF', code: 'T-YF', name: '永丰测试库', tier: 'street', regionCode: '310117002000' })
    for (const [siteId, quantity] of [['S-A', 3], ['S-YF', 40]] as const) {
      unwrap(core.call('stock.receive', { id: `rcv-ov-${siteId}`, siteId, docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'SOON', expiryDate: '2026-06-20', unitCost: 10, quantity }] }))
    }
    const siteUser: Actor = { id: 'u-a', name: '测试库', roles: ['keeper'], scope: { kind: 'site', siteId: 'S-A' } }
    type Overview = { expiring: { d30: { quantity: number; value: number } } }
    expect(unwrap<Overview>(core.call('planning.overview', {})).expiring.d30).toEqual({ quantity: 43, value: 430 })
    expect(unwrap<Overview>(core.call('planning.overview', {}, { actor: siteUser })).expiring.d30).toEqual({ quantity: 3, value: 30 })
  })
})
