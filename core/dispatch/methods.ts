import './errors'
import { z } from 'zod'
import { method, docDate, receiptDocument, code, noScope, id, text, quantity, isoDate, documentHeader, receiptLine, issueLine } from '../api/spec'
import { INCIDENT_LEVELS } from './incident-levels'
import { TRANSFER_STATES } from './transfer-state'

const count = z.number().int().min(0).max(1e9)
const instant = z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'date' })
const orderLine = z.object({ itemId: id, lotId: id.optional(), requested: quantity, allocated: count.optional() })
const incidentsShared = noScope('灾情事件全区共享：每个储备点都要知道正在应对什么 / incidents are shared district-wide: every site needs to know what is being answered')
const dispatchShared = noScope('调度视图全区共享：调度员统筹全区的需求、调拨和在途，调入点也要看到发往本点的物资 / the dispatch view is district-wide: dispatchers weigh every request, order and shipment, and a receiving site sees what is coming')
const site = (f: (i: any) => string | undefined) => ({ kind: 'site' as const, siteId: f })

export const dispatchMethods = {
  'incident.list': method({ kind: 'query', summary: '灾情事件 / incidents', input: z.object({}), roles: [], scope: incidentsShared }),
  'incident.get': method({ kind: 'query', summary: '一个灾情事件 / one incident', input: z.object({ id }), roles: [], scope: incidentsShared }),
  'incident.save': method({
    kind: 'mutation', summary: '登记或修改灾情事件 / open or edit an incident',
    input: z.object({
      id, name: text(100).min(1), type: text(20).min(1), level: z.enum(INCIDENT_LEVELS).optional(), startedAt: docDate,
      endedAt: docDate.optional(), regionCodes: z.array(id).max(500).default([]), note: text(1000).optional(),
    }),
    roles: ['dispatcher'],
    scope: noScope('灾情事件是全区的记录，受灾区域不是管辖范围：调度员可为任何区域登记 / an incident is a district-wide record and its affected regions are not a scope: a dispatcher opens one for any region'),
  }),
  'incident.close': method({
    kind: 'mutation', summary: '结束灾情事件 / close an incident', input: z.object({ id, endedAt: docDate.optional() }), roles: ['dispatcher'],
    scope: noScope('灾情事件是全区的记录，由调度员结束 / an incident is a district-wide record, closed by a dispatcher'),
  }),
  'incident.current': method({ kind: 'query', summary: '当前灾情事件 / the current incident', input: z.object({}), roles: [],
    scope: noScope('当前灾情事件是本机的显示设置 / the current incident is this installation\'s own display setting') }),
  'incident.setCurrent': method({
    kind: 'mutation', summary: '选择当前灾情事件 / pick the current incident', input: z.object({ id: id.nullable() }), roles: [],
    scope: noScope('只改本机显示哪个灾情事件，不改任何记录 / only picks which incident this installation shows; changes no record'),
  }),
  'incident.report': method({ kind: 'query', summary: '灾情物资使用报告 / incident report', input: z.object({ id }), roles: [], scope: incidentsShared }),
  'incident.return': method({
    kind: 'mutation', summary: '回收入库 / returnables back against an incident',
    input: receiptDocument({ ...documentHeader, incidentId: id, lines: z.array(receiptLine).min(1).max(5000) }),
    roles: ['keeper', 'dispatcher'], scope: site((i) => i.siteId),
  }),
  'incident.writeOff': method({
    kind: 'mutation', summary: '核销 / consumables written off against an incident',
    input: z.object({ ...documentHeader, incidentId: id, lines: z.array(issueLine).min(1).max(5000) }),
    roles: ['keeper', 'dispatcher'], scope: site((i) => i.siteId),
  }),

  'request.list': method({
    kind: 'query', summary: '需求申报 / requests', input: z.object({ incidentId: id.optional(), openOnly: z.boolean().default(false) }), roles: [], scope: dispatchShared,
  }),
  'request.save': method({
    kind: 'mutation', summary: '登记需求申报 / record a request',
    input: z.object({
      id, incidentId: id, regionCode: id.optional(), destinationSiteId: id.optional(), destinationAddress: text(200).optional(),
      urgency: z.enum(['normal', 'urgent', 'critical']).default('normal'), contact: text(100).optional(), requester: text(100).optional(),
      note: text(1000).optional(), lines: z.array(z.object({ itemId: id, quantity })).min(1).max(2000),
    }),
    roles: ['dispatcher'], scope: site((i) => i.destinationSiteId),
  }),
  'request.makeOrders': method({
    kind: 'mutation', summary: '按分配建议生成调拨单草稿 / draft orders from a request, one per suggested source',
    input: z.object({ requestId: id, batchId: documentHeader.id }), roles: ['dispatcher'],
    scope: noScope('草稿调拨单只是建议，发运时按调拨单的储备点校验范围 / draft orders are suggestions; moving an order on checks its sites'),
  }),
  'request.cancel': method({ kind: 'mutation', summary: '撤销需求申报 / cancel a request', input: z.object({ id }), roles: ['dispatcher'],
    scope: noScope('需求申报属于灾情事件，由调度员全区统筹 / a request belongs to an incident, weighed district-wide by dispatchers') }),

  'transfer.save': method({
    kind: 'mutation', summary: '保存调拨单草稿 / save a draft transfer order',
    input: z.object({
      id: documentHeader.id, incidentId: id.optional(), requestId: id.optional(), fromSiteId: id.optional(), fromAgreementId: id.optional(),
      toSiteId: id.optional(), toAddress: text(200).optional(), vehicle: text(60).optional(), driver: text(60).optional(),
      note: text(1000).optional(), lines: z.array(orderLine).min(1).max(5000),
    }),
    roles: ['dispatcher'], scope: site((i) => i.fromSiteId ?? i.toSiteId),
  }),
  'transfer.transition': method({
    kind: 'mutation', summary: '调拨单审批、发运、签收、关闭、作废 / move an order on',
    input: z.object({
      id, action: z.enum(['approve', 'dispatch', 'receive', 'close', 'cancel']), vehicle: text(60).optional(), driver: text(60).optional(),
      lines: z.array(z.object({
        lineNo: z.number().int().min(1), received: count, reason: z.enum(['damaged', 'lost', 'short_shipped']).optional(),
        lotNo: code(60).optional(), expiryDate: isoDate.optional(),
      })).max(5000).optional(),
      note: text(500).optional(), docDate: docDate.optional(), at: instant.optional(),
    }),
    roles: ['dispatcher', 'keeper'], scope: { kind: 'transfer', transferId: (i: { id: string }) => i.id },
  }),
  'transfer.get': method({ kind: 'query', summary: '调拨单详情 / one order', input: z.object({ id }), roles: [], scope: dispatchShared }),
  'transfer.list': method({
    kind: 'query', summary: '调拨单 / orders',
    input: z.object({ incidentId: id.optional(), state: z.enum(TRANSFER_STATES).optional(), now: instant.optional(), limit: z.number().int().min(1).max(10000).optional() }),
    roles: [], scope: dispatchShared,
  }),
  'transfer.inTransit': method({
    kind: 'query', summary: '在途物资 / in transit', input: z.object({ siteId: id.optional(), incidentId: id.optional() }), roles: [],
    // a named site must be in scope; without one it is the dispatch view, shared district-wide
    scope: site((i) => i.siteId),
  }),
  'transfer.suggest': method({
    kind: 'query', summary: '调拨分配建议 / allocation suggestion',
    input: z.object({ toSiteId: id.optional(), regionCode: id.optional(), lines: z.array(z.object({ itemId: id, quantity })).min(1).max(2000) }),
    // a named destination must be in scope; the sources it weighs are the district-wide dispatch view
    roles: [], scope: site((i) => i.toSiteId),
  }),
  'dispatch.board': method({
    kind: 'query', summary: '调度看板 / dispatch board',
    input: z.object({
      incidentId: id, now: instant.optional(), page: z.number().int().min(1).max(1e6).optional(), pageSize: z.number().int().min(1).max(500).optional(),
      state: z.enum(TRANSFER_STATES).optional(),
    }), roles: [], scope: dispatchShared,
  }),
  'dispatch.callups': method({
    kind: 'query', summary: '协议调用 / agreement call-ups', input: z.object({ incidentId: id.optional(), now: instant.optional() }), roles: [], scope: dispatchShared,
  }),
  'dispatch.sources': method({ kind: 'query', summary: '可调用的协议与运力 / agreements to call up', input: z.object({}), roles: [], scope: dispatchShared }),
}
