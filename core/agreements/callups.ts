/**
 * Agreement call-ups (协议调用): an order from an agreement partner is the call-up. It counts against what the
 * agreement commits per item and carries the promised delivery time (approval + the agreement's response hours).
 * Agreements themselves are managed by the planners' area; `recordAgreement` is the minimal write dispatch needs
 * (and tests use) where that area has not recorded one.
 */
import { sql } from 'drizzle-orm'
import type { ServiceContext } from '../common/context'
import { appendEvent } from '../sync/events'
import { agreementLines, agreements, partners } from '../../db/schema'
import type { DbOrTx } from '../sync/events'
import { isOverdue, lateness } from '../dispatch/transfer-state'

export interface AgreementRecord {
  partner: { id: string; name: string; contact?: string; phone?: string }
  agreement: { id: string; agreementNo: string; kind: 'materials' | 'capacity' | 'transport'; responseHours?: number; validFrom: string; validTo: string }
  lines: Array<{ itemId?: string; quantity?: number; vehicleType?: string; vehicleCount?: number }>
}

export function recordAgreement(ctx: ServiceContext, r: AgreementRecord): void {
  ctx.db.transaction((tx) => {
    appendEvent(tx, ctx, { type: 'agreement.recorded', entityId: r.agreement.id, payload: r })
    applyAgreementRecorded(tx, r)
  })
}

/** Every call-up with its agreement, promised time and whether it is overdue; and per agreement × item what is left. */
export function listCallups(ctx: ServiceContext, q: { incidentId?: string; now?: string }) {
  const now = Date.parse(q.now ?? new Date().toISOString())
  const rows = ctx.db.all<{
    orderId: string; orderNo: string; state: string; agreementId: string; agreementNo: string; partnerName: string
    responseHours: number | null; approvedAt: string | null; dueAt: string | null; receivedAt: string | null; quantity: number
  }>(sql`SELECT o.id AS orderId, o.order_no AS orderNo, o.state, a.id AS agreementId, a.agreement_no AS agreementNo, p.name AS partnerName,
      a.response_hours AS responseHours, o.approved_at AS approvedAt, o.due_at AS dueAt, o.received_at AS receivedAt,
      (SELECT coalesce(sum(allocated),0) FROM transfer_order_lines l WHERE l.order_id = o.id) AS quantity
    FROM transfer_orders o JOIN agreements a ON a.id = o.from_agreement_id JOIN partners p ON p.id = a.partner_id
    WHERE o.state <> 'cancelled' AND (${q.incidentId ?? null} IS NULL OR o.incident_id = ${q.incidentId ?? null})
    ORDER BY o.created_at`)
  const committed = ctx.db.all<{ agreementId: string; agreementNo: string; partnerName: string; itemId: string; itemName: string; unit: string; committed: number; called: number }>(sql`
    SELECT a.id AS agreementId, a.agreement_no AS agreementNo, p.name AS partnerName, al.item_id AS itemId, i.name AS itemName, i.unit AS unit,
      sum(al.quantity) AS committed,
      coalesce((SELECT sum(CASE WHEN o.state IN ('dispatched','partly_received','received','closed') THEN l.shipped ELSE l.allocated END)
        FROM transfer_order_lines l JOIN transfer_orders o ON o.id = l.order_id
        WHERE o.from_agreement_id = a.id AND o.state <> 'cancelled' AND l.item_id = al.item_id), 0) AS called
    FROM agreement_lines al JOIN agreements a ON a.id = al.agreement_id JOIN partners p ON p.id = a.partner_id JOIN items i ON i.id = al.item_id
    WHERE a.kind = 'materials' GROUP BY a.id, al.item_id ORDER BY a.agreement_no, i.code`)
  const callups = rows.map((r) => ({ ...r, overdue: isOverdue(r.state as never, r.dueAt, now), ...lateness(r.state as never, r.dueAt, r.receivedAt, now) }))
  const commitments = committed.map((c) => ({ ...c, left: c.committed - c.called }))
  // Per agreement: what it commits, what has been called up and what is left per item; its promised response time;
  // its call-ups with the overdue ones flagged.
  const heads = ctx.db.all<{ agreementId: string; agreementNo: string; partnerName: string; phone: string | null; responseHours: number | null; validFrom: string; validTo: string; status: string }>(sql`
    SELECT a.id AS agreementId, a.agreement_no AS agreementNo, p.name AS partnerName, p.phone AS phone, a.response_hours AS responseHours,
      a.valid_from AS validFrom, a.valid_to AS validTo, a.status FROM agreements a JOIN partners p ON p.id = a.partner_id
    WHERE a.kind = 'materials' ORDER BY a.agreement_no`)
  const agreements = heads.map((h) => {
    const mine = callups.filter((c) => c.agreementId === h.agreementId)
    const items = commitments.filter((c) => c.agreementId === h.agreementId)
      .map((c) => ({ itemId: c.itemId, itemName: c.itemName, unit: c.unit, committed: c.committed, called: c.called, left: c.left }))
    return {
      ...h, items, callups: mine, overdue: mine.filter((c) => c.overdue).length,
      committed: items.reduce((a, i) => a + i.committed, 0), called: items.reduce((a, i) => a + i.called, 0), left: items.reduce((a, i) => a + i.left, 0),
    }
  })
  return { callups, commitments, agreements }
}

/** Active transport agreements, for the vehicle field of an order. */
export function transportOptions(ctx: ServiceContext) {
  return ctx.db.all<{ agreementId: string; agreementNo: string; partnerName: string; contact: string | null; phone: string | null; vehicleType: string | null; vehicleCount: number | null }>(sql`
    SELECT a.id AS agreementId, a.agreement_no AS agreementNo, p.name AS partnerName, p.contact AS contact, p.phone AS phone, al.vehicle_type AS vehicleType, al.vehicle_count AS vehicleCount
    FROM agreements a JOIN partners p ON p.id = a.partner_id LEFT JOIN agreement_lines al ON al.agreement_id = a.id
    WHERE a.kind = 'transport' AND a.status = 'active' AND a.valid_from <= ${ctx.today()} AND a.valid_to >= ${ctx.today()}
    ORDER BY a.agreement_no`)
}

// ---------------------------------------------------------------------------------------------------------------
// Agreements recorded by dispatch (create-only; the planners' agreements edit them): the agreement.recorded applier

export function applyAgreementRecorded(tx: DbOrTx, r: AgreementRecord): void {
  tx.insert(partners).values({ id: r.partner.id, name: r.partner.name, contact: r.partner.contact ?? null, phone: r.partner.phone ?? null }).onConflictDoNothing().run()
  const inserted = tx.insert(agreements).values({ ...r.agreement, partnerId: r.partner.id, responseHours: r.agreement.responseHours ?? null, status: 'active' })
    .onConflictDoNothing().run()
  if (!inserted.changes) return
  r.lines.forEach((l, i) => tx.insert(agreementLines).values({
    agreementId: r.agreement.id, lineNo: i + 1, itemId: l.itemId ?? null, quantity: l.quantity ?? null,
    vehicleType: l.vehicleType ?? null, vehicleCount: l.vehicleCount ?? null,
  }).run())
}
