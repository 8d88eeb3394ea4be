/**
 * After the incident: returnables come back (回收入库) and consumables are written off (核销) against it, and the
 * incident report says per item what was requested, sent, received, consumed and returned, from which sources and
 * how fast; the replenishment list says what each source must get back to stand where it stood.
 */
import { lateness, onTimeRate, type Lateness, type TransferState } from './transfer-state'
import { eq, inArray, sql } from 'drizzle-orm'
import { items } from '../../db/schema'
import { AppError } from '../common/errors'
import type { ServiceContext } from '../common/context'
import { postInbound, postOutbound, type IssueLineInput, type PostResult, type ReceiptLineInput } from '../stock/ledger'
import { getIncident } from './incidents'

export const WRITE_OFF_SUBTYPE = '核销'

/** 回收入库: returnable items come back into a site against the incident. */
export function postIncidentReturn(ctx: ServiceContext, input: {
  id: string; incidentId: string; siteId: string; docDate: string; reason?: string; handledBy?: string; lines: ReceiptLineInput[]
}): PostResult {
  return ctx.db.transaction(() => {
    getIncident(ctx, input.incidentId)
    const rows = ctx.db.select().from(items).where(inArray(items.id, input.lines.map((l) => l.itemId))).all()
    input.lines.forEach((l, i) => {
      const item = rows.find((r) => r.id === l.itemId)
      if (item && !item.returnable) throw new AppError('ITEM_NOT_RETURNABLE', { item: item.name }, { row: i + 1, field: 'itemId' })
    })
    return postInbound(ctx, 'return', { ...input, subtype: '回收入库' })
  })
}

/** 核销: consumables used up in the response are written off at the site that held them, against the incident. */
export function postIncidentWriteOff(ctx: ServiceContext, input: {
  id: string; incidentId: string; siteId: string; docDate: string; reason?: string; handledBy?: string; lines: IssueLineInput[]
}): PostResult {
  return ctx.db.transaction(() => {
    getIncident(ctx, input.incidentId)
    return postOutbound(ctx, 'issue', { ...input, subtype: WRITE_OFF_SUBTYPE })
  })
}

export interface IncidentReport {
  incident: ReturnType<typeof getIncident>
  items: Array<{
    itemId: string; itemCode: string; itemName: string; unit: string; returnable: boolean
    requested: number; sent: number; received: number; shortfall: number; inTransit: number; consumed: number; returned: number
  }>
  sources: Array<{ sourceName: string; kind: 'site' | 'agreement'; itemName: string; unit: string; sent: number; orders: number }>
  deliveries: Array<{ orderNo: string; fromName: string | null; toName: string | null; state: string; approvedAt: string | null; dispatchedAt: string | null; receivedAt: string | null; hours: number | null } & { dueAt: string | null } & Lateness>
  shortfalls: Array<{ orderNo: string; itemName: string; unit: string; shipped: number; received: number; shortfall: number; reason: string | null }>
  replenish: Array<{ siteId: string; siteName: string; itemId: string; itemName: string; unit: string; sent: number; returned: number; replenish: number }>
  totals: {
    orders: number; requested: number; sent: number; received: number; consumed: number; returned: number; avgHours: number | null; maxHours: number | null
    /** of the orders that arrived with a due time: how many on time, the rate in %, and the late ones' total and longest lateness */
    arrivedWithDue: number; onTime: number; onTimeRate: number | null; late: number; maxLateMinutes: number | null; avgLateMinutes: number | null
  }
}

