/**
 * 预警: each kind from the balances as a keeper would check them — expired, expiring within the category's windows,
 * rotation at 2/3 of the shelf life, below the minimum target — a lot counted once, under its most urgent kind.
 */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core?.close())

// today is 2026-06-01 in memoryCore
const receive = (c: Core, id: string, lines: unknown[], siteId = 'S-A') =>
  unwrap(c.call('stock.receive', { id, siteId, docDate: '2026-01-05', subtype: '采购入库', acceptExpired: true, lines })) // some lots arrive expired, on purpose
const list = (c: Core, input: object = {}) => unwrap(c.call('alerts.list', input)) as Array<{ kind: string; lotNo: string | null; siteId: string; itemId: string; quantity: number; minimum: number | null; shortBy: number | null; lifeUsed: number | null; daysToExpiry: number | null }>
const summary = (c: Core, input: object = {}) => unwrap(c.call('alerts.summary', input))
const kindsByLot = (c: Core, input: object = {}) => Object.fromEntries(list(c, input).filter((a) => a.lotNo).map((a) => [a.lotNo, a.kind]))
const target = (c: Core, t: { id: string; tier: string; itemId: string; quantity: number; minimum: number | null; siteId?: string; regionCode?: string; planYear?: number; mode?: string }) =>
  c.db.$client.prepare('INSERT INTO tier_targets (id, plan_year, tier, item_id, mode, quantity, minimum, required, region_code, site_id) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)')
    .run(t.id, t.planYear ?? 2026, t.tier, t.itemId, t.mode ?? 'fixed', t.quantity, t.minimum, t.regionCode ?? null, t.siteId ?? null)

describe('alerts by expiry', () => {
  it('expired, within 30 days (today and day 30 included), within 90 days, and nothing for later lots', () => {
    core = memoryCore()
    receive(core, 'rcv-000001', [
      { itemId: 'SH-001', lotNo: 'EXP', expiryDate: '2026-05-31', quantity: 2 },
      { itemId: 'SH-001', lotNo: 'TODAY', expiryDate: '2026-06-01', quantity: 2 },
      { itemId: 'SH-001', lotNo: 'D30', expiryDate: '2026-07-01', quantity: 2 },
      { itemId: 'SH-001', lotNo: 'D31', expiryDate: '2026-07-02', quantity: 2 },
      { itemId: 'SH-001', lotNo: 'D90', expiryDate: '2026-08-30', quantity: 2 },
      { itemId: 'SH-001', lotNo: 'D91', expiryDate: '2026-08-31', quantity: 2 },
      { itemId: 'SH-001', lotNo: 'NOEXP', quantity: 2 },
    ])
    expect(kindsByLot(core)).toEqual({ EXP: 'expired', TODAY: 'expiring30', D30: 'expiring30', D31: 'expiring90', D90: 'expiring90' })
    expect(summary(core)).toMatchObject({ expired: 1, expiring30: 2, expiring90: 2, rotation: 0, belowMinimum: 0, total: 5 })
    expect(list(core, { kind: 'expired' })).toEqual([expect.objectContaining({ lotNo: 'EXP', quantity: 2, daysToExpiry: -1 })])
  })

  it('a lot issued to zero raises nothing', () => {
    core = memoryCore()
    receive(core, 'rcv-000001', [{ itemId: 'SH-001', lotNo: 'GONE', expiryDate: '2026-05-01', quantity: 3 }])
    expect(summary(core).expired).toBe(1)
    const lotId = (core.db.$client.prepare("SELECT id FROM lots WHERE lot_no = 'GONE'").get() as { id: string }).id
    unwrap(core.call('stock.writeOff', { id: 'wof-000001', siteId: 'S-A', docDate: '2026-06-01', type: 'expire', reason: '过期', lines: [{ itemId: 'SH-001', lotId, quantity: 3 }] }))
    expect(summary(core).total).toBe(0)
  })

  it('thresholds per category are configurable and apply only to that category', () => {
    core = memoryCore()
    receive(core, 'rcv-000001', [
      { itemId: 'SH-001', lotNo: 'TENT-D45', expiryDate: '2026-07-16', quantity: 1 }, // 生活类
      { itemId: 'SP-002', lotNo: 'FOOD-D45', productionDate: '2025-08-01', expiryDate: '2026-07-16', quantity: 1 }, // 食品饮水
      { itemId: 'SH-001', lotNo: 'TENT-D150', expiryDate: '2026-10-29', quantity: 1 },
    ])
    expect(kindsByLot(core)).toEqual({ 'TENT-D45': 'expiring90', 'FOOD-D45': 'expiring90' })
    unwrap(core.call('alerts.setThresholds', { default: { near: 30, far: 90 }, categories: { 食品饮水: { near: 60, far: 180 }, 生活类: { near: 14, far: 180 } } }))
    expect(unwrap(core.call('alerts.thresholds', {}))).toMatchObject({ categories: { 食品饮水: { near: 60, far: 180 } } })
    expect(kindsByLot(core)).toEqual({ 'TENT-D45': 'expiring90', 'FOOD-D45': 'expiring30', 'TENT-D150': 'expiring90' })
    const bad = core.call('alerts.setThresholds', { default: { near: 100, far: 90 }, categories: {} })
    expect(bad).toMatchObject({ ok: false, error: { code: 'ALERT_NEAR_AFTER_FAR', field: 'default' } })
    expect(!bad.ok && bad.error.message).toContain('近效期天数（100）不能大于临期天数（90）')
  })
})

