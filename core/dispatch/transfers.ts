/**
 * 调拨单: an order moves stock from one of our sites (or an agreement partner) to a site, a shelter or an address.
 * The states are those of `transfer-state.ts`; every step goes through `transitionOrder`, which asks the pure
 * `transition` function, records who and when, appends an event and — for dispatch and receipt — posts the
 * ledger documents in the same transaction, so an order is never dispatched without its stock having left.
 */
import { peopleNamer } from '../people/names'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import {
  agreementLines, agreements, items, lots, partners, settings, sites, stockBalances, transferOrderLines, transferOrderTransitions,
  transferOrders,
} from '../../db/schema'
import { AppError } from '../common/errors'
import { requireRecordInScope } from '../people/scope'
import type { ServiceContext } from '../common/context'
import { appendEvent, type DbOrTx } from '../sync/events'
import { fefo, postInbound, postOutbound } from '../stock/ledger'
import { NO_LOT } from '../common/ids'
import { isOverdue, lateness, transition, type Lateness, type TransferAction, type TransferState } from './transfer-state'
import { refreshRequestStatus } from './request-status'

export const SHORTFALL_REASONS = ['damaged', 'lost', 'short_shipped'] as const
export type ShortfallReason = (typeof SHORTFALL_REASONS)[number]
export const SHORTFALL_LABELS: Record<ShortfallReason, { zh: string; en: string }> = {
  damaged: { zh: '破损', en: 'damaged' }, lost: { zh: '丢失', en: 'lost' }, short_shipped: { zh: '少发', en: 'short-shipped' },
}
/** How long an order from our own sites may take from approval to arrival before it shows as overdue. */
export const DEFAULT_RESPONSE_HOURS = 4

export interface OrderLineInput { itemId: string; lotId?: string; requested: number; allocated?: number }

export interface OrderInput {
  /** made by the client when the form opens: saving again edits the same draft */
  id: string
  incidentId?: string
  requestId?: string
  fromSiteId?: string
  fromAgreementId?: string
  toSiteId?: string
  toAddress?: string
  vehicle?: string
  driver?: string
  note?: string
  lines: OrderLineInput[]
}

export type OrderRow = typeof transferOrders.$inferSelect
export type OrderLineRow = typeof transferOrderLines.$inferSelect

const nowIso = () => new Date().toISOString()

/** 调拨单号: DB + date + this installation's short id + a counter — unique across installations. */
function nextOrderNo(tx: DbOrTx, replicaId: string, day: string): string {
  const d = day.replaceAll('-', '')
  const row = tx.insert(settings).values({ key: `orderno:DB:${d}`, value: '1' })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`CAST(${settings.value} AS INTEGER) + 1` } })
    .returning({ value: settings.value }).get()
  return `DB${d}-${replicaId.slice(0, 4).toUpperCase()}-${String(row!.value).padStart(4, '0')}`
}

/**
 * Saves a draft order (new, or edits to a draft). From one of our sites, a line without a lot is allocated right
 * away first-expiry-first-out and split into one line per lot; what cannot be allocated stays as a line with
 * nothing allocated, so the dispatcher sees the gap. From an agreement partner, a line counts against what the
 * agreement commits for that item.
 */
