/** The simulation's arithmetic on hand-made fixtures: every number below is worked out by hand in the comments. */
import { describe, it, expect } from 'vitest'
import { simulate, tripsWithin, type SimInput } from '../../../core/readiness/simulate'

const params = { targetHours: 6, hours: { community: 0.5, street: 1, district: 2 }, roundTripHours: 2, horizonHours: 72 }

/** Street A (1 000 people) with its depot SA and community point CA; street B (500) with nothing; the district depot D. */
function fixture(over: Partial<SimInput> = {}): SimInput {
  return {
    params,
    sites: [
      { id: 'SA', code: 'JZ-1', name: '甲街道库', tier: 'street', streetCode: 'A' },
      { id: 'CA', code: 'CJ-1', name: '甲社区点', tier: 'community', streetCode: 'A' },
      { id: 'D', code: 'QJ-1', name: '区库', tier: 'district', streetCode: null },
    ],
    stock: new Map([
      ['SA', new Map([['quilt', 300]])],
      ['CA', new Map([['quilt', 50], ['water', 100]])],
      ['D', new Map([['quilt', 400], ['water', 1000]])],
    ]),
    agreements: [],
    vehicles: [{ name: '自有', count: 10, capacityTonnes: 10, responseHours: 0 }],
    items: [
      { id: 'quilt', name: '棉被', unit: '床', perPerson: 1, kgPerUnit: 2 },
      { id: 'water', name: '饮用水', unit: '箱', perPerson: 0.5, kgPerUnit: 10 },
    ],
    population: new Map([['A', 1000], ['B', 500]]),
    ...over,
  }
}

