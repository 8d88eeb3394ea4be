/**
 * Compliance (达标): for every open site, stock on hand against the plan year's target per item, physical and
 * agreement stock apart and combined by the planner's rule, rolled up per street/town and district.
 *
 * - A site's target for an item: the most specific of its tier's targets — one for this site, one for the region
 *   it stands in, one for its street/town, then the tier's base target. Per-1 000-residents targets use the
 *   population of the communities a point serves (a depot: its street's or district's population, or the sum of its
 *   communities' when the region itself has none); without a population the target cannot be computed and is shown
 *   as such, not counted.
 * - Physical stock counts when its lot has not expired on the day.
 * - Agreement stock: lines of 实物代储 (materials) agreements that are active and valid on the day count for the
 *   open sites of the agreement's tier standing in its region (the first such site by code), multiplied by the
 *   planner's weight (100 %, 50 % or 0).
 * - Only items in the plan year's catalogue count (catalogue_versions, else the item's active flag).
 * - Rates count required items only; recommended ones are shown but never lower a rate.
 */
import type { ServiceContext } from '../common/context'
import { SITE_OPEN_ON } from '../network/coverage'
import { agreementWeight } from './catalogue'

export interface ComplianceLine {
  itemId: string; code: string; name: string; category: string; unit: string
  target: number | null; minimum: number | null; required: boolean; source: 'site' | 'region' | 'street' | 'tier'
  physical: number; agreement: number; counted: number; met: boolean; metPhysical: boolean; belowMinimum: boolean
}
export interface Tally { required: number; met: number; metPhysical: number; rate: number; ratePhysical: number; belowMinimum: number }
export interface SiteCompliance extends Tally {
  id: string; code: string; name: string; tier: string; regionCode: string; streetCode: string | null
  categories: Record<string, Tally>
}
export interface Compliance {
  asOf: string; planYear: number; weight: number; categories: string[]
  sites: SiteCompliance[]
  streets: Array<Tally & { code: string; name: string }>
  district: Tally
}

const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0)
const emptyTally = () => ({ required: 0, met: 0, metPhysical: 0, belowMinimum: 0 })
// no object spread: V8 spreads these small objects slowly, and a city has 5 000 sites × their categories
const finish = (t: ReturnType<typeof emptyTally>): Tally =>
  ({ required: t.required, met: t.met, metPhysical: t.metPhysical, belowMinimum: t.belowMinimum, rate: pct(t.met, t.required), ratePhysical: pct(t.metPhysical, t.required) })

type Counts = ReturnType<typeof emptyTally>
function count(acc: Counts, met: boolean, metPhysical: boolean, belowMinimum: boolean): void {
  acc.required++
  if (met) acc.met++
  if (metPhysical) acc.metPhysical++
  if (belowMinimum) acc.belowMinimum++
}
function add(acc: Counts, t: Counts): void {
  acc.required += t.required
  acc.met += t.met
  acc.metPhysical += t.metPhysical
  acc.belowMinimum += t.belowMinimum
}

interface Options {
  asOf?: string; planYear?: number; siteId?: string; weight?: number
  /** stock and agreements count only if still valid on this day (default: asOf); the annual plan passes the year's end */
  validThrough?: string
  /** called for every site × targeted item (the annual plan sums them) */
  onLine?: (site: { id: string; tier: string }, line: ComplianceLine) => void
}

