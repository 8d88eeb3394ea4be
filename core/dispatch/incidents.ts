/** 灾情事件: what is happening, how serious, where; everything done in response links to one. */
import { asc, desc, eq, inArray } from 'drizzle-orm'
import { incidentRegions, incidents, regions, settings } from '../../db/schema'
import { AppError } from '../common/errors'
import type { ServiceContext } from '../common/context'
import { appendEvent, type DbOrTx } from '../sync/events'
import { hlcOfEvent } from '../sync/lww'
import { applyIncidentEvent, incidentBases } from './fold'

export { INCIDENT_TYPES, INCIDENT_LEVELS } from './incident-levels'
import { INCIDENT_LEVELS } from './incident-levels'

export interface IncidentInput {
  id: string
  name: string
  type: string
  level?: (typeof INCIDENT_LEVELS)[number]
  startedAt: string
  endedAt?: string
  regionCodes: string[]
  note?: string
}

export interface IncidentRow {
  id: string; name: string; type: string; level: string | null; startedAt: string; endedAt: string | null
  status: 'open' | 'closed'; note: string | null; regionCodes: string[]; regionNames: string[]
}

const CURRENT_KEY = 'dispatch:currentIncident'

/** Opens an incident (or saves changes to one), with its affected regions; one event. */
export function saveIncident(ctx: ServiceContext, input: IncidentInput): IncidentRow {
  return ctx.db.transaction((tx) => {
    if (input.endedAt && input.endedAt < input.startedAt) {
      throw new AppError('INCIDENT_END_BEFORE_START', {}, { field: 'endedAt' })
    }
    const codes = [...new Set(input.regionCodes)]
    const known = codes.length ? tx.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes)).all() : []
    const missing = codes.find((c) => !known.some((k) => k.code === c))
    if (missing) throw new AppError('NOT_FOUND', { what: '区划', whatEn: 'Region', id: missing }, { field: 'regionCodes' })
    const existing = tx.select().from(incidents).where(eq(incidents.id, input.id)).get()
    const fields = {
      id: input.id, name: input.name.trim(), type: input.type.trim(), level: input.level ?? null, startedAt: input.startedAt,
      endedAt: input.endedAt ?? null, status: existing?.status ?? 'open', note: input.note?.trim() || null, regionCodes: codes,
    }
    const type = existing ? 'incident.updated' : 'incident.opened'
    const payload = { ...fields, bases: incidentBases(tx, input.id, type) }
    const eventId = appendEvent(tx, ctx, { type, entityId: input.id, payload })
    applyIncidentEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type, payload, author: ctx.actor.id })
    return getIncidentTx(tx, input.id)
  })
}

/** Ends an incident: its end date is set (today unless given) and it leaves the list of open incidents. */
export function closeIncident(ctx: ServiceContext, input: { id: string; endedAt?: string }): IncidentRow {
  return ctx.db.transaction((tx) => {
    const inc = getIncidentTx(tx, input.id)
    const endedAt = input.endedAt ?? inc.endedAt ?? ctx.today()
    if (endedAt < inc.startedAt) throw new AppError('INCIDENT_END_BEFORE_START', {}, { field: 'endedAt' })
    const payload = { id: inc.id, endedAt, bases: incidentBases(tx, inc.id, 'incident.closed') }
    const eventId = appendEvent(tx, ctx, { type: 'incident.closed', entityId: inc.id, payload })
    applyIncidentEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'incident.closed', payload, author: ctx.actor.id })
    return getIncidentTx(tx, inc.id)
  })
}

export function getIncident(ctx: ServiceContext, id: string): IncidentRow {
  return getIncidentTx(ctx.db, id)
}

function getIncidentTx(db: DbOrTx, id: string): IncidentRow {
  const row = db.select().from(incidents).where(eq(incidents.id, id)).get()
  if (!row) throw new AppError('NOT_FOUND', { what: '灾情事件', whatEn: 'Incident', id }, { field: 'incidentId' })
  const regs = db.select({ code: regions.code, name: regions.name }).from(incidentRegions)
    .innerJoin(regions, eq(regions.code, incidentRegions.regionCode))
    .where(eq(incidentRegions.incidentId, id)).orderBy(asc(regions.code)).all()
  return { ...row, regionCodes: regs.map((r) => r.code), regionNames: regs.map((r) => r.name) }
}

export function listIncidents(ctx: ServiceContext): IncidentRow[] {
  const rows = ctx.db.select().from(incidents).orderBy(desc(incidents.startedAt), desc(incidents.createdAt)).all()
  const regs = ctx.db.select({ incidentId: incidentRegions.incidentId, code: regions.code, name: regions.name }).from(incidentRegions)
    .innerJoin(regions, eq(regions.code, incidentRegions.regionCode)).orderBy(asc(regions.code)).all()
  return rows.map((r) => {
    const mine = regs.filter((x) => x.incidentId === r.id)
    return { ...r, regionCodes: mine.map((x) => x.code), regionNames: mine.map((x) => x.name) }
  })
}

/** The incident this installation's dispatcher is working on (picked once, kept across restarts). */
export function currentIncident(ctx: ServiceContext): IncidentRow | null {
  const id = ctx.db.select().from(settings).where(eq(settings.key, CURRENT_KEY)).get()?.value
  if (!id) return null
  const row = ctx.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id)).get()
  return row ? getIncident(ctx, id) : null
}

export function setCurrentIncident(ctx: ServiceContext, input: { id: string | null }): IncidentRow | null {
  if (input.id === null) {
    ctx.db.delete(settings).where(eq(settings.key, CURRENT_KEY)).run()
    return null
  }
  const inc = getIncident(ctx, input.id)
  ctx.db.insert(settings).values({ key: CURRENT_KEY, value: inc.id })
    .onConflictDoUpdate({ target: settings.key, set: { value: inc.id } }).run()
  return inc
}
