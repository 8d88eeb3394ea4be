/**
 * The first run of an installation (issue 19). An empty file — no regions, no accounts, no events — asks how it
 * starts:
 *  - 试用演示数据: the Songjiang demo, its replica marked demo (core/sync/demo.ts: never accepted by a real network);
 *  - 新建本区储备网络: a district of the bundled divisions (its streets and communities, as a `regions.imported` event
 *    so they reach every office), the default catalogue, no sites and no stock, and the first administrator;
 *  - 加入已有网络: the district's network, catalogue edits, targets and agreements received from the hub (address and
 *    device token) or a shared folder (whose snapshot, where there is one, does a large first sync), then which site
 *    or street this office is — its first administrator's scope, this installation's default — and that administrator.
 * What was chosen is this installation's own setting (`installation.mode`) and never travels.
 */
import { eq, sql } from 'drizzle-orm'
import { events, regions, sites, stockBalances, tierTargets, users } from '../../db/schema'
import { findResourcesDir, loadCatalogue, loadDistrict } from '../../db/seed/reference'
import type { ServiceContext } from '../common/context'
import { BUILTIN_ADMIN } from '../common/context'
import { AppError } from '../common/errors'
import { getSetting, putSetting } from '../common/settings'
import { isDemoInstallation } from '../sync/demo'
import { hubJobOf, hubJobView, setHub, startHubSync } from '../sync/hub-client'
import { folderJobOf, folderJobView, startFolderSync } from '../sync/folder-job'
import { setSyncFolder } from '../sync/status'
import { currentDistrict, importDistrict, listDistricts } from '../network/divisions'
import { setupAdministrator } from '../people/users'
import { seedDemo } from '../demo/seed'
import { seedDemoUsers } from '../demo/users'
import { brandDemo } from './replica'

export const MODE_KEY = 'installation.mode'
export const OFFICE_KEY = 'installation.office'
const JOIN_KEY = 'installation.join'
const TARGETS_CHECKED_KEY = 'firstrun.targetsChecked'

type Mode = 'demo' | 'real' | 'joining'
type Join = { source: 'hub'; url: string } | { source: 'folder'; folder: string }

const count = (ctx: Pick<ServiceContext, 'db'>, table: typeof regions | typeof users | typeof events | typeof sites | typeof stockBalances | typeof tierTargets) =>
  ctx.db.select({ n: sql<number>`count(*)` }).from(table).get()!.n

/** Nothing in the file yet: the first run may choose. */
export function isBlank(ctx: Pick<ServiceContext, 'db'>): boolean {
  return !getSetting(ctx.db, MODE_KEY) && count(ctx, regions) === 0 && count(ctx, users) === 0 && count(ctx, events) === 0
}

const mode = (ctx: Pick<ServiceContext, 'db'>): Mode | null => getSetting(ctx.db, MODE_KEY) as Mode | null

function mustBeBlank(ctx: ServiceContext): void {
  if (!isBlank(ctx)) throw new AppError('FIRSTRUN_DONE', {}, {}, 409)
}

/** The Songjiang demo, on an empty file (the core's `seed: 'demo'`, or the first-run page). */
export function startDemo(ctx: ServiceContext, resourcesDir = findResourcesDir()): { demo: true } {
  mustBeBlank(ctx)
  ctx.db.transaction((tx) => {
    const branded = brandDemo(tx, ctx.db.$client)
    // the demo is posted as the installation itself (the built-in administrator), not as the anonymous first-run caller
    const demoCtx: ServiceContext = { ...ctx, actor: BUILTIN_ADMIN, replicaId: branded.replicaId, clock: branded.clock ?? ctx.clock }
    if (demoCtx.clock.replicaId !== branded.replicaId) throw new AppError('INTERNAL')
    loadDistrict(ctx.db, resourcesDir)
    loadCatalogue(ctx.db, resourcesDir)
    putSetting(tx, MODE_KEY, 'demo')
    seedDemo(demoCtx)
    seedDemoUsers(demoCtx)
  })
  return { demo: true }
}

