/**
 * The readiness simulation over this installation's data: the affected population (from the regions, or typed in),
 * the norms of the incident type, the network's usable stock (unexpired, less what approved orders have allocated),
 * the agreements in force and the lorries; the arithmetic is ./simulate.ts. A handful of grouped queries read it all,
 * so the whole district runs well under a second (bench/readiness.ts).
 */
import { items, regions } from '../../db/schema'
import { inArray } from 'drizzle-orm'
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { currentDistrict } from '../network/divisions'
import { normsOf, readinessParams, type ReadinessParams } from './norms'
import { simulate, type SimAgreement, type SimInput, type SimResult, type SimSite, type SimVehiclePool, type WhatIf } from './simulate'

export interface SimulationRequest {
  incidentType: string
  /** streets/towns or communities; empty or the district's code = the whole district */
  regionCodes: string[]
  /** 紧急转移安置人口: when typed, it replaces the regions' population (shared out by it, or evenly) */
  population?: number
  targetHours?: number
  whatIf?: WhatIf
}

/** A vehicle capacity as typed ("5吨", "5 t", "800kg", "５吨"): tonnes, or null when no number is in it. */
export function parseTonnes(text: string | null | undefined): number | null {
  if (!text) return null
  const s = text.normalize('NFKC').replace(/[\s\u200b-\u200d\ufeff]/g, '').toLowerCase()
  const m = /(\d+(?:\.\d+)?)(kg|公斤|千克|t|吨)?/.exec(s)
  if (!m) return null
  const n = Number(m[1])
  if (!Number.isFinite(n) || n <= 0) return null
  return m[2] === 'kg' || m[2] === '公斤' || m[2] === '千克' ? n / 1000 : n
}

interface RegionRow { code: string; name: string; level: string; parentCode: string | null; population: number | null }

/** The affected communities' population per street, checked against the district and the caller's scope. */
export function affectedPopulation(ctx: ServiceContext, regionCodes: string[], typed?: number): { byStreet: Map<string, number>; regions: RegionRow[] } {
  const district = currentDistrict(ctx)
  const all = ctx.db.select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, population: regions.population }).from(regions).all()
  const byCode = new Map(all.map((r) => [r.code, r]))
  const streets = all.filter((r) => r.level === 'street' && r.parentCode === district)
  const streetCodes = new Set(streets.map((s) => s.code))
  const scope = ctx.actor.scope
  const wholeDistrict = regionCodes.length === 0 || regionCodes.includes(district ?? '')
  // "the whole district" for a street's user is their street
  const chosen = !wholeDistrict ? regionCodes
    : !ctx.actor.roles.includes('admin') && scope.kind === 'street' ? [scope.regionCode] : streets.map((s) => s.code)
  const communities: RegionRow[] = []
  const seen = new Set<string>()
  chosen.forEach((code, i) => {
    const r = byCode.get(code)
    if (!r) throw new AppError('NOT_FOUND', { what: '区域', whatEn: 'Region', id: code }, { row: i + 1, field: 'regionCodes' })
    const street = r.level === 'street' ? r.code : r.level === 'community' ? r.parentCode : null
    if (!street || !streetCodes.has(street)) throw new AppError('READINESS_REGION_OUTSIDE', { name: r.name, district: byCode.get(district ?? '')?.name ?? district }, { row: i + 1, field: 'regionCodes' })
    if (!ctx.actor.roles.includes('admin') && scope.kind === 'street' && street !== scope.regionCode) {
      throw new AppError('READINESS_OUT_OF_SCOPE', { name: r.name }, { row: i + 1, field: 'regionCodes' }, 403)
    }
    const list = r.level === 'street' ? all.filter((c) => c.level === 'community' && c.parentCode === r.code) : [r]
    for (const c of list) if (!seen.has(c.code)) { seen.add(c.code); communities.push(c) }
  })
  const byStreet = new Map<string, number>()
  const known = communities.reduce((a, c) => a + (c.population ?? 0), 0)
  if (typed !== undefined) {
    // shared out by the regions' own population, else evenly; rounding keeps the typed total exact
    const weights = communities.map((c) => (known > 0 ? c.population ?? 0 : 1))
    const total = weights.reduce((a, b) => a + b, 0)
    let given = 0
    communities.forEach((c, i) => {
      const share = i === communities.length - 1 ? typed - given : Math.floor((typed * weights[i]) / total)
      given += share
      byStreet.set(c.parentCode!, (byStreet.get(c.parentCode!) ?? 0) + share)
    })
  } else {
    if (known === 0) {
      const names = chosen.map((c) => byCode.get(c)?.name ?? c).slice(0, 5).join('、')
      throw new AppError('READINESS_NO_POPULATION', { names }, { field: 'population' })
    }
    for (const c of communities) byStreet.set(c.parentCode!, (byStreet.get(c.parentCode!) ?? 0) + (c.population ?? 0))
  }
  return { byStreet, regions: communities }
}

