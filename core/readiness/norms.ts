/**
 * What the readiness simulation is fed by the district planner: per-person norms per incident type (人均需求标准) and
 * the simulation's parameters (target hours, travel hours by tier, round trip, own fleet, the standard scenario).
 * Both are district-wide records that travel: norms merge per field last writer wins (deletable, id derived from
 * type + item so two offices keeping one norm offline agree on the record); the parameters are one record.
 */
import { and, asc, eq } from 'drizzle-orm'
import { items, readinessNorms } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { getSetting, putSetting } from '../common/settings'
import { appendEvent, type DbOrTx } from '../sync/events'
import { hlcOfEvent, lww, lwwBases } from '../sync/lww'
import { applyDeletableRecord, pick, type RecordEvent } from '../sync/records'
import { INCIDENT_TYPES } from '../dispatch/incident-levels'
import { DEFAULT_TARGETS, type PromiseTargets } from '../dispatch/promise'

export const NORM_ENTITY = 'readiness-norm'
const NORM_FIELDS = ['incidentType', 'itemId', 'perPerson', 'kgPerUnit', 'note'] as const
export const normId = (incidentType: string, itemId: string) => `${incidentType}|${itemId}`

export interface AppliedEvent extends RecordEvent { type: string; entityId: string; payload: unknown }

/** District-wide records: a street or site user may read them but not change them. */
export function requireDistrictScope(ctx: ServiceContext): void {
  if (ctx.actor.roles.includes('admin') || ctx.actor.scope.kind === 'district') return
  throw new AppError('FORBIDDEN', { reason: '需求标准与参数由全区统一维护', reasonEn: 'norms and parameters are kept district-wide' }, {}, 403)
}

export function listNorms(ctx: ServiceContext, incidentType?: string) {
  return ctx.db.select({
    id: readinessNorms.id, incidentType: readinessNorms.incidentType, itemId: readinessNorms.itemId, itemCode: items.code,
    itemName: items.name, unit: items.unit, perPerson: readinessNorms.perPerson, kgPerUnit: readinessNorms.kgPerUnit, note: readinessNorms.note,
  }).from(readinessNorms).innerJoin(items, eq(items.id, readinessNorms.itemId))
    .where(incidentType ? eq(readinessNorms.incidentType, incidentType) : undefined)
    .orderBy(asc(readinessNorms.incidentType), asc(items.code)).all()
}

export interface NormInput { incidentType: string; itemId: string; perPerson: number; kgPerUnit?: number | null; note?: string | null }

/** Saves the norms of one incident type, all lines or none; a line naming the same item twice is refused. */
export function saveNorms(ctx: ServiceContext, input: { incidentType: string; lines: Array<Omit<NormInput, 'incidentType'>> }): { saved: number } {
  requireDistrictScope(ctx)
  ctx.db.transaction((tx) => {
    const seen = new Set<string>()
    input.lines.forEach((l, i) => {
      const item = tx.select({ id: items.id, name: items.name }).from(items).where(eq(items.id, l.itemId)).get()
      if (!item) throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id: l.itemId }, { row: i + 1, field: 'itemId' })
      if (seen.has(l.itemId)) throw new AppError('VALIDATION', { where: `第 ${i + 1} 行 物资`, whereEn: `Line ${i + 1}, item`, detail: `「${item.name}」重复`, detailEn: `${item.name} is listed twice` }, { row: i + 1, field: 'itemId' })
      seen.add(l.itemId)
      const id = normId(input.incidentType, l.itemId)
      const row = { incidentType: input.incidentType, itemId: l.itemId, perPerson: l.perPerson, kgPerUnit: l.kgPerUnit ?? null, note: l.note || null }
      const payload = { ...row, bases: lwwBases(tx, NORM_ENTITY, id, [...NORM_FIELDS, 'deleted']) }
      const eventId = appendEvent(tx, ctx, { type: 'readiness.normSaved', entityId: id, payload })
      applyNormEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'readiness.normSaved', entityId: id, payload })
    })
  })
  return { saved: input.lines.length }
}

export function deleteNorm(ctx: ServiceContext, input: { incidentType: string; itemId: string }): { deleted: string } {
  requireDistrictScope(ctx)
  const id = normId(input.incidentType, input.itemId)
  ctx.db.transaction((tx) => {
    if (!tx.select({ id: readinessNorms.id }).from(readinessNorms).where(eq(readinessNorms.id, id)).get()) {
      throw new AppError('NOT_FOUND', { what: '需求标准', whatEn: 'Norm', id: `${input.incidentType} / ${input.itemId}` }, { field: 'itemId' })
    }
    const payload = { bases: lwwBases(tx, NORM_ENTITY, id, ['deleted']) }
    const eventId = appendEvent(tx, ctx, { type: 'readiness.normDeleted', entityId: id, payload })
    applyNormEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'readiness.normDeleted', entityId: id, payload })
  })
  return { deleted: id }
}

/** `readiness.normSaved` / `readiness.normDeleted`, local and received. */
export function applyNormEvent(tx: DbOrTx, e: AppliedEvent): void {
  const p = (e.payload ?? {}) as Record<string, unknown> & { bases?: Record<string, string | null> }
  const row = e.type === 'readiness.normSaved' ? pick(p, NORM_FIELDS) : null
  // a norm naming an item this office does not have (yet) would break the foreign key: the item event comes first
  // in its author's log, so it is here unless the log was cut; then the norm waits as an ordinary missing record
  applyDeletableRecord(tx, readinessNorms, eq(readinessNorms.id, e.entityId), { id: e.entityId }, e, { entity: NORM_ENTITY, entityId: e.entityId, row, bases: p.bases })
}

