/** What an actor may act on: one site, the sites of a street/town (and of its communities), or the whole district. */
import { eq } from 'drizzle-orm'
import type { Actor, ServiceContext } from '../common/context'
import { regions, sites } from '../../db/schema'
import type { DbOrTx } from '../sync/events'
import { AppError } from '../common/errors'

export function siteInScope(db: DbOrTx, actor: Actor, siteId: string): boolean {
  const scope = actor.scope
  if (scope.kind === 'district') return true
  if (scope.kind === 'site') return scope.siteId === siteId
  const site = db.select({ regionCode: sites.regionCode }).from(sites).where(eq(sites.id, siteId)).get()
  if (!site) return false
  if (site.regionCode === scope.regionCode) return true
  const region = db.select({ parent: regions.parentCode }).from(regions).where(eq(regions.code, site.regionCode)).get()
  return region?.parent === scope.regionCode
}

/** Whether a region (a street/town or one of its communities) lies in the actor's scope; a site scope holds none. */
export function regionInScope(db: DbOrTx, actor: Actor, regionCode: string): boolean {
  const scope = actor.scope
  if (scope.kind === 'district') return true
  if (scope.kind === 'site') return false
  if (regionCode === scope.regionCode) return true
  const region = db.select({ parent: regions.parentCode }).from(regions).where(eq(regions.code, regionCode)).get()
  return region?.parent === scope.regionCode
}

/**
 * A SQL condition limiting a site-id column to the actor's scope, for reads: `null` when the actor sees everything.
 * Raw SQL with placeholders, so any query (drizzle `sql` or a prepared statement) can use it.
 */
export function scopeCondition(ctx: ServiceContext, siteColumn: string): { clause: string; args: string[] } | null {
  const scope = ctx.actor.scope
  if (scope.kind === 'district' || ctx.actor.roles.includes('admin')) return null
  if (scope.kind === 'site') return { clause: `${siteColumn} = ?`, args: [scope.siteId] }
  return {
    clause: `${siteColumn} IN (SELECT id FROM sites WHERE region_code = ? OR region_code IN (SELECT code FROM regions WHERE parent_code = ?))`,
    args: [scope.regionCode, scope.regionCode],
  }
}

/** The scope in words, for the header and the audit page. */
export function describeScope(db: DbOrTx, actor: Actor): string {
  const scope = actor.scope
  if (scope.kind === 'district') return '全区'
  if (scope.kind === 'street') return db.select({ name: regions.name }).from(regions).where(eq(regions.code, scope.regionCode)).get()?.name ?? scope.regionCode
  return db.select({ name: sites.name }).from(sites).where(eq(sites.id, scope.siteId)).get()?.name ?? scope.siteId
}

/**
 * For work only the district does (importing the national class table, approving a street depot's write-off):
 * an account scoped to a street or a site is refused, naming what it lacks. Admins may do everything.
 */
export function requireDistrictScope(ctx: ServiceContext, whatZh: string, whatEn: string): void {
  if (ctx.actor.scope.kind === 'district' || ctx.actor.roles.includes('admin')) return
  throw new AppError('FORBIDDEN', { reason: `${whatZh}须由区级账号办理`, reasonEn: `${whatEn} is for a district account` }, {}, 403)
}

/**
 * An edit of a record that already exists (a transfer order, a request) is the record's business, not only the
 * input's: the actor must hold one of the sites or regions it stands for now, or it could take over another
 * street's order by naming its own sites in the edit. Admin and district scope hold everything.
 */
export function requireRecordInScope(ctx: ServiceContext, record: { siteIds: Array<string | null | undefined>; regionCodes?: Array<string | null | undefined> }): void {
  if (ctx.actor.roles.includes('admin') || ctx.actor.scope.kind === 'district') return
  const sitesOk = record.siteIds.some((s) => !!s && siteInScope(ctx.db, ctx.actor, s))
  const regionsOk = (record.regionCodes ?? []).some((r) => !!r && regionInScope(ctx.db, ctx.actor, r))
  if (!sitesOk && !regionsOk) throw new AppError('FORBIDDEN', { reason: '该记录不在管辖范围内', reasonEn: 'the record is out of scope' }, { field: 'id' }, 403)
}