/** A new district network: divisions, the default catalogue, nothing else; the first administrator when given. */
export function startNewDistrict(ctx: ServiceContext, input: { areaCode: string; username?: string; displayName?: string; password?: string },
  resourcesDir = findResourcesDir()) {
  mustBeBlank(ctx)
  return ctx.db.transaction(() => {
    const made = importDistrict(ctx, resourcesDir, input.areaCode, true)
    loadCatalogue(ctx.db, resourcesDir)
    putSetting(ctx.db, MODE_KEY, 'real')
    const user = input.username && input.displayName && input.password !== undefined
      ? setupAdministrator(ctx, { username: input.username, displayName: input.displayName, password: input.password })
      : null
    return { district: made.district, streets: made.streets, communities: made.communities, user }
  })
}

/** Starts receiving the district's network from the hub or a shared folder (in the background); firstrun.status follows it. */
export function startJoin(ctx: ServiceContext, given: { source: 'hub' | 'folder'; url?: string; token?: string; folder?: string },
  resourcesDir = findResourcesDir()): { done: Promise<void> } {
  const input = given.source === 'hub'
    ? { source: 'hub' as const, url: given.url ?? '', token: given.token ?? '' }
    : { source: 'folder' as const, folder: given.folder ?? '' }
  const m = mode(ctx)
  if (m === 'joining') {
    if (hubJobOf(ctx)?.running || folderJobOf(ctx)?.running) throw new AppError('FIRSTRUN_JOIN_RUNNING', {}, {}, 409)
    if (count(ctx, regions) > 0) throw new AppError('FIRSTRUN_DONE', {}, {}, 409)
  } else mustBeBlank(ctx)
  ctx.db.transaction(() => {
    if (input.source === 'hub') setHub(ctx, { url: input.url, token: input.token })
    else setSyncFolder(ctx, input.folder)
    const join: Join = input.source === 'hub' ? { source: 'hub', url: input.url.trim().replace(/\/+$/, '') } : { source: 'folder', folder: input.folder }
    putSetting(ctx.db, JOIN_KEY, JSON.stringify(join))
    putSetting(ctx.db, MODE_KEY, 'joining')
    // the bundled default catalogue, as every office has it; the district's own edits of it arrive as events
    loadCatalogue(ctx.db, resourcesDir)
  })
  const started = input.source === 'hub' ? startHubSync(ctx) : startFolderSync(ctx)
  return { done: started.done }
}

function joinView(ctx: ServiceContext) {
  const raw = getSetting(ctx.db, JOIN_KEY)
  if (!raw) return null
  const join = JSON.parse(raw) as Join
  const job = join.source === 'hub' ? hubJobView(hubJobOf(ctx), ctx.lang) : folderJobView(folderJobOf(ctx), ctx.lang)
  const received = job ? ('received' in job ? job.received : (job.result?.imported ?? 0) + (job.bootstrap?.received ?? 0)) : 0
  const source = join.source === 'hub' ? join.url : join.folder
  let error = job?.error ?? null
  if (!error && job && !job.running && count(ctx, regions) === 0) {
    error = new AppError('FIRSTRUN_JOIN_EMPTY', { source }).toWire(ctx.lang).message
  }
  return { source: join.source, address: source, running: !!job?.running, received, error }
}

/** The offices a joining installation may say it is: the district's streets and its open sites. */
function officeChoices(ctx: ServiceContext) {
  const streets = ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.level, 'street')).orderBy(regions.code).all()
  const list = ctx.db.select({ id: sites.id, name: sites.name, regionCode: sites.regionCode, tier: sites.tier }).from(sites)
    .where(eq(sites.status, 'active')).orderBy(sites.tier, sites.name).all()
  return { streets, sites: list }
}

export type FirstRunStep = 'choose' | 'joining' | 'office' | 'admin' | 'ready'

