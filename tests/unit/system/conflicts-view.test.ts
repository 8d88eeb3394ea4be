/**
 * The sync page's conflicts list as a planner reads it (sync.conflicts): every kind two offices can produce comes
 * with names and numbers instead of ids; a record that no longer exists falls back to its id. And 冲销重复单据:
 * the duplicate document of a double receipt is reversed and the conflict resolved naming the reversal — or, if the
 * reversal is refused, nothing is resolved.
 */
import { describe, it, expect } from 'vitest'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { eventsSince, exchangeDirect, receive, vectorOf } from '../../../core/sync/exchange'
import { ApiError } from '../../../renderer/src/api'
import { reverseDuplicate, type ApiCall } from '../../../renderer/src/features/sync/reconcile'
import { unwrap, office } from '../../helpers/core'



/** Office A sets up two sites, stock of SH-001 at the depot and an incident; B learns it all. */
function twoOffices() {
  const a = office(), b = office()
  const ctx = a.context()
  createSite(ctx, { id: 'D1', code: 'QJ', name: '区储备库', tier: 'district', regionCode: '310117000000' })
  createSite(ctx, { id: 'C1', code: 'SQ1', name: '龙潭村储备点', tier: 'community', regionCode: '310117001001' })
  unwrap(a.call('stock.receive', { id: 'rk-000001', siteId: 'D1', docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'L1', quantity: 100 }] }))
  unwrap(a.call('incident.save', { id: 'inc-1', name: '台风', type: '台风', level: 'II', startedAt: '2026-05-30', regionCodes: ['310117001001'] }))
  exchangeDirect(a.context(), b.context())
  return { a, b }
}

/** What each office did while apart reaches the other. */
const deliver = (a: Core, b: Core) => {
  receive(b.context(), eventsSince(a.db, vectorOf(b.db)))
  receive(a.context(), eventsSince(b.db, vectorOf(a.db)))
}

