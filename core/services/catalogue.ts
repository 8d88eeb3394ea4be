/**
 * 指导目录: the items the network stocks, and the targets per tier × item for each plan year.
 * A plan year's catalogue version is the set of targets for that year (copied forward from the year before and
 * then edited); items are shared by all years, and an item without targets in a year is simply not asked for.
 */
import { and, asc, eq } from 'drizzle-orm'
import { items, regions, settings, sites, tierTargets } from '../../db/schema'
import type { ServiceContext } from '../context'
import { appendEvent } from '../events'
import { AppError } from '../errors'
import { newId } from '../ids'

export function listItems(ctx: ServiceContext) {
  return ctx.db.select().from(items).where(eq(items.active, true)).orderBy(asc(items.code)).all()
}

export function allItems(ctx: ServiceContext) {
  return ctx.db.select().from(items).orderBy(asc(items.code)).all()
}

export interface ItemFields {
  code: string; name: string; category: string; nationalCode?: string | null; unit: string; spec?: string | null
  shelfLifeDays?: number | null; returnable: boolean; lotTracked: boolean; unitPrice?: number | null; active?: boolean
}

/** Adds an item or changes one (by id); the code stays unique. */
export function saveItem(ctx: ServiceContext, input: ItemFields & { id?: string }): { id: string } {
  const id = input.id ?? newId()
  ctx.db.transaction((tx) => {
    const clash = tx.select({ id: items.id, name: items.name }).from(items).where(eq(items.code, input.code)).get()
    if (clash && clash.id !== id) throw new AppError('ITEM_CODE_TAKEN', { code: input.code, item: clash.name }, { field: 'code' })
    const exists = tx.select({ id: items.id }).from(items).where(eq(items.id, id)).get()
    if (input.id && !exists) throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id }, { field: 'id' })
    const row = {
      code: input.code, name: input.name, category: input.category, nationalCode: input.nationalCode ?? null, unit: input.unit,
      spec: input.spec ?? null, shelfLifeDays: input.shelfLifeDays ?? null, returnable: input.returnable, lotTracked: input.lotTracked,
      unitPrice: input.unitPrice ?? null, active: input.active ?? true,
    }
    appendEvent(tx, ctx, { type: exists ? 'item.updated' : 'item.created', entityId: id, payload: row })
    if (exists) tx.update(items).set(row).where(eq(items.id, id)).run()
    else tx.insert(items).values({ id, ...row }).run()
  })
  return { id }
}

// Targets ---------------------------------------------------------------------------------------------------------

export type Tier = 'district' | 'street' | 'community'
export interface TargetFields {
  planYear: number; tier: Tier; itemId: string; mode: 'fixed' | 'per1000'; quantity: number; minimum?: number | null
  required: boolean; regionCode?: string | null; siteId?: string | null
}

export function listTargets(ctx: ServiceContext, planYear: number) {
  return ctx.db.select().from(tierTargets).where(eq(tierTargets.planYear, planYear))
    .orderBy(asc(tierTargets.tier), asc(tierTargets.itemId)).all()
}

export function planYears(ctx: ServiceContext): number[] {
  const rows = ctx.db.$client.prepare('SELECT DISTINCT plan_year AS y FROM tier_targets ORDER BY y').all() as Array<{ y: number }>
  return rows.map((r) => r.y)
}

/** Adds or changes one target; one base target per year × tier × item, and one per override. */
export function saveTarget(ctx: ServiceContext, input: TargetFields & { id?: string }): { id: string } {
  const id = input.id ?? newId()
  ctx.db.transaction((tx) => {
    if (!tx.select({ id: items.id }).from(items).where(eq(items.id, input.itemId)).get()) {
      throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id: input.itemId }, { field: 'itemId' })
    }
    if (input.regionCode && !tx.select({ c: regions.code }).from(regions).where(eq(regions.code, input.regionCode)).get()) {
      throw new AppError('NOT_FOUND', { what: '区域', whatEn: 'Region', id: input.regionCode }, { field: 'regionCode' })
    }
    if (input.siteId) {
      const site = tx.select({ tier: sites.tier }).from(sites).where(eq(sites.id, input.siteId)).get()
      if (!site) throw new AppError('NOT_FOUND', { what: '储备点', whatEn: 'Site', id: input.siteId }, { field: 'siteId' })
      if (site.tier !== input.tier) throw new AppError('TARGET_SITE_TIER', {}, { field: 'siteId' })
    }
    if (input.minimum != null && input.minimum > input.quantity && input.mode === 'fixed') {
      throw new AppError('TARGET_MINIMUM', {}, { field: 'minimum' })
    }
    const same = tx.select({ id: tierTargets.id, regionCode: tierTargets.regionCode, siteId: tierTargets.siteId }).from(tierTargets)
      .where(and(eq(tierTargets.planYear, input.planYear), eq(tierTargets.tier, input.tier), eq(tierTargets.itemId, input.itemId))).all()
      .find((t) => t.id !== id && (t.regionCode ?? null) === (input.regionCode ?? null) && (t.siteId ?? null) === (input.siteId ?? null))
    if (same) throw new AppError('TARGET_DUPLICATE', {}, { field: 'itemId' })
    const row = {
      planYear: input.planYear, tier: input.tier, itemId: input.itemId, mode: input.mode, quantity: input.quantity,
      minimum: input.minimum ?? null, required: input.required, regionCode: input.regionCode ?? null, siteId: input.siteId ?? null,
    }
    const exists = tx.select({ id: tierTargets.id }).from(tierTargets).where(eq(tierTargets.id, id)).get()
    appendEvent(tx, ctx, { type: 'target.saved', entityId: id, payload: row })
    if (exists) tx.update(tierTargets).set(row).where(eq(tierTargets.id, id)).run()
    else tx.insert(tierTargets).values({ id, ...row }).run()
  })
  return { id }
}