export function incidentReport(ctx: ServiceContext, incidentId: string): IncidentReport {
  const incident = getIncident(ctx, incidentId)
  const db = ctx.db
  const itemRows = db.all<Omit<IncidentReport['items'][number], 'returnable' | 'inTransit'> & { returnable: number }>(sql`
    WITH req AS (SELECT rl.item_id, sum(rl.quantity) q FROM request_lines rl JOIN requests r ON r.id = rl.request_id
        WHERE r.incident_id = ${incidentId} AND r.status <> 'cancelled' GROUP BY rl.item_id),
      ord AS (SELECT l.item_id, sum(l.shipped) sent, sum(l.received) received, sum(l.shortfall) shortfall
        FROM transfer_order_lines l JOIN transfer_orders o ON o.id = l.order_id
        WHERE o.incident_id = ${incidentId} AND o.state <> 'cancelled' GROUP BY l.item_id),
      used AS (SELECT dl.item_id, sum(CASE WHEN d.type = 'issue' AND d.subtype = ${WRITE_OFF_SUBTYPE} THEN dl.quantity ELSE 0 END) consumed,
          sum(CASE WHEN d.type = 'return' THEN dl.quantity ELSE 0 END) returned
        FROM document_lines dl JOIN documents d ON d.id = dl.document_id WHERE d.incident_id = ${incidentId} GROUP BY dl.item_id),
      ids AS (SELECT item_id FROM req UNION SELECT item_id FROM ord UNION SELECT item_id FROM used)
    SELECT i.id AS itemId, i.code AS itemCode, i.name AS itemName, i.unit AS unit, i.returnable AS returnable,
      coalesce(req.q,0) AS requested, coalesce(ord.sent,0) AS sent, coalesce(ord.received,0) AS received,
      coalesce(ord.shortfall,0) AS shortfall, abs(coalesce(used.consumed,0)) AS consumed, coalesce(used.returned,0) AS returned
    FROM ids JOIN items i ON i.id = ids.item_id LEFT JOIN req ON req.item_id = i.id LEFT JOIN ord ON ord.item_id = i.id
    LEFT JOIN used ON used.item_id = i.id ORDER BY i.code`)
  const sources = db.all<IncidentReport['sources'][number]>(sql`
    SELECT COALESCE(s.name, p.name || '（' || a.agreement_no || '）') AS sourceName, CASE WHEN o.from_site_id IS NULL THEN 'agreement' ELSE 'site' END AS kind,
      i.name AS itemName, i.unit AS unit, sum(l.shipped) AS sent, count(DISTINCT o.id) AS orders
    FROM transfer_order_lines l JOIN transfer_orders o ON o.id = l.order_id JOIN items i ON i.id = l.item_id
    LEFT JOIN sites s ON s.id = o.from_site_id LEFT JOIN agreements a ON a.id = o.from_agreement_id LEFT JOIN partners p ON p.id = a.partner_id
    WHERE o.incident_id = ${incidentId} AND o.state <> 'cancelled' AND l.shipped > 0
    GROUP BY sourceName, i.id ORDER BY sourceName, i.code`)
  const now = Date.now()
  const deliveries = db.all<Omit<IncidentReport['deliveries'][number], 'hours' | keyof Lateness>>(sql`
    SELECT o.order_no AS orderNo, COALESCE(s.name, p.name) AS fromName, COALESCE(ts.name, o.to_address) AS toName, o.state,
      o.approved_at AS approvedAt, o.dispatched_at AS dispatchedAt, o.received_at AS receivedAt, o.due_at AS dueAt
    FROM transfer_orders o LEFT JOIN sites s ON s.id = o.from_site_id LEFT JOIN sites ts ON ts.id = o.to_site_id
    LEFT JOIN agreements a ON a.id = o.from_agreement_id LEFT JOIN partners p ON p.id = a.partner_id
    WHERE o.incident_id = ${incidentId} AND o.state <> 'cancelled' ORDER BY o.approved_at, o.order_no`)
    .map((d) => ({
      ...d, hours: d.approvedAt && d.receivedAt ? Math.round((Date.parse(d.receivedAt) - Date.parse(d.approvedAt)) / 360000) / 10 : null,
      ...lateness(d.state as TransferState, d.dueAt, d.receivedAt, now),
    }))
  const shortfalls = db.all<IncidentReport['shortfalls'][number]>(sql`
    SELECT o.order_no AS orderNo, i.name AS itemName, i.unit AS unit, l.shipped, l.received, l.shortfall, l.shortfall_reason AS reason
    FROM transfer_order_lines l JOIN transfer_orders o ON o.id = l.order_id JOIN items i ON i.id = l.item_id
    WHERE o.incident_id = ${incidentId} AND l.shortfall > 0 ORDER BY o.order_no, l.line_no`)
  const replenish = db.all<IncidentReport['replenish'][number]>(sql`
    WITH out AS (SELECT o.from_site_id site_id, l.item_id, sum(l.shipped) sent FROM transfer_order_lines l JOIN transfer_orders o ON o.id = l.order_id
        WHERE o.incident_id = ${incidentId} AND o.from_site_id IS NOT NULL AND o.state <> 'cancelled' GROUP BY 1, 2),
      back AS (SELECT d.site_id, dl.item_id, sum(dl.quantity) returned FROM document_lines dl JOIN documents d ON d.id = dl.document_id
        WHERE d.incident_id = ${incidentId} AND d.type = 'return' GROUP BY 1, 2)
    SELECT out.site_id AS siteId, s.name AS siteName, out.item_id AS itemId, i.name AS itemName, i.unit AS unit, out.sent AS sent,
      coalesce(back.returned, 0) AS returned, max(out.sent - coalesce(back.returned, 0), 0) AS replenish
    FROM out JOIN sites s ON s.id = out.site_id JOIN items i ON i.id = out.item_id
    LEFT JOIN back ON back.site_id = out.site_id AND back.item_id = out.item_id
    WHERE out.sent > 0 ORDER BY s.code, i.code`)
  const hours = deliveries.map((d) => d.hours).filter((h): h is number => h !== null)
  const its = itemRows.map((r) => ({ ...r, returnable: !!r.returnable, inTransit: r.sent - r.received - r.shortfall }))
  const sum = (k: 'requested' | 'sent' | 'received' | 'consumed' | 'returned') => its.reduce((a, r) => a + r[k], 0)
  return {
    incident, items: its, sources, deliveries, shortfalls, replenish,
    totals: {
      orders: deliveries.length, requested: sum('requested'), sent: sum('sent'), received: sum('received'), consumed: sum('consumed'), returned: sum('returned'),
      avgHours: hours.length ? Math.round((hours.reduce((a, b) => a + b, 0) / hours.length) * 10) / 10 : null,
      maxHours: hours.length ? Math.max(...hours) : null,
      ...punctuality(deliveries),
    },
  }
}
void eq

function punctuality(ds: Lateness[]) {
  const r = onTimeRate(ds)
  const lateBy = ds.filter((d) => d.late && d.lateMinutes != null).map((d) => d.lateMinutes!)
  return {
    arrivedWithDue: r.arrived, onTime: r.onTime, onTimeRate: r.rate, late: lateBy.length,
    maxLateMinutes: lateBy.length ? Math.max(...lateBy) : null,
    avgLateMinutes: lateBy.length ? Math.round(lateBy.reduce((a, b) => a + b, 0) / lateBy.length) : null,
  }
}
