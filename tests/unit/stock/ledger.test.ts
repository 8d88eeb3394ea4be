import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap, count } from '../../helpers/core'
import { balancesFromLedger, projectedBalances } from '../../../core/stock/ledger'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core?.close())

// the fixtures bring some stock in already expired, on purpose (acceptExpired: tests/unit/stock/receipt-dates.test.ts)
const receive = (c: Core, id: string, lines: unknown[], siteId = 'S-A') => c.call('stock.receive', { id, siteId, docDate: '2026-06-01', acceptExpired: true, lines })
const balance = (c: Core, siteId: string, itemId: string) =>
  (c.db.$client.prepare('SELECT coalesce(sum(quantity),0) AS q FROM stock_balances WHERE site_id = ? AND item_id = ?').get(siteId, itemId) as { q: number }).q

describe('receipts', () => {
  it('posts a receipt with lots and shows the balance, with one event carrying the whole document', () => {
    core = memoryCore()
    const r = unwrap(receive(core, 'rk-000001', [
      { itemId: 'SH-001', lotNo: 'TENT-2026-01', quantity: 100 },
      { itemId: 'SP-001', lotNo: 'W1', productionDate: '2026-01-01', expiryDate: '2027-12-31', quantity: 40 },
    ]))
    expect(r.docNo).toBe(`RK20260601-${core.replicaId.toUpperCase()}-0001`)
    expect(balance(core, 'S-A', 'SH-001')).toBe(100)
    expect(balance(core, 'S-A', 'SP-001')).toBe(40)
    const ev = core.db.$client.prepare("SELECT * FROM events WHERE type = 'stock.document.posted'").all() as Array<{ id: string; payload: string; author: string; hlc: string }>
    expect(ev).toHaveLength(1)
    expect(ev[0].id).toBe(`${core.replicaId}:${3}`) // two site.created events came first
    expect(ev[0].author).toBe('admin')
    expect(JSON.parse(ev[0].payload).lines).toHaveLength(2)
  })

  it('posting the same document twice posts it once', () => {
    core = memoryCore()
    const lines = [{ itemId: 'SH-001', lotNo: 'T1', quantity: 5 }]
    unwrap(receive(core, 'rk-twice-01', lines))
    const again = unwrap(receive(core, 'rk-twice-01', lines))
    expect(again.alreadyPosted).toBe(true)
    expect(balance(core, 'S-A', 'SH-001')).toBe(5)
    expect(count(core, 'documents')).toBe(1)
  })

  it('refuses a lot number already recorded with another expiry date, naming row and field', () => {
    core = memoryCore()
    unwrap(receive(core, 'rk-lot-0001', [{ itemId: 'SP-001', lotNo: 'W1', expiryDate: '2027-01-01', quantity: 5 }]))
    const r = receive(core, 'rk-lot-0002', [
      { itemId: 'SH-001', lotNo: 'T', quantity: 1 },
      { itemId: 'SP-001', lotNo: 'W1', expiryDate: '2028-01-01', quantity: 5 },
    ])
    expect(r).toMatchObject({ ok: false, error: { code: 'LOT_MISMATCH', row: 2, field: 'expiryDate' } })
    expect(!r.ok && r.error.message).toContain('有效期')
    expect(balance(core, 'S-A', 'SH-001')).toBe(0) // the good first line was not posted either
  })

  it('refuses expiry before production and a lot-tracked item without lot number', () => {
    core = memoryCore()
    expect(receive(core, 'rk-bad-0001', [{ itemId: 'SP-001', lotNo: 'W', productionDate: '2026-05-01', expiryDate: '2026-01-01', quantity: 1 }]))
      .toMatchObject({ ok: false, error: { code: 'EXPIRY_BEFORE_PRODUCTION', row: 1, field: 'expiryDate' } })
    expect(receive(core, 'rk-bad-0002', [{ itemId: 'SP-001', quantity: 1 }]))
      .toMatchObject({ ok: false, error: { code: 'LOT_REQUIRED', row: 1, field: 'lotNo' } })
  })

  it('a document with one bad line among 500 posts nothing', () => {
    core = memoryCore()
    const lines = Array.from({ length: 500 }, (_, i) => ({ itemId: i === 499 ? 'NO-SUCH' : 'SH-001', lotNo: `L${i}`, quantity: 1 }))
    const r = receive(core, 'rk-big-0001', lines)
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', row: 500, field: 'itemId' } })
    expect(count(core, 'documents')).toBe(0)
    expect(count(core, 'stock_movements')).toBe(0)
    expect(count(core, 'lots')).toBe(0)
  })
})