export function compliance(ctx: ServiceContext, o: Options = {}): Compliance & { lines?: ComplianceLine[] } {
  const asOf = o.asOf ?? ctx.today()
  const planYear = o.planYear ?? Number(asOf.slice(0, 4))
  const weight = o.weight ?? agreementWeight(ctx)
  const validThrough = o.validThrough ?? asOf
  const db = ctx.db.$client

  const siteRows = db.prepare(`SELECT s.id, s.code, s.name, s.tier, s.region_code AS regionCode, r.parent_code AS parent FROM sites s
    LEFT JOIN regions r ON r.code = s.region_code WHERE ${SITE_OPEN_ON}
    ORDER BY CASE s.tier WHEN 'district' THEN 0 WHEN 'street' THEN 1 ELSE 2 END, s.code`).all({ d: asOf }) as
    Array<{ id: string; code: string; name: string; tier: string; regionCode: string; parent: string | null }>
  const wanted = o.siteId ? siteRows.filter((s) => s.id === o.siteId) : siteRows

  // Populations are read only when a per-1 000-residents target needs them (one query, then from memory).
  let pops: { own: Map<string, number>; level: Map<string, string>; children: Map<string, string[]> } | undefined
  const popCache = new Map<string, number | null>()
  // a region's population; a street without one sums its communities', a district its streets'
  const popOf = (code: string): number | null => {
    if (popCache.has(code)) return popCache.get(code)!
    if (!pops) {
      pops = { own: new Map(), level: new Map(), children: new Map() }
      for (const [c, level, parent, pop] of db.prepare('SELECT code, level, parent_code, population FROM regions').raw().all() as
        Array<[string, string, string | null, number | null]>) {
        pops.level.set(c, level)
        if (pop != null) pops.own.set(c, pop)
        if (parent) (pops.children.get(parent) ?? pops.children.set(parent, []).get(parent)!).push(c)
      }
    }
    let v: number | null = pops.own.get(code) ?? null
    if (v == null && pops.level.has(code)) {
      const district = pops.level.get(code) === 'district'
      let sum = 0
      let known = false
      for (const child of pops.children.get(code) ?? []) {
        const p = district ? popOf(child) : (pops.own.get(child) ?? null)
        if (p != null) { sum += p; known = true }
      }
      v = district ? (sum || null) : known ? sum : null
    }
    popCache.set(code, v)
    return v
  }
  let serves: Map<string, string[]> | undefined
  const servedBy = (siteId: string): string[] | undefined => {
    if (!serves) {
      serves = new Map()
      for (const [site, c] of db.prepare('SELECT site_id, region_code FROM site_regions').raw().all() as Array<[string, string]>) {
        const l = serves.get(site)
        if (l) l.push(c)
        else serves.set(site, [c])
      }
    }
    return serves.get(siteId)
  }

  // only the items in the plan year's catalogue (its version per year, else the item's own active flag) have targets
  const itemRows = db.prepare(`SELECT i.id, i.code, i.name, i.category, i.unit FROM items i
    LEFT JOIN catalogue_versions v ON v.item_id = i.id AND v.plan_year = ? WHERE coalesce(v.included, i.active)`).all(planYear) as
    Array<{ id: string; code: string; name: string; category: string; unit: string }>
  const item = new Map(itemRows.map((i) => [i.id, i]))

  type T = { tier: string; itemId: string; mode: string; quantity: number; minimum: number | null; required: number; regionCode: string | null; siteId: string | null }
  const targets = db.prepare(`SELECT tier, item_id AS itemId, mode, quantity, minimum, required, region_code AS regionCode, site_id AS siteId
    FROM tier_targets WHERE plan_year = ?`).all(planYear) as T[]
  // tier → item → { base, region overrides, site overrides }
  const byTier = new Map<string, Map<string, { base?: T; region: Map<string, T>; site: Map<string, T> }>>()
  for (const t of targets) {
    const items = byTier.get(t.tier) ?? new Map()
    byTier.set(t.tier, items)
    const e = items.get(t.itemId) ?? { region: new Map(), site: new Map() }
    items.set(t.itemId, e)
    if (t.siteId) e.site.set(t.siteId, t)
    else if (t.regionCode) e.region.set(t.regionCode, t)
    else e.base = t
  }

  // site → item → quantity: the site × item sums kept as the ledger posts (site_item_stock, positive lot balances
  // only), less the balances of the lots expired on the day — few next to all, found from the lots' side through
  // stock_balances_item_lot (CROSS JOIN keeps SQLite from scanning every balance instead). The sums come back as one
  // JSON text: V8 parses it far faster than better-sqlite3 hands over tens of thousands of rows (a city has ~45 000
  // site × item sums); measured in bench/city.ts.
  type Qty = Record<string, number>
  const at = { d: validThrough, ...(o.siteId ? { site: o.siteId } : {}) }
  const physical = new Map<string, Qty>(Object.entries(JSON.parse((db.prepare(`SELECT json_group_object(s, json(o)) FROM (
      SELECT site_id AS s, json_group_object(item_id, on_hand) AS o FROM site_item_stock
      WHERE on_hand > 0 ${o.siteId ? 'AND site_id = @site' : ''} GROUP BY site_id)`).pluck().get(at) as string | null) ?? '{}') as Record<string, Qty>))
  const expired = db.prepare(o.siteId
    ? `SELECT b.site_id, b.item_id, SUM(b.quantity) FROM stock_balances b JOIN lots l ON l.id = b.lot_id
        WHERE b.site_id = @site AND b.quantity > 0 AND l.expiry_date < @d GROUP BY b.item_id`
    : `SELECT b.site_id, b.item_id, SUM(b.quantity) FROM lots l CROSS JOIN stock_balances b ON b.item_id = l.item_id AND b.lot_id = l.id
        WHERE l.expiry_date < @d AND b.quantity > 0 GROUP BY b.site_id, b.item_id`).raw().all(at) as Array<[string, string, number]>
  for (const [s, i, q] of expired) {
    const m = physical.get(s)
    if (m && m[i] !== undefined) m[i] -= q
  }

  // agreement lines → the first open site of the agreement's tier in its region (by code)
  const siteFor = new Map<string, { id: string; code: string }>()
  for (const s of siteRows) {
    const k = `${s.tier}|${s.regionCode}`
    const had = siteFor.get(k)
    if (!had || s.code < had.code) siteFor.set(k, s)
  }
  const agreed = new Map<string, Qty>()
  for (const a of db.prepare(`SELECT a.tier, a.region_code AS r, l.item_id AS i, SUM(l.quantity) AS q FROM agreements a
    JOIN agreement_lines l ON l.agreement_id = a.id
    WHERE a.kind = 'materials' AND a.status = 'active' AND a.valid_from <= @d AND a.valid_to >= @d AND l.item_id IS NOT NULL
    GROUP BY a.tier, a.region_code, l.item_id`).all({ d: validThrough }) as Array<{ tier: string | null; r: string | null; i: string; q: number }>) {
    if (!a.tier || !a.r) continue
    const site = siteFor.get(`${a.tier}|${a.r}`)
    if (!site) continue
    const m = agreed.get(site.id) ?? agreed.set(site.id, {}).get(site.id)!
    m[a.i] = (m[a.i] ?? 0) + a.q
  }

  // per tier, its targeted items that are in this year's catalogue, with their overrides only where there are any:
  // the loop below runs for every site × item of a city (~70 000), so it looks up no more than it must
  type Entry = { itemId: string; it: (typeof itemRows)[number]; base: T | undefined; site: Map<string, T> | null; region: Map<string, T> | null }
  const entriesOf = new Map<string, Entry[]>()
  for (const [tier, items] of byTier) {
    const list: Entry[] = []
    for (const [itemId, e] of items) {
      const it = item.get(itemId)
      if (it) list.push({ itemId, it, base: e.base, site: e.site.size ? e.site : null, region: e.region.size ? e.region : null })
    }
    entriesOf.set(tier, list)
  }

  const categories = new Set<string>()
  const lines: ComplianceLine[] = []
  const sitesOut: SiteCompliance[] = []
  const perStreet = new Map<string, ReturnType<typeof emptyTally>>()
  const district = emptyTally()
  for (const s of wanted) {
    const streetCode = s.tier === 'street' ? s.regionCode : s.tier === 'community' ? s.parent : null
    const tally = emptyTally()
    const cats: Record<string, ReturnType<typeof emptyTally>> = {}
    const entries = entriesOf.get(s.tier)
    const physicalHere = physical.get(s.id)
    const agreedHere = agreed.get(s.id)
    let population: number | null | undefined
    const sitePopulation = () => {
      if (population !== undefined) return population
      if (s.tier === 'community') {
        const list = servedBy(s.id) ?? [s.regionCode]
        let sum = 0
        let known = false
        for (const c of list) { const p = popOf(c); if (p != null) { sum += p; known = true } }
        population = known ? sum : null
      } else population = popOf(s.regionCode)
      return population
    }
    if (entries) {
      for (let k = 0; k < entries.length; k++) {
        const { itemId, it, site, region } = entries[k]
        let t: T | undefined
        let source: ComplianceLine['source'] = 'tier'
        if (site && (t = site.get(s.id))) source = 'site'
        else if (region && (t = region.get(s.regionCode))) source = 'region'
        else if (region && streetCode && streetCode !== s.regionCode && (t = region.get(streetCode))) source = 'street'
        else t = entries[k].base
        if (!t) continue
        let target: number | null = t.quantity
        if (t.mode === 'per1000') {
          const p = sitePopulation()
          target = p == null ? null : Math.ceil((t.quantity * p) / 1000)
        }
        const phys = physicalHere?.[itemId] ?? 0
        const agr = agreedHere?.[itemId] ?? 0
        const counted = phys + agr * weight
        const met = target != null && counted >= target
        const metPhysical = target != null && phys >= target
        const belowMinimum = t.minimum != null && counted < t.minimum
        categories.add(it.category)
        if (t.required && target != null && target > 0) {
          const c = (cats[it.category] ??= emptyTally())
          count(tally, met, metPhysical, belowMinimum)
          count(c, met, metPhysical, belowMinimum)
        }
        if (o.siteId || o.onLine) {
          const line: ComplianceLine = {
            itemId, code: it.code, name: it.name, category: it.category, unit: it.unit, target, minimum: t.minimum,
            required: !!t.required, source, physical: phys, agreement: agr, counted, met, metPhysical, belowMinimum,
          }
          if (o.siteId) lines.push(line)
          o.onLine?.(s, line)
        }
      }
    }
    const categoriesOut: Record<string, Tally> = {}
    for (const k in cats) categoriesOut[k] = finish(cats[k])
    const t = finish(tally)
    sitesOut.push({
      id: s.id, code: s.code, name: s.name, tier: s.tier, regionCode: s.regionCode, streetCode,
      required: t.required, met: t.met, metPhysical: t.metPhysical, belowMinimum: t.belowMinimum, rate: t.rate, ratePhysical: t.ratePhysical,
      categories: categoriesOut,
    })
    if (streetCode) add(perStreet.get(streetCode) ?? perStreet.set(streetCode, emptyTally()).get(streetCode)!, tally)
    add(district, tally)
  }
  const streetRows = db.prepare(`SELECT code, name FROM regions WHERE level = 'street' ORDER BY code`).all() as Array<{ code: string; name: string }>
  const streets = streetRows.map((r) => ({ code: r.code, name: r.name, ...finish(perStreet.get(r.code) ?? emptyTally()) }))
  lines.sort((a, b) => (a.code < b.code ? -1 : 1))
  return {
    asOf, planYear, weight, categories: [...categories].sort(), sites: sitesOut, streets, district: finish(district),
    ...(o.siteId ? { lines } : {}),
  }
}
