/**
 * The readiness simulation through the api door, on Songjiang's reference network: norms kept by the district
 * planner, the population from the regions or typed in, usable stock only (unexpired, not allocated), agreements,
 * lorries, the what-if switches, scope, and the norms travelling to another office.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { randomUUID } from 'node:crypto'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { unwrap, office } from '../../helpers/core'
import type { Actor } from '../../../core/common/context'
import { exchangeDirect } from '../../../core/sync/exchange'

const YUEYANG = '310117001000'
const YONGFENG = '310117002000'
const LONGTAN = '310117001001' // 龙潭社区, 岳阳街道
const ZUIBAICHI = '310117001002' // 醉白池社区, 岳阳街道

let core: Core
const streetPlanner: Actor = { id: 'p-yy', name: '岳阳规划员', roles: ['planner'], scope: { kind: 'street', regionCode: YUEYANG } }
const keeper: Actor = { id: 'k', name: '库管员', roles: ['keeper'], scope: { kind: 'district' } }

const receive = (siteId: string, lines: Array<{ itemId: string; lotNo: string; quantity: number; expiryDate?: string }>) =>
  unwrap(core.call('stock.receive', { id: randomUUID(), siteId, docDate: '2026-05-20', lines }))

beforeEach(() => {
  core = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
  const ctx = core.context()
  createSite(ctx, { id: 'D', code: 'QJ-1', name: '区库', tier: 'district', regionCode: '310117000000' })
  createSite(ctx, { id: 'S-YY', code: 'JZ-1', name: '岳阳街道库', tier: 'street', regionCode: YUEYANG })
  createSite(ctx, { id: 'C-LT', code: 'CJ-1', name: '龙潭点', tier: 'community', regionCode: LONGTAN })
  unwrap(core.call('catalogue.setPopulations', { rows: [{ code: LONGTAN, population: 1000 }, { code: ZUIBAICHI, population: 500 }] }))
  unwrap(core.call('readiness.saveNorms', { incidentType: '台风', lines: [{ itemId: 'SH-003', perPerson: 1, kgPerUnit: 2 }, { itemId: 'SP-001', perPerson: 0.5 }] }))
})
afterEach(() => core.close())

const params = () => unwrap<Record<string, unknown>>(core.call('readiness.params', {}))
const item = (r: any, id: string) => r.items.find((i: any) => i.itemId === id)

describe('readiness.simulate', () => {
  it('a street: needs from its communities\' population, served street first, then the district depot', () => {
    receive('S-YY', [{ itemId: 'SH-003', lotNo: 'Q1', quantity: 300 }])
    receive('C-LT', [{ itemId: 'SH-003', lotNo: 'Q2', quantity: 50 }])
    receive('D', [{ itemId: 'SH-003', lotNo: 'Q3', quantity: 400 }, { itemId: 'SP-001', lotNo: 'W1', quantity: 1000, expiryDate: '2027-01-01' }])
    const r = unwrap(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [YUEYANG] }))
    // 岳阳 has more communities than these two, but only these have a population
    expect(r.population).toBe(1500)
    expect(r.streets).toEqual([{ code: YUEYANG, name: '岳阳街道', population: 1500 }])
    // no lorries configured: the quilts (2 kg each) wait for transport; water has no weight and arrives
    expect(item(r, 'SH-003')).toMatchObject({ need: 1500, withinTarget: 0, later: 750, short: 750, onTime: false })
    expect(item(r, 'SP-001')).toMatchObject({ need: 750, withinTarget: 750, short: 0, onTime: true, firstBatchHours: 2 })
    unwrap(core.call('readiness.saveParams', { ...params(), ownFleet: { count: 2, capacityTonnes: 5, responseHours: 0.5 } }))
    const withLorries = unwrap(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [YUEYANG] }))
    expect(item(withLorries, 'SH-003')).toMatchObject({ withinTarget: 750, short: 750, firstBatchHours: 0.5 })
    expect(item(withLorries, 'SH-003').byTier).toEqual({ street: 350, district: 400, agreement: 0, capacity: 0 })
    expect(withLorries.readiness).toBeCloseTo(0.75)
  })

  it('expired lots and stock allocated to approved orders are not counted', () => {
    receive('D', [{ itemId: 'SP-001', lotNo: 'OLD', quantity: 500, expiryDate: '2026-05-31' }, { itemId: 'SP-001', lotNo: 'TODAY', quantity: 100, expiryDate: '2026-06-01' }])
    receive('D', [{ itemId: 'SP-001', lotNo: 'NEW', quantity: 200, expiryDate: '2027-06-01' }])
    const before = unwrap(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [LONGTAN] }))
    expect(item(before, 'SP-001')).toMatchObject({ need: 500, withinTarget: 300 }) // 100 (expires today, still usable) + 200
    unwrap(core.call('incident.save', { id: 'inc', name: '台风', type: '台风', startedAt: '2026-06-01' }))
    unwrap(core.call('transfer.save', { id: 'order-readiness-1', incidentId: 'inc', fromSiteId: 'D', toSiteId: 'C-LT', lines: [{ itemId: 'SP-001', requested: 120 }] }))
    unwrap(core.call('transfer.transition', { id: 'order-readiness-1', action: 'approve' }))
    const after = unwrap(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [LONGTAN] }))
    expect(item(after, 'SP-001').withinTarget).toBe(180)
  })

  it('typed population replaces the regions\' and is shared out by them; a region without population needs it typed', () => {
    const r = unwrap(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [LONGTAN, ZUIBAICHI], population: 300 }))
    expect(r.population).toBe(300)
    expect(item(r, 'SH-003').need).toBe(300)
    const none = core.call('readiness.simulate', { incidentType: '台风', regionCodes: [YONGFENG] })
    expect(none).toMatchObject({ ok: false, error: { code: 'READINESS_NO_POPULATION', field: 'population' } })
    if (!none.ok) expect(none.error.message).toContain('永丰街道')
    expect(unwrap(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [YONGFENG], population: 40 })).population).toBe(40)
  })

  it('agreements in force count by their response hours; unreachable partners, flooded depots and cut roads change the answer', () => {
    receive('D', [{ itemId: 'SH-003', lotNo: 'Q', quantity: 100 }])
    const partner = unwrap(core.call('agreements.savePartner', { name: '松江被服厂' })).id
    unwrap(core.call('agreements.save', { partnerId: partner, agreementNo: 'XY-1', kind: 'materials', responseHours: 4, validFrom: '2026-01-01', validTo: '2026-12-31', lines: [{ itemId: 'SH-003', quantity: 600 }] }))
    unwrap(core.call('agreements.save', { partnerId: partner, agreementNo: 'XY-OLD', kind: 'materials', responseHours: 1, validFrom: '2025-01-01', validTo: '2025-12-31', lines: [{ itemId: 'SH-003', quantity: 999 }] }))
    unwrap(core.call('agreements.save', { partnerId: partner, agreementNo: 'CN-1', kind: 'capacity', responseHours: 2, validFrom: '2026-01-01', validTo: '2026-12-31', lines: [{ itemId: 'SH-003', quantity: 240 }] }))
    const carrier = unwrap(core.call('agreements.savePartner', { name: '松江运输公司' })).id
    unwrap(core.call('agreements.save', { partnerId: carrier, agreementNo: 'YS-1', kind: 'transport', responseHours: 2, validFrom: '2026-01-01', validTo: '2026-12-31', lines: [{ vehicleType: '厢式货车', vehicleCount: 3, vehicleCapacity: '５吨' }] }))
    const base = { incidentType: '台风', regionCodes: [LONGTAN] }
    const r = unwrap(core.call('readiness.simulate', base))
    // need 1 000: depot 100 (2 h), XY-1 600 (4 h), capacity 300 of which 40 by 6 h (10 an hour after 2 h); the lapsed agreement never
    expect(item(r, 'SH-003').picks.map((p: any) => [p.sourceName, p.take, p.withinTarget])).toEqual([['区库', 100, 100], ['松江被服厂（XY-1）', 600, 600], ['松江被服厂（CN-1）', 300, 40]])
    // 3 lorries × 5 t × ⌊(6 − 2) / 2⌋ = 30 t
    expect(r.transport.tonnesAvailable).toBe(30)
    const unreachable = unwrap(core.call('readiness.simulate', { ...base, whatIf: { unreachablePartnerIds: [partner] } }))
    expect(item(unreachable, 'SH-003')).toMatchObject({ withinTarget: 100, short: 900 })
    const flooded = unwrap(core.call('readiness.simulate', { ...base, whatIf: { floodedSiteIds: ['D'] } }))
    expect(item(flooded, 'SH-003').byTier.district).toBe(0)
    const cut = unwrap(core.call('readiness.simulate', { ...base, whatIf: { extraHours: { D: 6 } } }))
    expect(item(cut, 'SH-003').picks[0]).toMatchObject({ sourceName: '区库', hours: 8, withinTarget: 0 })
  })

  it('refuses what it cannot answer, naming the field', () => {
    expect(core.call('readiness.simulate', { incidentType: '地震', regionCodes: [LONGTAN] })).toMatchObject({ ok: false, error: { code: 'READINESS_NO_NORMS', field: 'incidentType' } })
    expect(core.call('readiness.simulate', { incidentType: '台风', regionCodes: ['999999999999'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'regionCodes', row: 1 } })
    expect(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [LONGTAN], population: -5 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'population' } })
    expect(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [LONGTAN], whatIf: { extraHours: { D: -1 } } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    // a pasted type with a trailing space and a zero-width space is the same type
    expect(core.call('readiness.simulate', { incidentType: ' 台风\u200b', regionCodes: [LONGTAN] }).ok).toBe(true)
  })

  it('scope: a street planner simulates their street only; a keeper not at all', () => {
    expect(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [LONGTAN] }, { actor: streetPlanner }).ok).toBe(true)
    expect(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [YONGFENG], population: 10 }, { actor: streetPlanner }))
      .toMatchObject({ ok: false, error: { code: 'READINESS_OUT_OF_SCOPE', field: 'regionCodes' } })
    // "the whole district" is their street for them
    const whole = unwrap(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [] }, { actor: streetPlanner }))
    expect(whole.streets.map((s: any) => s.code)).toEqual([YUEYANG])
    expect(core.call('readiness.simulate', { incidentType: '台风', regionCodes: [LONGTAN] }, { actor: keeper })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('norms and parameters', () => {
  it('all lines or none; a repeated item is refused naming the row', () => {
    const r = core.call('readiness.saveNorms', { incidentType: '暴雨内涝', lines: [{ itemId: 'FX-001', perPerson: 2 }, { itemId: 'NOPE', perPerson: 1 }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', row: 2, field: 'itemId' } })
    expect(unwrap(core.call('readiness.norms', { incidentType: '暴雨内涝' }))).toEqual([])
    const twice = core.call('readiness.saveNorms', { incidentType: '暴雨内涝', lines: [{ itemId: 'FX-001', perPerson: 2 }, { itemId: 'FX-001', perPerson: 1 }] })
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION', row: 2, field: 'itemId' } })
    expect(core.call('readiness.saveNorms', { incidentType: '暴雨内涝', lines: [{ itemId: 'FX-001', perPerson: 0 }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', row: 1, field: 'perPerson' } })
  })

  it('saving again changes the norm in place; delete removes it; copy fills another type', () => {
    unwrap(core.call('readiness.saveNorms', { incidentType: '台风', lines: [{ itemId: 'SH-003', perPerson: 0.5 }] }))
    expect(unwrap(core.call('readiness.norms', { incidentType: '台风' })).map((n: any) => [n.itemName, n.perPerson])).toEqual([['棉被', 0.5], ['饮用水', 0.5]])
    unwrap(core.call('readiness.deleteNorm', { incidentType: '台风', itemId: 'SP-001' }))
    expect(unwrap(core.call('readiness.norms', { incidentType: '台风' })).map((n: any) => n.itemId)).toEqual(['SH-003'])
    expect(core.call('readiness.deleteNorm', { incidentType: '台风', itemId: 'SP-001' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(unwrap(core.call('readiness.copyNorms', { fromType: '台风', toType: '暴雨内涝' }))).toEqual({ saved: 1 })
    expect(unwrap(core.call('readiness.copyNorms', { fromType: '台风', toType: '暴雨内涝' }))).toEqual({ saved: 0 })
  })

  it('a street planner may read the norms but not change them or the parameters', () => {
    expect(unwrap(core.call('readiness.norms', {}, { actor: streetPlanner })).length).toBe(2)
    expect(core.call('readiness.saveNorms', { incidentType: '台风', lines: [{ itemId: 'SH-003', perPerson: 9 }] }, { actor: streetPlanner }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(core.call('readiness.saveParams', unwrap(core.call('readiness.params', {})), { actor: streetPlanner })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(core.call('readiness.deleteNorm', { incidentType: '台风', itemId: 'SH-003' }, { actor: streetPlanner })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(unwrap(core.call('readiness.norms', { incidentType: '台风' }))[0].perPerson).toBe(1)
  })

  it('the district figure: the standard scenario over the whole district, or the reason there is none', () => {
    const none = unwrap(core.call('readiness.district', {}))
    expect(none).toMatchObject({ incidentType: '台风', targetHours: 6, readiness: 0, population: 1500 })
    receive('D', [{ itemId: 'SP-001', lotNo: 'W', quantity: 750, expiryDate: '2027-01-01' }])
    // water (no weight) fully covered, quilts not at all: (1 + 0) / 2
    expect(unwrap(core.call('readiness.district', {})).readiness).toBeCloseTo(0.5)
    unwrap(core.call('readiness.saveParams', { ...params(), standardPopulation: 300 }))
    // 300 relocated, shared 2 : 1 between the two communities: 300 quilts (none arrive), 150 water (all arrive)
    expect(unwrap(core.call('readiness.district', {}))).toMatchObject({ population: 300, typed: true, readiness: 0.5 })
    unwrap(core.call('readiness.saveParams', { ...params(), standardPopulation: null, standardType: '地震' }))
    const noNorms = unwrap(core.call('readiness.district', {}))
    expect(noNorms.readiness).toBeNull()
    expect(noNorms.reason).toContain('地震')
  })

  it('norms and parameters travel to another office', () => {
    unwrap(core.call('readiness.saveParams', { ...params(), targetHours: 8 }))
    const other = office()
    exchangeDirect(core.context(), other.context())
    expect(unwrap(other.call('readiness.norms', { incidentType: '台风' })).map((n: any) => n.itemId).sort()).toEqual(['SH-003', 'SP-001'])
    expect(unwrap(other.call('readiness.params', {})).targetHours).toBe(8)
  })

  it('a request template: the norms for N people, rounded up, ready to be a request\'s lines', () => {
    const lines = unwrap(core.call('readiness.requestTemplate', { incidentType: '台风', population: 33 }))
    // 33 quilts, ⌈33 × 0.5⌉ = 17 cases of water
    expect(lines.map((l: any) => [l.itemName, l.quantity])).toEqual([['棉被', 33], ['饮用水', 17]])
    unwrap(core.call('incident.save', { id: 'inc-t', name: '台风', type: '台风', startedAt: '2026-06-01' }))
    const saved = core.call('request.save', { id: 'req-t', incidentId: 'inc-t', regionCode: LONGTAN, lines: lines.map((l: any) => ({ itemId: l.itemId, quantity: l.quantity })) })
    expect(saved.ok).toBe(true)
    expect(core.call('readiness.requestTemplate', { incidentType: '火灾', population: 10 })).toMatchObject({ ok: false, error: { code: 'READINESS_NO_NORMS' } })
    expect(core.call('readiness.requestTemplate', { incidentType: '台风', population: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'population' } })
    expect(core.call('readiness.requestTemplate', { incidentType: '台风', population: 5 }, { actor: keeper })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