export function saveOrder(ctx: ServiceContext, input: OrderInput): { id: string; orderNo: string; lines: number } {
  return ctx.db.transaction((tx) => {
    const existing = tx.select().from(transferOrders).where(eq(transferOrders.id, input.id)).get()
    if (existing) {
      requireRecordInScope(ctx, { siteIds: [existing.fromSiteId, existing.toSiteId] })
      const t = transition(existing.state, 'edit')
      if (!t.ok) throw new AppError('TRANSITION_REFUSED', { order: existing.orderNo, zh: t.reason.zh, en: t.reason.en })
    }
    if (!!input.fromSiteId === !!input.fromAgreementId) throw new AppError('ORDER_SOURCE_REQUIRED', {}, { field: 'fromSiteId' })
    if (!input.toSiteId && !input.toAddress?.trim()) throw new AppError('ORDER_DESTINATION_REQUIRED', {}, { field: 'toSiteId' })
    if (input.fromSiteId && input.fromSiteId === input.toSiteId) throw new AppError('ORDER_SAME_SITE', {}, { field: 'toSiteId' })
    for (const sid of [input.fromSiteId, input.toSiteId]) {
      if (sid && !tx.select({ id: sites.id }).from(sites).where(eq(sites.id, sid)).get()) {
        throw new AppError('NOT_FOUND', { what: '储备点', whatEn: 'Site', id: sid }, { field: sid === input.fromSiteId ? 'fromSiteId' : 'toSiteId' })
      }
    }
    const itemRows = tx.select().from(items).where(inArray(items.id, [...new Set(input.lines.map((l) => l.itemId))])).all()
    const itemMap = new Map(itemRows.map((r) => [r.id, r]))
    input.lines.forEach((l, i) => {
      if (!itemMap.has(l.itemId)) throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id: l.itemId }, { row: i + 1, field: 'itemId' })
      if (l.allocated !== undefined && l.allocated > l.requested) {
        throw new AppError('ALLOCATED_OVER_REQUESTED', { allocated: l.allocated, requested: l.requested }, { row: i + 1, field: 'allocated' })
      }
    })

    const lines: Array<Omit<OrderLineRow, 'orderId'>> = []
    const push = (l: { itemId: string; lotId: string | null; requested: number; allocated: number }) =>
      lines.push({ lineNo: lines.length + 1, ...l, shipped: 0, received: 0, shortfall: 0, shortfallReason: null })

    let dueHours: number | null = null
    if (input.fromSiteId) {
      const taken = new Map<string, number>()
      const lotMap = lotsById(tx, input.lines.map((l) => l.lotId))
      input.lines.forEach((l, i) => {
        const want = l.allocated ?? l.requested
        if (l.lotId) {
          const lot = lotMap.get(l.lotId)
          if (!lot) throw new AppError('NOT_FOUND', { what: '批次', whatEn: 'Lot', id: l.lotId }, { row: i + 1, field: 'lotId' })
          if (lot.itemId !== l.itemId) throw new AppError('LOT_ITEM_MISMATCH', { lot: lot.lotNo, item: itemMap.get(l.itemId)!.name }, { row: i + 1, field: 'lotId' })
          taken.set(lot.id, (taken.get(lot.id) ?? 0) + want)
          push({ itemId: l.itemId, lotId: lot.id, requested: l.requested, allocated: want })
          return
        }
        const plan = fefo(tx, ctx.today(), input.fromSiteId!, l.itemId, want, taken)
        let requestedLeft = l.requested
        plan.picks.forEach((p) => {
          taken.set(p.lotId, (taken.get(p.lotId) ?? 0) + p.take)
          const req = Math.min(p.take, requestedLeft)
          requestedLeft -= req
          push({ itemId: l.itemId, lotId: p.lotId, requested: req, allocated: p.take })
        })
        if (requestedLeft > 0) {
          // What could not be allocated stays visible: requested, nothing allocated.
          if (plan.picks.length) lines[lines.length - 1].requested += requestedLeft
          else push({ itemId: l.itemId, lotId: null, requested: requestedLeft, allocated: 0 })
        }
      })
    } else {
      const ag = activeAgreement(tx, ctx, input.fromAgreementId!)
      dueHours = ag.responseHours
      const remaining = agreementRemaining(tx, ag.id, input.id)
      const asked = new Map<string, number>()
      input.lines.forEach((l, i) => {
        const want = l.allocated ?? l.requested
        const item = itemMap.get(l.itemId)!
        const left = remaining.get(l.itemId)
        if (left === undefined) throw new AppError('AGREEMENT_ITEM_MISSING', { agreement: ag.agreementNo, item: item.name }, { row: i + 1, field: 'itemId' })
        const total = (asked.get(l.itemId) ?? 0) + want
        if (total > left) {
          throw new AppError('AGREEMENT_EXCEEDED', { agreement: ag.agreementNo, item: item.name, left: Math.max(0, left - (asked.get(l.itemId) ?? 0)), requested: want, unit: item.unit }, { row: i + 1, field: 'requested' })
        }
        asked.set(l.itemId, total)
        push({ itemId: l.itemId, lotId: null, requested: l.requested, allocated: want })
      })
    }
    void dueHours

    const orderNo = existing?.orderNo ?? nextOrderNo(tx, ctx.replicaId, ctx.today())
    const header = {
      id: input.id, orderNo, incidentId: input.incidentId ?? null, requestId: input.requestId ?? null,
      fromSiteId: input.fromSiteId ?? null, fromAgreementId: input.fromAgreementId ?? null, toSiteId: input.toSiteId ?? null,
      toAddress: input.toAddress?.trim() || null, vehicle: input.vehicle?.trim() || null, driver: input.driver?.trim() || null,
      note: input.note?.trim() || null, createdBy: existing?.createdBy ?? ctx.actor.id,
    }
    const at = nowIso()
    appendEvent(tx, ctx, { type: existing ? 'transfer.edited' : 'transfer.created', entityId: input.id, payload: existing ? { ...header, lines } : { ...header, at, lines } })
    applyOrderSaved(tx, header, lines, existing ? undefined : at)
    if (!existing) {
      tx.insert(transferOrderTransitions).values({ orderId: input.id, action: 'create', fromState: 'draft', toState: 'draft', actor: ctx.actor.id, at }).run()
    }
    if (header.requestId) refreshRequestStatus(tx, header.requestId)
    return { id: input.id, orderNo, lines: lines.length }
  })
}

