/** 需求申报: what a community or street asks for, and how far the orders made for it have filled it. */
import { asc, eq, inArray, sql } from 'drizzle-orm'
import { items, requestLines, requests, sites } from '../../db/schema'
import { AppError } from '../common/errors'
import { requireRecordInScope } from '../people/scope'
import type { ServiceContext } from '../common/context'
import { appendEvent, type DbOrTx } from '../sync/events'
import { hlcOfEvent } from '../sync/lww'
import { applyRequestEvent, requestBases } from './fold'
import { requestFill } from './request-status'

export interface RequestInput {
  id: string
  incidentId: string
  regionCode?: string
  destinationSiteId?: string
  destinationAddress?: string
  urgency: 'normal' | 'urgent' | 'critical'
  contact?: string
  requester?: string
  note?: string
  lines: Array<{ itemId: string; quantity: number }>
}

function nextRequestNo(tx: DbOrTx, ctx: ServiceContext): string {
  const d = ctx.today().replaceAll('-', '')
  const row = tx.run(sql`INSERT INTO settings (key, value) VALUES (${`reqno:${d}`}, '1')
    ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`)
  void row
  const v = tx.get<{ value: string }>(sql`SELECT value FROM settings WHERE key = ${`reqno:${d}`}`)!.value
  return `XQ${d}-${ctx.replicaId.slice(0, 4).toUpperCase()}-${String(v).padStart(4, '0')}`
}

export function saveRequest(ctx: ServiceContext, input: RequestInput): { id: string; requestNo: string } {
  return ctx.db.transaction((tx) => {
    if (!input.destinationSiteId && !input.destinationAddress?.trim() && !input.regionCode) {
      throw new AppError('ORDER_DESTINATION_REQUIRED', {}, { field: 'destinationSiteId' })
    }
    if (input.destinationSiteId && !tx.select({ id: sites.id }).from(sites).where(eq(sites.id, input.destinationSiteId)).get()) {
      throw new AppError('NOT_FOUND', { what: '储备点', whatEn: 'Site', id: input.destinationSiteId }, { field: 'destinationSiteId' })
    }
    const known = new Set(tx.select({ id: items.id }).from(items).where(inArray(items.id, input.lines.map((l) => l.itemId))).all().map((r) => r.id))
    input.lines.forEach((l, i) => {
      if (!known.has(l.itemId)) throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id: l.itemId }, { row: i + 1, field: 'itemId' })
    })
    const existing = tx.select().from(requests).where(eq(requests.id, input.id)).get()
    if (existing) requireRecordInScope(ctx, { siteIds: [existing.destinationSiteId], regionCodes: [existing.regionCode] })
    const requestNo = existing?.requestNo ?? nextRequestNo(tx, ctx)
    const row = {
      id: input.id, requestNo, incidentId: input.incidentId, regionCode: input.regionCode ?? null,
      destinationSiteId: input.destinationSiteId ?? null, destinationAddress: input.destinationAddress?.trim() || null,
      urgency: input.urgency, contact: input.contact?.trim() || null, requester: input.requester?.trim() || null, note: input.note?.trim() || null,
    }
    const lines = input.lines.map((l, i) => ({ lineNo: i + 1, itemId: l.itemId, quantity: l.quantity }))
    const type = existing ? 'request.edited' : 'request.created'
    const payload = { ...row, lines, bases: requestBases(tx, input.id, type) }
    const eventId = appendEvent(tx, ctx, { type, entityId: input.id, payload })
    applyRequestEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type, payload, author: ctx.actor.id })
    return { id: input.id, requestNo }
  })
}

export function cancelRequest(ctx: ServiceContext, input: { id: string }): void {
  ctx.db.transaction((tx) => {
    const r = tx.select().from(requests).where(eq(requests.id, input.id)).get()
    if (!r) throw new AppError('NOT_FOUND', { what: '需求申报', whatEn: 'Request', id: input.id }, { field: 'id' })
    const payload = { id: r.id, bases: requestBases(tx, r.id, 'request.cancelled') }
    const eventId = appendEvent(tx, ctx, { type: 'request.cancelled', entityId: r.id, payload })
    applyRequestEvent(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), type: 'request.cancelled', payload, author: ctx.actor.id })
  })
}

export function listRequests(ctx: ServiceContext, q: { incidentId?: string; openOnly?: boolean }) {
  const rows = ctx.db.$client.prepare(`SELECT r.id, r.request_no AS requestNo, r.incident_id AS incidentId, r.region_code AS regionCode,
      g.name AS regionName, r.destination_site_id AS destinationSiteId, s.name AS destinationName, r.destination_address AS destinationAddress,
      r.urgency, r.contact, r.requester, r.status, r.created_at AS createdAt, r.note
    FROM requests r LEFT JOIN regions g ON g.code = r.region_code LEFT JOIN sites s ON s.id = r.destination_site_id
    WHERE (? IS NULL OR r.incident_id = ?) ${q.openOnly ? "AND r.status IN ('open','partly')" : ''}
    ORDER BY CASE r.urgency WHEN 'critical' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, r.created_at`)
    .all(q.incidentId ?? null, q.incidentId ?? null) as Array<{
      id: string; requestNo: string; incidentId: string | null; regionCode: string | null; regionName: string | null
      destinationSiteId: string | null; destinationName: string | null; destinationAddress: string | null
      urgency: 'normal' | 'urgent' | 'critical'; contact: string | null; requester: string | null
      status: 'open' | 'partly' | 'fulfilled' | 'cancelled'; createdAt: string; note: string | null
    }>
  return rows.map((r) => ({ ...r, lines: requestFill(ctx.db, r.id) }))
}

export function getRequest(ctx: ServiceContext, id: string) {
  const r = ctx.db.select().from(requests).where(eq(requests.id, id)).get()
  if (!r) throw new AppError('NOT_FOUND', { what: '需求申报', whatEn: 'Request', id }, { field: 'id' })
  const lines = ctx.db.select().from(requestLines).where(eq(requestLines.requestId, id)).orderBy(asc(requestLines.lineNo)).all()
  return { ...r, lines, fill: requestFill(ctx.db, id) }
}