describe('issues', () => {
  it('refuses an issue larger than the balance with a clear Chinese message and changes nothing', () => {
    core = memoryCore()
    unwrap(receive(core, 'rk-000001', [{ itemId: 'SH-001', lotNo: 'T1', quantity: 100 }]))
    const events = count(core, 'events')
    const r = core.call('stock.issue', { id: 'ck-000001', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 150 }] })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('INSUFFICIENT_STOCK')
      expect(r.error.message).toBe('库存不足：测试储备库1 的 帐篷 现有 100 顶，不能出库 150 顶')
      expect(r.error).toMatchObject({ row: 1, field: 'quantity' })
    }
    const en = core.call('stock.issue', { id: 'ck-000001', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 150 }] }, { lang: 'en' })
    expect(!en.ok && en.error.message).toMatch(/^Not enough stock/)
    expect(balance(core, 'S-A', 'SH-001')).toBe(100)
    expect(count(core, 'events')).toBe(events)
  })

  it('two lines on the same lot cannot together overdraw it', () => {
    core = memoryCore()
    unwrap(receive(core, 'rk-000001', [{ itemId: 'SH-001', lotNo: 'T1', quantity: 10 }]))
    const lotId = (core.db.$client.prepare('SELECT id FROM lots').get() as { id: string }).id
    const r = core.call('stock.issue', { id: 'ck-000002', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', lotId, quantity: 6 }, { itemId: 'SH-001', lotId, quantity: 6 }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK', row: 2 } })
  })

  it('suggests and applies first-expiry-first-out, never from an expired lot', () => {
    core = memoryCore(['S-A'], '2026-06-01')
    unwrap(receive(core, 'rk-fefo-01', [
      { itemId: 'SP-001', lotNo: 'LATE', expiryDate: '2027-12-01', quantity: 30 },
      { itemId: 'SP-001', lotNo: 'SOON', expiryDate: '2026-07-01', quantity: 20 },
      { itemId: 'SP-001', lotNo: 'GONE', expiryDate: '2026-05-01', quantity: 50 },
    ]))
    const s = unwrap(core.call('stock.fefo', { siteId: 'S-A', itemId: 'SP-001', quantity: 25 }))
    expect(s.picks.map((p: { lotNo: string; take: number; keeps: number }) => [p.lotNo, p.take, p.keeps])).toEqual([['SOON', 20, 0], ['LATE', 5, 25]])
    expect(s.expiredSkipped).toBe(50)
    unwrap(core.call('stock.issue', { id: 'ck-fefo-01', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SP-001', quantity: 25 }] }))
    const lots = core.db.$client.prepare('SELECT l.lot_no, b.quantity FROM stock_balances b JOIN lots l ON l.id = b.lot_id ORDER BY l.lot_no').all()
    expect(lots).toEqual([{ lot_no: 'GONE', quantity: 50 }, { lot_no: 'LATE', quantity: 25 }])
    // 51 usable is not there: only 25 are left that have not expired.
    expect(core.call('stock.issue', { id: 'ck-fefo-02', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SP-001', quantity: 26 }] }).ok).toBe(false)
  })
})

describe('reversals', () => {
  // Shrunk counterexample from the property test: reversing a receipt whose stock is all still there failed on
  // the balances' CHECK constraint (an upsert with a negative delta).
  it('reversing a receipt takes its stock back out', () => {
    core = memoryCore()
    unwrap(receive(core, 'rk-rev-0001', [{ itemId: 'SH-001', lotNo: 'L1', quantity: 1 }]))
    const r = unwrap(core.call('stock.reverse', { id: 'cx-rev-0001', documentId: 'rk-rev-0001', docDate: '2026-06-01' }))
    expect(r.docNo).toMatch(/^CX/)
    expect(balance(core, 'S-A', 'SH-001')).toBe(0)
    expect(projectedBalances(core.db)).toEqual(balancesFromLedger(core.db))
  })

  it('restores balances, is refused when the stock is gone, and happens at most once', () => {
    core = memoryCore()
    unwrap(receive(core, 'rk-rev-0002', [{ itemId: 'SH-001', lotNo: 'L1', quantity: 10 }]))
    unwrap(core.call('stock.issue', { id: 'ck-rev-0002', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 4 }] }))
    expect(core.call('stock.reverse', { id: 'cx-rev-0002', documentId: 'rk-rev-0002', docDate: '2026-06-01' }))
      .toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK' } })
    unwrap(core.call('stock.reverse', { id: 'cx-rev-0003', documentId: 'ck-rev-0002', docDate: '2026-06-01' }))
    expect(balance(core, 'S-A', 'SH-001')).toBe(10)
    const twice = core.call('stock.reverse', { id: 'cx-rev-0004', documentId: 'ck-rev-0002', docDate: '2026-06-01' })
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'documentId' } })
    expect(!twice.ok && twice.error.message).toContain('已被')
  })
})

