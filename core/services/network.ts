/** The 区—街镇—社区 network: regions and the sites that stand in and serve them. */
import { asc, eq, sql } from 'drizzle-orm'
import { regions, siteRegions, sites } from '../../db/schema'
import type { ServiceContext } from '../context'
import { scopeCondition } from './scope'
import { appendEvent, type DbOrTx } from '../events'

export interface SiteSummary {
  id: string; code: string; name: string; tier: string; regionCode: string; ownership: string; status: string
  keeper: string | null; phone: string | null; serves: string[]
  /** whether the caller may act here (post, edit): forms offer only these */
  inScope: boolean
}

export interface NetworkTree {
  district: { code: string; name: string } | null
  districtSites: SiteSummary[]
  streets: Array<{
    code: string; name: string; kind: string | null; sites: SiteSummary[]
    communities: Array<{ code: string; name: string; kind: string | null; covered: boolean; sites: SiteSummary[] }>
  }>
  totals: { streets: number; communities: number; covered: number; sites: number }
}

export function listSites(ctx: ServiceContext): SiteSummary[] {
  const c = scopeCondition(ctx, 'id')
  const inScope = c ? new Set((ctx.db.$client.prepare(`SELECT id FROM sites WHERE ${c.clause}`).all(...c.args) as Array<{ id: string }>).map((r) => r.id)) : null
  const serves = new Map<string, string[]>()
  for (const r of ctx.db.select().from(siteRegions).all()) {
    serves.set(r.siteId, [...(serves.get(r.siteId) ?? []), r.regionCode])
  }
  return ctx.db.select({
    id: sites.id, code: sites.code, name: sites.name, tier: sites.tier, regionCode: sites.regionCode, ownership: sites.ownership,
    status: sites.status, keeper: sites.keeper, phone: sites.phone,
  }).from(sites).orderBy(asc(sites.code)).all().map((s) => ({ ...s, serves: serves.get(s.id) ?? [], inScope: !inScope || inScope.has(s.id) }))
}

/** The whole tree in one answer: 1 district, ~20 streets, ~400 communities is small enough. */
export function networkTree(ctx: ServiceContext): NetworkTree {
  const all = ctx.db.select().from(regions).orderBy(asc(regions.code)).all()
  const allSites = listSites(ctx)
  const active = allSites.filter((s) => s.status === 'active')
  const servedBy = new Set(active.flatMap((s) => s.serves))
  const sitesIn = (code: string) => allSites.filter((s) => s.regionCode === code)
  const district = all.find((r) => r.level === 'district') ?? null
  const streets = all.filter((r) => r.level === 'street').map((st) => {
    const communities = all.filter((c) => c.level === 'community' && c.parentCode === st.code).map((c) => ({
      code: c.code, name: c.name, kind: c.kind, covered: servedBy.has(c.code), sites: sitesIn(c.code),
    }))
    return { code: st.code, name: st.name, kind: st.kind, sites: sitesIn(st.code), communities }
  })
  const communities = streets.flatMap((s) => s.communities)
  return {
    district: district && { code: district.code, name: district.name },
    districtSites: district ? sitesIn(district.code) : [],
    streets,
    totals: {
      streets: streets.length, communities: communities.length, covered: communities.filter((c) => c.covered).length, sites: allSites.length,
    },
  }
}

export function regionCount(ctx: ServiceContext): number {
  return ctx.db.select({ n: sql<number>`count(*)` }).from(regions).get()!.n
}

export function getSite(ctx: ServiceContext, id: string) {
  return ctx.db.select().from(sites).where(eq(sites.id, id)).get()
}

export interface NewSite {
  id: string; code: string; name: string; tier: 'district' | 'street' | 'community'; regionCode: string
  ownership?: 'self' | 'co' | 'agreement' | 'social'; keeper?: string; phone?: string; address?: string; capacity?: string
  openedOn?: string; serves?: string[]
}

/** Opens a site; the regions it serves come with it. One event, so other installations learn of it. */
export function createSite(ctx: ServiceContext, s: NewSite): void {
  ctx.db.transaction((tx) => {
    const payload = { ...s, ownership: s.ownership ?? 'self', serves: s.serves ?? [] }
    appendEvent(tx, ctx, { type: 'site.created', entityId: s.id, payload })
    applySiteCreated(tx, payload)
  })
}

export function applySiteCreated(tx: DbOrTx, s: NewSite): void {
  tx.insert(sites).values({
    id: s.id, code: s.code, name: s.name, tier: s.tier, regionCode: s.regionCode, ownership: s.ownership ?? 'self',
    keeper: s.keeper ?? null, phone: s.phone ?? null, address: s.address ?? null, capacity: s.capacity ?? null,
    openedOn: s.openedOn ?? null, status: 'active',
  }).onConflictDoNothing().run()
  for (const code of s.serves ?? []) tx.insert(siteRegions).values({ siteId: s.id, regionCode: code }).onConflictDoNothing().run()
}