/** The lots named by a set of lines, in a few queries (an order may have thousands of lines). */
function lotsById(tx: DbOrTx, ids: Array<string | null | undefined>): Map<string, typeof lots.$inferSelect> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))]
  const out = new Map<string, typeof lots.$inferSelect>()
  for (let i = 0; i < unique.length; i += 500) {
    for (const r of tx.select().from(lots).where(inArray(lots.id, unique.slice(i, i + 500))).all()) out.set(r.id, r)
  }
  return out
}

export function applyOrderSaved(tx: DbOrTx, header: Omit<OrderRow, 'state' | 'createdAt' | 'approvedAt' | 'dispatchedAt' | 'receivedAt' | 'dueAt'>, lines: Array<Omit<OrderLineRow, 'orderId'>>, createdAt?: string): void {
  tx.insert(transferOrders).values({ ...header, state: 'draft', ...(createdAt ? { createdAt } : {}) })
    .onConflictDoUpdate({ target: transferOrders.id, set: { ...header, id: undefined, orderNo: undefined } }).run()
  tx.delete(transferOrderLines).where(eq(transferOrderLines.orderId, header.id)).run()
  for (let i = 0; i < lines.length; i += 200) {
    tx.insert(transferOrderLines).values(lines.slice(i, i + 200).map((l) => ({ orderId: header.id, ...l }))).run()
  }
}

function activeAgreement(tx: DbOrTx, ctx: ServiceContext, id: string) {
  const ag = tx.select().from(agreements).where(eq(agreements.id, id)).get()
  if (!ag) throw new AppError('NOT_FOUND', { what: '协议', whatEn: 'Agreement', id }, { field: 'fromAgreementId' })
  const today = ctx.today()
  if (ag.status !== 'active' || ag.validFrom > today || ag.validTo < today) {
    throw new AppError('AGREEMENT_NOT_ACTIVE', { agreement: ag.agreementNo, from: ag.validFrom, to: ag.validTo }, { field: 'fromAgreementId' })
  }
  return ag
}

