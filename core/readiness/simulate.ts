/**
 * The readiness simulation's arithmetic, on plain data (no database): what the affected population needs per item,
 * where dispatch would take it from, and how much of it arrives within the target hours.
 *
 * The rules, in the order dispatch allocates (core/dispatch/allocation.ts):
 *  - each affected street/town's needs are served first from the sites of that street (its depot before its
 *    community points), then from the district depot(s), then from materials agreements (代储, shortest response
 *    first), then from production-capacity agreements (产能, shortest lead time first). Streets are served in code
 *    order; a source's stock taken for one street is not offered to the next.
 *  - site stock counts only unexpired and not already allocated to an approved order (the loader's business);
 *  - a site's stock arrives after its tier's travel hours plus the site's extra hours (a road cut); a materials
 *    agreement's after its response hours (the partner delivers); a capacity agreement produces its line quantity
 *    each 24 h (日产能) once its lead time (response hours) has passed, continuously, and delivers itself;
 *  - stock from sites needs our lorries: own vehicles and transport agreements carry count × capacity (t) × trips,
 *    trips = ⌊(target − the pool's response hours) / round-trip hours⌋. When the tonnes to move within the target
 *    exceed that, every site pick's share within the target shrinks by the same factor; the rest arrives later.
 *    Items without a unit weight are not counted against the lorries (the result says which).
 *  - "what if": a flooded site offers nothing, an unreachable partner's agreements offer nothing, a road cut adds
 *    hours to a site.
 * Quantities are whole units: needs round up, what arrives rounds down.
 */

export type SimTier = 'street' | 'district' | 'agreement' | 'capacity'

export interface SimSite { id: string; name: string; tier: 'district' | 'street' | 'community'; streetCode: string | null; code: string }
export interface SimAgreement {
  id: string; name: string; partnerId: string; kind: 'materials' | 'capacity'
  /** response hours (materials) or lead time (capacity) */
  hours: number
  /** item → what is left to call (materials) or the daily output (capacity) */
  lines: Map<string, number>
}
export interface SimVehiclePool { name: string; count: number; capacityTonnes: number; responseHours: number }
export interface SimItem { id: string; name: string; unit: string; perPerson: number; kgPerUnit: number | null }
export interface SimParams {
  targetHours: number
  /** travel hours to the affected area by the source's tier */
  hours: { community: number; street: number; district: number }
  roundTripHours: number
  /** what counts at all: later than this is "short" */
  horizonHours: number
}
export interface WhatIf { floodedSiteIds?: string[]; extraHours?: Record<string, number>; unreachablePartnerIds?: string[] }

export interface SimInput {
  params: SimParams
  sites: SimSite[]
  /** siteId → itemId → usable quantity */
  stock: Map<string, Map<string, number>>
  agreements: SimAgreement[]
  vehicles: SimVehiclePool[]
  items: SimItem[]
  /** street code → affected population */
  population: Map<string, number>
  whatIf?: WhatIf
}

export interface SimPick { tier: SimTier; sourceId: string; sourceName: string; streetCode: string; take: number; hours: number; withinTarget: number }
export interface SimItemResult {
  itemId: string; itemName: string; unit: string; need: number
  withinTarget: number; later: number; short: number
  /** hours until the first units arrive; null when none comes within the horizon or only the lorries hold it back */
  firstBatchHours: number | null
  onTime: boolean
  /** within the target, by tier */
  byTier: Record<SimTier, number>
  picks: SimPick[]
  weightKnown: boolean
}
export interface SimResult {
  targetHours: number
  population: number
  items: SimItemResult[]
  /** mean over the items with a need of min(1, within target / need), 0–1 */
  readiness: number
  transport: { tonnesNeeded: number; tonnesAvailable: number; factor: number; pools: Array<SimVehiclePool & { trips: number; tonnes: number }> }
}

const TIER_RANK = { street: 0, community: 1, district: 2 } as const

export const tripsWithin = (targetHours: number, responseHours: number, roundTripHours: number): number =>
  targetHours < responseHours || roundTripHours <= 0 ? 0 : Math.floor((targetHours - responseHours) / roundTripHours + 1e-9)

