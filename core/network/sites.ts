/** The 区—街镇—社区 network: regions and the sites that stand in and serve them. */
import { asc, eq, inArray, sql } from 'drizzle-orm'
import { regions, siteRegions, sites } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { scopeCondition } from '../people/scope'
import { appendEvent, type DbOrTx } from '../sync/events'
import { hlcOfEvent, lww, lwwBases } from '../sync/lww'
import { pick, type RecordEvent } from '../sync/records'
import { AppError } from '../common/errors'
import { newId } from '../common/ids'
import { coveredCommunities } from './coverage'
import { currentDistrict } from './divisions'

export interface SiteSummary {
  id: string; code: string; name: string; tier: string; regionCode: string; ownership: string; status: string
  keeper: string | null; phone: string | null; serves: string[]
  /** whether the caller may act here (post, edit): forms offer only these */
  inScope: boolean
  capacity: string | null; address: string | null; openedOn: string | null; closedOn: string | null
}

export interface NetworkTree {
  district: { code: string; name: string } | null
  districtSites: SiteSummary[]
  streets: Array<{
    code: string; name: string; kind: string | null; sites: SiteSummary[]
    /** `counted`: false for NBS's placeholder 虚拟社区, which have no committee and do not count towards coverage */
    communities: Array<{ code: string; name: string; kind: string | null; covered: boolean; counted: boolean; sites: SiteSummary[] }>
  }>
  /**
   * communities: every residents' committee and village of the division list (Songjiang: 386); counted: those
   * that count towards coverage (without the placeholder 虚拟社区: 383); covered: counted ones with an active point.
   */
  totals: { streets: number; communities: number; counted: number; covered: number; sites: number }
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
    capacity: sites.capacity, address: sites.address, openedOn: sites.openedOn, closedOn: sites.closedOn,
  }).from(sites).orderBy(asc(sites.code)).all().map((s) => ({ ...s, serves: serves.get(s.id) ?? [], inScope: !inScope || inScope.has(s.id) }))
}