const order = (c: Core, id: string) =>
  unwrap(c.call('transfer.save', { id, incidentId: 'inc-1', fromSiteId: 'D1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 10 }] }))
const step = (c: Core, id: string, action: string, more: Record<string, unknown> = {}) => unwrap(c.call('transfer.transition', { id, action, ...more }))
const orderNo = (c: Core, id: string) => c.db.$client.prepare('SELECT order_no FROM transfer_orders WHERE id = ?').pluck().get(id) as string
const docNo = (c: Core, id: string) => c.db.$client.prepare('SELECT doc_no FROM documents WHERE id = ?').pluck().get(id) as string
const itemName = (c: Core, id: string) => c.db.$client.prepare("SELECT code || ' ' || name FROM items WHERE id = ?").pluck().get(id) as string
const balance = (c: Core, site: string) =>
  c.db.$client.prepare("SELECT coalesce(sum(quantity), 0) FROM stock_balances WHERE site_id = ? AND item_id = 'SH-001'").pluck().get(site) as number

const conflictsOf = (c: Core, lang: 'zh' | 'en' = 'zh') => unwrap<any[]>(c.call('sync.conflicts', { open: true, limit: 200 }, { lang }))
const openIds = (c: Core) => c.db.$client.prepare('SELECT id FROM conflicts WHERE resolved_at IS NULL').pluck().all() as string[]

/** The page's api client over an in-process core: throws the api's error as the page's `api` does. */
const callOf = (c: Core): ApiCall => (async (method: string, input: unknown) => {
  const r = c.call(method, input)
  if (!r.ok) throw new ApiError(r.error)
  return r.data
}) as ApiCall

/** Two offices receive the same order while apart: both 调入 post, the later by clock is flagged. */
function doubleReceipt() {
  const { a, b } = twoOffices()
  order(a, 'order-0001'); step(a, 'order-0001', 'approve'); step(a, 'order-0001', 'dispatch')
  exchangeDirect(a.context(), b.context())
  step(a, 'order-0001', 'receive')
  step(b, 'order-0001', 'receive')
  deliver(a, b)
  const row = conflictsOf(a).find((r) => r.kind === 'transfer_double_receipt')
  return { a, b, row }
}

describe('sync.conflicts: names instead of ids', () => {
  it('lww, negative stock, double dispatch, cancel overridden and a stocktake posted and cancelled each name what they are about', () => {
    const { a, b } = twoOffices()
    const keeper = (c: Core, name: string) => unwrap(c.call('network.updateSite', { id: 'C1', keeper: name }))
    // apart: both edit the keeper of 龙潭村储备点, both issue the depot's last units, both dispatch one order,
    // one cancels another order the other dispatched, one posts a stocktake the other cancels
    order(a, 'order-0001'); step(a, 'order-0001', 'approve')
    order(a, 'order-0002'); step(a, 'order-0002', 'approve')
    unwrap(a.call('stocktake.open', { id: 'pd-st-00001', siteId: 'D1' }))
    exchangeDirect(a.context(), b.context())
    keeper(a, '李四'); keeper(b, '王五')
    unwrap(a.call('stock.issue', { id: 'ck-a-000001', siteId: 'D1', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 60 }] }))
    unwrap(b.call('stock.issue', { id: 'ck-b-000001', siteId: 'D1', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 50 }] }))
    step(a, 'order-0001', 'dispatch'); step(b, 'order-0001', 'dispatch')
    step(a, 'order-0002', 'cancel'); step(b, 'order-0002', 'dispatch')
    unwrap(a.call('stocktake.save', { stocktakeId: 'pd-st-00001', counts: [{ lineNo: 1, counted: 99, reason: '破损' }] }))
    unwrap(a.call('stocktake.post', { stocktakeId: 'pd-st-00001', id: 'pd-doc-00001', docDate: '2026-06-01' }))
    unwrap(b.call('stocktake.cancel', { stocktakeId: 'pd-st-00001' }))
    deliver(a, b)

    const rows = conflictsOf(a)
    const byKind = (k: string) => rows.filter((r) => r.kind === k)
    // the keeper: the later edit is kept, the other listed — the site by name, the field by its label
    const [lww] = byKind('lww').filter((r) => r.entity === 'site')
    expect(lww).toMatchObject({ subject: '龙潭村储备点', fieldLabel: '负责人' })
    expect([lww.winnerText, lww.loserText].sort()).toEqual(['李四', '王五'])
    const kept = a.db.$client.prepare("SELECT keeper FROM sites WHERE id = 'C1'").pluck().get()
    expect(lww.winnerText).toBe(kept)
    expect(conflictsOf(a, 'en').find((r) => r.id === lww.id).fieldLabel).toBe('Keeper')
    // 110 issued of 100 (less the two dispatches and what the stocktake posted): the site, item and lot by name
    const neg = byKind('negative_stock')
    expect(neg.length).toBeGreaterThan(0)
    expect(neg[0]).toMatchObject({ site: { id: 'D1', name: '区储备库', code: 'QJ' }, item: { id: 'SH-001', code: 'SH-001' }, lot: { lotNo: 'L1' } })
    expect(neg[0].item.name).toBe(itemName(a, 'SH-001').replace('SH-001 ', ''))
    // one entry per lot below zero, named by the balance (not by whichever issue arrived last)
    expect(neg[0].id).toBe(`negative_stock:D1|SH-001|${neg[0].lot.id}`)
    expect(neg[0].detail.balance).toBeLessThan(0)
    // the double dispatch: the order's number, the kept and the duplicate 调出 by number, not reversed yet
    const [dd] = byKind('transfer_double_dispatch')
    expect(dd.orderNo).toBe(orderNo(a, 'order-0001'))
    expect(dd.keptDocNo).toBe(docNo(a, dd.detail.keptDocumentId))
    expect(dd.duplicate).toEqual({ documentId: dd.detail.documentId, docNo: docNo(a, dd.detail.documentId), reversedByDocNo: null })
    expect(dd.duplicate.docNo).not.toBe(dd.keptDocNo)
    // the cancel the other office's dispatch overrode
    expect(byKind('transfer_cancel_overridden')[0]).toMatchObject({ orderNo: orderNo(a, 'order-0002') })
    // the stocktake: its site and day, and the 盘点单 that stands
    expect(byKind('stocktake_posted_and_cancelled')[0]).toMatchObject({
      site: { id: 'D1', name: '区储备库' }, date: '2026-06-01', subject: '区储备库 2026-06-01',
    })
    expect(byKind('stocktake_posted_and_cancelled')[0].docNo).toBe(docNo(a, 'pd-doc-00001'))
    expect(docNo(a, 'pd-doc-00001')).toMatch(/\S/)
    // the other office lists the same cases with the same names
    const atB = conflictsOf(b)
    expect(atB.find((r) => r.kind === 'transfer_double_dispatch')).toMatchObject({ orderNo: dd.orderNo, keptDocNo: dd.keptDocNo })
  })

  it('an lww row of a target names its year, tier and item; values that are ids read as names; a record gone falls back to its id', () => {
    const { a, b } = twoOffices()
    const t = unwrap(a.call('catalogue.saveTarget', { planYear: 2026, tier: 'community', itemId: 'SH-001', quantity: 5 }))
    exchangeDirect(a.context(), b.context())
    unwrap(a.call('catalogue.saveTarget', { id: t.id, planYear: 2026, tier: 'community', itemId: 'SH-001', quantity: 6, siteId: null }))
    unwrap(b.call('catalogue.saveTarget', { id: t.id, planYear: 2026, tier: 'community', itemId: 'SH-001', quantity: 8, siteId: 'C1' }))
    deliver(a, b)
    const rows = conflictsOf(a).filter((r) => r.entity === 'target')
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) expect(r.subject).toMatch(new RegExp(`^2026 · 社区级 · ${itemName(a, 'SH-001')}`))
    const site = rows.find((r) => r.field === 'siteId')
    expect([site.winnerText, site.loserText].sort()).toEqual(['龙潭村储备点', '（空）'].sort())
    expect(rows.find((r) => r.field === 'quantity')).toMatchObject({ fieldLabel: '储备标准' })

    // a conflict about records this office no longer (or never) holds: ids, not blanks
    a.db.$client.prepare(`INSERT INTO conflicts (id, kind, entity, entity_id, field, detail) VALUES
      ('lww:site:gone:keeper:x', 'lww', 'site', 'gone', 'keeper', '{"winnerValue":"甲","loserValue":null}'),
      ('negative_stock:x:lot-gone', 'negative_stock', 'stock_balance', 'gone|item-gone|lot-gone', NULL,
       '{"siteId":"gone","itemId":"item-gone","lotId":"lot-gone","balance":-2,"documentId":"doc-gone"}')`).run()
    const gone = conflictsOf(a)
    expect(gone.find((r) => r.id === 'lww:site:gone:keeper:x')).toMatchObject({ subject: 'gone', fieldLabel: '负责人', winnerText: '甲', loserText: '（空）' })
    // a negative_stock row stored by an earlier build (one per arriving issue) is superseded by the balances' own list
    expect(gone.find((r) => r.id === 'negative_stock:x:lot-gone')).toBeUndefined()
  })
})

