/**
 * Compliance on a hand-made network: a point serving two communities, a closed site, per-capita targets, a site
 * override, an expired lot, and agreements — one lapsed yesterday — counted by the planner's rule.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { randomUUID } from 'node:crypto'
import { createCore, type Core } from '../../../core/app'
import { count, unwrap } from '../../helpers/core'
import { compliance } from '../../../core/catalogue/compliance'

const YUEYANG = '310117001000'
const LONGTAN = '310117001001'
const ZUIBAICHI = '310117001002'
const JINSHATAN = '310117001003'
const YONGFENG = '310117002000'
const TODAY = '2026-06-01'

let core: Core
const call = (m: string, i: unknown) => unwrap(core.call(m, i))
const receive = (siteId: string, lines: Array<{ itemId: string; lotNo: string; quantity: number; expiryDate?: string }>) =>
  call('stock.receive', { id: randomUUID(), siteId, docDate: '2026-05-01', lines })
const target = (t: Record<string, unknown>) => call('catalogue.saveTarget', { planYear: 2026, mode: 'fixed', required: true, ...t })
const line = (siteId: string, itemId: string) => call('compliance.site', { siteId }).lines.find((l: { itemId: string }) => l.itemId === itemId)

beforeEach(() => {
  core = createCore({ file: ':memory:', seed: 'reference', today: () => TODAY })
  call('network.openSite', { id: 'ST', code: 'JZ-1', name: '岳阳街道储备库', tier: 'street', regionCode: YUEYANG, openedOn: '2020-01-01' })
  call('network.openSite', { id: 'ST2', code: 'JZ-2', name: '永丰街道储备库', tier: 'street', regionCode: YONGFENG, openedOn: '2020-01-01' })
  call('network.openSite', { id: 'A', code: 'CJ-A', name: '龙潭联合储备点', tier: 'community', regionCode: LONGTAN, serves: [LONGTAN, ZUIBAICHI], openedOn: '2021-01-01' })
  call('network.openSite', { id: 'B', code: 'CJ-B', name: '金沙滩储备点', tier: 'community', regionCode: JINSHATAN, serves: [JINSHATAN], openedOn: '2021-01-01' })
  call('catalogue.setPopulations', { rows: [{ code: LONGTAN, population: 3000 }, { code: ZUIBAICHI, population: 2000 }, { code: JINSHATAN, population: 1500 }] })
  // community tier: 2 tents (fixed, minimum 1), 10 quilts per 1 000 residents, water recommended
  target({ tier: 'community', itemId: 'SH-001', quantity: 2, minimum: 1 })
  target({ tier: 'community', itemId: 'SH-003', mode: 'per1000', quantity: 10 })
  target({ tier: 'community', itemId: 'SP-001', quantity: 100, required: false })
  // street tier: 20 tents; 永丰 has a regional override of 50
  target({ tier: 'street', itemId: 'SH-001', quantity: 20 })
  target({ tier: 'street', itemId: 'SH-001', quantity: 50, regionCode: YONGFENG })
})
afterEach(() => core.close())

describe('targets', () => {
  it('per-capita targets use the population of every community a point serves; a site override wins', () => {
    expect(line('A', 'SH-003')).toMatchObject({ target: 50, source: 'tier' }) // (3000 + 2000) × 10 / 1000
    expect(line('B', 'SH-003')).toMatchObject({ target: 15 })
    target({ tier: 'community', itemId: 'SH-001', quantity: 5, siteId: 'A' })
    expect(line('A', 'SH-001')).toMatchObject({ target: 5, source: 'site' })
    expect(line('B', 'SH-001')).toMatchObject({ target: 2, source: 'tier' })
    expect(line('ST2', 'SH-001')).toMatchObject({ target: 50, source: 'region' })
    expect(line('ST', 'SH-001')).toMatchObject({ target: 20, source: 'tier' })
  })

  it('a per-capita target without a population is shown as unknown and not counted', () => {
    call('catalogue.setPopulations', { rows: [{ code: JINSHATAN, population: null }] })
    expect(line('B', 'SH-003').target).toBeNull()
    expect(call('compliance.site', { siteId: 'B' }).required).toBe(1) // only the tents
  })

  it('refuses a duplicate target and a minimum above the quantity, naming the field', () => {
    expect(core.call('catalogue.saveTarget', { planYear: 2026, tier: 'community', itemId: 'SH-001', quantity: 3 }))
      .toMatchObject({ ok: false, error: { code: 'TARGET_DUPLICATE', field: 'itemId' } })
    expect(core.call('catalogue.saveTarget', { planYear: 2026, tier: 'district', itemId: 'SH-001', quantity: 3, minimum: 4 }))
      .toMatchObject({ ok: false, error: { code: 'TARGET_MINIMUM', field: 'minimum' } })
  })

  it('a new plan year starts as a copy of the last one', () => {
    expect(call('catalogue.copyTargets', { fromYear: 2026, toYear: 2027 })).toEqual({ copied: 5 })
    expect(call('catalogue.targets', { planYear: 2027 })).toHaveLength(5)
    expect(call('catalogue.planYears', {})).toEqual([2026, 2027])
    expect(core.call('catalogue.copyTargets', { fromYear: 2026, toYear: 2027 })).toMatchObject({ ok: false, error: { code: 'TARGET_YEAR_EXISTS' } })
  })
})

describe('compliance', () => {
  it('counts stock that has not expired; rates count required items only', () => {
    receive('A', [
      { itemId: 'SH-001', lotNo: 'T1', quantity: 2 },
      { itemId: 'SH-003', lotNo: 'Q1', quantity: 30 },
      { itemId: 'SP-001', lotNo: 'W-OLD', quantity: 500, expiryDate: '2026-05-31' }, // expired yesterday
    ])
    const a = call('compliance.site', { siteId: 'A' })
    expect(a.lines.find((l: { itemId: string }) => l.itemId === 'SP-001')).toMatchObject({ physical: 0, met: false, required: false })
    expect(a).toMatchObject({ required: 2, met: 1, rate: 50 })
    const s = call('compliance.summary', {})
    const yueyang = s.streets.find((x: { code: string }) => x.code === YUEYANG)
    // 岳阳: the street depot (1 required, not met), A (1 of 2), B (0 of 2)
    expect(yueyang).toMatchObject({ required: 5, met: 1 })
    expect(s.district).toMatchObject({ required: 6, met: 1 })
    expect(s.sites.find((x: { id: string }) => x.id === 'A').categories['生活类']).toMatchObject({ required: 2, met: 1 })
  })

  it('counts the lots of an item that are still valid on the day, and a lot below zero does not cancel another', () => {
    receive('A', [
      { itemId: 'SP-001', lotNo: 'W-OLD', quantity: 500, expiryDate: '2026-05-31' }, // expired yesterday
      { itemId: 'SP-001', lotNo: 'W-SEP', quantity: 40, expiryDate: '2026-09-30' },
      { itemId: 'SP-001', lotNo: 'W-NEW', quantity: 60, expiryDate: '2027-03-01' },
    ])
    receive('B', [{ itemId: 'SP-001', lotNo: 'W-B', quantity: 100, expiryDate: '2027-03-01' }])
    // two offline issues of B's last units, as sync leaves them: the lot below zero, flagged, kept (sync.test.ts)
    const lotB = core.db.$client.prepare("SELECT id FROM lots WHERE lot_no = 'W-B'").pluck().get()
    core.db.$client.prepare("UPDATE stock_balances SET quantity = -20 WHERE lot_id = ?").run(lotB)
    receive('B', [{ itemId: 'SP-001', lotNo: 'W-B2', quantity: 70, expiryDate: '2027-03-01' }])
    // whole district (one pass over all sites) and one site at a time say the same
    const physical = (o: Record<string, unknown>) => {
      const m = new Map<string, number>()
      compliance(core.context(), { ...o, onLine: (site, l) => { if (l.itemId === 'SP-001') m.set(site.id, l.physical) } })
      return Object.fromEntries([...m].filter(([site]) => site === 'A' || site === 'B'))
    }
    const bySite = (o: Record<string, unknown>) => Object.fromEntries(['A', 'B'].map((siteId) =>
      [siteId, compliance(core.context(), { ...o, siteId }).lines!.find((l) => l.itemId === 'SP-001')!.physical]))
    expect(physical({})).toEqual({ A: 100, B: 70 })
    expect(bySite({})).toEqual({ A: 100, B: 70 })
    // the annual plan counts what is still valid at the year's end
    expect(physical({ validThrough: '2026-12-31' })).toEqual({ A: 60, B: 70 })
    expect(bySite({ validThrough: '2026-12-31' })).toEqual({ A: 60, B: 70 })
  })

  it('a closed site drops out of compliance', () => {
    call('network.closeSite', { id: 'B', closedOn: '2026-05-15' })
    const s = call('compliance.summary', {})
    expect(s.sites.map((x: { id: string }) => x.id)).not.toContain('B')
    expect(s.streets.find((x: { code: string }) => x.code === YUEYANG).required).toBe(3)
    expect(core.call('compliance.site', { siteId: 'B' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('agreement stock counts 100 %, 50 % or not at all, and only while the agreement is valid', () => {
    receive('A', [{ itemId: 'SH-003', lotNo: 'Q1', quantity: 30 }])
    const { id: partnerId } = call('agreements.savePartner', { name: '上海联华超市', creditCode: '91310000132200821H' })
    const agreement = (validTo: string, quantity: number) => call('agreements.save', {
      partnerId, agreementNo: `XY-${validTo}`, kind: 'materials', validFrom: '2026-01-01', validTo,
      tier: 'community', regionCode: LONGTAN, lines: [{ itemId: 'SH-003', quantity }],
    })
    agreement('2026-05-31', 1000) // lapsed yesterday: never counts
    expect(line('A', 'SH-003')).toMatchObject({ physical: 30, agreement: 0, counted: 30, met: false })
    agreement('2026-12-31', 20)
    expect(line('A', 'SH-003')).toMatchObject({ physical: 30, agreement: 20, counted: 50, met: true, metPhysical: false })
    call('compliance.setWeight', { weight: 0.5 })
    expect(line('A', 'SH-003')).toMatchObject({ agreement: 20, counted: 40, met: false })
    call('compliance.setWeight', { weight: 0 })
    expect(line('A', 'SH-003')).toMatchObject({ counted: 30, met: false })
    call('compliance.setWeight', { weight: 1 })
    const s = call('compliance.summary', {})
    const a = s.sites.find((x: { id: string }) => x.id === 'A')
    expect(a).toMatchObject({ met: 1, metPhysical: 0 })
    // and on the day the agreement was not yet signed it did not count
    expect(call('compliance.summary', { asOf: '2025-12-31', planYear: 2026 }).sites.find((x: { id: string }) => x.id === 'A').met).toBe(0)
  })

  it('an item left out of the plan year\'s catalogue has no target that year, and counts again the next', () => {
    expect(line('A', 'SH-001')).toBeDefined()
    const before = call('compliance.site', { siteId: 'A' }).required
    call('catalogue.saveVersion', { planYear: 2026, itemId: 'SH-001', unitPrice: null, included: false })
    expect(line('A', 'SH-001')).toBeUndefined()
    expect(call('compliance.site', { siteId: 'A' }).required).toBe(before - 1)
    call('catalogue.copyTargets', { fromYear: 2026, toYear: 2027 })
    expect(call('compliance.site', { siteId: 'A', planYear: 2027 }).lines.map((l: { itemId: string }) => l.itemId)).toContain('SH-001')
  })

  it('flags items below their minimum', () => {
    const b = call('compliance.site', { siteId: 'B' })
    expect(b.lines.find((l: { itemId: string }) => l.itemId === 'SH-001')).toMatchObject({ belowMinimum: true })
    expect(b.belowMinimum).toBe(1)
  })
})

describe('partners and agreements', () => {
  it('checks the 统一社会信用代码 check character', () => {
    for (const good of ['91310000132200821H', '91350100M000100Y43', '９１１１００００６０００３７３４１ｌ']) {
      expect(core.call('agreements.savePartner', { name: `企业${good}`, creditCode: good }).ok, good).toBe(true)
    }
    const bad = core.call('agreements.savePartner', { name: '某公司', creditCode: '91350100M000100Y44' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'CREDIT_CODE', field: 'creditCode' } })
    expect(!bad.ok && bad.error.message).toBe('统一社会信用代码 91350100M000100Y44 不正确：校验码不符')
    expect(core.call('agreements.savePartner', { name: 'x', creditCode: '9135010' })).toMatchObject({ ok: false, error: { code: 'CREDIT_CODE' } })
    expect(core.call('agreements.savePartner', { name: 'x', creditCode: '91350100I000100Y43' })).toMatchObject({ ok: false, error: { code: 'CREDIT_CODE' } })
    expect(core.call('agreements.savePartner', { name: 'x', creditCode: '91310000132200821H' })).toMatchObject({ ok: false, error: { code: 'CREDIT_CODE_TAKEN' } })
  })

  it('alerts 60 and 30 days before an agreement lapses', () => {
    const { id: partnerId } = call('agreements.savePartner', { name: '松江物流' })
    const save = (no: string, validTo: string) => call('agreements.save', {
      partnerId, agreementNo: no, kind: 'transport', validFrom: '2026-01-01', validTo, lines: [{ vehicleType: '厢式货车', vehicleCount: 3, vehicleCapacity: '5吨' }],
    })
    save('A', '2026-12-31'); save('B', '2026-07-31'); save('C', '2026-07-01'); save('D', '2026-05-31')
    const states = Object.fromEntries(call('agreements.list', {}).map((a: { agreementNo: string; state: string }) => [a.agreementNo, a.state]))
    expect(states).toEqual({ A: 'valid', B: 'lapsing60', C: 'lapsing30', D: 'lapsed' })
    expect(call('agreements.lapsing', {}).map((a: { agreementNo: string }) => a.agreementNo).sort()).toEqual(['B', 'C', 'D'])
    const events = count(core, 'events')
    expect(core.call('agreements.save', { partnerId, agreementNo: 'E', kind: 'transport', validFrom: '2026-01-01', validTo: '2026-02-01', lines: [{ vehicleType: '货车' }] }))
      .toMatchObject({ ok: false, error: { code: 'AGREEMENT_LINE', row: 1, field: 'vehicleCount' } })
    expect(core.call('agreements.save', { partnerId, agreementNo: 'E', kind: 'materials', validFrom: '2026-03-01', validTo: '2026-02-01', lines: [{ itemId: 'SH-001', quantity: 1 }] }))
      .toMatchObject({ ok: false, error: { code: 'AGREEMENT_DATES', field: 'validTo' } })
    expect(count(core, 'events')).toBe(events)
  })
})

describe('the annual procurement plan', () => {
  const planLine = (p: { lines: Array<{ tier: string; itemId: string }> }, tier: string, itemId: string) =>
    p.lines.find((l) => l.tier === tier && l.itemId === itemId) as Record<string, unknown> | undefined

  beforeEach(() => {
    receive('A', [
      { itemId: 'SH-001', lotNo: 'T1', quantity: 3 }, // one more than A needs: never fills B's gap
      { itemId: 'SH-003', lotNo: 'Q-LONG', quantity: 20, expiryDate: '2028-01-01' },
      { itemId: 'SH-003', lotNo: 'Q-SHORT', quantity: 10, expiryDate: '2026-09-30' }, // expires within the year: rotation
    ])
    const { id: partnerId } = call('agreements.savePartner', { name: '光明食品集团' })
    const materials = (no: string, validTo: string, quantity: number) => call('agreements.save', {
      partnerId, agreementNo: no, kind: 'materials', validFrom: '2026-01-01', validTo, tier: 'community', regionCode: LONGTAN,
      lines: [{ itemId: 'SH-003', quantity }],
    })
    materials('XY-1', '2026-12-31', 10) // valid through the year: counts
    materials('XY-2', '2026-10-31', 100) // lapses before the year ends: does not
  })

  it('is the gap per tier × item between targets and stock + agreements valid through the year, costed', () => {
    const p = call('plan.annual', { planYear: 2026 })
    expect(planLine(p, 'community', 'SH-001')).toMatchObject({ sites: 2, target: 4, stock: 3, gap: 2, quantity: 2, unitPrice: 1800, budget: 3600 })
    // A: 50 − 20 valid − 10 agreed = 20; B: 15 − 0 = 15
    expect(planLine(p, 'community', 'SH-003')).toMatchObject({ target: 65, stock: 20, agreement: 10, rotation: 10, gap: 35, budget: 5250 })
    expect(planLine(p, 'community', 'SP-001')).toMatchObject({ target: 200, gap: 200, budget: 6000 })
    expect(planLine(p, 'street', 'SH-001')).toMatchObject({ sites: 2, target: 70, gap: 70, budget: 126000 })
    expect(p.total).toBe(3600 + 5250 + 6000 + 126000)
    call('compliance.setWeight', { weight: 0.5 })
    expect(planLine(call('plan.annual', { planYear: 2026 }), 'community', 'SH-003')).toMatchObject({ gap: 40 })
  })

  it('keeps the planner\'s draft quantity and price per line until it is reset', () => {
    const p = call('plan.editLine', { planYear: 2026, tier: 'community', itemId: 'SH-001', quantity: 5, unitPrice: 1500, note: '含备用' })
    expect(planLine(p, 'community', 'SH-001')).toMatchObject({ gap: 2, quantity: 5, unitPrice: 1500, budget: 7500, edited: true, note: '含备用' })
    expect(p.suggestedTotal).toBe(3600 + 5250 + 6000 + 126000)
    expect(p.total).toBe(7500 + 5250 + 6000 + 126000)
    const back = call('plan.editLine', { planYear: 2026, tier: 'community', itemId: 'SH-001', quantity: null })
    expect(planLine(back, 'community', 'SH-001')).toMatchObject({ quantity: 2, budget: 3600, edited: false })
  })
})

describe('the planners\' overview', () => {
  it('values stock by days to expiry (lot cost, else catalogue price) and counts agreements by state', () => {
    call('stock.receive', { id: randomUUID(), siteId: 'A', docDate: '2026-05-01', lines: [
      { itemId: 'SH-003', lotNo: 'OLD', quantity: 10, expiryDate: '2026-05-20' }, // expired: 10 × 150
      { itemId: 'SP-001', lotNo: 'W1', quantity: 5, expiryDate: '2026-06-20' }, // within 30 days: 5 × 30
      { itemId: 'SP-001', lotNo: 'W2', quantity: 4, expiryDate: '2026-08-01', unitCost: 20 }, // 31–90 days: 4 × 20
      { itemId: 'SP-001', lotNo: 'W3', quantity: 7, expiryDate: '2027-08-01' }, // beyond 180 days: not shown
    ] })
    const { id: partnerId } = call('agreements.savePartner', { name: '物流公司' })
    call('agreements.save', { partnerId, agreementNo: 'T1', kind: 'transport', validFrom: '2026-01-01', validTo: '2026-06-20', lines: [{ vehicleType: '货车', vehicleCount: 2 }] })
    const o = call('planning.overview', {})
    expect(o.expiring).toEqual({
      expired: { value: 1500, quantity: 10 }, d30: { value: 150, quantity: 5 }, d90: { value: 80, quantity: 4 }, d180: { value: 0, quantity: 0 },
    })
    expect(o.agreements).toEqual({ lapsing30: 1 })
    expect(o.coverage).toMatchObject({ covered: 3 })
  })
})
