/**
 * 预警: what a keeper must act on, computed from the balances (never stored, so never stale).
 *
 * - expired (已过期): a lot with stock whose expiry date is before today.
 * - expiring30 (近效期): expiry within the category's near threshold (default 30 days, today included).
 * - expiring90 (临期): expiry after the near threshold and within the far threshold (default 90 days).
 * - rotation (轮换到期): an item with a shelf life whose lot has used at least 2/3 of it — counted from the production
 *   date, or from expiry minus the shelf life when only the expiry is known — and is not yet in a window above. The
 *   usual practice for reserves: rotate them out (issue, sell or donate) while a third of their life remains.
 * - belowMinimum (低于最低储备): an active site holding less usable (non-expired) stock of an item than the minimum of
 *   the target that applies to it: a site's own target first, then one for its region (community or street), then
 *   the tier's; of the plan year of today, or else the latest plan year before it. `per1000` targets scale by the
 *   region's population and are skipped where it is unknown. Targets without a minimum raise nothing.
 *
 * A lot appears once, under its most urgent kind (expired, then expiring30, expiring90, rotation).
 * Thresholds per category are a setting of this installation (`alerts.thresholds`).
 */
import { eq } from 'drizzle-orm'
import { putSetting } from '../common/settings'
import { settings } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { scopeCondition } from '../people/scope'