describe('冲销重复单据', () => {
  const opts = (id: string) => ({ reversalId: id, docDate: '2026-06-01', reason: '冲销重复收货', note: (no: string) => `已冲销重复单据，冲销单 ${no}` })

  it('a double receipt: names the order and both 调入, reverses the duplicate, resolves naming the reversal', async () => {
    const { a, row } = doubleReceipt()
    expect(row.orderNo).toBe(orderNo(a, 'order-0001'))
    expect(row.keptDocNo).toBe(docNo(a, row.detail.keptDocumentId))
    expect(row.duplicate.docNo).toBe(docNo(a, row.detail.documentId))
    expect(balance(a, 'C1')).toBe(20)

    const { reversalDocNo } = await reverseDuplicate(callOf(a), row, opts('cx-dup-000001'))
    expect(balance(a, 'C1')).toBe(10)
    expect(reversalDocNo).toBe(docNo(a, 'cx-dup-000001'))
    expect(openIds(a)).not.toContain(row.id)
    const resolvedBy = a.db.$client.prepare('SELECT resolved_by FROM conflicts WHERE id = ?').pluck().get(row.id) as string
    expect(resolvedBy).toContain(reversalDocNo)
    // listed among all conflicts (not only open ones) with the reversal that cancelled the duplicate
    const all = unwrap<any[]>(a.call('sync.conflicts', { open: false, limit: 200 }))
    expect(all.find((r) => r.id === row.id).duplicate.reversedByDocNo).toBe(reversalDocNo)
  })

  it('refused when the duplicate stock has since been issued: the api says why, nothing is reversed or resolved', async () => {
    const { a, row } = doubleReceipt()
    unwrap(a.call('stock.issue', { id: 'ck-c1-000001', siteId: 'C1', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', quantity: 15 }] }))
    const before = balance(a, 'C1')
    const failed = await reverseDuplicate(callOf(a), row, opts('cx-dup-000002')).then(() => null, (e: unknown) => e)
    expect(failed).toBeInstanceOf(ApiError)
    expect((failed as ApiError).message).toMatch(/\S/)
    expect((failed as ApiError).code).not.toBe('INTERNAL')
    expect(balance(a, 'C1')).toBe(before)
    expect(a.db.$client.prepare("SELECT count(*) FROM documents WHERE id = 'cx-dup-000002'").pluck().get()).toBe(0)
    expect(openIds(a)).toContain(row.id)
  })

  it('a duplicate already reversed (the resolve failed after the reversal) is resolved naming that reversal, not reversed twice', async () => {
    const { a, row } = doubleReceipt()
    const first = unwrap(a.call('stock.reverse', { id: 'cx-dup-000003', documentId: row.duplicate.documentId, docDate: '2026-06-01' }))
    const again = conflictsOf(a).find((r) => r.id === row.id)
    expect(again.duplicate.reversedByDocNo).toBe(first.docNo)
    const { reversalDocNo } = await reverseDuplicate(callOf(a), again, opts('cx-dup-000004'))
    expect(reversalDocNo).toBe(first.docNo)
    expect(a.db.$client.prepare("SELECT count(*) FROM documents WHERE id = 'cx-dup-000004'").pluck().get()).toBe(0)
    expect(balance(a, 'C1')).toBe(10)
    expect(openIds(a)).not.toContain(row.id)
  })
})