/** Per item: what the agreement commits minus what earlier (not cancelled) call-ups took. */
export function agreementRemaining(db: DbOrTx, agreementId: string, exceptOrderId?: string): Map<string, number> {
  const committed = db.select({ itemId: agreementLines.itemId, q: sql<number>`sum(${agreementLines.quantity})` })
    .from(agreementLines).where(eq(agreementLines.agreementId, agreementId)).groupBy(agreementLines.itemId).all()
  const used = db.select({ itemId: transferOrderLines.itemId, q: sql<number>`sum(CASE WHEN ${transferOrders.state} IN ('dispatched','partly_received','received','closed') THEN ${transferOrderLines.shipped} ELSE ${transferOrderLines.allocated} END)` })
    .from(transferOrderLines).innerJoin(transferOrders, eq(transferOrders.id, transferOrderLines.orderId))
    .where(and(eq(transferOrders.fromAgreementId, agreementId), sql`${transferOrders.state} <> 'cancelled'`,
      exceptOrderId ? sql`${transferOrders.id} <> ${exceptOrderId}` : undefined))
    .groupBy(transferOrderLines.itemId).all()
  const m = new Map<string, number>()
  for (const c of committed) if (c.itemId) m.set(c.itemId, Number(c.q ?? 0))
  for (const u of used) if (m.has(u.itemId)) m.set(u.itemId, m.get(u.itemId)! - Number(u.q ?? 0))
  return m
}

export interface ReceiptLine { lineNo: number; received: number; reason?: ShortfallReason; lotNo?: string; expiryDate?: string }

export interface TransitionInput {
  id: string
  action: Exclude<TransferAction, 'edit' | 'receive_short'> | 'receive'
  /** for dispatch: vehicle and driver as they leave */
  vehicle?: string
  driver?: string
  /** for receive: what arrived per line; lines not named arrived in full */
  lines?: ReceiptLine[]
  note?: string
  /** the date the stock moves on; today unless given */
  docDate?: string
  /** for tests and replays: the instant of the step */
  at?: string
}

/**
 * One step of an order. Dispatch posts 调出 at the source; receipt posts 调入 (or, from a partner, 入库 协议调用)
 * at the destination site and records any shortfall with its reason; both in the same transaction as the step.
 */