export function simulate(input: SimInput): SimResult {
  const { params } = input
  const T = params.targetHours
  const flooded = new Set(input.whatIf?.floodedSiteIds ?? [])
  const unreachable = new Set(input.whatIf?.unreachablePartnerIds ?? [])
  const extra = input.whatIf?.extraHours ?? {}
  const sites = input.sites.filter((s) => !flooded.has(s.id))
  const siteHours = (s: SimSite) => params.hours[s.tier] + Math.max(0, extra[s.id] ?? 0)
  const agreements = input.agreements.filter((a) => !unreachable.has(a.partnerId))
  const materials = agreements.filter((a) => a.kind === 'materials').sort((a, b) => a.hours - b.hours || a.name.localeCompare(b.name))
  const capacity = agreements.filter((a) => a.kind === 'capacity').sort((a, b) => a.hours - b.hours || a.name.localeCompare(b.name))
  // what each source has left as streets take from it
  const stockLeft = new Map([...input.stock].map(([s, m]) => [s, new Map(m)]))
  const agreementLeft = new Map(materials.map((a) => [a.id, new Map(a.lines)]))
  /** capacity: units of each agreement × item already promised (they leave the line in that order) */
  const capacityUsed = new Map<string, number>()
  const districtSites = sites.filter((s) => s.tier === 'district').sort((a, b) => a.code.localeCompare(b.code))
  const streets = [...input.population.keys()].sort()

  const results: SimItemResult[] = input.items.map((it) => ({
    itemId: it.id, itemName: it.name, unit: it.unit, need: 0, withinTarget: 0, later: 0, short: 0, firstBatchHours: null, onTime: false,
    byTier: { street: 0, district: 0, agreement: 0, capacity: 0 }, picks: [], weightKnown: it.kgPerUnit != null && it.kgPerUnit > 0,
  }))
  input.items.forEach((it, idx) => {
    const r = results[idx]
    for (const street of streets) {
      const pop = input.population.get(street) ?? 0
      const need = Math.ceil(pop * it.perPerson - 1e-9)
      if (need <= 0) continue
      r.need += need
      let remaining = need
      const ownSites = sites.filter((s) => s.tier !== 'district' && s.streetCode === street)
        .sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier] || a.code.localeCompare(b.code))
      for (const [list, tier] of [[ownSites, 'street'], [districtSites, 'district']] as const) {
        for (const s of list) {
          if (remaining <= 0) break
          const left = stockLeft.get(s.id)?.get(it.id) ?? 0
          const hours = siteHours(s)
          if (left <= 0 || hours > params.horizonHours) continue
          const take = Math.min(left, remaining)
          stockLeft.get(s.id)!.set(it.id, left - take)
          remaining -= take
          r.picks.push({ tier, sourceId: s.id, sourceName: s.name, streetCode: street, take, hours, withinTarget: hours <= T ? take : 0 })
        }
      }
      for (const a of materials) {
        if (remaining <= 0) break
        const left = agreementLeft.get(a.id)!.get(it.id) ?? 0
        if (left <= 0 || a.hours > params.horizonHours) continue
        const take = Math.min(left, remaining)
        agreementLeft.get(a.id)!.set(it.id, left - take)
        remaining -= take
        r.picks.push({ tier: 'agreement', sourceId: a.id, sourceName: a.name, streetCode: street, take, hours: a.hours, withinTarget: a.hours <= T ? take : 0 })
      }
      for (const a of capacity) {
        if (remaining <= 0) break
        const daily = a.lines.get(it.id) ?? 0
        if (daily <= 0) continue
        const key = `${a.id}\u0000${it.id}`
        const used = capacityUsed.get(key) ?? 0
        const producedBy = (h: number) => Math.floor(daily * Math.max(0, h - a.hours) / 24 + 1e-9)
        const left = producedBy(params.horizonHours) - used
        if (left <= 0) continue
        const take = Math.min(left, remaining)
        capacityUsed.set(key, used + take)
        remaining -= take
        const within = Math.max(0, Math.min(take, producedBy(T) - used))
        // the first of these units is finished when the line has made used + 1
        const hours = a.hours + (24 * (used + 1)) / daily
        r.picks.push({ tier: 'capacity', sourceId: a.id, sourceName: a.name, streetCode: street, take, hours, withinTarget: within })
      }
    }
  })

  // Lorries for what leaves our own sites within the target.
  const kg = new Map(input.items.map((it) => [it.id, it.kgPerUnit && it.kgPerUnit > 0 ? it.kgPerUnit : 0]))
  let tonnesNeeded = 0
  for (const r of results) for (const p of r.picks) if (p.tier === 'street' || p.tier === 'district') tonnesNeeded += (p.withinTarget * kg.get(r.itemId)!) / 1000
  const pools = input.vehicles.map((v) => {
    const trips = tripsWithin(T, v.responseHours, params.roundTripHours)
    return { ...v, trips, tonnes: Math.max(0, v.count) * Math.max(0, v.capacityTonnes) * trips }
  })
  const tonnesAvailable = pools.reduce((a, p) => a + p.tonnes, 0)
  const factor = tonnesNeeded <= tonnesAvailable ? 1 : tonnesAvailable / tonnesNeeded
  let withinAll = 0
  let counted = 0
  for (const r of results) {
    for (const p of r.picks) {
      if ((p.tier === 'street' || p.tier === 'district') && kg.get(r.itemId)! > 0 && factor < 1) p.withinTarget = Math.floor(p.withinTarget * factor + 1e-9)
      r.withinTarget += p.withinTarget
      r.byTier[p.tier] += p.withinTarget
      r.later += p.take - p.withinTarget
    }
    r.short = r.need - r.withinTarget - r.later
    const arriving = r.picks.filter((p) => p.withinTarget > 0).map((p) => p.hours)
    // nothing within the target: the first that comes later by its own hours (stock held back only by the lorries has no hour)
    const late = r.picks.filter((p) => p.hours > T).map((p) => p.hours)
    r.firstBatchHours = arriving.length ? Math.min(...arriving) : late.length ? Math.min(...late) : null
    r.onTime = arriving.length > 0
    if (r.need > 0) { counted++; withinAll += Math.min(1, r.withinTarget / r.need) }
  }
  return {
    targetHours: T,
    population: streets.reduce((a, s) => a + (input.population.get(s) ?? 0), 0),
    items: results,
    readiness: counted ? withinAll / counted : 0,
    transport: { tonnesNeeded, tonnesAvailable, factor, pools },
  }
}