export function deleteTarget(ctx: ServiceContext, id: string): void {
  ctx.db.transaction((tx) => {
    if (!tx.select({ id: tierTargets.id }).from(tierTargets).where(eq(tierTargets.id, id)).get()) {
      throw new AppError('NOT_FOUND', { what: '储备标准', whatEn: 'Target', id }, { field: 'id' })
    }
    appendEvent(tx, ctx, { type: 'target.deleted', entityId: id, payload: {} })
    tx.delete(tierTargets).where(eq(tierTargets.id, id)).run()
  })
}

/** Starts a new plan year's version from an earlier one; refuses if the new year already has targets. */
export function copyTargets(ctx: ServiceContext, fromYear: number, toYear: number): { copied: number } {
  return ctx.db.transaction((tx) => {
    if (tx.select({ id: tierTargets.id }).from(tierTargets).where(eq(tierTargets.planYear, toYear)).get()) {
      throw new AppError('TARGET_YEAR_EXISTS', { year: toYear }, { field: 'toYear' })
    }
    const source = tx.select().from(tierTargets).where(eq(tierTargets.planYear, fromYear)).all()
    const rows = source.map((t) => ({ ...t, id: newId(), planYear: toYear }))
    appendEvent(tx, ctx, { type: 'targets.copied', entityId: String(toYear), payload: { fromYear, toYear, targets: rows } })
    for (let i = 0; i < rows.length; i += 200) tx.insert(tierTargets).values(rows.slice(i, i + 200)).run()
    return { copied: rows.length }
  })
}

// Populations -----------------------------------------------------------------------------------------------------

/** Sets region populations (for per-1 000-residents targets); all rows or none. */
export function setPopulations(ctx: ServiceContext, rows: Array<{ code: string; population: number | null }>): { updated: number } {
  return ctx.db.transaction((tx) => {
    rows.forEach((r, i) => {
      if (!tx.select({ c: regions.code }).from(regions).where(eq(regions.code, r.code)).get()) {
        throw new AppError('NOT_FOUND', { what: '区域', whatEn: 'Region', id: r.code }, { row: i + 1, field: 'code' })
      }
    })
    appendEvent(tx, ctx, { type: 'regions.population', entityId: 'regions', payload: { rows } })
    for (const r of rows) tx.update(regions).set({ population: r.population }).where(eq(regions.code, r.code)).run()
    return { updated: rows.length }
  })
}

// The counting rule for agreement stock -------------------------------------------------------------------------

export const AGREEMENT_WEIGHTS = [1, 0.5, 0] as const
export type AgreementWeight = (typeof AGREEMENT_WEIGHTS)[number]
const WEIGHT_KEY = 'compliance.agreementWeight'

export function agreementWeight(ctx: ServiceContext): AgreementWeight {
  const v = ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, WEIGHT_KEY)).get()?.value
  const n = v === undefined ? 1 : Number(v)
  return (AGREEMENT_WEIGHTS as readonly number[]).includes(n) ? (n as AgreementWeight) : 1
}

export function setAgreementWeight(ctx: ServiceContext, weight: AgreementWeight): void {
  ctx.db.transaction((tx) => {
    appendEvent(tx, ctx, { type: 'setting.changed', entityId: WEIGHT_KEY, payload: { value: weight } })
    tx.insert(settings).values({ key: WEIGHT_KEY, value: String(weight) })
      .onConflictDoUpdate({ target: settings.key, set: { value: String(weight) } }).run()
  })
}
