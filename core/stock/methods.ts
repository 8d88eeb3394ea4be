import { z } from 'zod'
import { method, none, id, text, quantity, isoDate, documentHeader, receiptLine, issueLine } from '../api/spec'
import { BALANCE_SORT_FIELDS } from './sort-fields'

export const stockMethods = {
  'stock.balances': method({
    kind: 'query', summary: '库存（分页）/ stock balances, one page',
    input: z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(100),
      siteId: id.optional(),
      streetCode: id.optional(),
      itemId: id.optional(),
      category: text(40).optional(),
      search: text(100).optional(),
      expiry: z.enum(['all', 'expired', 'near30', 'near90', 'ok']).default('all'),
      sort: z.object({ field: z.enum(BALANCE_SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).optional(),
    }),
    // a named site must be in scope; without one, the rows are limited to the scope (listBalances)
    roles: [], scope: { kind: 'site', siteId: (i: { siteId?: string }) => i.siteId },
  }),
  'stock.fefo': method({
    kind: 'query', summary: '先到期先出建议 / first-expiry-first-out suggestion',
    input: z.object({ siteId: id, itemId: id, quantity }),
    roles: [], scope: { kind: 'site', siteId: (i: { siteId?: string }) => i.siteId },
  }),
  'stock.receive': method({
    kind: 'mutation', summary: '入库单过账 / post a receipt',
    input: z.object({ ...documentHeader, lines: z.array(receiptLine).min(1).max(5000) }),
    roles: ['keeper'], scope: { kind: 'site', siteId: (i: { siteId: string }) => i.siteId },
  }),
  'stock.issue': method({
    kind: 'mutation', summary: '出库单过账 / post an issue',
    input: z.object({ ...documentHeader, lines: z.array(issueLine).min(1).max(5000) }),
    roles: ['keeper'], scope: { kind: 'site', siteId: (i: { siteId: string }) => i.siteId },
  }),
  'stock.reverse': method({
    kind: 'mutation', summary: '冲销单据 / reverse a posted document',
    input: z.object({ id: documentHeader.id, documentId: id, docDate: isoDate, reason: text(500).optional() }),
    roles: ['keeper'], scope: { kind: 'document', documentId: (i: { documentId: string }) => i.documentId },
  }),
  'stock.document': method({
    kind: 'query', summary: '单据详情 / one document', input: z.object({ id }),
    roles: [], scope: { kind: 'document', documentId: (i: { id: string }) => i.id },
  }),
  'stock.documents': method({
    kind: 'query', summary: '最近单据 / recent documents',
    input: z.object({ siteId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }),
    roles: [], scope: { kind: 'site', siteId: (i: { siteId?: string }) => i.siteId },
  }),
  'stock.checkLedger': method({ kind: 'query', summary: '核对库存与台账 / check balances against the ledger', input: z.object({}), roles: ['admin'], scope: none }),
  'stock.rebuildBalances': method({ kind: 'mutation', summary: '由台账重建库存 / rebuild balances from the ledger', input: z.object({}), roles: ['admin'], scope: none }),
}