export function transitionOrder(ctx: ServiceContext, input: TransitionInput): { id: string; orderNo: string; state: TransferState; documentId?: string } {
  return ctx.db.transaction((tx) => {
    const order = tx.select().from(transferOrders).where(eq(transferOrders.id, input.id)).get()
    if (!order) throw new AppError('NOT_FOUND', { what: '调拨单', whatEn: 'Transfer order', id: input.id }, { field: 'id' })
    const lines = tx.select().from(transferOrderLines).where(eq(transferOrderLines.orderId, order.id)).orderBy(asc(transferOrderLines.lineNo)).all()
    const at = input.at ?? nowIso()
    const docDate = input.docDate ?? ctx.today()
    let action: TransferAction = input.action
    let receipt: Map<number, ReceiptLine> | undefined
    if (input.action === 'receive') {
      receipt = new Map((input.lines ?? []).map((l) => [l.lineNo, l]))
      action = lines.some((l) => (receipt!.get(l.lineNo)?.received ?? l.shipped) < l.shipped) ? 'receive_short' : 'receive'
    }
    const t = transition(order.state, action)
    if (!t.ok) throw new AppError('TRANSITION_REFUSED', { order: order.orderNo, zh: t.reason.zh, en: t.reason.en }, { field: 'action' })

    let documentId: string | undefined
    const set: Partial<OrderRow> = { state: t.to }
    const lineUpdates: Array<{ lineNo: number; shipped?: number; received?: number; shortfall?: number; shortfallReason?: string | null }> = []

    if (action === 'approve') {
      if (!lines.some((l) => l.allocated > 0)) throw new AppError('ORDER_NOTHING_ALLOCATED', { order: order.orderNo }, { field: 'lines' })
      const hours = order.fromAgreementId
        ? tx.select({ h: agreements.responseHours }).from(agreements).where(eq(agreements.id, order.fromAgreementId)).get()?.h ?? DEFAULT_RESPONSE_HOURS
        : DEFAULT_RESPONSE_HOURS
      set.approvedAt = at
      set.dueAt = new Date(Date.parse(at) + hours * 3600_000).toISOString()
    }
    if (action === 'dispatch') {
      const shipping = lines.filter((l) => l.allocated > 0)
      if (!shipping.length) throw new AppError('ORDER_NOTHING_ALLOCATED', { order: order.orderNo }, { field: 'lines' })
      if (order.fromSiteId) {
        // One 调出 per dispatching office, as for the receipt: the source depot's office and the district office may
        // both record the dispatch while apart; each posting is a physical fact with its own document (they may even
        // ship different quantities), and the order's fold flags the later one (transfer_double_dispatch) for a
        // planner to reverse. A shared id would leave one office's posting waiting forever and the offices' documents
        // differing. Dispatches recorded before this carry `${order.id}:out` and apply as they are.
        documentId = `${order.id}:out:${ctx.replicaId}`
        postOutbound(ctx, 'transfer_out', {
          id: documentId, siteId: order.fromSiteId, counterpartySiteId: order.toSiteId ?? undefined,
          counterparty: order.toAddress ?? undefined, incidentId: order.incidentId ?? undefined, transferOrderId: order.id,
          docDate, reason: `调拨单 ${order.orderNo}`, subtype: '调拨',
          lines: shipping.map((l) => {
            if (!l.lotId) throw new AppError('LOT_REQUIRED', { item: l.itemId }, { row: l.lineNo, field: 'lotId' })
            return { itemId: l.itemId, lotId: l.lotId, quantity: l.allocated }
          }),
        })
      }
      for (const l of lines) lineUpdates.push({ lineNo: l.lineNo, shipped: l.allocated })
      set.dispatchedAt = at
      if (input.vehicle !== undefined) set.vehicle = input.vehicle.trim() || null
      if (input.driver !== undefined) set.driver = input.driver.trim() || null
    }
    if (action === 'receive' || action === 'receive_short') {
      for (const [lineNo] of receipt!) {
        if (!lines.some((l) => l.lineNo === lineNo)) throw new AppError('NOT_FOUND', { what: '调拨单明细', whatEn: 'Order line', id: lineNo }, { row: lineNo, field: 'lineNo' })
      }
      const inbound: Array<{ itemId: string; lotNo: string; expiryDate?: string; quantity: number }> = []
      const lotMap = lotsById(tx, lines.map((l) => l.lotId))
      const tracked = new Map(tx.select({ id: items.id, t: items.lotTracked }).from(items)
        .where(inArray(items.id, [...new Set(lines.map((l) => l.itemId))])).all().map((r) => [r.id, r.t]))
      // `shipped` is the order's, as its fold keeps it: after two offices dispatched it while apart, the first
      // dispatch's quantities (the other 调出 is flagged transfer_double_dispatch and reversed by a planner), so a
      // receipt is checked against what the order shipped once, never against the sum of both.
      for (const l of lines) {
        const r = receipt!.get(l.lineNo)
        const received = r?.received ?? l.shipped
        if (received > l.shipped) throw new AppError('RECEIVED_OVER_SHIPPED', { received, shipped: l.shipped }, { row: l.lineNo, field: 'received' })
        const shortfall = l.shipped - received
        if (shortfall > 0 && !r?.reason) throw new AppError('SHORTFALL_REASON_REQUIRED', { shortfall }, { row: l.lineNo, field: 'reason' })
        lineUpdates.push({ lineNo: l.lineNo, received, shortfall, shortfallReason: shortfall > 0 ? r!.reason! : null })
        if (received > 0) {
          const lot = l.lotId ? lotMap.get(l.lotId) : undefined
          const lotNo = lot ? lot.lotNo : (r?.lotNo?.trim() || (tracked.get(l.itemId) ? order.orderNo : NO_LOT))
          inbound.push({ itemId: l.itemId, lotNo, expiryDate: lot ? undefined : r?.expiryDate, quantity: received })
        }
      }
      if (order.toSiteId && inbound.length) {
        // One 调入 per receiving office: two offices (the street and the district) may both record the receipt while
        // apart; each is a physical fact with its own document, and the order's fold flags the second for
        // reconciliation (transfer_double_receipt). A shared id would leave one office's posting waiting forever.
        // Receipts recorded before this carry `${order.id}:in` and apply as they are.
        documentId = `${order.id}:in:${ctx.replicaId}`
        const partner = order.fromAgreementId
          ? tx.select({ name: partners.name }).from(agreements).innerJoin(partners, eq(partners.id, agreements.partnerId)).where(eq(agreements.id, order.fromAgreementId)).get()?.name
          : undefined
        postInbound(ctx, order.fromSiteId ? 'transfer_in' : 'receipt', {
          id: documentId, siteId: order.toSiteId, counterpartySiteId: order.fromSiteId ?? undefined, counterparty: partner,
          incidentId: order.incidentId ?? undefined, transferOrderId: order.id, docDate, reason: `调拨单 ${order.orderNo}`,
          subtype: order.fromSiteId ? '调拨' : '协议调用', lines: inbound,
        })
      }
      set.receivedAt = at
    }

    appendEvent(tx, ctx, {
      type: `transfer.${action}`, entityId: order.id,
      payload: { id: order.id, action, from: order.state, to: t.to, at, set, lines: lineUpdates, note: input.note ?? null, documentId: documentId ?? null },
    })
    tx.update(transferOrders).set(set).where(eq(transferOrders.id, order.id)).run()
    // One prepared statement for all lines (an order may have thousands): unchanged columns keep their value.
    const upd = ctx.db.$client.prepare(`UPDATE transfer_order_lines SET shipped = coalesce(?, shipped), received = coalesce(?, received),
      shortfall = coalesce(?, shortfall), shortfall_reason = CASE WHEN ? THEN ? ELSE shortfall_reason END WHERE order_id = ? AND line_no = ?`)
    for (const u of lineUpdates) {
      upd.run(u.shipped ?? null, u.received ?? null, u.shortfall ?? null, u.shortfallReason !== undefined ? 1 : 0, u.shortfallReason ?? null, order.id, u.lineNo)
    }
    tx.insert(transferOrderTransitions).values({
      orderId: order.id, action, fromState: order.state, toState: t.to, actor: ctx.actor.id, at, note: input.note?.trim() || null,
    }).run()
    if (order.requestId) refreshRequestStatus(tx, order.requestId)
    return { id: order.id, orderNo: order.orderNo, state: t.to, documentId }
  })
}