/** Everything the arithmetic needs, read in a few grouped queries. */
export function loadSimulation(ctx: ServiceContext, req: SimulationRequest, params: ReadinessParams = readinessParams(ctx.db)): SimInput {
  const db = ctx.db.$client
  const today = ctx.today()
  const norms = normsOf(ctx.db, req.incidentType).filter((n) => n.perPerson > 0)
  if (!norms.length) throw new AppError('READINESS_NO_NORMS', { type: req.incidentType }, { field: 'incidentType' })
  const { byStreet } = affectedPopulation(ctx, req.regionCodes, req.population)
  const itemRows = ctx.db.select({ id: items.id, name: items.name, unit: items.unit, code: items.code }).from(items)
    .where(inArray(items.id, norms.map((n) => n.itemId))).all()
  const itemMap = new Map(itemRows.map((r) => [r.id, r]))
  const simItems = norms.filter((n) => itemMap.has(n.itemId))
    .sort((a, b) => itemMap.get(a.itemId)!.code.localeCompare(itemMap.get(b.itemId)!.code))
    .map((n) => ({ id: n.itemId, name: itemMap.get(n.itemId)!.name, unit: itemMap.get(n.itemId)!.unit, perPerson: n.perPerson, kgPerUnit: n.kgPerUnit }))
  const wanted = new Set(simItems.map((i) => i.id))

  const siteRows = db.prepare(`SELECT s.id, s.code, s.name, s.tier, s.region_code AS regionCode, r.parent_code AS parent
    FROM sites s LEFT JOIN regions r ON r.code = s.region_code WHERE s.status = 'active'`).all() as Array<{ id: string; code: string; name: string; tier: SimSite['tier']; regionCode: string; parent: string | null }>
  const sites: SimSite[] = siteRows.map((s) => ({
    id: s.id, code: s.code, name: s.name, tier: s.tier,
    streetCode: s.tier === 'street' ? s.regionCode : s.tier === 'community' ? s.parent : null,
  }))
  // usable: unexpired lots (expiry on or after today, as FEFO) less what approved orders have allocated from them
  const stockRows = db.prepare(`SELECT b.site_id AS siteId, b.item_id AS itemId, SUM(b.quantity) AS q
    FROM stock_balances b JOIN lots l ON l.id = b.lot_id
    WHERE b.quantity > 0 AND (l.expiry_date IS NULL OR l.expiry_date >= ?) GROUP BY b.site_id, b.item_id`).all(today) as Array<{ siteId: string; itemId: string; q: number }>
  const reserved = db.prepare(`SELECT o.from_site_id AS siteId, ol.item_id AS itemId, SUM(ol.allocated) AS q
    FROM transfer_order_lines ol JOIN transfer_orders o ON o.id = ol.order_id
    WHERE o.state = 'approved' AND o.from_site_id IS NOT NULL GROUP BY o.from_site_id, ol.item_id`).all() as Array<{ siteId: string; itemId: string; q: number }>
  const stock = new Map<string, Map<string, number>>()
  for (const r of stockRows) {
    if (!wanted.has(r.itemId)) continue
    if (!stock.has(r.siteId)) stock.set(r.siteId, new Map())
    stock.get(r.siteId)!.set(r.itemId, Number(r.q))
  }
  for (const r of reserved) {
    const m = stock.get(r.siteId)
    if (m?.has(r.itemId)) m.set(r.itemId, Math.max(0, m.get(r.itemId)! - Number(r.q)))
  }

  const agreementRows = db.prepare(`SELECT a.id, a.kind, a.agreement_no AS no, a.response_hours AS hours, a.partner_id AS partnerId, p.name AS partner
    FROM agreements a JOIN partners p ON p.id = a.partner_id
    WHERE a.status = 'active' AND a.valid_from <= ? AND a.valid_to >= ?`).all(today, today) as Array<{ id: string; kind: 'materials' | 'capacity' | 'transport'; no: string; hours: number | null; partnerId: string; partner: string }>
  const lineRows = db.prepare(`SELECT agreement_id AS agreementId, item_id AS itemId, SUM(quantity) AS q, vehicle_type AS vehicleType,
    SUM(vehicle_count) AS vehicles, vehicle_capacity AS capacity, line_no AS lineNo FROM agreement_lines GROUP BY agreement_id, coalesce(item_id, line_no)`).all() as Array<{ agreementId: string; itemId: string | null; q: number | null; vehicleType: string | null; vehicles: number | null; capacity: string | null }>
  // what orders have used of a materials agreement (as core/dispatch/transfers.ts agreementRemaining counts it)
  const used = db.prepare(`SELECT o.from_agreement_id AS agreementId, ol.item_id AS itemId,
    SUM(CASE WHEN o.state IN ('dispatched','partly_received','received','closed') THEN ol.shipped ELSE ol.allocated END) AS q
    FROM transfer_order_lines ol JOIN transfer_orders o ON o.id = ol.order_id
    WHERE o.from_agreement_id IS NOT NULL AND o.state <> 'cancelled' GROUP BY o.from_agreement_id, ol.item_id`).all() as Array<{ agreementId: string; itemId: string; q: number }>
  const usedOf = new Map(used.map((u) => [`${u.agreementId}\u0000${u.itemId}`, Number(u.q)]))
  const agreements: SimAgreement[] = []
  const vehicles: SimVehiclePool[] = []
  if (params.ownFleet.count > 0) vehicles.push({ name: '自有车辆', ...params.ownFleet })
  for (const a of agreementRows) {
    const hours = a.hours ?? params.agreementDefaultHours
    const lines = lineRows.filter((l) => l.agreementId === a.id)
    const name = `${a.partner}（${a.no}）`
    if (a.kind === 'transport') {
      for (const l of lines) {
        const t = parseTonnes(l.capacity)
        if (l.vehicles && t) vehicles.push({ name: `${name}${l.vehicleType ? ` ${l.vehicleType}` : ''}`, count: Number(l.vehicles), capacityTonnes: t, responseHours: hours })
      }
      continue
    }
    const m = new Map<string, number>()
    for (const l of lines) {
      if (!l.itemId || !wanted.has(l.itemId)) continue
      const q = Number(l.q ?? 0) - (a.kind === 'materials' ? usedOf.get(`${a.id}\u0000${l.itemId}`) ?? 0 : 0)
      if (q > 0) m.set(l.itemId, q)
    }
    if (m.size) agreements.push({ id: a.id, name, partnerId: a.partnerId, kind: a.kind, hours, lines: m })
  }
  return {
    params: { targetHours: req.targetHours ?? params.targetHours, hours: params.hours, roundTripHours: params.roundTripHours, horizonHours: params.horizonHours },
    sites, stock, agreements, vehicles, items: simItems, population: byStreet, whatIf: req.whatIf,
  }
}