/** The whole tree in one answer: 1 district, ~20 streets, ~400 communities is small enough. */
export function networkTree(ctx: ServiceContext): NetworkTree {
  const all = ctx.db.select().from(regions).orderBy(asc(regions.code)).all()
  const allSites = listSites(ctx)
  const servedBy = coveredCommunities(ctx.db, ctx.today())
  const sitesIn = (code: string) => allSites.filter((s) => s.regionCode === code)
  const districtCode = currentDistrict(ctx)
  const district = all.find((r) => r.level === 'district' && r.code === districtCode) ?? null
  const streets = all.filter((r) => r.level === 'street' && r.parentCode === district?.code).map((st) => {
    const communities = all.filter((c) => c.level === 'community' && c.parentCode === st.code).map((c) => ({
      code: c.code, name: c.name, kind: c.kind, covered: servedBy.has(c.code), counted: c.kind !== '其他', sites: sitesIn(c.code),
    }))
    return { code: st.code, name: st.name, kind: st.kind, sites: sitesIn(st.code), communities }
  })
  const everyCommunity = streets.flatMap((s) => s.communities)
  const communities = everyCommunity.filter((c) => c.counted)
  return {
    district: district && { code: district.code, name: district.name },
    districtSites: district ? sitesIn(district.code) : [],
    streets,
    totals: {
      streets: streets.length, communities: everyCommunity.length, counted: communities.length, covered: communities.filter((c) => c.covered).length,
      sites: allSites.filter((s) => s.regionCode.startsWith(district?.code.slice(0, 6) ?? '')).length,
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

/**
 * Codes held by more than one site. An office never gives a second site a code it holds, but two offices can open
 * (or rename) sites under the same code while apart; sync keeps both, and the planners see the clash in the
 * conflicts list until one of the sites is renamed. Derived from the sites themselves, so every office lists the
 * same clashes whatever order the events arrived in, and a clash disappears everywhere with the rename.
 */
export function duplicateSiteCodes(tx: DbOrTx): Array<{ code: string; sites: Array<{ id: string; name: string; tier: string }>; since: string | null }> {
  const dup = tx.select({ id: sites.id, code: sites.code, name: sites.name, tier: sites.tier, openedOn: sites.openedOn }).from(sites)
    .where(sql`${sites.code} IN (SELECT code FROM sites GROUP BY code HAVING count(*) > 1)`).orderBy(sites.code, sites.id).all()
  const out = new Map<string, { code: string; sites: Array<{ id: string; name: string; tier: string }>; since: string | null }>()
  for (const r of dup) {
    const c = out.get(r.code) ?? { code: r.code, sites: [], since: null }
    c.sites.push({ id: r.id, name: r.name, tier: r.tier })
    if (r.openedOn && (!c.since || r.openedOn > c.since)) c.since = r.openedOn
    out.set(r.code, c)
  }
  return [...out.values()]
}

// Opening, editing and closing sites ---------------------------------------------------------------------------

export type Tier = 'district' | 'street' | 'community'
export type Ownership = 'self' | 'co' | 'agreement' | 'social'

export interface SiteFields {
  code: string; name: string; tier: Tier; regionCode: string; ownership: Ownership
  capacity?: string | null; keeper?: string | null; phone?: string | null; address?: string | null
  openedOn?: string | null; serves: string[]
}

/** The level a site of each tier stands in. */
const LEVEL_OF_TIER: Record<Tier, string> = { district: 'district', street: 'street', community: 'community' }

/** Checks a site's fields against the regions and the other sites; throws naming the field. */
function validateSite(tx: DbOrTx, s: SiteFields, selfId?: string): void {
  const region = tx.select().from(regions).where(eq(regions.code, s.regionCode)).get()
  if (!region) throw new AppError('NOT_FOUND', { what: '区域', whatEn: 'Region', id: s.regionCode }, { field: 'regionCode' })
  if (region.level !== LEVEL_OF_TIER[s.tier]) {
    throw new AppError('SITE_TIER_REGION', { tier: s.tier, region: region.name }, { field: 'regionCode' })
  }
  const clash = tx.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.code, s.code)).get()
  if (clash && clash.id !== selfId) throw new AppError('SITE_CODE_TAKEN', { code: s.code, site: clash.name }, { field: 'code' })
  if (s.serves.length) {
    const found = tx.select({ code: regions.code, level: regions.level, parent: regions.parentCode }).from(regions)
      .where(inArray(regions.code, s.serves)).all()
    const byCode = new Map(found.map((r) => [r.code, r]))
    s.serves.forEach((code, i) => {
      const r = byCode.get(code)
      if (!r) throw new AppError('NOT_FOUND', { what: '服务村居', whatEn: 'Served community', id: code }, { field: 'serves', row: i + 1 })
      if (r.level !== 'community') throw new AppError('SITE_SERVES_COMMUNITY', { code }, { field: 'serves', row: i + 1 })
    })
  }
}

/** Opens a site after checking it; returns its id. */
export function openSite(ctx: ServiceContext, s: SiteFields & { id?: string }): { id: string } {
  const id = s.id ?? newId()
  ctx.db.transaction((tx) => {
    if (tx.select({ id: sites.id }).from(sites).where(eq(sites.id, id)).get()) return // the same form posted twice
    validateSite(tx, s)
    const payload: NewSite = {
      id, code: s.code, name: s.name, tier: s.tier, regionCode: s.regionCode, ownership: s.ownership,
      keeper: s.keeper ?? undefined, phone: s.phone ?? undefined, address: s.address ?? undefined,
      capacity: s.capacity ?? undefined, openedOn: s.openedOn ?? ctx.today(), serves: [...new Set(s.serves)],
    }
    appendEvent(tx, ctx, { type: 'site.created', entityId: id, payload })
    applySiteCreated(tx, payload)
  })
  return { id }
}

export type SiteChanges = Partial<SiteFields>

/** Edits a site: only the fields given change; `serves` replaces the served list. */
export function updateSite(ctx: ServiceContext, id: string, changes: SiteChanges): void {
  ctx.db.transaction((tx) => {
    const site = requireSite(tx, id)
    const serves = tx.select({ code: siteRegions.regionCode }).from(siteRegions).where(eq(siteRegions.siteId, id)).all().map((r) => r.code)
    const merged: SiteFields = {
      code: changes.code ?? site.code, name: changes.name ?? site.name, tier: changes.tier ?? site.tier,
      regionCode: changes.regionCode ?? site.regionCode, ownership: changes.ownership ?? site.ownership,
      serves: changes.serves ? [...new Set(changes.serves)] : serves,
    }
    validateSite(tx, merged, id)
    if (site.closedOn && changes.openedOn && changes.openedOn > site.closedOn) {
      throw new AppError('SITE_DATES', {}, { field: 'openedOn' })
    }
    const given = { ...changes, ...(changes.serves ? { serves: merged.serves } : {}) }
    const payload: SiteUpdatedPayload = { id, changes: given, bases: lwwBases(tx, SITE_ENTITY, id, Object.keys(given)) }
    const eventId = appendEvent(tx, ctx, { type: 'site.updated', entityId: id, payload })
    applySiteEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'site.updated', entityId: id, payload })
  })
}

export const SITE_ENTITY = 'site'
/** `site.updated`: the fields given and what the editor saw. Events written before carried the changes alone (flat). */
export interface SiteUpdatedPayload { id: string; changes: SiteChanges; bases?: Record<string, string | null> }

