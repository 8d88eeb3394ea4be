/**
 * 指导目录: the items the network stocks, and the targets per tier × item for each plan year.
 * A plan year's catalogue version is the set of targets for that year (copied forward from the year before and
 * then edited); items are shared by all years, and an item without targets in a year is simply not asked for.
 */
import { createHash } from 'node:crypto'
import { and, asc, eq, sql } from 'drizzle-orm'
import { fieldClocks, items, regions, settings, sites, tierTargets } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { appendEvent, type DbOrTx } from '../sync/events'
import { AppError } from '../common/errors'
import { newId } from '../common/ids'
import { REGION_ENTITY } from '../network/divisions'
import { checkNationalCode, normaliseNationalCode } from './national-code'
import { hlcOfEvent, lww, lwwBases, lwwFirstWrites } from '../sync/lww'
import { applyDeletableRecord, applyRecord, changedFields, pick, type RecordEvent } from '../sync/records'

/** An event as the appliers below need it (a local one right after appendEvent, or a received one). */
export interface AppliedEvent extends RecordEvent { type: string; entityId: string; payload: unknown }

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

export const ITEM_ENTITY = 'item'
const ITEM_FIELDS = ['code', 'name', 'category', 'nationalCode', 'unit', 'spec', 'shelfLifeDays', 'returnable', 'lotTracked', 'unitPrice', 'active'] as const
/** `item.created` / `item.updated`: the whole row, and (since sync of records) which fields changed and what the editor saw. */
export type ItemPayload = Record<(typeof ITEM_FIELDS)[number], unknown> & { changed?: string[]; bases?: Record<string, string | null> }

/**
 * A new item's id is derived from its code, so two offices that add the same code offline (both importing the
 * same catalogue file, say) make one item, merged field by field, rather than two that the unique code index would
 * leave pending forever. A code whose derived id is taken (the item was renamed since) gets a random id.
 */
export const itemIdFor = (code: string): string => 'I' + createHash('sha1').update(code.trim()).digest('hex').slice(0, 20)

/** Adds an item or changes one (by id); the code stays unique. */
export function saveItem(ctx: ServiceContext, input: ItemFields & { id?: string }): { id: string } {
  return ctx.db.transaction((tx) => {
    const derived = itemIdFor(input.code)
    const id = input.id ?? (tx.select({ id: items.id }).from(items).where(eq(items.id, derived)).get() ? newId() : derived)
    const clash = tx.select({ id: items.id, name: items.name }).from(items).where(eq(items.code, input.code)).get()
    if (clash && clash.id !== id) throw new AppError('ITEM_CODE_TAKEN', { code: input.code, item: clash.name }, { field: 'code' })
    const cur = tx.select().from(items).where(eq(items.id, id)).get()
    if (input.id && !cur) throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id }, { field: 'id' })
    const nationalCode = itemNationalCode(input.nationalCode, cur?.nationalCode ?? null)
    const row = {
      code: input.code, name: input.name, category: input.category, nationalCode, unit: input.unit,
      spec: input.spec ?? null, shelfLifeDays: input.shelfLifeDays ?? null, returnable: input.returnable, lotTracked: input.lotTracked,
      unitPrice: input.unitPrice ?? null, active: input.active ?? true,
    }
    const changed = changedFields(cur && pick(cur, ITEM_FIELDS), row)
    const payload: ItemPayload = { ...row, changed, bases: lwwBases(tx, ITEM_ENTITY, id, changed) }
    const type = cur ? 'item.updated' : 'item.created'
    const eventId = appendEvent(tx, ctx, { type, entityId: id, payload })
    applyItemEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type, entityId: id, payload })
    return { id }
  })
}

/**
 * An item's GB/T 38565 class as stored: digits only (full-width digits, spaces and level separators read as meant,
 * national-code.ts), '' = none; a code that is not a class code is refused naming the field — except the value the
 * item already holds (free text from before codes were checked), so an unrelated edit is not blocked by it.
 */
export function itemNationalCode(given: string | null | undefined, held: string | null): string | null {
  if (given == null || normaliseNationalCode(given) === '') return null
  if (held !== null && given === held) return held
  const c = checkNationalCode(given)
  if (!c.ok) throw new AppError(c.problem.code, c.problem.params, { field: 'nationalCode' })
  return c.code
}

/**
 * Codes held by more than one item. An office refuses a code it already holds (ITEM_CODE_TAKEN), but two district
 * offices can create or rename items under one code while apart; sync keeps both (the stock and targets that name
 * them must survive), and the planners see the clash in the conflicts list until one is renamed. Imports refuse a
 * row naming such a code (it would be ambiguous). Derived from the items, so every office lists the same clashes.
 */
