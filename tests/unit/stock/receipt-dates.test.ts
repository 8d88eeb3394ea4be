/**
 * Dates nobody means (issue 20, item 7) on stock documents: a document date outside 2000-01-01 … today + 1 year is
 * refused saying the window; stock already expired on its receipt date needs an explicit acceptExpired: true.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { memoryCore, unwrap, count } from '../../helpers/core'
import type { Core } from '../../../core/app'

let core: Core // today is 2026-06-01
beforeEach(() => { core = memoryCore(['S-A']) })
afterEach(() => core.close())

const receipt = (over: Record<string, unknown> = {}, line: Record<string, unknown> = {}) => ({
  id: `rcv-${Math.random().toString(36).slice(2, 12)}`, siteId: 'S-A', docDate: '2026-05-01',
  lines: [{ itemId: 'SH-001', lotNo: 'L1', quantity: 2, ...line }], ...over,
})

describe('document dates', () => {
  it('9999-12-31 and 1999-12-31 are refused, naming the field and the window; nothing is posted', () => {
    for (const docDate of ['9999-12-31', '1999-12-31', '2027-06-02']) {
      const r = core.call('stock.receive', receipt({ docDate }))
      expect(r, docDate).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'docDate', message: '单据日期：应在 2000-01-01 至 2027-06-01 之间' } })
    }
    const en = core.call('stock.receive', receipt({ docDate: '9999-12-31' }), { lang: 'en' })
    expect(!en.ok && en.error.message).toBe('document date: must lie between 2000-01-01 and 2027-06-01')
    expect(count(core, 'documents')).toBe(0)
  })

  it('the window follows the installation\'s today; its edges are accepted', () => {
    expect(core.call('stock.receive', receipt({ docDate: '2027-06-01' }))).toMatchObject({ ok: true })
    expect(core.call('stock.receive', receipt({ docDate: '2000-01-01' }, { lotNo: 'L2' }))).toMatchObject({ ok: true })
  })

  it('a reversal, a transfer and a stocktake posting are held to the same window', () => {
    const doc = unwrap<{ id: string }>(core.call('stock.receive', receipt()))
    expect(core.call('stock.reverse', { id: 'rev-000000001', documentId: doc.id, docDate: '9999-12-31' })).toMatchObject({ ok: false, error: { field: 'docDate' } })
    expect(core.call('stock.transfer', { id: 'tr-0000000001', fromSiteId: 'S-A', toSiteId: 'S-A', docDate: '9999-12-31', lines: [{ itemId: 'SH-001', quantity: 1 }] }))
      .toMatchObject({ ok: false, error: { field: 'docDate' } })
  })
})

describe('stock already expired on receipt', () => {
  it('is refused without acceptExpired, naming the line and how long expired; posted with it', () => {
    const r = core.call('stock.receive', receipt({ docDate: '2026-05-01' }, { expiryDate: '2024-07-26' }))
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'expiryDate', row: 1 } })
    expect(!r.ok && r.error.message).toBe('第 1 行 有效期至：早于单据日期 2026-05-01，入库时已过期 644 天；确需入库请确认（acceptExpired: true）')
    expect(count(core, 'documents')).toBe(0)
    expect(core.call('stock.receive', receipt({ docDate: '2026-05-01', acceptExpired: true }, { expiryDate: '2024-07-26' }))).toMatchObject({ ok: true })
  })

  it('expiring on the receipt date itself is not expired; a return is held to the same rule', () => {
    expect(core.call('stock.receive', receipt({ docDate: '2026-05-01' }, { expiryDate: '2026-05-01' }))).toMatchObject({ ok: true })
    expect(core.call('stock.returnIn', receipt({ docDate: '2026-05-01' }, { lotNo: 'R1', expiryDate: '2026-04-30' })))
      .toMatchObject({ ok: false, error: { field: 'expiryDate', row: 1 } })
  })
})
