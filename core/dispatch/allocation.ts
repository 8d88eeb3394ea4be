/**
 * Where to send from: for each item, the sites of the destination's own street/town first, then the district
 * depot, then agreement partners; within a site, first-expiry-first-out. Each pick says what its source keeps
 * after. Stock that approved orders have already allocated is not offered again; expired lots never are.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { agreements, items, partners, regions, sites } from '../../db/schema'
import { AppError } from '../common/errors'
import type { ServiceContext } from '../common/context'
import { fefo } from '../stock/ledger'
import { agreementRemaining, reservedAt, siteItemTotal } from './transfers'

export type Tier = 'street' | 'district' | 'agreement'

export interface AllocationPick {
  tier: Tier
  sourceKind: 'site' | 'agreement'
  siteId: string | null
  agreementId: string | null
  sourceName: string
  lotId: string | null
  lotNo: string | null
  expiryDate: string | null
  take: number
  /** the source's whole stock of this item (site) or its remaining commitment (agreement), after this pick */
  keeps: number
}

export interface AllocationLine { itemId: string; itemName: string; unit: string; quantity: number; picks: AllocationPick[]; shortBy: number }

export function suggestAllocation(ctx: ServiceContext, input: {
  toSiteId?: string; regionCode?: string; lines: Array<{ itemId: string; quantity: number }>
}): AllocationLine[] {
  const db = ctx.db
  let regionCode = input.regionCode
  if (input.toSiteId) {
    const dest = db.select().from(sites).where(eq(sites.id, input.toSiteId)).get()
    if (!dest) throw new AppError('NOT_FOUND', { what: '储备点', whatEn: 'Site', id: input.toSiteId }, { field: 'toSiteId' })
    regionCode = dest.regionCode
  }
  // The destination's street/town: the region itself when it is a street, its parent when a community.
  let streetCode: string | null = null
  if (regionCode) {
    const r = db.select().from(regions).where(eq(regions.code, regionCode)).get()
    streetCode = r?.level === 'street' ? r.code : r?.level === 'community' ? r.parentCode : null
  }
  const active = db.select().from(sites).where(eq(sites.status, 'active')).all().filter((s) => s.id !== input.toSiteId)
  const communityStreet = new Map(db.select({ code: regions.code, parent: regions.parentCode }).from(regions)
    .where(eq(regions.level, 'community')).all().map((r) => [r.code, r.parent]))
  const streetOf = (s: typeof active[number]) => s.tier === 'street' ? s.regionCode : s.tier === 'community' ? communityStreet.get(s.regionCode) ?? null : null
  // Same street: the street depot before its community points; then the district depot(s).
  const tierRank = { street: 0, community: 1, district: 2 } as const
  const streetSites = streetCode ? active.filter((s) => s.tier !== 'district' && streetOf(s) === streetCode)
    .sort((a, b) => tierRank[a.tier] - tierRank[b.tier] || a.code.localeCompare(b.code)) : []
  const districtSites = active.filter((s) => s.tier === 'district').sort((a, b) => a.code.localeCompare(b.code))
  const today = ctx.today()
  const materialAgreements = db.select({ id: agreements.id, no: agreements.agreementNo, partner: partners.name, responseHours: agreements.responseHours })
    .from(agreements).innerJoin(partners, eq(partners.id, agreements.partnerId))
    .where(and(eq(agreements.status, 'active'), eq(agreements.kind, 'materials'),
      sql`${agreements.validFrom} <= ${today}`, sql`${agreements.validTo} >= ${today}`)).all()
    .sort((a, b) => (a.responseHours ?? 1e9) - (b.responseHours ?? 1e9))
  const agreementLeft = new Map(materialAgreements.map((a) => [a.id, agreementRemaining(db, a.id)]))

  const itemRows = db.select().from(items).where(inArray(items.id, [...new Set(input.lines.map((l) => l.itemId))])).all()
  const itemMap = new Map(itemRows.map((r) => [r.id, r]))
  // Earlier lines of the same suggestion take from the same stock.
  const takenAt = new Map<string, Map<string, number>>()
  return input.lines.map((l, i) => {
    const item = itemMap.get(l.itemId)
    if (!item) throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id: l.itemId }, { row: i + 1, field: 'itemId' })
    let remaining = l.quantity
    const picks: AllocationPick[] = []
    const fromSites = (list: typeof active, tier: Tier) => {
      for (const s of list) {
        if (remaining <= 0) return
        const key = `${s.id}\u0000${item.id}`
        const taken = takenAt.get(key) ?? reservedAt(db, s.id, item.id)
        takenAt.set(key, taken)
        const plan = fefo(db, today, s.id, item.id, remaining, taken)
        if (!plan.picks.length) continue
        let total = siteItemTotal(db, s.id, item.id) - [...taken.values()].reduce((a, b) => a + b, 0)
        for (const p of plan.picks) {
          taken.set(p.lotId, (taken.get(p.lotId) ?? 0) + p.take)
          total -= p.take
          remaining -= p.take
          picks.push({ tier, sourceKind: 'site', siteId: s.id, agreementId: null, sourceName: s.name, lotId: p.lotId, lotNo: p.lotNo, expiryDate: p.expiryDate, take: p.take, keeps: total })
        }
      }
    }
    fromSites(streetSites, 'street')
    fromSites(districtSites, 'district')
    for (const a of materialAgreements) {
      if (remaining <= 0) break
      const left = agreementLeft.get(a.id)!.get(item.id) ?? 0
      if (left <= 0) continue
      const take = Math.min(left, remaining)
      agreementLeft.get(a.id)!.set(item.id, left - take)
      remaining -= take
      picks.push({ tier: 'agreement', sourceKind: 'agreement', siteId: null, agreementId: a.id, sourceName: `${a.partner}（${a.no}）`, lotId: null, lotNo: null, expiryDate: null, take, keeps: left - take })
    }
    return { itemId: item.id, itemName: item.name, unit: item.unit, quantity: l.quantity, picks, shortBy: remaining }
  })
}
