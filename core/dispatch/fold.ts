/**
 * How the dispatch events fold into the projections, on the replica that made them and on every other.
 *
 * - Incidents and requests are records: per-field last-writer-wins by HLC (./sync/lww.ts). The local service calls
 *   the same apply function right after appending its event, so both sides keep the same field clocks.
 * - A transfer order is a state machine: `foldOrder` rebuilds the order, its lines and its history from all of its
 *   stored events in HLC order, asking the same pure `transition` as the service. Physical facts beat intents: if
 *   any replica dispatched or received the order, a cancel made elsewhere (before it knew) loses — stock did leave —
 *   and the case is flagged in `conflicts` ('transfer_cancel_overridden'). Two offices recording the receipt of the
 *   same order while apart each post their own 调入 (both are physical facts and both count): the first by clock is
 *   the order's, the other is flagged 'transfer_double_receipt' for reconciliation. The same for the dispatch: each
 *   dispatching office posts its own 调出, the first by clock is the order's (its shipped quantities are the
 *   order's), the other is flagged 'transfer_double_dispatch'. Any other step the fold must refuse (an edit after
 *   approval, a second dispatch that posted no document of its own) is kept on record as 'transfer_step_refused'.
 *   The stock movements themselves travel as ledger events and sum on their own.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import {
  agreementLines, agreements, conflicts, incidentRegions, incidents, partners, requestLines, requests, transferOrderLines,
  transferOrderTransitions, transferOrders,
} from '../../db/schema'
import type { DbOrTx } from '../sync/events'
import { lww, lwwBases } from '../sync/lww'
import { decodeHlc } from '../sync/clock'
import { transition, type TransferAction, type TransferState } from './transfer-state'
import { refreshRequestStatus } from './request-status'

export interface StoredEvent { id: string; hlc: string; type: string; payload: unknown; author: string }

// ---------------------------------------------------------------------------------------------------------------
// Incidents

const INCIDENT_FIELDS = ['name', 'type', 'level', 'startedAt', 'endedAt', 'note', 'regionCodes'] as const

export function applyIncidentEvent(tx: DbOrTx, e: StoredEvent): void {
  const p = e.payload as Record<string, unknown> & { id: string }
  const fields: Record<string, unknown> = {}
  if (e.type === 'incident.closed') {
    fields.status = 'closed'
    fields.endedAt = p.endedAt
  } else {
    for (const f of INCIDENT_FIELDS) fields[f] = p[f] ?? null
    if (e.type === 'incident.opened') fields.status = 'open'
  }
  const cur = tx.select().from(incidents).where(eq(incidents.id, p.id)).get()
  if (!cur) {
    if (e.type === 'incident.closed') throw new Error(`incident ${p.id} not opened yet`)
    tx.insert(incidents).values({ id: p.id, name: String(p.name), type: String(p.type), startedAt: String(p.startedAt), status: 'open' }).run()
  }
  const regionCodes = tx.select({ c: incidentRegions.regionCode }).from(incidentRegions).where(eq(incidentRegions.incidentId, p.id)).all().map((r) => r.c)
  const bases = p.bases as Record<string, string | null> | undefined
  const win = lww(tx, { entity: 'incident', entityId: p.id, eventId: e.id, hlc: e.hlc, fields, bases, current: cur ? { ...cur, regionCodes } : undefined })
  const { regionCodes: codes, ...row } = win as Record<string, unknown> & { regionCodes?: string[] }
  if (Object.keys(row).length) tx.update(incidents).set(row).where(eq(incidents.id, p.id)).run()
  if (codes) {
    tx.delete(incidentRegions).where(eq(incidentRegions.incidentId, p.id)).run()
    for (const code of codes) tx.insert(incidentRegions).values({ incidentId: p.id, regionCode: code }).run()
  }
}

/** What the local editor saw (the event ids of the values it overwrites), so a sequential edit is not a conflict. */
export const incidentBases = (tx: DbOrTx, id: string, type: string) =>
  lwwBases(tx, 'incident', id, type === 'incident.closed' ? ['status', 'endedAt'] : [...INCIDENT_FIELDS, ...(type === 'incident.opened' ? ['status'] : [])])
export const requestBases = (tx: DbOrTx, id: string, type: string) =>
  lwwBases(tx, 'request', id, type === 'request.cancelled' ? ['cancelled'] : [...REQUEST_FIELDS])

// ---------------------------------------------------------------------------------------------------------------
// Requests

const REQUEST_FIELDS = ['requestNo', 'incidentId', 'regionCode', 'destinationSiteId', 'destinationAddress', 'urgency', 'contact', 'requester', 'note', 'lines'] as const