export interface OrderView extends OrderRow, Lateness {
  fromName: string | null; toName: string | null; incidentName: string | null; agreementNo: string | null
  lines: Array<OrderLineRow & { itemName: string; itemCode: string; unit: string; lotNo: string | null; expiryDate: string | null; inTransit: number }>
  /** each step with who took it by name (`actorName`), never only the user's id */
  history: Array<typeof transferOrderTransitions.$inferSelect & { actorName: string }>
  /** Who approved it last and when (the printed 调拨单's 审批人), by name; null while it is a draft. */
  approvedByName: string | null; approvedByAt: string | null
}

export function getOrder(ctx: ServiceContext, id: string): OrderView {
  const db = ctx.db.$client
  const order = db.prepare(`SELECT o.*, fs.name AS fromName, COALESCE(ts.name, o.to_address) AS toName, i.name AS incidentName,
      a.agreement_no AS agreementNo, p.name AS partnerName
    FROM transfer_orders o LEFT JOIN sites fs ON fs.id = o.from_site_id LEFT JOIN sites ts ON ts.id = o.to_site_id
    LEFT JOIN incidents i ON i.id = o.incident_id LEFT JOIN agreements a ON a.id = o.from_agreement_id
    LEFT JOIN partners p ON p.id = a.partner_id WHERE o.id = ?`).get(id) as Record<string, unknown> | undefined
  if (!order) throw new AppError('NOT_FOUND', { what: '调拨单', whatEn: 'Transfer order', id }, { field: 'id' })
  const row = ctx.db.select().from(transferOrders).where(eq(transferOrders.id, id)).get()!
  const lines = ctx.db.select({
    line: transferOrderLines, itemName: items.name, itemCode: items.code, unit: items.unit, lotNo: lots.lotNo, expiryDate: lots.expiryDate,
  }).from(transferOrderLines).innerJoin(items, eq(items.id, transferOrderLines.itemId)).leftJoin(lots, eq(lots.id, transferOrderLines.lotId))
    .where(eq(transferOrderLines.orderId, id)).orderBy(asc(transferOrderLines.lineNo)).all()
  const history = ctx.db.select().from(transferOrderTransitions).where(eq(transferOrderTransitions.orderId, id)).orderBy(asc(transferOrderTransitions.id)).all()
  const nameOf = peopleNamer(db)
  const approval = db.prepare(`SELECT t.actor AS actor, t.at AS at FROM transfer_order_transitions t
    WHERE t.order_id = ? AND t.action = 'approve' ORDER BY t.id DESC LIMIT 1`).get(id) as { actor: string; at: string } | undefined
  return {
    ...row,
    ...lateness(row.state as TransferState, row.dueAt, row.receivedAt, Date.now()),
    fromName: (order.fromName as string | null) ?? (order.partnerName as string | null),
    toName: order.toName as string | null, incidentName: order.incidentName as string | null, agreementNo: order.agreementNo as string | null,
    lines: lines.map((l) => ({
      ...l.line, itemName: l.itemName, itemCode: l.itemCode, unit: l.unit, lotNo: l.lotNo === NO_LOT ? null : l.lotNo, expiryDate: l.expiryDate,
      inTransit: l.line.shipped - l.line.received - l.line.shortfall,
    })),
    history: history.map((h) => ({ ...h, actorName: nameOf(h.actor) })),
    approvedByName: approval ? nameOf(approval.actor) : null, approvedByAt: approval?.at ?? null,
  }
}