export interface SimulationAnswer extends SimResult {
  incidentType: string
  streets: Array<{ code: string; name: string; population: number }>
}

export function runSimulation(ctx: ServiceContext, req: SimulationRequest): SimulationAnswer {
  const input = loadSimulation(ctx, req)
  const result = simulate(input)
  const names = new Map(ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...input.population.keys()])).all().map((r) => [r.code, r.name]))
  return {
    ...result, incidentType: req.incidentType,
    streets: [...input.population].sort(([a], [b]) => a.localeCompare(b)).map(([code, population]) => ({ code, name: names.get(code) ?? code, population })),
  }
}

/** The dashboard's figure: the share of needs covered within the target for the standard scenario, or why there is none. */
export function districtReadiness(ctx: ServiceContext): { incidentType: string; targetHours: number; readiness: number | null; population: number; typed: boolean; reason?: string } {
  const params = readinessParams(ctx.db)
  try {
    const r = simulate(loadSimulation(ctx, { incidentType: params.standardType, regionCodes: [], population: params.standardPopulation ?? undefined }, params))
    return { incidentType: params.standardType, targetHours: params.targetHours, readiness: r.readiness, population: r.population, typed: params.standardPopulation != null }
  } catch (e) {
    if (e instanceof AppError) return { incidentType: params.standardType, targetHours: params.targetHours, readiness: null, population: 0, typed: params.standardPopulation != null, reason: e.toWire(ctx.lang).message }
    throw e
  }
}