describe('readiness simulation', () => {
  it('serves each street from its own sites (depot before points), then the district depot, in street order', () => {
    const r = simulate(fixture())
    const quilt = r.items.find((i) => i.itemId === 'quilt')!
    // need: 1 000 + 500 = 1 500. Street A: SA 300 (1 h), CA 50 (0.5 h), D 400 (2 h) → 750; street B: D has nothing left
    expect(quilt.need).toBe(1500)
    expect(quilt.picks.map((p) => [p.streetCode, p.sourceId, p.take])).toEqual([['A', 'SA', 300], ['A', 'CA', 50], ['A', 'D', 400]])
    expect(quilt.withinTarget).toBe(750)
    expect(quilt.short).toBe(750)
    expect(quilt.byTier).toEqual({ street: 350, district: 400, agreement: 0, capacity: 0 })
    expect(quilt.firstBatchHours).toBe(0.5)
    expect(quilt.onTime).toBe(true)
    // water: need 500 + 250 = 750: A takes CA 100 + D 400; B takes D's remaining 250 → all covered
    const water = r.items.find((i) => i.itemId === 'water')!
    expect(water.picks.map((p) => [p.streetCode, p.sourceId, p.take])).toEqual([['A', 'CA', 100], ['A', 'D', 400], ['B', 'D', 250]])
    expect(water.withinTarget).toBe(750)
    expect(water.short).toBe(0)
    // readiness: mean of 750/1500 and 750/750 = 0.75
    expect(r.readiness).toBeCloseTo(0.75)
    expect(r.population).toBe(1500)
  })

  it('rounds needs up per street and arrivals down', () => {
    const r = simulate(fixture({ population: new Map([['A', 3]]), items: [{ id: 'water', name: '饮用水', unit: '箱', perPerson: 1 / 3 + 0.01, kgPerUnit: null }] }))
    // 3 × 0.3433 = 1.03 → 2 cases
    expect(r.items[0].need).toBe(2)
  })

  it('agreements count by their response hours; capacity by lead time and daily output', () => {
    const r = simulate(fixture({
      stock: new Map(),
      population: new Map([['A', 1000]]),
      items: [{ id: 'quilt', name: '棉被', unit: '床', perPerson: 1, kgPerUnit: 2 }],
      agreements: [
        { id: 'late', name: '慢企业', partnerId: 'p2', kind: 'materials', hours: 8, lines: new Map([['quilt', 200]]) },
        { id: 'fast', name: '快企业', partnerId: 'p1', kind: 'materials', hours: 4, lines: new Map([['quilt', 300]]) },
        // lead 2 h, 240 a day = 10 an hour: by 6 h it has made 40; over 72 h, 700
        { id: 'cap', name: '工厂', partnerId: 'p3', kind: 'capacity', hours: 2, lines: new Map([['quilt', 240]]) },
      ],
    }))
    const q = r.items[0]
    expect(q.picks.map((p) => [p.sourceId, p.take, p.withinTarget])).toEqual([['fast', 300, 300], ['late', 200, 0], ['cap', 500, 40]])
    expect(q.withinTarget).toBe(340)
    expect(q.later).toBe(660)
    expect(q.short).toBe(0)
    expect(q.byTier).toEqual({ street: 0, district: 0, agreement: 300, capacity: 40 })
    // agreements deliver themselves: no lorries needed
    expect(r.transport.tonnesNeeded).toBe(0)
  })

  it('capacity beyond the horizon is short, and a second street takes the line where the first left it', () => {
    const r = simulate(fixture({
      stock: new Map(), params: { ...params, horizonHours: 26 }, // 24 h of production after a 2 h lead = 240
      population: new Map([['A', 200], ['B', 100]]),
      items: [{ id: 'quilt', name: '棉被', unit: '床', perPerson: 1, kgPerUnit: null }],
      agreements: [{ id: 'cap', name: '工厂', partnerId: 'p3', kind: 'capacity', hours: 2, lines: new Map([['quilt', 240]]) }],
    }))
    const q = r.items[0]
    // A: 200 (40 by 6 h); B: the remaining 40, none by 6 h (the line's first 40 went to A); first of B's at 2 + 24×201/240
    expect(q.picks.map((p) => [p.streetCode, p.take, p.withinTarget])).toEqual([['A', 200, 40], ['B', 40, 0]])
    expect(q.picks[1].hours).toBeCloseTo(2 + (24 * 201) / 240)
    expect(q.short).toBe(60)
  })

  it('lorries: count × capacity × trips; too few scale every site pick down alike', () => {
    expect(tripsWithin(6, 0, 2)).toBe(3)
    expect(tripsWithin(6, 0.5, 2)).toBe(2)
    expect(tripsWithin(6, 7, 2)).toBe(0)
    // one 1 t lorry, 3 trips = 3 t. Quilts within 6 h from sites: 750 × 2 kg = 1.5 t; water 750 × 10 kg = 7.5 t → 9 t needed
    const r = simulate(fixture({ vehicles: [{ name: '自有', count: 1, capacityTonnes: 1, responseHours: 0 }] }))
    expect(r.transport.tonnesNeeded).toBeCloseTo(9)
    expect(r.transport.tonnesAvailable).toBe(3)
    expect(r.transport.factor).toBeCloseTo(1 / 3)
    const quilt = r.items.find((i) => i.itemId === 'quilt')!
    // SA 300 → 100, CA 50 → 16, D 400 → 133
    expect(quilt.picks.map((p) => p.withinTarget)).toEqual([100, 16, 133])
    expect(quilt.withinTarget).toBe(249)
    expect(quilt.later).toBe(750 - 249)
    expect(quilt.short).toBe(750)
  })

  it('no lorries at all: site stock does not arrive in time, and the first batch has no hour', () => {
    const r = simulate(fixture({ vehicles: [] }))
    const quilt = r.items.find((i) => i.itemId === 'quilt')!
    expect(quilt.withinTarget).toBe(0)
    expect(quilt.onTime).toBe(false)
    expect(quilt.firstBatchHours).toBeNull()
    expect(r.readiness).toBe(0)
  })

  it('an item without a unit weight is not held back by the lorries', () => {
    const r = simulate(fixture({ vehicles: [], items: [{ id: 'quilt', name: '棉被', unit: '床', perPerson: 1, kgPerUnit: null }] }))
    expect(r.items[0].withinTarget).toBe(750)
    expect(r.items[0].weightKnown).toBe(false)
  })

  it('what if: a flooded depot, a road cut, an unreachable partner', () => {
    const flooded = simulate(fixture({ whatIf: { floodedSiteIds: ['D'] } }))
    expect(flooded.items.find((i) => i.itemId === 'quilt')!.withinTarget).toBe(350)
    // a cut road adds 5 h to the district depot: 2 + 5 = 7 h > 6 h — it arrives, but late
    const cut = simulate(fixture({ whatIf: { extraHours: { D: 5 } } }))
    const quilt = cut.items.find((i) => i.itemId === 'quilt')!
    expect(quilt.picks.find((p) => p.sourceId === 'D')).toMatchObject({ take: 400, hours: 7, withinTarget: 0 })
    expect(quilt.withinTarget).toBe(350)
    expect(quilt.later).toBe(400)
    // the only street point cut off beyond the horizon offers nothing at all
    const far = simulate(fixture({ whatIf: { extraHours: { SA: 100 } } }))
    expect(far.items.find((i) => i.itemId === 'quilt')!.picks.map((p) => p.sourceId)).toEqual(['CA', 'D'])
    const agreement = { id: 'a', name: '企业', partnerId: 'p1', kind: 'materials' as const, hours: 4, lines: new Map([['quilt', 1000]]) }
    const reachable = simulate(fixture({ agreements: [agreement] }))
    expect(reachable.items.find((i) => i.itemId === 'quilt')!.short).toBe(0)
    const unreachable = simulate(fixture({ agreements: [agreement], whatIf: { unreachablePartnerIds: ['p1'] } }))
    expect(unreachable.items.find((i) => i.itemId === 'quilt')!.short).toBe(750)
  })

  it('a negative extra hour cannot make a site nearer', () => {
    const r = simulate(fixture({ whatIf: { extraHours: { D: -5 } } }))
    expect(r.items.find((i) => i.itemId === 'quilt')!.picks.find((p) => p.sourceId === 'D')!.hours).toBe(2)
  })

  it('a target shorter than every travel time covers nothing', () => {
    const r = simulate(fixture({ params: { ...params, targetHours: 0.25 } }))
    expect(r.items.every((i) => i.withinTarget === 0 && !i.onTime)).toBe(true)
    expect(r.items.find((i) => i.itemId === 'quilt')!.firstBatchHours).toBe(0.5)
  })
})