describe('rotation due', () => {
  it('at 2/3 of the shelf life, from the production date or from expiry minus the shelf life', () => {
    core = memoryCore()
    // SP-001 饮用水: 730 days. 2/3 = 486.7 days. Production 2025-01-31 → 486 days used on 2026-06-01; 2025-01-30 → 487.
    receive(core, 'rcv-000001', [
      { itemId: 'SP-001', lotNo: 'W-486', productionDate: '2025-01-31', expiryDate: '2027-01-31', quantity: 5 },
      { itemId: 'SP-001', lotNo: 'W-487', productionDate: '2025-01-30', expiryDate: '2027-01-30', quantity: 5 },
      // No production date: expiry 2027-01-20 − 730 days = 2025-01-20 → 497 days used.
      { itemId: 'SP-001', lotNo: 'W-NOPROD', expiryDate: '2027-01-20', quantity: 5 },
      // Items without a shelf life never rotate.
      { itemId: 'SH-001', lotNo: 'T-OLD', productionDate: '2010-01-01', quantity: 1 },
    ])
    const rotation = list(core, { kind: 'rotation' })
    expect(rotation.map((a) => a.lotNo).sort()).toEqual(['W-487', 'W-NOPROD'])
    expect(rotation.find((a) => a.lotNo === 'W-487')!.lifeUsed).toBe(67)
  })

  it('a lot already expiring is listed once, as expiring, not also as rotation', () => {
    core = memoryCore()
    receive(core, 'rcv-000001', [{ itemId: 'SP-002', lotNo: 'F-OLD', productionDate: '2025-06-20', expiryDate: '2026-06-20', quantity: 3 }])
    expect(list(core)).toEqual([expect.objectContaining({ lotNo: 'F-OLD', kind: 'expiring30' })])
  })
})

describe('below the minimum target', () => {
  it('counts usable stock against the tier target, a site override first, and skips targets without a minimum', () => {
    core = memoryCore()
    receive(core, 'rcv-000001', [
      { itemId: 'SH-001', lotNo: 'T1', quantity: 8 },
      { itemId: 'SP-001', lotNo: 'W-OLD', expiryDate: '2026-01-01', quantity: 100 }, // expired: does not count
      { itemId: 'SP-001', lotNo: 'W-NEW', productionDate: '2026-05-01', expiryDate: '2028-05-01', quantity: 20 },
    ])
    target(core, { id: 't1', tier: 'street', itemId: 'SH-001', quantity: 20, minimum: 10 })
    target(core, { id: 't2', tier: 'street', itemId: 'SP-001', quantity: 100, minimum: 50 })
    target(core, { id: 't3', tier: 'street', itemId: 'SH-003', quantity: 100, minimum: null })
    target(core, { id: 't4', tier: 'community', itemId: 'SH-001', quantity: 5, minimum: 99 })
    const below = list(core, { kind: 'belowMinimum' }).map((a) => [a.siteId, a.itemId, a.quantity, a.minimum, a.shortBy])
    expect(below).toEqual([
      ['S-A', 'SH-001', 8, 10, 2], ['S-A', 'SP-001', 20, 50, 30], ['S-B', 'SH-001', 0, 10, 10], ['S-B', 'SP-001', 0, 50, 50],
    ])
    // S-A is a bigger depot: its own target overrides the tier's.
    target(core, { id: 't5', tier: 'street', itemId: 'SH-001', quantity: 20, minimum: 5, siteId: 'S-A' })
    expect(list(core, { kind: 'belowMinimum', siteId: 'S-A' }).map((a) => a.itemId)).toEqual(['SP-001'])
    expect(summary(core, { siteId: 'S-B' }).belowMinimum).toBe(2)
  })

  it('a lot below zero (two offline issues, kept by sync) does not cancel another lot: the same usable stock as compliance', () => {
    core = memoryCore()
    receive(core, 'rcv-000002', [{ itemId: 'SP-001', lotNo: 'W-B', expiryDate: '2028-05-01', quantity: 100 }])
    const lot = core.db.$client.prepare("SELECT id FROM lots WHERE lot_no = 'W-B'").pluck().get()
    core.db.$client.prepare('UPDATE stock_balances SET quantity = -20 WHERE lot_id = ?').run(lot) // as sync leaves it
    receive(core, 'rcv-000003', [{ itemId: 'SP-001', lotNo: 'W-B2', expiryDate: '2028-05-01', quantity: 70 }])
    target(core, { id: 't-min', tier: 'street', itemId: 'SP-001', quantity: 100, minimum: 80 })
    // 70 usable at S-A: the lot at -20 is a shortage to reconcile (listed on the sync page), not stock that cancels W-B2
    expect(list(core, { kind: 'belowMinimum', siteId: 'S-A' }).map((a) => [a.quantity, a.shortBy])).toEqual([[70, 10]])
    const physical = unwrap(core.call('compliance.site', { siteId: 'S-A' })).lines.find((l: { itemId: string }) => l.itemId === 'SP-001').physical
    expect(physical).toBe(70)
  })

  it('uses the latest plan year up to this year, and no targets means no alert', () => {
    core = memoryCore()
    expect(summary(core).belowMinimum).toBe(0)
    target(core, { id: 'old', tier: 'street', itemId: 'SH-001', quantity: 20, minimum: 3, planYear: 2025 })
    target(core, { id: 'future', tier: 'street', itemId: 'SH-002', quantity: 20, minimum: 3, planYear: 2027 })
    expect(list(core, { kind: 'belowMinimum' }).map((a) => a.itemId)).toEqual(['SH-001', 'SH-001'])
  })
})