export function firstRunStatus(ctx: ServiceContext) {
  const demo = isDemoInstallation(ctx.db)
  const m = mode(ctx)
  const hasUsers = count(ctx, users) > 0
  const code = currentDistrict(ctx)
  const district = code ? ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.code, code)).get() ?? null : null
  const join = m === 'joining' ? joinView(ctx) : null
  const step: FirstRunStep = hasUsers ? 'ready'
    : isBlank(ctx) ? 'choose'
    : m === 'joining' ? (join && !join.running && !join.error && count(ctx, regions) > 0 ? 'office' : 'joining')
    : 'admin'
  const officeRaw = getSetting(ctx.db, OFFICE_KEY)
  return {
    step, demo, mode: demo ? 'demo' as const : m === 'joining' ? 'joining' as const : 'real' as const, district, join,
    office: officeRaw ? JSON.parse(officeRaw) as { kind: 'site' | 'street'; ref: string; name: string } : null,
    offices: step === 'office' ? officeChoices(ctx) : null,
  }
}

/** The joined office says which site or street it is, and creates its first administrator (scoped to it). */
export function chooseOffice(ctx: ServiceContext, input: { kind: 'site' | 'street'; ref: string; username: string; displayName: string; password: string }) {
  const now = firstRunStatus(ctx)
  if (now.join?.error) throw new AppError('FIRSTRUN_JOIN_FAILED', { detail: now.join.error }, {}, 409)
  if (now.step !== 'office') {
    throw mode(ctx) === 'joining' ? new AppError('FIRSTRUN_JOIN_RUNNING', {}, {}, 409) : new AppError('FIRSTRUN_NOT_JOINING', {}, {}, 409)
  }
  const ref = input.ref.trim()
  const name = input.kind === 'site'
    ? ctx.db.select({ name: sites.name }).from(sites).where(eq(sites.id, ref)).get()?.name
    : ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.code, ref)).get()?.name
  const isStreet = input.kind === 'street' && ctx.db.select({ level: regions.level }).from(regions).where(eq(regions.code, ref)).get()?.level === 'street'
  if (!name || (input.kind === 'street' && !isStreet)) throw new AppError('FIRSTRUN_OFFICE_UNKNOWN', { ref }, { field: 'ref' })
  return ctx.db.transaction(() => {
    putSetting(ctx.db, OFFICE_KEY, JSON.stringify({ kind: input.kind, ref, name }))
    putSetting(ctx.db, MODE_KEY, 'real')
    const user = setupAdministrator(ctx, { username: input.username, displayName: input.displayName, password: input.password, scopeKind: input.kind, scopeRef: ref })
    return { office: { kind: input.kind, ref, name }, user }
  })
}

/** Districts by code prefix or a part of the name (浦东, 310115). */
export function findDistricts(search: string, resourcesDir = findResourcesDir()) {
  const s = search.trim()
  const all = /^\d+$/.test(s) ? listDistricts(resourcesDir, s) : listDistricts(resourcesDir, '').filter((d) => !s || d.name.includes(s) || d.parent.includes(s))
  return { rows: all.slice(0, 50), total: all.length }
}

/** The first steps of a new district network (dashboard), shown until each is done. */
export function firstSteps(ctx: ServiceContext) {
  if (ctx.actor.scope.kind !== 'district' && !ctx.actor.roles.includes('admin')) {
    throw new AppError('FORBIDDEN', { reason: '不在管辖范围内', reasonEn: 'out of scope' }, {}, 403)
  }
  const m = mode(ctx)
  const applies = m === 'real' && !getSetting(ctx.db, OFFICE_KEY)
  const populated = ctx.db.select({ n: sql<number>`count(*)` }).from(regions).where(sql`${regions.population} IS NOT NULL`).get()!.n > 0
  const steps = {
    sites: count(ctx, sites) > 0,
    stock: count(ctx, stockBalances) > 0,
    populations: populated,
    targets: !!getSetting(ctx.db, TARGETS_CHECKED_KEY),
  }
  return { applies, steps, done: Object.values(steps).every(Boolean) }
}

export function markTargetsChecked(ctx: ServiceContext) {
  if (ctx.actor.scope.kind !== 'district' && !ctx.actor.roles.includes('admin')) {
    throw new AppError('FORBIDDEN', { reason: '不在管辖范围内', reasonEn: 'out of scope' }, {}, 403)
  }
  putSetting(ctx.db, TARGETS_CHECKED_KEY, ctx.today())
  return firstSteps(ctx)
}