export interface OrderListRow extends Lateness {
  id: string; orderNo: string; state: TransferState; incidentId: string | null; fromName: string | null; toName: string | null
  fromAgreementId: string | null; approvedAt: string | null; dispatchedAt: string | null; receivedAt: string | null; dueAt: string | null
  lines: number; requested: number; shipped: number; received: number; shortfall: number; inTransit: number
  minutesSinceApproval: number | null; overdue: boolean; vehicle: string | null; driver: string | null
}

/** Orders (of an incident, or all), newest first, with totals, time since approval and the overdue flag. */
export function listOrders(ctx: ServiceContext, q: {
  incidentId?: string; state?: TransferState; states?: readonly TransferState[]; now?: string; limit?: number; offset?: number; overdueFirst?: boolean
}): OrderListRow[] {
  const now = Date.parse(q.now ?? nowIso())
  const nowText = new Date(now).toISOString()
  const where: string[] = []
  const args: unknown[] = []
  if (q.incidentId) { where.push('o.incident_id = ?'); args.push(q.incidentId) }
  if (q.state) { where.push('o.state = ?'); args.push(q.state) }
  if (q.states) { where.push(`o.state IN (${q.states.map(() => '?').join(',')})`); args.push(...q.states) }
  const overdueFirst = q.overdueFirst ? `CASE WHEN o.state IN ('approved','dispatched') AND o.due_at < '${nowText}' THEN 0 ELSE 1 END, ` : ''
  const rows = ctx.db.$client.prepare(`SELECT o.id, o.order_no AS orderNo, o.state, o.incident_id AS incidentId,
      COALESCE(fs.name, p.name) AS fromName, COALESCE(ts.name, o.to_address) AS toName, o.from_agreement_id AS fromAgreementId,
      o.approved_at AS approvedAt, o.dispatched_at AS dispatchedAt, o.received_at AS receivedAt, o.due_at AS dueAt,
      o.vehicle, o.driver,
      (SELECT count(*) FROM transfer_order_lines l WHERE l.order_id = o.id) AS lines,
      (SELECT coalesce(sum(requested),0) FROM transfer_order_lines l WHERE l.order_id = o.id) AS requested,
      (SELECT coalesce(sum(shipped),0) FROM transfer_order_lines l WHERE l.order_id = o.id) AS shipped,
      (SELECT coalesce(sum(received),0) FROM transfer_order_lines l WHERE l.order_id = o.id) AS received,
      (SELECT coalesce(sum(shortfall),0) FROM transfer_order_lines l WHERE l.order_id = o.id) AS shortfall
    FROM transfer_orders o LEFT JOIN sites fs ON fs.id = o.from_site_id LEFT JOIN sites ts ON ts.id = o.to_site_id
    LEFT JOIN agreements a ON a.id = o.from_agreement_id LEFT JOIN partners p ON p.id = a.partner_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${overdueFirst}o.created_at DESC, o.order_no DESC LIMIT ? OFFSET ?`)
    .all(...args, q.limit ?? 10000, q.offset ?? 0) as Array<Omit<OrderListRow, 'inTransit' | 'minutesSinceApproval' | 'overdue' | keyof Lateness>>
  return rows.map((r) => ({
    ...r,
    // due, delivered and late-by on every order: an order that arrived late stays late
    ...lateness(r.state, r.dueAt, r.receivedAt, now),
    inTransit: r.shipped - r.received - r.shortfall,
    minutesSinceApproval: r.approvedAt ? Math.floor((now - Date.parse(r.approvedAt)) / 60000) : null,
    overdue: isOverdue(r.state, r.dueAt, now),
  }))
}