export function duplicateItemCodes(tx: DbOrTx): Array<{ code: string; items: Array<{ id: string; name: string }> }> {
  const dup = tx.select({ id: items.id, code: items.code, name: items.name }).from(items)
    .where(sql`${items.code} IN (SELECT code FROM items GROUP BY code HAVING count(*) > 1)`).orderBy(items.code, items.id).all()
  const out = new Map<string, { code: string; items: Array<{ id: string; name: string }> }>()
  for (const r of dup) {
    const c = out.get(r.code) ?? { code: r.code, items: [] }
    c.items.push({ id: r.id, name: r.name })
    out.set(r.code, c)
  }
  return [...out.values()]
}

/** `item.created` and `item.updated`, local and received: per-field LWW over the changed fields. */
export function applyItemEvent(tx: DbOrTx, e: AppliedEvent): void {
  const p = e.payload as ItemPayload
  applyRecord(tx, items, eq(items.id, e.entityId), { id: e.entityId }, e, {
    entity: ITEM_ENTITY, entityId: e.entityId, row: pick(p, ITEM_FIELDS), changed: p.changed, bases: p.bases,
  })
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
    const payload: TargetSavedPayload = { ...row, bases: lwwBases(tx, TARGET_ENTITY, id, [...TARGET_FIELDS, 'deleted']) }
    const eventId = appendEvent(tx, ctx, { type: 'target.saved', entityId: id, payload })
    applyTargetEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'target.saved', entityId: id, payload })
  })
  return { id }
}

export function deleteTarget(ctx: ServiceContext, id: string): void {
  ctx.db.transaction((tx) => {
    if (!tx.select({ id: tierTargets.id }).from(tierTargets).where(eq(tierTargets.id, id)).get()) {
      throw new AppError('NOT_FOUND', { what: '储备标准', whatEn: 'Target', id }, { field: 'id' })
    }
    const payload = { bases: lwwBases(tx, TARGET_ENTITY, id, ['deleted']) }
    const eventId = appendEvent(tx, ctx, { type: 'target.deleted', entityId: id, payload })
    applyTargetEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'target.deleted', entityId: id, payload })
  })
}

/**
 * The id a target copied into a year gets: derived from the target it was copied from, so two offices that copy the
 * same year while offline make the same targets (merged field by field) rather than two of each.
 */
export const copiedTargetId = (sourceId: string, toYear: number): string =>
  'T' + createHash('sha1').update(`${sourceId}\u0000${toYear}`).digest('hex').slice(0, 20)

/** Starts a new plan year's version from an earlier one; refuses if the new year already has targets. */
export function copyTargets(ctx: ServiceContext, fromYear: number, toYear: number): { copied: number } {
  return ctx.db.transaction((tx) => {
    if (tx.select({ id: tierTargets.id }).from(tierTargets).where(eq(tierTargets.planYear, toYear)).get()) {
      throw new AppError('TARGET_YEAR_EXISTS', { year: toYear }, { field: 'toYear' })
    }
    const source = tx.select().from(tierTargets).where(eq(tierTargets.planYear, fromYear)).orderBy(asc(tierTargets.id)).all()
    const rows = source.map((t) => ({ ...t, id: copiedTargetId(t.id, toYear), planYear: toYear }))
    const payload = { fromYear, toYear, targets: rows }
    const eventId = appendEvent(tx, ctx, { type: 'targets.copied', entityId: String(toYear), payload })
    applyTargetEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'targets.copied', entityId: String(toYear), payload })
    return { copied: rows.length }
  })
}

export const TARGET_ENTITY = 'target'
const TARGET_FIELDS = ['planYear', 'tier', 'itemId', 'mode', 'quantity', 'minimum', 'required', 'regionCode', 'siteId'] as const
export type TargetSavedPayload = Record<(typeof TARGET_FIELDS)[number], unknown> & { bases?: Record<string, string | null> }

/**
 * `target.saved`, `target.deleted`, `targets.copied`, local and received. A target is a deletable record
 * (sync/records.ts): each save and each copied row states the whole target; a deletion is a tombstone. A save and
 * a deletion made concurrently resolve by clock (the later one holds) and the loser is listed in conflicts.
 */
