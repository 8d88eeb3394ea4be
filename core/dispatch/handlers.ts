import type { HandlersFor } from '../api/handler-types'
import type { dispatchMethods } from './methods'
import type { ServiceContext } from '../common/context'
import {
  closeIncident, currentIncident, getIncident, listIncidents, saveIncident, setCurrentIncident,
} from './incidents'
import { cancelRequest, listRequests, saveRequest } from './requests'
import { getOrder, inTransit, listOrders, saveOrder, transitionOrder } from './transfers'
import { suggestAllocation } from './allocation'
import { listCallups, transportOptions } from '../agreements/callups'
import { incidentReport, postIncidentReturn, postIncidentWriteOff } from './incident-report'
import { makeOrdersFromRequest } from './request-orders'
import { TRANSFER_STATES, type TransferState } from './transfer-state'

/** States the board lists: everything not closed or cancelled. */
export const BOARD_STATES = ['draft', 'approved', 'dispatched', 'partly_received', 'received'] as const

/**
 * The board of one incident: open requests, one page of its open orders (overdue first, then newest), counts per
 * state, the overdue count and what is in transit. Paged on the server, so a large incident (thousands of orders)
 * costs one page of rows per refresh, not all of them.
 */
export function dispatchBoard(ctx: ServiceContext, i: { incidentId: string; now?: string; page?: number; pageSize?: number; state?: TransferState }) {
  const incident = getIncident(ctx, i.incidentId)
  const nowIso = new Date(Date.parse(i.now ?? new Date().toISOString())).toISOString()
  const c = ctx.db.$client
  const byState = c.prepare('SELECT state, count(*) AS n FROM transfer_orders WHERE incident_id = ? GROUP BY state').all(i.incidentId) as Array<{ state: string; n: number }>
  const counts = Object.fromEntries(TRANSFER_STATES.map((s) => [s, byState.find((r) => r.state === s)?.n ?? 0])) as Record<TransferState, number>
  const overdue = c.prepare(`SELECT count(*) FROM transfer_orders WHERE incident_id = ? AND state IN ('approved','dispatched') AND due_at < ?`)
    .pluck().get(i.incidentId, nowIso) as number
  // late stays late: of the orders that arrived with a due time, how many on time
  const arrived = c.prepare(`SELECT count(*) AS arrived, coalesce(sum(CASE WHEN received_at <= due_at THEN 1 ELSE 0 END), 0) AS onTime
    FROM transfer_orders WHERE incident_id = ? AND state IN ('received','closed') AND due_at IS NOT NULL AND received_at IS NOT NULL`)
    .get(i.incidentId) as { arrived: number; onTime: number }
  const punctuality = { ...arrived, late: arrived.arrived - arrived.onTime, onTimeRate: arrived.arrived ? Math.round((arrived.onTime / arrived.arrived) * 1000) / 10 : null }
  const states = i.state ? [i.state] : [...BOARD_STATES]
  const pageSize = i.pageSize ?? 50
  const page = i.page ?? 1
  const total = states.reduce((a, s) => a + counts[s], 0)
  return {
    incident,
    requests: listRequests(ctx, { incidentId: i.incidentId, openOnly: true }),
    orders: listOrders(ctx, { incidentId: i.incidentId, states, now: i.now, limit: pageSize, offset: (page - 1) * pageSize, overdueFirst: true }),
    total, page, pageSize, counts, overdue, punctuality,
    inTransit: inTransit(ctx, { incidentId: i.incidentId }),
  }
}

export const dispatchHandlers = {
  'incident.list': (ctx) => listIncidents(ctx),
  'incident.get': (ctx, i) => getIncident(ctx, i.id),
  'incident.save': (ctx, i) => saveIncident(ctx, i),
  'incident.close': (ctx, i) => closeIncident(ctx, i),
  'incident.current': (ctx) => currentIncident(ctx),
  'incident.setCurrent': (ctx, i) => setCurrentIncident(ctx, i),
  'incident.report': (ctx, i) => incidentReport(ctx, i.id),
  'incident.return': (ctx, i) => postIncidentReturn(ctx, i),
  'incident.writeOff': (ctx, i) => postIncidentWriteOff(ctx, i),
  'request.list': (ctx, i) => listRequests(ctx, i),
  'request.save': (ctx, i) => saveRequest(ctx, i),
  'request.makeOrders': (ctx, i) => makeOrdersFromRequest(ctx, i),
  'request.cancel': (ctx, i) => cancelRequest(ctx, i),
  'transfer.save': (ctx, i) => saveOrder(ctx, i),
  'transfer.transition': (ctx, i) => transitionOrder(ctx, i),
  'transfer.get': (ctx, i) => getOrder(ctx, i.id),
  'transfer.list': (ctx, i) => listOrders(ctx, i),
  'transfer.inTransit': (ctx, i) => inTransit(ctx, i),
  'transfer.suggest': (ctx, i) => suggestAllocation(ctx, i),
  'dispatch.board': (ctx, i) => dispatchBoard(ctx, i),
  'dispatch.callups': (ctx, i) => listCallups(ctx, i),
  'dispatch.sources': (ctx) => ({
    agreements: listCallups(ctx, {}).commitments,
    transport: transportOptions(ctx),
  }),
} satisfies HandlersFor<typeof dispatchMethods>
