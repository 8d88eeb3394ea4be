/**
 * The api contract: every method once, with its input schema, the roles that may call it and the scope it acts in.
 * The IPC routing, the preload bridge, the hub's HTTP routes, its OpenAPI document and the renderer's client are
 * all derived from this list. It imports nothing from the database so the preload and renderer can import it too;
 * the handlers live in ./handlers.ts, whose type forces one handler per method here.
 */
import { z } from 'zod'
import type { Role } from '../context'
import { isValidIsoDate } from '../dates'
import { BALANCE_SORT_FIELDS } from './sort-fields'

/** What a method acts on, for scope checks: nothing in particular, a site named in the input, or a document's site. */
export type ScopeRule =
  | { kind: 'none' }
  | { kind: 'site'; siteId: (input: any) => string | undefined }
  | { kind: 'document'; documentId: (input: any) => string }

export interface MethodSpec<I extends z.ZodType = z.ZodType> {
  kind: 'query' | 'mutation'
  summary: string
  input: I
  /** roles allowed besides admin, who may do everything; empty = any signed-in user */
  roles: Role[]
  scope: ScopeRule
}

const method = <I extends z.ZodType>(spec: MethodSpec<I>) => spec
const none: ScopeRule = { kind: 'none' }

// Field schemas that read the way people type -------------------------------------------------------------------
const isoDate = z.string().trim().refine(isValidIsoDate, { message: 'date' })
const id = z.string().trim().min(1).max(100)
const text = (max = 200) => z.string().trim().max(max)
const quantity = z.number().int().positive().max(1e9)

const documentHeader = {
  id: z.string().trim().min(8).max(64),
  siteId: id,
  docDate: isoDate,
  subtype: text(40).optional(),
  counterparty: text().optional(),
  reason: text(500).optional(),
  handledBy: text(60).optional(),
}

export const receiptLine = z.object({
  itemId: id,
  lotNo: text(60).optional(),
  productionDate: isoDate.optional(),
  expiryDate: isoDate.optional(),
  supplier: text().optional(),
  unitCost: z.number().nonnegative().max(1e9).optional(),
  quantity,
  note: text(500).optional(),
})

export const issueLine = z.object({ itemId: id, lotId: id.optional(), quantity, note: text(500).optional() })

export const contract = {
  'system.info': method({ kind: 'query', summary: '本机与数据概况 / installation info', input: z.object({}), roles: [], scope: none }),

  'network.tree': method({ kind: 'query', summary: '储备网络树 / network tree', input: z.object({}), roles: [], scope: none }),
  'network.sites': method({ kind: 'query', summary: '储备库点列表 / all sites', input: z.object({}), roles: [], scope: none }),

  'catalogue.items': method({ kind: 'query', summary: '物资目录 / catalogue items', input: z.object({}), roles: [], scope: none }),

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
    roles: [], scope: none,
  }),
  'stock.fefo': method({
    kind: 'query', summary: '先到期先出建议 / first-expiry-first-out suggestion',
    input: z.object({ siteId: id, itemId: id, quantity }),
    roles: [], scope: none,
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
  'stock.document': method({ kind: 'query', summary: '单据详情 / one document', input: z.object({ id }), roles: [], scope: none }),
  'stock.documents': method({
    kind: 'query', summary: '最近单据 / recent documents',
    input: z.object({ siteId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }),
    roles: [], scope: none,
  }),
  'stock.checkLedger': method({ kind: 'query', summary: '核对库存与台账 / check balances against the ledger', input: z.object({}), roles: ['admin'], scope: none }),
  'stock.rebuildBalances': method({ kind: 'mutation', summary: '由台账重建库存 / rebuild balances from the ledger', input: z.object({}), roles: ['admin'], scope: none }),
} satisfies Record<string, MethodSpec>

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export const methodNames = Object.keys(contract) as MethodName[]
