/**
 * 首批物资时限 (the response-time promise): an incident's response level (I–IV) names the tier that leads the response,
 * and each tier has its first-batch target (national guidance 2024: county/district 6 h, city 8 h, province 10 h;
 * editable with the readiness parameters). The clock starts when the request is registered — for an order without
 * a request, when the incident was registered — never at approval. A first batch is the first receipt (full or
 * partial) at the destination; one later than its due time stays late after it arrives.
 *
 * `clockOf` is the pure rule; `promiseBoard` and `promiseReport` read the incident's requests and orders. Nothing
 * here writes: orders keep their own `due_at` (approval + the source's response hours, core/dispatch/transfers.ts).
 */
import type { DbOrTx } from '../sync/events'
import { AppError } from '../common/errors'

export const RESPONSE_TIERS = ['district', 'city', 'province'] as const
export type ResponseTier = (typeof RESPONSE_TIERS)[number]
export type Level = 'I' | 'II' | 'III' | 'IV'

export interface PromiseTargets {
  /** first-batch hours by the tier leading the response */
  tiers: Record<ResponseTier, number>
  /** which tier leads at each response level; an incident without a level counts as IV */
  levelTier: Record<Level, ResponseTier>
}

export const DEFAULT_TARGETS: PromiseTargets = {
  tiers: { district: 6, city: 8, province: 10 },
  levelTier: { I: 'province', II: 'city', III: 'district', IV: 'district' },
}

export const targetHoursFor = (t: PromiseTargets, level: string | null | undefined): number =>
  t.tiers[t.levelTier[(level && level in t.levelTier ? level : 'IV') as Level]]

export type ClockState = 'open' | 'met' | 'late'
export interface Clock {
  startedAt: string
  dueAt: string
  firstBatchAt: string | null
  state: ClockState
  /** minutes until due (negative once past), while no batch has arrived */
  minutesLeft: number | null
  /** minutes the first batch was (or, still missing, is) late; 0 when on time */
  lateByMinutes: number
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The clock of one request or order: started at `startedAt`, due `hours` later, met by the first arrival. */
export function clockOf(startedAt: string, hours: number, firstBatchAt: string | null, now: string): Clock {
  const start = Date.parse(startedAt)
  const due = start + hours * 3600_000
  const nowMs = Date.parse(now)
  if (firstBatchAt) {
    const at = Date.parse(firstBatchAt)
    const late = Math.max(0, Math.round((at - due) / 60_000))
    return { startedAt, dueAt: iso(due), firstBatchAt, state: late > 0 ? 'late' : 'met', minutesLeft: null, lateByMinutes: late }
  }
  const left = Math.floor((due - nowMs) / 60_000)
  return { startedAt, dueAt: iso(due), firstBatchAt: null, state: left < 0 ? 'late' : 'open', minutesLeft: left, lateByMinutes: left < 0 ? -left : 0 }
}

interface OrderRow { id: string; orderNo: string; state: string; requestId: string | null; createdAt: string; firstArrival: string | null; toName: string | null; toAddress: string | null }
interface RequestRow { id: string; requestNo: string | null; status: string; createdAt: string; regionName: string | null; destination: string | null }

function readIncident(db: DbOrTx, incidentId: string) {
  const c = (db as any).$client
  const inc = c.prepare('SELECT id, name, level, created_at AS createdAt, started_at AS startedAt FROM incidents WHERE id = ?').get(incidentId) as
    { id: string; name: string; level: string | null; createdAt: string; startedAt: string } | undefined
  if (!inc) throw new AppError('NOT_FOUND', { what: '灾情事件', whatEn: 'Incident', id: incidentId }, { field: 'incidentId' })
  const requests = c.prepare(`SELECT r.id, r.request_no AS requestNo, r.status, r.created_at AS createdAt, g.name AS regionName, s.name AS destination
    FROM requests r LEFT JOIN regions g ON g.code = r.region_code LEFT JOIN sites s ON s.id = r.destination_site_id
    WHERE r.incident_id = ? AND r.status <> 'cancelled' ORDER BY r.created_at`).all(incidentId) as RequestRow[]
  // the first arrival: the first transition into a received state (a partial receipt is a first batch too)
  const orders = c.prepare(`SELECT o.id, o.order_no AS orderNo, o.state, o.request_id AS requestId, o.created_at AS createdAt,
      (SELECT min(t.at) FROM transfer_order_transitions t WHERE t.order_id = o.id AND t.to_state IN ('partly_received','received')) AS firstArrival,
      s.name AS toName, o.to_address AS toAddress
    FROM transfer_orders o LEFT JOIN sites s ON s.id = o.to_site_id
    WHERE o.incident_id = ? AND o.state <> 'cancelled' ORDER BY o.created_at`).all(incidentId) as OrderRow[]
  return { inc, requests, orders }
}

/** Time left (or late by) per request and per order of an incident, for the board. */
export function promiseBoard(db: DbOrTx, targets: PromiseTargets, incidentId: string, now: string) {
  const { inc, requests, orders } = readIncident(db, incidentId)
  const hours = targetHoursFor(targets, inc.level)
  const reqStart = new Map(requests.map((r) => [r.id, r.createdAt]))
  const orderClocks = orders.map((o) => {
    // registered with the request, else with the incident (an order made before any request was recorded)
    const start = (o.requestId && reqStart.get(o.requestId)) || inc.createdAt
    return { id: o.id, orderNo: o.orderNo, orderState: o.state, requestId: o.requestId, destination: o.toName ?? o.toAddress, ...clockOf(start, hours, o.firstArrival, now) }
  })
  const requestClocks = requests.map((r) => {
    const arrivals = orders.filter((o) => o.requestId === r.id && o.firstArrival).map((o) => o.firstArrival!).sort()
    return { id: r.id, requestNo: r.requestNo, status: r.status, region: r.regionName, destination: r.destination, ...clockOf(r.createdAt, hours, arrivals[0] ?? null, now) }
  })
  return { incidentId, level: inc.level, targetHours: hours, now, requests: requestClocks, orders: orderClocks }
}

/** For the incident report: time to the first batch, the on-time rate of orders whose clock has run out, the late orders. */
export function promiseReport(db: DbOrTx, targets: PromiseTargets, incidentId: string, now: string) {
  const b = promiseBoard(db, targets, incidentId, now)
  const { inc } = readIncident(db, incidentId)
  const arrivals = b.orders.map((o) => o.firstBatchAt).filter((x): x is string => !!x).sort()
  const decided = b.orders.filter((o) => o.state !== 'open')
  const onTime = decided.filter((o) => o.state === 'met').length
  return {
    incidentId, name: inc.name, level: inc.level, targetHours: b.targetHours, registeredAt: inc.createdAt,
    hoursToFirstBatch: arrivals.length ? Math.round(((Date.parse(arrivals[0]) - Date.parse(inc.createdAt)) / 3600_000) * 10) / 10 : null,
    orders: b.orders.length, decided: decided.length, onTime,
    onTimeRate: decided.length ? onTime / decided.length : null,
    lateOrders: b.orders.filter((o) => o.state === 'late').map((o) => ({ orderNo: o.orderNo, destination: o.destination, dueAt: o.dueAt, firstBatchAt: o.firstBatchAt, lateByMinutes: o.lateByMinutes })),
    lateRequests: b.requests.filter((r) => r.state === 'late').map((r) => ({ requestNo: r.requestNo, region: r.region, dueAt: r.dueAt, firstBatchAt: r.firstBatchAt, lateByMinutes: r.lateByMinutes })),
  }
}