export function applyRequestEvent(tx: DbOrTx, e: StoredEvent): void {
  const p = e.payload as Record<string, unknown> & { id: string; lines?: Array<{ lineNo: number; itemId: string; quantity: number }> }
  const cur = tx.select().from(requests).where(eq(requests.id, p.id)).get()
  const fields: Record<string, unknown> = {}
  if (e.type === 'request.cancelled') {
    if (!cur) throw new Error(`request ${p.id} not recorded yet`)
    fields.cancelled = true
  } else {
    for (const f of REQUEST_FIELDS) fields[f] = p[f] ?? null
    if (!cur) tx.insert(requests).values({ id: p.id, urgency: 'normal' }).run()
  }
  const lines = tx.select().from(requestLines).where(eq(requestLines.requestId, p.id)).all()
    .map((l) => ({ lineNo: l.lineNo, itemId: l.itemId, quantity: l.quantity }))
  const bases = p.bases as Record<string, string | null> | undefined
  const win = lww(tx, { entity: 'request', entityId: p.id, eventId: e.id, hlc: e.hlc, fields, bases, current: cur ? { ...cur, lines, cancelled: cur.status === 'cancelled' } : undefined })
  const { lines: newLines, cancelled, ...row } = win as Record<string, unknown> & { lines?: typeof lines; cancelled?: boolean }
  if (Object.keys(row).length) tx.update(requests).set(row).where(eq(requests.id, p.id)).run()
  if (newLines) {
    tx.delete(requestLines).where(eq(requestLines.requestId, p.id)).run()
    if (newLines.length) tx.insert(requestLines).values(newLines.map((l) => ({ requestId: p.id, ...l }))).run()
  }
  if (cancelled) tx.update(requests).set({ status: 'cancelled' }).where(eq(requests.id, p.id)).run()
  refreshRequestStatus(tx, p.id)
}

// ---------------------------------------------------------------------------------------------------------------
// Transfer orders

/** Steps that record something that physically happened; they win over a concurrent cancel. */
const PHYSICAL: TransferAction[] = ['dispatch', 'receive', 'receive_short']

type Line = typeof transferOrderLines.$inferInsert
interface SavedPayload { id: string; at?: string; lines: Array<Omit<Line, 'orderId'>>; [k: string]: unknown }
interface StepPayload {
  id: string; action: TransferAction; at: string; set: Record<string, unknown>; note: string | null; documentId?: string | null
  lines: Array<{ lineNo: number; shipped?: number; received?: number; shortfall?: number; shortfallReason?: string | null }>
}

const hlcInstant = (hlc: string) => new Date(decodeHlc(hlc).ms).toISOString()

