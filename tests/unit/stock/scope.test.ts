/**
 * Stock read and written out of scope (issue 20, item 2): a street keeper from 岳阳 must not count, post or cancel a
 * stocktake opened at a 永丰 site, read another site's stock card, or see alerts beyond its own sites.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'
import type { Actor } from '../../../core/common/context'
import { createSite } from '../../../core/network/sites'

const YUEYANG = '310117001000'
const YONGFENG = '310117002000'
const keeperYueyang: Actor = { id: 'k-yy', name: '岳阳街道库管员', roles: ['keeper'], scope: { kind: 'street', regionCode: YUEYANG } }
const keeperSite: Actor = { id: 'k-sa', name: '测试库库管员', roles: ['keeper'], scope: { kind: 'site', siteId: 'S-A' } }
const refused = { ok: false, error: { code: 'FORBIDDEN', message: '无权执行此操作（不在管辖范围内）' } }

let core: Core
beforeEach(() => {
  core = memoryCore(['S-A']) // in 岳阳
  createSite(core.context(), { id: 'S-YF', code: 'T-YF', name: '永丰测试库', tier: 'street', regionCode: YONGFENG })
  for (const siteId of ['S-A', 'S-YF']) {
    unwrap(core.call('stock.receive', {
      id: `rcv-${siteId}-0001`, siteId, docDate: '2026-05-01',
      lines: [{ itemId: 'SH-001', lotNo: 'L1', quantity: 2, expiryDate: '2026-06-10' }],
    }))
  }
  unwrap(core.call('stocktake.open', { id: 'st-yongfeng-1', siteId: 'S-YF' }))
})
afterEach(() => core.close())

const lotQuantity = (siteId: string) =>
  core.db.$client.prepare('SELECT sum(quantity) FROM stock_balances WHERE site_id = ?').pluck().get(siteId) as number

describe('stocktakes are scoped to their site', () => {
  it('a 岳阳 keeper cannot read, count, post or cancel a 永丰 stocktake, and the lot stays at 2', () => {
    const as = { actor: keeperYueyang }
    expect(core.call('stocktake.get', { id: 'st-yongfeng-1' }, as)).toMatchObject(refused)
    expect(core.call('stocktake.openAt', { siteId: 'S-YF' }, as)).toMatchObject(refused)
    expect(core.call('stocktake.save', { stocktakeId: 'st-yongfeng-1', counts: [{ lineNo: 1, counted: 0, reason: '丢失' }] }, as))
      .toMatchObject({ ...refused, error: { ...refused.error, field: 'stocktakeId' } })
    expect(core.call('stocktake.post', { stocktakeId: 'st-yongfeng-1', id: 'pd-yongfeng-01', docDate: '2026-06-01', reason: '丢失' }, as)).toMatchObject(refused)
    expect(core.call('stocktake.cancel', { stocktakeId: 'st-yongfeng-1' }, as)).toMatchObject(refused)
    expect(lotQuantity('S-YF')).toBe(2)
    expect(unwrap(core.call('stocktake.get', { id: 'st-yongfeng-1' }))).toMatchObject({ status: 'open', counted: 0 })
    // and its own list shows none of 永丰's
    const mine = unwrap<Array<{ siteId: string }>>(core.call('stocktake.list', {}, as))
    expect(mine.some((s) => s.siteId === 'S-YF')).toBe(false)
    expect(unwrap<Array<{ siteId: string }>>(core.call('stocktake.list', {})).some((s) => s.siteId === 'S-YF')).toBe(true)
    expect(core.call('stocktake.list', { siteId: 'S-YF' }, as)).toMatchObject(refused)
  })

  it('a keeper counts and posts in its own street; the audit entry of the posting names the site', () => {
    const as = { actor: keeperYueyang }
    unwrap(core.call('stocktake.open', { id: 'st-yueyang-1', siteId: 'S-A' }, as))
    unwrap(core.call('stocktake.save', { stocktakeId: 'st-yueyang-1', counts: [{ lineNo: 1, counted: 1, reason: '破损' }] }, as))
    unwrap(core.call('stocktake.post', { stocktakeId: 'st-yueyang-1', id: 'pd-yueyang-01', docDate: '2026-06-01' }, as))
    expect(lotQuantity('S-A')).toBe(1)
    const audit = unwrap<{ rows: Array<Record<string, unknown>> }>(core.call('audit.search', { actor: 'k-yy', action: 'stocktake.post' })).rows
    expect(audit[0]).toMatchObject({ action: 'stocktake.post', outcome: 'ok', siteId: 'S-A' })
    const saved = unwrap<{ rows: Array<Record<string, unknown>> }>(core.call('audit.search', { actor: 'k-yy', action: 'stocktake.save' })).rows
    expect(saved[0]).toMatchObject({ outcome: 'ok', siteId: 'S-A' })
  })
})

describe('the stock card', () => {
  it('is refused for a site outside the keeper\'s scope, as stock.balances is', () => {
    expect(core.call('stock.balances', { siteId: 'S-YF' }, { actor: keeperSite })).toMatchObject(refused)
    expect(core.call('stock.card', { siteId: 'S-YF', itemId: 'SH-001' }, { actor: keeperSite })).toMatchObject(refused)
    expect(core.call('stock.card', { siteId: 'S-A', itemId: 'SH-001' }, { actor: keeperSite })).toMatchObject({ ok: true })
  })
})

describe('alerts are scoped as the stock grid is', () => {
  it('a site keeper sees and counts only its own site; district users see all', () => {
    const all = unwrap<Array<{ siteId: string }>>(core.call('alerts.list', {}))
    expect(new Set(all.map((a) => a.siteId))).toEqual(new Set(['S-A', 'S-YF']))
    const own = unwrap<Array<{ siteId: string }>>(core.call('alerts.list', {}, { actor: keeperSite }))
    expect(own.length).toBeGreaterThan(0)
    expect(new Set(own.map((a) => a.siteId))).toEqual(new Set(['S-A']))
    const total = unwrap<{ total: number }>(core.call('alerts.summary', {})).total
    const mine = unwrap<{ total: number }>(core.call('alerts.summary', {}, { actor: keeperSite })).total
    expect(mine).toBe(own.length)
    expect(mine).toBeLessThan(total)
    // a street filter pointing elsewhere shows nothing of it; naming the other site is refused
    expect(unwrap<unknown[]>(core.call('alerts.list', { streetCode: YONGFENG }, { actor: keeperYueyang }))).toEqual([])
    expect(core.call('alerts.summary', { siteId: 'S-YF' }, { actor: keeperYueyang })).toMatchObject(refused)
  })

  it('the expiry windows are district-wide: a street keeper may not change them', () => {
    const w = { default: { near: 10, far: 20 }, categories: {} }
    expect(core.call('alerts.setThresholds', w, { actor: keeperYueyang })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const districtKeeper: Actor = { ...keeperYueyang, id: 'k-d', scope: { kind: 'district' } }
    expect(core.call('alerts.setThresholds', w, { actor: districtKeeper })).toMatchObject({ ok: true })
  })
})
