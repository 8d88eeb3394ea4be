/** 报废审批 (issue 18): a street depot's scrap write-off requested by its keeper and decided by the district. */
import { z } from 'zod'
import { method, noScope, districtScope, id, text, quantity, isoDate, documentHeader } from '../api/spec'

const siteScope = { kind: 'site' as const, siteId: (i: { siteId?: string }) => i.siteId }

export const writeoffMethods = {
  'writeoff.request': method({
    kind: 'mutation', summary: '提交报废申请（街道储备库，待区级审批）/ request a scrap write-off at a street depot',
    input: z.object({
      id: documentHeader.id, siteId: id, docDate: isoDate, reason: text(500).min(1),
      lines: z.array(z.object({ itemId: id, lotId: id, quantity, note: text(500).nullish() })).min(1).max(2000),
    }),
    roles: ['keeper'], scope: siteScope,
  }),
  'writeoff.decide': method({
    kind: 'mutation', summary: '审批报废申请（批准即核销，或退回）/ approve (posts the write-off) or return a request',
    input: z.object({ id, decision: z.enum(['approve', 'return']), note: text(500).nullish() }),
    roles: ['planner'], scope: districtScope('报废审批是区级的事：街道储备库的报废须经区级批准 / approving a street depot\'s write-off is the district\'s'),
  }),
  'writeoff.requests': method({
    kind: 'query', summary: '报废申请（管辖范围内）/ write-off requests in scope',
    // a named site must be in scope; without one, only the requests of sites in the caller's scope (listWriteOffRequests)
    input: z.object({ status: z.enum(['requested', 'approved', 'returned']).optional(), siteId: id.optional() }), roles: [], scope: siteScope,
  }),
  'writeoff.report': method({
    kind: 'query', summary: '报废核销按原因汇总 / write-offs in a period by reason',
    input: z.object({ from: isoDate, to: isoDate }), roles: [],
    scope: noScope('只统计调用者范围内储备点的单据（writeoff-approval.ts writeOffReport） / counts only the documents of sites in the caller\'s scope'),
  }),
}
