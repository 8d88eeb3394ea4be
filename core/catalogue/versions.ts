/**
 * 指导目录的年度版本: per plan year, an item's unit price (what that year's budget uses) and whether the item is in
 * that year's catalogue. A planner copies one year's catalogue to the next and edits it; a year × item without a
 * version row reads as the item itself (its own price, in the catalogue while the item is active).
 *
 * Both events are mutable records merged last-writer-wins per field (core/sync/lww.ts), entity `catalogue_version`
 * with id `<year>|<itemId>`; a local edit and a received one go through the same `applyCatalogueVersionEvent`.
 */
import { and, asc, eq } from 'drizzle-orm'
import { catalogueVersions, items } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { appendEvent, type DbOrTx } from '../sync/events'
import { AppError } from '../common/errors'
import { hlcOfEvent, lww, lwwBases } from '../sync/lww'

export const CATALOGUE_VERSION_ENTITY = 'catalogue_version'
const FIELDS = ['unitPrice', 'included'] as const

export interface VersionRow { itemId: string; unitPrice: number | null; included: boolean }
export interface VersionSavedPayload { planYear: number; itemId: string; unitPrice: number | null; included: boolean; bases?: Record<string, string | null> }
export interface VersionCopiedPayload { fromYear: number; toYear: number; rows: VersionRow[] }

const entityId = (planYear: number, itemId: string) => `${planYear}|${itemId}`

/** Writes one year × item's fields if they win by clock; creates the row the first time. Deterministic. */
function applyRow(tx: DbOrTx, planYear: number, row: VersionRow, eventId: string, hlc: string, bases?: Record<string, string | null>): void {
  const where = and(eq(catalogueVersions.planYear, planYear), eq(catalogueVersions.itemId, row.itemId))
  const cur = tx.select().from(catalogueVersions).where(where).get()
  const win = lww(tx, {
    entity: CATALOGUE_VERSION_ENTITY, entityId: entityId(planYear, row.itemId), eventId, hlc,
    fields: { unitPrice: row.unitPrice, included: row.included }, bases,
    current: cur ? { unitPrice: cur.unitPrice, included: cur.included } : undefined,
  })
  if (!cur) tx.insert(catalogueVersions).values({ planYear, itemId: row.itemId, unitPrice: null, included: true }).run()
  if (Object.keys(win).length) tx.update(catalogueVersions).set(win).where(where).run()
}

/** The applier of `catalogue.versionSaved` and `catalogue.versionCopied`, for local and received events alike. */
export function applyCatalogueVersionEvent(tx: DbOrTx, e: { id: string; hlc: string; type: string; payload: unknown }): void {
  if (e.type === 'catalogue.versionSaved') {
    const p = e.payload as VersionSavedPayload
    applyRow(tx, p.planYear, { itemId: p.itemId, unitPrice: p.unitPrice ?? null, included: p.included }, e.id, e.hlc, p.bases)
  } else if (e.type === 'catalogue.versionCopied') {
    const p = e.payload as VersionCopiedPayload
    for (const r of p.rows) applyRow(tx, p.toYear, r, e.id, e.hlc)
  } else throw new Error(`not a catalogue version event: ${e.type}`)
}

/** What one year's catalogue says for every item: its own version row, or the item's own values. */
export function catalogueVersion(ctx: { db: DbOrTx }, planYear: number) {
  const own = new Map(ctx.db.select().from(catalogueVersions).where(eq(catalogueVersions.planYear, planYear)).all().map((v) => [v.itemId, v]))
  const rows = ctx.db.select({ id: items.id, unitPrice: items.unitPrice, active: items.active }).from(items).orderBy(asc(items.code)).all()
    .map((i) => {
      const v = own.get(i.id)
      return {
        itemId: i.id, versioned: !!v, ownPrice: v?.unitPrice ?? null, itemPrice: i.unitPrice,
        unitPrice: v?.unitPrice ?? i.unitPrice, included: v ? v.included : i.active,
      }
    })
  return { planYear, versioned: own.size > 0, years: versionYears(ctx), rows }
}

export function versionYears(ctx: { db: DbOrTx }): number[] {
  return ctx.db.selectDistinct({ y: catalogueVersions.planYear }).from(catalogueVersions).orderBy(asc(catalogueVersions.planYear)).all().map((r) => r.y)
}

/** The price each item has in a plan year: the year's own price, else the item's; items left out of the year are listed apart. */
export function yearPrices(db: DbOrTx, planYear: number): { price: Map<string, number>; excluded: Set<string> } {
  const price = new Map<string, number>()
  const excluded = new Set<string>()
  for (const i of db.select({ id: items.id, p: items.unitPrice }).from(items).all()) price.set(i.id, i.p ?? 0)
  for (const v of db.select().from(catalogueVersions).where(eq(catalogueVersions.planYear, planYear)).all()) {
    if (v.unitPrice != null) price.set(v.itemId, v.unitPrice)
    if (!v.included) excluded.add(v.itemId)
  }
  return { price, excluded }
}

/** Sets one item's price and place in one year's catalogue. `unitPrice: null` = use the item's own price. */
export function saveCatalogueVersion(ctx: ServiceContext, input: { planYear: number; itemId: string; unitPrice: number | null; included: boolean }): VersionRow & { planYear: number } {
  ctx.db.transaction((tx) => {
    if (!tx.select({ id: items.id }).from(items).where(eq(items.id, input.itemId)).get()) {
      throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id: input.itemId }, { field: 'itemId' })
    }
    const payload: VersionSavedPayload = {
      planYear: input.planYear, itemId: input.itemId, unitPrice: input.unitPrice, included: input.included,
      bases: lwwBases(tx, CATALOGUE_VERSION_ENTITY, entityId(input.planYear, input.itemId), [...FIELDS]),
    }
    const id = appendEvent(tx, ctx, { type: 'catalogue.versionSaved', entityId: entityId(input.planYear, input.itemId), payload })
    applyCatalogueVersionEvent(tx, { id, hlc: hlcOfEvent(tx, id), type: 'catalogue.versionSaved', payload })
  })
  return { planYear: input.planYear, itemId: input.itemId, unitPrice: input.unitPrice, included: input.included }
}

/**
 * Starts a plan year's catalogue from another year's: every item's price and place as that year reads them (its
 * own version, or the item's values). Refuses if the new year already has a catalogue version.
 */
export function copyCatalogueVersion(ctx: ServiceContext, fromYear: number, toYear: number): { copied: number } {
  if (fromYear === toYear) throw new AppError('CATALOGUE_YEAR_SAME', { year: toYear }, { field: 'toYear' })
  return ctx.db.transaction((tx) => {
    if (tx.select({ y: catalogueVersions.planYear }).from(catalogueVersions).where(eq(catalogueVersions.planYear, toYear)).get()) {
      throw new AppError('CATALOGUE_YEAR_EXISTS', { year: toYear }, { field: 'toYear' })
    }
    const rows: VersionRow[] = catalogueVersion({ db: tx }, fromYear).rows
      .map((r) => ({ itemId: r.itemId, unitPrice: r.unitPrice ?? null, included: r.included }))
    const payload: VersionCopiedPayload = { fromYear, toYear, rows }
    const id = appendEvent(tx, ctx, { type: 'catalogue.versionCopied', entityId: String(toYear), payload })
    applyCatalogueVersionEvent(tx, { id, hlc: hlcOfEvent(tx, id), type: 'catalogue.versionCopied', payload })
    return { copied: rows.length }
  })
}