export const ALERT_KINDS = ['expired', 'expiring30', 'expiring90', 'rotation', 'belowMinimum'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

export const ROTATION_SHARE = 2 / 3
export interface Window { near: number; far: number }
export interface Thresholds { default: Window; categories: Record<string, Window> }
export const DEFAULT_THRESHOLDS: Thresholds = { default: { near: 30, far: 90 }, categories: {} }
const KEY = 'alerts.thresholds'

export interface AlertRow {
  id: string
  kind: AlertKind
  siteId: string; siteName: string; siteTier: string
  itemId: string; itemCode: string; itemName: string; category: string; unit: string
  lotId: string | null; lotNo: string | null
  productionDate: string | null; expiryDate: string | null; daysToExpiry: number | null
  /** the lot's quantity, or for belowMinimum the site's usable quantity of the item */
  quantity: number
  minimum: number | null
  shortBy: number | null
  /** share of the shelf life used, in percent (rotation) */
  lifeUsed: number | null
}

export interface AlertQuery { siteId?: string; streetCode?: string; kind?: AlertKind; category?: string }

export function getThresholds(ctx: ServiceContext): Thresholds {
  const row = ctx.db.select().from(settings).where(eq(settings.key, KEY)).get()
  if (!row) return DEFAULT_THRESHOLDS
  const t = JSON.parse(row.value) as Thresholds
  return { default: t.default ?? DEFAULT_THRESHOLDS.default, categories: t.categories ?? {} }
}

export function setThresholds(ctx: ServiceContext, t: Thresholds): Thresholds {
  const check = (w: Window, field: string) => { if (w.near > w.far) throw new AppError('ALERT_NEAR_AFTER_FAR', { near: w.near, far: w.far }, { field }) }
  check(t.default, 'default')
  for (const [c, w] of Object.entries(t.categories)) check(w, c)
  const value = JSON.stringify(t)
  putSetting(ctx.db, KEY, value)
  return getThresholds(ctx)
}

const DAY = 86_400_000
const dayNo = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY
const plusDays = (iso: string, n: number) => new Date((dayNo(iso) + n) * DAY).toISOString().slice(0, 10)

/** The sites an alert query looks at: active, the filter's, and never beyond the caller's scope (as the stock grid). */
function siteFilter(ctx: ServiceContext, q: AlertQuery, args: unknown[]): string {
  const where: string[] = ["s.status = 'active'"]
  const scoped = scopeCondition(ctx, 's.id')
  if (scoped) { where.push(scoped.clause); args.push(...scoped.args) }
  if (q.siteId) { where.push('s.id = ?'); args.push(q.siteId) }
  if (q.streetCode) {
    where.push('(s.region_code = ? OR s.region_code IN (SELECT code FROM regions WHERE parent_code = ?))')
    args.push(q.streetCode, q.streetCode)
  }
  if (q.category) { where.push('i.category = ?'); args.push(q.category) }
  return where.join(' AND ')
}

export function listAlerts(ctx: ServiceContext, q: AlertQuery = {}): AlertRow[] {
  const out: AlertRow[] = []
  if (q.kind !== 'belowMinimum') out.push(...lotAlerts(ctx, q))
  if (!q.kind || q.kind === 'belowMinimum') out.push(...minimumAlerts(ctx, q))
  const order = Object.fromEntries(ALERT_KINDS.map((k, i) => [k, i]))
  return out
    .filter((a) => !q.kind || a.kind === q.kind)
    .sort((a, b) => order[a.kind] - order[b.kind] || (a.daysToExpiry ?? 1e9) - (b.daysToExpiry ?? 1e9) || a.siteName.localeCompare(b.siteName) || a.itemCode.localeCompare(b.itemCode))
}

export function alertSummary(ctx: ServiceContext, q: Omit<AlertQuery, 'kind'> = {}): Record<AlertKind, number> & { total: number } {
  const counts = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>
  for (const a of listAlerts(ctx, q)) counts[a.kind]++
  return { ...counts, total: ALERT_KINDS.reduce((n, k) => n + counts[k], 0) }
}

function lotAlerts(ctx: ServiceContext, q: AlertQuery): AlertRow[] {
  const today = ctx.today()
  const th = getThresholds(ctx)
  const maxFar = Math.max(th.default.far, ...Object.values(th.categories).map((w) => w.far))
  const args: unknown[] = []
  const where = siteFilter(ctx, q, args)
  // Candidates: any lot that expires within the widest window, or whose item has a shelf life (rotation).
  const rows = ctx.db.$client.prepare(`SELECT s.id AS siteId, s.name AS siteName, s.tier AS siteTier, i.id AS itemId, i.code AS itemCode,
      i.name AS itemName, i.category AS category, i.unit AS unit, i.shelf_life_days AS shelfLife, l.id AS lotId, l.lot_no AS lotNo,
      l.production_date AS productionDate, l.expiry_date AS expiryDate, b.quantity AS quantity
    FROM stock_balances b JOIN sites s ON s.id = b.site_id JOIN items i ON i.id = b.item_id JOIN lots l ON l.id = b.lot_id
    WHERE b.quantity > 0 AND ${where} AND ((l.expiry_date IS NOT NULL AND l.expiry_date <= ?) OR i.shelf_life_days > 0)`)
    .all(...args, plusDays(today, maxFar)) as Array<Omit<AlertRow, 'id' | 'kind' | 'daysToExpiry' | 'minimum' | 'shortBy' | 'lifeUsed'> & { shelfLife: number | null }>
  const out: AlertRow[] = []
  const t0 = dayNo(today)
  for (const { shelfLife, ...r } of rows) {
    const w = th.categories[r.category] ?? th.default
    const days = r.expiryDate ? dayNo(r.expiryDate) - t0 : null
    let kind: AlertKind | null = null
    let lifeUsed: number | null = null
    if (days !== null && days < 0) kind = 'expired'
    else if (days !== null && days <= w.near) kind = 'expiring30'
    else if (days !== null && days <= w.far) kind = 'expiring90'
    else if (shelfLife && shelfLife > 0) {
      const start = r.productionDate ? dayNo(r.productionDate) : r.expiryDate ? dayNo(r.expiryDate) - shelfLife : null
      if (start !== null) {
        const used = (t0 - start) / shelfLife
        if (used >= ROTATION_SHARE) { kind = 'rotation'; lifeUsed = Math.round(used * 100) }
      }
    }
    if (kind) out.push({ ...r, id: `${kind}:${r.siteId}:${r.lotId}`, kind, daysToExpiry: days, minimum: null, shortBy: null, lifeUsed })
  }
  return out
}

interface TargetRow { planYear: number; tier: string; itemId: string; mode: 'fixed' | 'per1000'; minimum: number | null; regionCode: string | null; siteId: string | null }

function minimumAlerts(ctx: ServiceContext, q: AlertQuery): AlertRow[] {
  const client = ctx.db.$client
  const today = ctx.today()
  const year = Number(today.slice(0, 4))
  const planYear = (client.prepare('SELECT max(plan_year) AS y FROM tier_targets WHERE plan_year <= ? AND minimum IS NOT NULL').get(year) as { y: number | null }).y
  if (planYear == null) return []
  const targets = client.prepare(`SELECT plan_year AS planYear, tier, item_id AS itemId, mode, minimum, region_code AS regionCode, site_id AS siteId
    FROM tier_targets WHERE plan_year = ?`).all(planYear) as TargetRow[]
  // The most specific target per (site | region | tier) × item.
  const bySite = new Map<string, TargetRow>()
  const byRegion = new Map<string, TargetRow>()
  const byTier = new Map<string, TargetRow>()
  for (const t of targets) {
    if (t.siteId) bySite.set(`${t.siteId}|${t.itemId}`, t)
    else if (t.regionCode) byRegion.set(`${t.tier}|${t.regionCode}|${t.itemId}`, t)
    else byTier.set(`${t.tier}|${t.itemId}`, t)
  }
  const itemIds = [...new Set(targets.map((t) => t.itemId))]
  if (!itemIds.length) return []
  const args: unknown[] = []
  const where = siteFilter(ctx, q, args)
  const sitesAndItems = client.prepare(`SELECT s.id AS siteId, s.name AS siteName, s.tier AS siteTier, s.region_code AS regionCode,
      r.parent_code AS parentCode, r.population AS population, i.id AS itemId, i.code AS itemCode, i.name AS itemName,
      i.category AS category, i.unit AS unit,
      coalesce((SELECT sum(max(b.quantity, 0)) FROM stock_balances b JOIN lots l ON l.id = b.lot_id
        WHERE b.site_id = s.id AND b.item_id = i.id AND (l.expiry_date IS NULL OR l.expiry_date >= ?)), 0) AS quantity
    FROM sites s JOIN items i LEFT JOIN regions r ON r.code = s.region_code
    WHERE i.id IN (${itemIds.map(() => '?').join(',')}) AND ${where}`)
    .all(today, ...itemIds, ...args) as Array<{
      siteId: string; siteName: string; siteTier: string; regionCode: string; parentCode: string | null; population: number | null
      itemId: string; itemCode: string; itemName: string; category: string; unit: string; quantity: number
    }>
  const out: AlertRow[] = []
  for (const r of sitesAndItems) {
    const t = bySite.get(`${r.siteId}|${r.itemId}`) ?? byRegion.get(`${r.siteTier}|${r.regionCode}|${r.itemId}`)
      ?? (r.parentCode ? byRegion.get(`${r.siteTier}|${r.parentCode}|${r.itemId}`) : undefined) ?? byTier.get(`${r.siteTier}|${r.itemId}`)
    if (!t || t.minimum == null) continue
    if (t.tier !== r.siteTier && !t.siteId) continue
    let minimum = t.minimum
    if (t.mode === 'per1000') {
      if (!r.population) continue
      minimum = Math.ceil((t.minimum * r.population) / 1000)
    }
    if (r.quantity >= minimum) continue
    out.push({
      id: `belowMinimum:${r.siteId}:${r.itemId}`, kind: 'belowMinimum', siteId: r.siteId, siteName: r.siteName, siteTier: r.siteTier,
      itemId: r.itemId, itemCode: r.itemCode, itemName: r.itemName, category: r.category, unit: r.unit, lotId: null, lotNo: null,
      productionDate: null, expiryDate: null, daysToExpiry: null, quantity: r.quantity, minimum, shortBy: minimum - r.quantity, lifeUsed: null,
    })
  }
  return out
}