/** Closes a site on a date; from that day on it no longer covers the communities it served. */
export function closeSite(ctx: ServiceContext, id: string, closedOn: string, reason?: string): void {
  ctx.db.transaction((tx) => {
    const site = requireSite(tx, id)
    if (site.status === 'closed') throw new AppError('SITE_ALREADY_CLOSED', { site: site.name }, { field: 'id' })
    if (site.openedOn && closedOn < site.openedOn) throw new AppError('SITE_DATES', {}, { field: 'closedOn' })
    const payload = { id, closedOn, reason: reason ?? null, bases: lwwBases(tx, SITE_ENTITY, id, ['status', 'closedOn']) }
    const eventId = appendEvent(tx, ctx, { type: 'site.closed', entityId: id, payload })
    applySiteEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'site.closed', entityId: id, payload })
  })
}

/** Reopens a closed site (a new opening date; the closing is forgotten, the event log keeps it). */
export function reopenSite(ctx: ServiceContext, id: string, openedOn: string): void {
  ctx.db.transaction((tx) => {
    const site = requireSite(tx, id)
    if (site.status === 'active') throw new AppError('SITE_NOT_CLOSED', { site: site.name }, { field: 'id' })
    const payload = { id, openedOn, bases: lwwBases(tx, SITE_ENTITY, id, ['status', 'openedOn', 'closedOn']) }
    const eventId = appendEvent(tx, ctx, { type: 'site.reopened', entityId: id, payload })
    applySiteEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'site.reopened', entityId: id, payload })
  })
}

/**
 * `site.updated`, `site.closed`, `site.reopened`, local and received: per-field LWW on the site (entity `site`);
 * closing and reopening are edits of status / closed_on / opened_on, so a close and a reopen made concurrently end
 * with the later one, the other listed in conflicts. The served communities are one field (the whole list). Waits
 * for the site (site.created). `updated_at` is the event's clock, never this machine's time.
 */
export function applySiteEvent(tx: DbOrTx, e: RecordEvent & { type: string; entityId: string; payload: unknown }): void {
  const site = tx.select().from(sites).where(eq(sites.id, e.entityId)).get()
  if (!site) throw new Error(`site ${e.entityId} not here yet`)
  const p = (e.payload ?? {}) as Record<string, unknown>
  let fields: Record<string, unknown>
  let bases = p.bases as Record<string, string | null> | undefined
  if (e.type === 'site.updated') {
    const { id: _id, bases: _b, ...flat } = p
    const changes = (p.changes ?? flat) as SiteChanges // events written before the payload was { changes, bases }
    if (!p.changes) bases = undefined
    fields = { ...changes }
    if (changes.serves) fields.serves = [...new Set(changes.serves)].sort()
  } else if (e.type === 'site.closed') fields = { status: 'closed', closedOn: p.closedOn }
  else if (e.type === 'site.reopened') fields = { status: 'active', openedOn: p.openedOn, closedOn: null }
  else throw new Error(`not a site event: ${e.type}`)
  const current: Record<string, unknown> = { ...site }
  if ('serves' in fields) {
    current.serves = tx.select({ code: siteRegions.regionCode }).from(siteRegions).where(eq(siteRegions.siteId, e.entityId)).all().map((r) => r.code).sort()
  }
  const win = lww(tx, { entity: SITE_ENTITY, entityId: e.entityId, eventId: e.id, hlc: e.hlc, fields, bases, current: pick(current, Object.keys(fields)) })
  const { serves, ...cols } = win
  // updated_at: the latest winning clock whatever the order of arrival
  if (Object.keys(cols).length) tx.update(sites).set({ ...cols, updatedAt: sql`max(coalesce(${sites.updatedAt}, ''), ${e.hlc})` }).where(eq(sites.id, e.entityId)).run()
  if (serves) {
    tx.delete(siteRegions).where(eq(siteRegions.siteId, e.entityId)).run()
    for (const code of serves as string[]) tx.insert(siteRegions).values({ siteId: e.entityId, regionCode: code }).onConflictDoNothing().run()
  }
}

function requireSite(tx: DbOrTx, id: string) {
  const site = tx.select().from(sites).where(eq(sites.id, id)).get()
  if (!site) throw new AppError('NOT_FOUND', { what: '储备点', whatEn: 'Site', id }, { field: 'id' })
  return site
}

/** Everything the edit form shows about one site. */
export function siteDetail(ctx: ServiceContext, id: string) {
  const site = requireSite(ctx.db, id)
  const serves = ctx.db.select({ code: siteRegions.regionCode }).from(siteRegions).where(eq(siteRegions.siteId, id)).all().map((r) => r.code)
  return { ...site, serves }
}