/** Copies the norms of one type into another (a typhoon's kit as the start of 暴雨内涝's). Existing norms of the target stay. */
export function copyNorms(ctx: ServiceContext, input: { fromType: string; toType: string }): { saved: number } {
  requireDistrictScope(ctx)
  const have = new Set(listNorms(ctx, input.toType).map((n) => n.itemId))
  const lines = listNorms(ctx, input.fromType).filter((n) => !have.has(n.itemId))
    .map((n) => ({ itemId: n.itemId, perPerson: n.perPerson, kgPerUnit: n.kgPerUnit, note: n.note }))
  if (!lines.length) return { saved: 0 }
  return saveNorms(ctx, { incidentType: input.toType, lines })
}

// Parameters ------------------------------------------------------------------------------------------------------

export interface ReadinessParams {
  /** the first batch's target for the district tier (national guidance 2024: county level 6 h) */
  targetHours: number
  /** travel hours to the affected area from a site of each tier */
  hours: { community: number; street: number; district: number }
  /** response hours of an agreement that names none (dispatch's fixed promise) */
  agreementDefaultHours: number
  roundTripHours: number
  horizonHours: number
  ownFleet: { count: number; capacityTonnes: number; responseHours: number }
  /** the planner's standard scenario: incident type over the whole district … */
  standardType: string
  /** … with this many people to relocate (紧急转移安置人口), or the regions' whole population when null */
  standardPopulation: number | null
  /** the response-time promise: first-batch hours per leading tier, and which tier leads at each level */
  promise: PromiseTargets
}

export const DEFAULT_PARAMS: ReadinessParams = {
  targetHours: 6, hours: { community: 0.5, street: 1, district: 2 }, agreementDefaultHours: 4, roundTripHours: 2, horizonHours: 72,
  ownFleet: { count: 0, capacityTonnes: 0, responseHours: 0.5 }, standardType: INCIDENT_TYPES[0], standardPopulation: null,
  promise: DEFAULT_TARGETS,
}

export const PARAMS_KEY = 'readiness.params'
export const PARAMS_ENTITY = 'readiness-params'

export function readinessParams(db: DbOrTx): ReadinessParams {
  const raw = getSetting(db, PARAMS_KEY)
  if (!raw) return DEFAULT_PARAMS
  try {
    const v = JSON.parse(raw) as Partial<ReadinessParams>
    return {
      ...DEFAULT_PARAMS, ...v, hours: { ...DEFAULT_PARAMS.hours, ...v.hours }, ownFleet: { ...DEFAULT_PARAMS.ownFleet, ...v.ownFleet },
      promise: { tiers: { ...DEFAULT_TARGETS.tiers, ...v.promise?.tiers }, levelTier: { ...DEFAULT_TARGETS.levelTier, ...v.promise?.levelTier } },
    }
  } catch {
    return DEFAULT_PARAMS
  }
}

export function saveParams(ctx: ServiceContext, input: ReadinessParams): ReadinessParams {
  requireDistrictScope(ctx)
  ctx.db.transaction((tx) => {
    const payload = { value: JSON.stringify(input), bases: lwwBases(tx, PARAMS_ENTITY, PARAMS_KEY, ['value']) }
    const eventId = appendEvent(tx, ctx, { type: 'readiness.paramsSaved', entityId: PARAMS_KEY, payload })
    applyParamsEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'readiness.paramsSaved', entityId: PARAMS_KEY, payload })
  })
  return readinessParams(ctx.db)
}

/** `readiness.paramsSaved`: the whole record, last writer wins. */
export function applyParamsEvent(tx: DbOrTx, e: AppliedEvent): void {
  if (e.entityId !== PARAMS_KEY) return
  const p = e.payload as { value: unknown; bases?: Record<string, string | null> }
  const value = String(p.value)
  const cur = getSetting(tx, PARAMS_KEY)
  const win = lww(tx, { entity: PARAMS_ENTITY, entityId: PARAMS_KEY, eventId: e.id, hlc: e.hlc, fields: { value }, bases: p.bases, current: cur === null ? undefined : { value: cur } })
  if ('value' in win) putSetting(tx, PARAMS_KEY, value)
}

export const normsOf = (db: DbOrTx, incidentType: string) =>
  db.select().from(readinessNorms).where(and(eq(readinessNorms.incidentType, incidentType))).all()

/**
 * A request's lines from the norms (a typhoon kit for N people): per item ⌈N × per person⌉, in item-code order, so a
 * community's request starts from the same figures as the simulation instead of being typed from scratch.
 */
export function requestTemplate(ctx: ServiceContext, input: { incidentType: string; population: number }) {
  const norms = listNorms(ctx, input.incidentType).filter((n) => n.perPerson > 0)
  if (!norms.length) throw new AppError('READINESS_NO_NORMS', { type: input.incidentType }, { field: 'incidentType' })
  return norms.map((n) => ({ itemId: n.itemId, itemCode: n.itemCode, itemName: n.itemName, unit: n.unit, quantity: Math.ceil(input.population * n.perPerson - 1e-9) }))
    .filter((l) => l.quantity > 0)
}