describe('the ledger is append-only', () => {
  it('the database itself refuses to edit or delete movements, documents and events', () => {
    core = memoryCore()
    unwrap(receive(core, 'rk-ao-00001', [{ itemId: 'SH-001', lotNo: 'L1', quantity: 3 }]))
    const db = core.db.$client
    expect(() => db.prepare('UPDATE stock_movements SET quantity = 999').run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM stock_movements').run()).toThrow(/append-only/)
    expect(() => db.prepare("UPDATE documents SET reason = 'x'").run()).toThrow(/never edited/)
    expect(() => db.prepare('DELETE FROM document_lines').run()).toThrow(/never edited/)
    expect(() => db.prepare("UPDATE events SET payload = '{}'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/)
  })

  it('rebuilding the balances from the ledger gives the same table, and a tampered projection is detected', () => {
    core = memoryCore()
    unwrap(receive(core, 'rk-rb-00001', [{ itemId: 'SH-001', lotNo: 'L1', quantity: 3 }, { itemId: 'SP-001', lotNo: 'W', quantity: 7 }]))
    expect(unwrap(core.call('stock.checkLedger', {}))).toEqual({ consistent: true, differences: 0 })
    core.db.$client.prepare('UPDATE stock_balances SET quantity = 1 WHERE item_id = ?').run('SH-001')
    expect(unwrap(core.call('stock.checkLedger', {})).consistent).toBe(false)
    unwrap(core.call('stock.rebuildBalances', {}))
    expect(unwrap(core.call('stock.checkLedger', {})).consistent).toBe(true)
    expect(balance(core, 'S-A', 'SH-001')).toBe(3)
  })

  it('keeps the per site × item sums with every posting; a drifted sum is detected and a rebuild repairs it', () => {
    core = memoryCore()
    const sums = () => core.db.$client.prepare('SELECT item_id, quantity, on_hand, lots FROM site_item_stock WHERE site_id = ? ORDER BY item_id').raw().all('S-A')
    unwrap(receive(core, 'rk-sum-0001', [{ itemId: 'SH-001', lotNo: 'A', quantity: 3 }, { itemId: 'SH-001', lotNo: 'B', quantity: 4 }, { itemId: 'SP-001', lotNo: 'W', quantity: 7 }]))
    expect(sums()).toEqual([['SH-001', 7, 7, 2], ['SP-001', 7, 7, 1]])
    unwrap(core.call('stock.issue', { id: 'ck-sum-0001', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 5 }] }))
    expect(sums()).toEqual([['SH-001', 2, 2, 1], ['SP-001', 7, 7, 1]])
    unwrap(core.call('stock.issue', { id: 'ck-sum-0002', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 2 }] }))
    expect(sums()).toEqual([['SP-001', 7, 7, 1]]) // the last lot gone, the row with it
    unwrap(core.call('stock.reverse', { id: 'cx-sum-0001', documentId: 'ck-sum-0002', docDate: '2026-06-01' }))
    expect(sums()).toEqual([['SH-001', 2, 2, 1], ['SP-001', 7, 7, 1]])
    core.db.$client.prepare("UPDATE site_item_stock SET on_hand = 70 WHERE item_id = 'SP-001'").run()
    expect(unwrap(core.call('stock.checkLedger', {}))).toEqual({ consistent: false, differences: 2 })
    unwrap(core.call('stock.rebuildBalances', {}))
    expect(unwrap(core.call('stock.checkLedger', {}))).toEqual({ consistent: true, differences: 0 })
    expect(sums()).toEqual([['SH-001', 2, 2, 1], ['SP-001', 7, 7, 1]])
  })
})

describe('postings inside a caller transaction', () => {
  it('commit or roll back with it (a dispatch transition and its issue are one unit)', async () => {
    const { postOutbound } = await import('../../../core/stock/ledger')
    core = memoryCore()
    unwrap(receive(core, 'rk-nest-001', [{ itemId: 'SH-001', lotNo: 'L1', quantity: 10 }]))
    const ctx = core.context()
    expect(() => core.db.transaction(() => {
      postOutbound(ctx, 'transfer_out', { id: 'dc-nest-001', siteId: 'S-A', counterpartySiteId: 'S-B', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 4 }] })
      throw new Error('the transition failed after the posting')
    })).toThrow(/transition failed/)
    expect(balance(core, 'S-A', 'SH-001')).toBe(10)
    expect(count(core, 'documents')).toBe(1)
    core.db.transaction(() => {
      postOutbound(ctx, 'transfer_out', { id: 'dc-nest-002', siteId: 'S-A', counterpartySiteId: 'S-B', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 4 }] })
    })
    expect(balance(core, 'S-A', 'SH-001')).toBe(6)
    expect(core.db.$client.prepare("SELECT counterparty_site_id AS c FROM documents WHERE id = 'dc-nest-002'").get()).toEqual({ c: 'S-B' })
  })

  it('write-offs must name the lot they write off', async () => {
    const { postOutbound } = await import('../../../core/stock/ledger')
    core = memoryCore()
    unwrap(receive(core, 'rk-scrap-01', [{ itemId: 'SH-001', lotNo: 'L1', quantity: 10 }]))
    expect(() => postOutbound(core.context(), 'scrap', { id: 'bf-scrap-01', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 1 }] }))
      .toThrow(expect.objectContaining({ code: 'LOT_REQUIRED', where: { row: 1, field: 'lotId' } }))
  })
})
