/** How far a request is filled by the orders made for it, and its status from that (kept apart from ./requests.ts so the order fold can refresh it without importing the request service). */
import { eq, sql } from 'drizzle-orm'
import { requests } from '../../db/schema'
import type { DbOrTx } from '../sync/events'

/** Per item of a request: requested, and what orders made for it have shipped and delivered. */
export function requestFill(db: DbOrTx, requestId: string) {
  return db.all<{ itemId: string; itemName: string; unit: string; requested: number; allocated: number; shipped: number; received: number }>(sql`
    SELECT rl.item_id AS itemId, i.name AS itemName, i.unit AS unit, sum(rl.quantity) AS requested,
      coalesce((SELECT sum(l.allocated) FROM transfer_order_lines l JOIN transfer_orders o ON o.id = l.order_id
        WHERE o.request_id = ${requestId} AND o.state <> 'cancelled' AND l.item_id = rl.item_id), 0) AS allocated,
      coalesce((SELECT sum(l.shipped) FROM transfer_order_lines l JOIN transfer_orders o ON o.id = l.order_id
        WHERE o.request_id = ${requestId} AND o.state <> 'cancelled' AND l.item_id = rl.item_id), 0) AS shipped,
      coalesce((SELECT sum(l.received) FROM transfer_order_lines l JOIN transfer_orders o ON o.id = l.order_id
        WHERE o.request_id = ${requestId} AND o.state <> 'cancelled' AND l.item_id = rl.item_id), 0) AS received
    FROM request_lines rl JOIN items i ON i.id = rl.item_id WHERE rl.request_id = ${requestId}
    GROUP BY rl.item_id ORDER BY min(rl.line_no)`)
}

/** open → partly (something delivered) → fulfilled (every item delivered in full). Cancelled stays cancelled. */
export function refreshRequestStatus(tx: DbOrTx, requestId: string): void {
  const r = tx.select({ status: requests.status }).from(requests).where(eq(requests.id, requestId)).get()
  if (!r || r.status === 'cancelled') return
  const fill = requestFill(tx, requestId)
  const status = fill.length && fill.every((f) => f.received >= f.requested) ? 'fulfilled'
    : fill.some((f) => f.received > 0 || f.shipped > 0) ? 'partly' : 'open'
  if (status !== r.status) tx.update(requests).set({ status }).where(eq(requests.id, requestId)).run()
}
