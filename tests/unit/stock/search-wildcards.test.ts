/** Search wildcards (issue 20, item 8): % and _ typed into the stock grid's search box match themselves only. */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core.close())

const search = (search: string) => unwrap<{ rows: Array<{ lotNo: string }> }>(core.call('stock.balances', { search })).rows.map((r) => r.lotNo).sort()

describe('the stock search', () => {
  it('reads % and _ literally, and a backslash too', () => {
    core = memoryCore(['S-A'])
    unwrap(core.call('stock.receive', {
      id: 'rcv-like-000001', siteId: 'S-A', docDate: '2026-05-01',
      lines: ['A1', 'B_2', 'C%3', 'D\\4'].map((lotNo) => ({ itemId: 'SH-001', lotNo, quantity: 1 })),
    }))
    expect(search('%')).toEqual(['C%3'])
    expect(search('_')).toEqual(['B_2'])
    expect(search('\\')).toEqual(['D\\4'])
    expect(search('B_')).toEqual(['B_2'])
    expect(search('A1')).toEqual(['A1'])
  })
})