export function applyTargetEvent(tx: DbOrTx, e: AppliedEvent): void {
  const one = (id: string, row: Record<string, unknown> | null, bases?: Record<string, string | null>) =>
    applyDeletableRecord(tx, tierTargets, eq(tierTargets.id, id), { id }, e, { entity: TARGET_ENTITY, entityId: id, row, bases })
  if (e.type === 'target.saved') {
    const p = e.payload as TargetSavedPayload
    one(e.entityId, pick(p, TARGET_FIELDS), p.bases)
  } else if (e.type === 'target.deleted') {
    one(e.entityId, null, (e.payload as { bases?: Record<string, string | null> } | null)?.bases)
  } else if (e.type === 'targets.copied') {
    for (const t of (e.payload as { targets: Array<Record<string, unknown> & { id: string }> }).targets) one(t.id, pick(t, TARGET_FIELDS))
  } else throw new Error(`not a target event: ${e.type}`)
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
    const bases = Object.fromEntries(rows.map((r) => [r.code, lwwBases(tx, REGION_ENTITY, r.code, ['population']).population]))
    const payload = { rows, bases }
    const eventId = appendEvent(tx, ctx, { type: 'regions.population', entityId: 'regions', payload })
    applyPopulationsEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'regions.population', entityId: 'regions', payload })
    return { updated: rows.length }
  })
}

/**
 * `regions.population`, local and received: each region's population is a field merged by ../sync/lww.ts, the
 * loser of a concurrent pair in conflicts — the same list on every office whatever the order of arrival. An import
 * may set thousands: the regions without a clock yet (most of a first import) are written in bulk
 * (lwwFirstWrites), the others go through lww() one by one. Waits for its regions.
 */
export function applyPopulationsEvent(tx: DbOrTx, e: AppliedEvent): void {
  const p = e.payload as { rows: Array<{ code: string; population: number | null }>; bases?: Record<string, string | null> }
  const whereClock = and(eq(fieldClocks.entity, REGION_ENTITY), eq(fieldClocks.field, 'population'))
  const clocks = new Map(tx.select().from(fieldClocks).where(whereClock).all().map((c) => [c.entityId, c]))
  const held = new Map(tx.select({ code: regions.code, population: regions.population }).from(regions).all().map((r) => [r.code, r.population]))
  const winners = new Map<string, number | null>()
  const first: Array<{ entityId: string; base: string | null }> = []
  for (const r of p.rows) {
    if (!held.has(r.code)) throw new Error(`region ${r.code} not here yet`)
    const value = r.population ?? null
    const base = p.bases && r.code in p.bases ? p.bases[r.code] : undefined
    if (!clocks.has(r.code)) {
      if (!winners.has(r.code)) first.push({ entityId: r.code, base: base ?? null })
      winners.set(r.code, value)
      continue
    }
    const win = lww(tx, {
      entity: REGION_ENTITY, entityId: r.code, eventId: e.id, hlc: e.hlc, fields: { population: value },
      bases: base === undefined ? undefined : { population: base }, current: { population: held.get(r.code) ?? null },
    })
    if ('population' in win) winners.set(r.code, value)
  }
  lwwFirstWrites(tx, REGION_ENTITY, 'population', e, first)
  for (const [code, population] of winners) tx.update(regions).set({ population }).where(eq(regions.code, code)).run()
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
    const payload = { value: weight, bases: lwwBases(tx, SETTING_ENTITY, WEIGHT_KEY, ['value']) }
    const eventId = appendEvent(tx, ctx, { type: 'setting.changed', entityId: WEIGHT_KEY, payload })
    applySettingEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'setting.changed', entityId: WEIGHT_KEY, payload })
  })
}

/**
 * Settings that hold for the whole district and travel as `setting.changed` (last writer wins). Every other setting
 * is the installation's own and never travels: the shared sync folder and the hub's address and token
 * (sync-status.ts, hub-client.ts), the current district shown (divisions.ts), the current incident, remembered
 * import column mappings, alert preferences, document number counters, the replica id.
 */
export const TRAVELLING_SETTINGS: readonly string[] = [WEIGHT_KEY]
export const SETTING_ENTITY = 'setting'

/** `setting.changed`: a travelling setting's value, last writer wins; an event naming any other key changes nothing. */
export function applySettingEvent(tx: DbOrTx, e: AppliedEvent): void {
  if (!TRAVELLING_SETTINGS.includes(e.entityId)) return
  const p = e.payload as { value: unknown; bases?: Record<string, string | null> }
  const value = String(p.value)
  const cur = tx.select({ value: settings.value }).from(settings).where(eq(settings.key, e.entityId)).get()
  const win = lww(tx, { entity: SETTING_ENTITY, entityId: e.entityId, eventId: e.id, hlc: e.hlc, fields: { value }, bases: p.bases, current: cur })
  if ('value' in win) tx.insert(settings).values({ key: e.entityId, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run()
}
