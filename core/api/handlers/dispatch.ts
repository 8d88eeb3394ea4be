import type { HandlersFor } from './types'
import type { dispatchMethods } from '../methods/dispatch'
import type { ServiceContext } from '../../context'
import {
  closeIncident, currentIncident, getIncident, listIncidents, saveIncident, setCurrentIncident,
} from '../../services/incidents'
import { cancelRequest, listRequests, saveRequest } from '../../services/requests'
import { getOrder, inTransit, listOrders, saveOrder, transitionOrder } from '../../services/transfers'
import { suggestAllocation } from '../../services/allocation'
import { listCallups, transportOptions } from '../../services/callups'
import { incidentReport, postIncidentReturn, postIncidentWriteOff } from '../../services/incident-report'
import { makeOrdersFromRequest } from '../../services/request-orders'
import { OPEN_STATES } from '../../services/transfer-state'

/** The board of one incident: open requests, open orders by state (time since approval, overdue), what is in transit. */
export function dispatchBoard(ctx: ServiceContext, i: { incidentId: string; now?: string }) {
  const incident = getIncident(ctx, i.incidentId)
  const orders = listOrders(ctx, { incidentId: i.incidentId, now: i.now })
  return {
    incident,
    requests: listRequests(ctx, { incidentId: i.incidentId, openOnly: true }),
    orders: orders.filter((o) => OPEN_STATES.includes(o.state) || o.state === 'partly_received' || o.state === 'received'),
    counts: Object.fromEntries(['draft', 'approved', 'dispatched', 'partly_received', 'received', 'closed', 'cancelled']
      .map((s) => [s, orders.filter((o) => o.state === s).length])) as Record<string, number>,
    overdue: orders.filter((o) => o.overdue).length,
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
