/**
 * "Make orders from a request": the allocation suggestion applied in one step — one draft 调拨单 per suggested
 * source (own street first, then the district depot, then agreement partners), lines with the suggested lots.
 * Only what the request still lacks (requested − allocated on its orders that are not cancelled) is planned, so a
 * second click after a partial plan only fills the gap. The drafts stay drafts: the dispatcher may change any line
 * before approving. Calling again with the same batch id returns the orders made the first time (a retried click
 * never makes two sets).
 */
import { eq, sql } from 'drizzle-orm'
import { regions, transferOrders } from '../../db/schema'
import { AppError } from '../common/errors'
import type { ServiceContext } from '../common/context'
import { escapeLike } from '../common/text'
import { getRequest } from './requests'
import { suggestAllocation } from './allocation'
import { saveOrder, type OrderLineInput } from './transfers'

export interface MadeOrders {
  orders: Array<{ id: string; orderNo: string; sourceName: string; tier: string; lines: number }>
  /** per item: what no source could cover */
  short: Array<{ itemId: string; itemName: string; unit: string; shortBy: number }>
}

export function makeOrdersFromRequest(ctx: ServiceContext, input: { requestId: string; batchId: string }): MadeOrders {
  return ctx.db.transaction((tx) => {
    const already = tx.select({ id: transferOrders.id, orderNo: transferOrders.orderNo }).from(transferOrders)
      .where(sql`${transferOrders.id} LIKE ${`${escapeLike(input.batchId)}-%`} ESCAPE '\\'`).all()
    if (already.length) return { orders: already.map((o) => ({ ...o, sourceName: '', tier: '', lines: 0 })), short: [] }
    const r = getRequest(ctx, input.requestId)
    if (r.status === 'cancelled' || r.status === 'fulfilled') {
      throw new AppError('REQUEST_NOT_OPEN', { request: r.requestNo ?? r.id }, { field: 'requestId' })
    }
    const lacking = r.fill.map((f) => ({ itemId: f.itemId, quantity: f.requested - f.allocated })).filter((l) => l.quantity > 0)
    if (!lacking.length) throw new AppError('REQUEST_ALREADY_PLANNED', { request: r.requestNo ?? r.id }, { field: 'requestId' })
    const plan = suggestAllocation(ctx, { toSiteId: r.destinationSiteId ?? undefined, regionCode: r.destinationSiteId ? undefined : r.regionCode ?? undefined, lines: lacking })
    const toAddress = r.destinationSiteId ? undefined
      : r.destinationAddress ?? (r.regionCode ? tx.select({ name: regions.name }).from(regions).where(eq(regions.code, r.regionCode)).get()?.name : undefined)

    // Group the picks by source, keeping the order in which the tiers offered them.
    const groups = new Map<string, { tier: string; sourceName: string; siteId: string | null; agreementId: string | null; lines: OrderLineInput[] }>()
    for (const line of plan) {
      for (const p of line.picks) {
        const key = p.siteId ? `site:${p.siteId}` : `agreement:${p.agreementId}`
        let g = groups.get(key)
        if (!g) { g = { tier: p.tier, sourceName: p.sourceName, siteId: p.siteId, agreementId: p.agreementId, lines: [] }; groups.set(key, g) }
        g.lines.push({ itemId: line.itemId, lotId: p.lotId ?? undefined, requested: p.take, allocated: p.take })
      }
    }
    const orders: MadeOrders['orders'] = []
    let k = 0
    for (const g of groups.values()) {
      k++
      const saved = saveOrder(ctx, {
        id: `${input.batchId}-${k}`, incidentId: r.incidentId ?? undefined, requestId: r.id,
        fromSiteId: g.siteId ?? undefined, fromAgreementId: g.agreementId ?? undefined,
        toSiteId: r.destinationSiteId ?? undefined, toAddress, note: `需求申报 ${r.requestNo ?? ''}`.trim(), lines: g.lines,
      })
      orders.push({ id: saved.id, orderNo: saved.orderNo, sourceName: g.sourceName, tier: g.tier, lines: saved.lines })
    }
    return { orders, short: plan.filter((l) => l.shortBy > 0).map((l) => ({ itemId: l.itemId, itemName: l.itemName, unit: l.unit, shortBy: l.shortBy })) }
  })
}