/** What has been shipped and not yet received nor written off as shortfall: per destination (or source) site and item. */
export function inTransit(ctx: ServiceContext, q: { siteId?: string; incidentId?: string }) {
  const where: string[] = ["o.state IN ('dispatched')", 'l.shipped - l.received - l.shortfall > 0']
  const args: unknown[] = []
  if (q.siteId) { where.push('(o.to_site_id = ? OR o.from_site_id = ?)'); args.push(q.siteId, q.siteId) }
  if (q.incidentId) { where.push('o.incident_id = ?'); args.push(q.incidentId) }
  return ctx.db.$client.prepare(`SELECT o.id AS orderId, o.order_no AS orderNo, o.from_site_id AS fromSiteId, o.to_site_id AS toSiteId,
      COALESCE(fs.name, p.name) AS fromName, COALESCE(ts.name, o.to_address) AS toName, o.dispatched_at AS dispatchedAt,
      l.item_id AS itemId, i.name AS itemName, i.unit AS unit, sum(l.shipped - l.received - l.shortfall) AS quantity
    FROM transfer_order_lines l JOIN transfer_orders o ON o.id = l.order_id JOIN items i ON i.id = l.item_id
    LEFT JOIN sites fs ON fs.id = o.from_site_id LEFT JOIN sites ts ON ts.id = o.to_site_id
    LEFT JOIN agreements a ON a.id = o.from_agreement_id LEFT JOIN partners p ON p.id = a.partner_id
    WHERE ${where.join(' AND ')} GROUP BY o.id, l.item_id ORDER BY o.dispatched_at, o.order_no, i.code`).all(...args) as Array<{
    orderId: string; orderNo: string; fromSiteId: string | null; toSiteId: string | null; fromName: string | null; toName: string | null
    dispatchedAt: string | null; itemId: string; itemName: string; unit: string; quantity: number
  }>
}

/** Stock on a site that other orders (approved, not yet dispatched) have already allocated: lotId → quantity. */
export function reservedAt(db: DbOrTx, siteId: string, itemId: string, exceptOrderId?: string): Map<string, number> {
  const rows = db.select({ lotId: transferOrderLines.lotId, q: sql<number>`sum(${transferOrderLines.allocated})` })
    .from(transferOrderLines).innerJoin(transferOrders, eq(transferOrders.id, transferOrderLines.orderId))
    .where(and(eq(transferOrders.fromSiteId, siteId), eq(transferOrderLines.itemId, itemId), eq(transferOrders.state, 'approved'),
      exceptOrderId ? sql`${transferOrders.id} <> ${exceptOrderId}` : undefined))
    .groupBy(transferOrderLines.lotId).all()
  return new Map(rows.filter((r) => r.lotId).map((r) => [r.lotId!, Number(r.q)]))
}

export const siteItemTotal = (db: DbOrTx, siteId: string, itemId: string): number =>
  Number(db.select({ q: sql<number>`coalesce(sum(${stockBalances.quantity}),0)` }).from(stockBalances)
    .where(and(eq(stockBalances.siteId, siteId), eq(stockBalances.itemId, itemId))).get()?.q ?? 0)