/** Rebuilds one order from its events (HLC order); deterministic, so every replica ends with the same rows. */
export function foldOrder(tx: DbOrTx, orderId: string): void {
  const evs = tx.all<{ id: string; hlc: string; type: string; payload: string; author: string }>(sql`
    SELECT id, hlc, type, payload, author FROM events WHERE entity_id = ${orderId} AND type LIKE 'transfer.%' ORDER BY hlc, id`)
  const created = evs.find((e) => e.type === 'transfer.created')
  if (!created) throw new Error(`order ${orderId} not created yet`)
  const steps = evs.map((e) => ({ ...e, p: JSON.parse(e.payload) as SavedPayload & StepPayload }))
  const physical = steps.find((e) => e.type !== 'transfer.created' && e.type !== 'transfer.edited' && PHYSICAL.includes(e.p.action))

  let state: TransferState | null = null
  let header: Record<string, unknown> = {}
  let lines: Array<Omit<Line, 'orderId'>> = []
  const set: Record<string, unknown> = {}
  const history: Array<typeof transferOrderTransitions.$inferInsert> = []
  const flagged: Array<{ kind: string; loser: string; winner: string | null; detail: Record<string, unknown> }> = []
  const done = new Set<TransferAction>()
  let receipt: (typeof steps)[number] | undefined
  let dispatch: (typeof steps)[number] | undefined
  let createdAt = ''
  for (const e of steps) {
    if (e.type === 'transfer.created' || e.type === 'transfer.edited') {
      if (state !== null && state !== 'draft') {
        flagged.push({ kind: 'transfer_step_refused', loser: e.id, winner: null, detail: { action: 'edit', state } })
        continue
      }
      const { lines: ls, at, ...h } = e.p
      header = h
      lines = ls.map((l) => ({ ...l }))
      if (state === null) {
        state = 'draft'
        createdAt = at ?? hlcInstant(e.hlc)
        history.push({ orderId, action: 'create', fromState: 'draft', toState: 'draft', actor: e.author, at: createdAt, note: null })
      }
      continue
    }
    if (state === null) continue
    const action = e.p.action
    if (action === 'cancel' && physical) {
      flagged.push({ kind: 'transfer_cancel_overridden', loser: e.id, winner: physical.id, detail: { cancelledFrom: state } })
      continue
    }
    const t = transition(state, action)
    if (!t.ok && receipt && (action === 'receive' || action === 'receive_short')) {
      // A second office recorded the receipt while apart: both 调入 stand in the ledger; the first by clock is the
      // order's, this one is flagged so a planner reconciles (e.g. reverses the duplicate 调入).
      flagged.push({ kind: 'transfer_double_receipt', loser: e.id, winner: receipt.id, detail: {
        action, state, documentId: e.p.documentId ?? null, keptDocumentId: receipt.p.documentId ?? null,
        received: e.p.lines.map((l) => ({ lineNo: l.lineNo, received: l.received ?? 0, shortfall: l.shortfall ?? 0 })),
      } })
      continue
    }
    if (!t.ok && dispatch && action === 'dispatch' && e.p.documentId && e.p.documentId !== dispatch.p.documentId) {
      // A second office recorded the dispatch while apart and posted its own 调出 (${order}:out:${replica}): both stand
      // in the ledger (stock left the source twice, perhaps in different quantities), the first by clock is the
      // order's (its shipped quantities are the ones the receipt checks against), this one is flagged so a planner
      // reverses the duplicate 调出. Two dispatches that carry the same document id (`${order}:out`, written before
      // per-office ids) posted one document between them: refused as before; one without a document (from an
      // agreement partner) moved no stock of ours: refused as before too.
      flagged.push({ kind: 'transfer_double_dispatch', loser: e.id, winner: dispatch.id, detail: {
        action, state, documentId: e.p.documentId, keptDocumentId: dispatch.p.documentId ?? null,
        shipped: e.p.lines.map((l) => ({ lineNo: l.lineNo, shipped: l.shipped ?? 0 })),
        keptShipped: dispatch.p.lines.map((l) => ({ lineNo: l.lineNo, shipped: l.shipped ?? 0 })),
      } })
      continue
    }
    if (!t.ok) {
      // The same approval or closing made at two offices is harmless; anything else refused is kept on record.
      if (!(done.has(action) && (action === 'approve' || action === 'close'))) flagged.push({ kind: 'transfer_step_refused', loser: e.id, winner: null, detail: { action, state } })
      continue
    }
    done.add(action)
    if (action === 'receive' || action === 'receive_short') receipt = e
    if (action === 'dispatch') dispatch = e
    const { state: _ignored, ...rest } = e.p.set
    void _ignored
    Object.assign(set, rest)
    for (const u of e.p.lines) {
      const l = lines.find((x) => x.lineNo === u.lineNo)
      if (!l) continue
      const { lineNo: _n, ...patch } = u
      void _n
      Object.assign(l, patch)
    }
    history.push({ orderId, action, fromState: state, toState: t.to, actor: e.author, at: e.p.at, note: e.p.note?.trim() || null })
    state = t.to
  }

  tx.delete(transferOrderLines).where(eq(transferOrderLines.orderId, orderId)).run()
  tx.delete(transferOrderTransitions).where(eq(transferOrderTransitions.orderId, orderId)).run()
  const row = { ...header, ...set, id: orderId, state: state!, createdAt } as typeof transferOrders.$inferInsert
  tx.insert(transferOrders).values(row).onConflictDoUpdate({ target: transferOrders.id, set: { ...row, id: undefined } }).run()
  for (let i = 0; i < lines.length; i += 200) {
    tx.insert(transferOrderLines).values(lines.slice(i, i + 200).map((l) => ({ ...l, orderId }))).run()
  }
  for (const h of history) tx.insert(transferOrderTransitions).values(h).run()
  // Conflicts of this order are recomputed with it (a step refused before its predecessor arrived is no longer one).
  tx.delete(conflicts).where(and(eq(conflicts.entity, 'transfer_order'), eq(conflicts.entityId, orderId), isNull(conflicts.resolvedAt),
    sql`${conflicts.kind} IN ('transfer_cancel_overridden','transfer_step_refused','transfer_double_receipt','transfer_double_dispatch')`)).run()
  for (const f of flagged) {
    tx.insert(conflicts).values({
      id: `${f.kind}:${f.loser}`, kind: f.kind, entity: 'transfer_order', entityId: orderId, winnerEventId: f.winner, loserEventId: f.loser,
      detail: { orderNo: header.orderNo ?? null, ...f.detail },
    }).onConflictDoNothing().run()
  }
  if (header.requestId) refreshRequestStatus(tx, String(header.requestId))
}
