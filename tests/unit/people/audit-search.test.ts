/** Search wildcards (issue 20, item 8): the audit page's search, user and action boxes read % and _ literally. */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core.close())

describe('the audit search', () => {
  it('% and _ match only themselves', () => {
    core = memoryCore(['S-A'])
    for (const id of ['rcv-plain-0001', 'rcv_under_0002']) {
      unwrap(core.call('stock.receive', { id, siteId: 'S-A', docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'L1', quantity: 1 }] }))
    }
    const rows = (q: Record<string, unknown>) => unwrap<{ rows: Array<{ entityId: string | null }> }>(core.call('audit.search', q)).rows
    expect(rows({}).length).toBeGreaterThanOrEqual(2)
    expect(rows({ search: '%' })).toEqual([])
    expect(rows({ search: '_' }).map((r) => r.entityId)).toEqual(['rcv_under_0002'])
    expect(rows({ actor: '%' })).toEqual([])
    expect(rows({ action: '%' })).toEqual([])
    expect(rows({ action: 'stock.' }).length).toBe(2)
  })
})
