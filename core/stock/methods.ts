/** Stock's contract entries: balances and documents (receipt, issue, reversal), a keeper's day beyond them (transfers, returns, write-offs and their 报废审批 by the district, stocktakes, the stock card, opening-stock import) and 预警 alerts. */
import './errors'
import { z } from 'zod'
import { method, docDate, receiptDocument, noScope, districtScope, id, text, quantity, isoDate, documentHeader, receiptLine, issueLine } from '../api/spec'
import { BALANCE_SORT_FIELDS } from './sort-fields'

const siteScope = { kind: 'site' as const, siteId: (i: { siteId: string }) => i.siteId }
/** A site named in the input, if any; without one, the handler limits the rows to the caller's scope. */
const optionalSiteScope = { kind: 'site' as const, siteId: (i: { siteId?: string }) => i.siteId }
const stocktakeScope = { kind: 'stocktake' as const, stocktakeId: (i: { stocktakeId: string }) => i.stocktakeId }
const reason = text(500).min(1)

export const importSource = z.discriminatedUnion('format', [
  z.object({ format: z.literal('csv'), base64: z.string().max(60_000_000) }),
  z.object({ format: z.literal('rows'), rows: z.array(z.array(z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).max(200)).max(200_000) }),
])
const importMapping = z.partialRecord(z.enum(['itemCode', 'itemName', 'unit', 'lotNo', 'productionDate', 'expiryDate', 'quantity', 'unitCost', 'supplier', 'note']), z.number().int().min(-1).max(199))
const importKind = z.enum(['opening', 'receipt'])

const kind = z.enum(['expired', 'expiring30', 'expiring90', 'rotation', 'belowMinimum'])
const filter = { siteId: id.optional(), streetCode: id.optional(), category: text(40).optional() }
const window = z.object({ near: z.number().int().min(1).max(3650), far: z.number().int().min(1).max(3650) })


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
    input: receiptDocument({ ...documentHeader, lines: z.array(receiptLine).min(1).max(5000) }),
    roles: ['keeper'], scope: { kind: 'site', siteId: (i: { siteId: string }) => i.siteId },
  }),
  'stock.issue': method({
    kind: 'mutation', summary: '出库单过账 / post an issue',
    input: z.object({ ...documentHeader, lines: z.array(issueLine).min(1).max(5000) }),
    roles: ['keeper'], scope: { kind: 'site', siteId: (i: { siteId: string }) => i.siteId },
  }),
  'stock.reverse': method({
    kind: 'mutation', summary: '冲销单据 / reverse a posted document',
    input: z.object({ id: documentHeader.id, documentId: id, docDate, reason: text(500).optional() }),
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
  'stock.checkLedger': method({ kind: 'query', summary: '核对库存与台账 / check balances against the ledger', input: z.object({}), roles: ['admin'], scope: noScope('仅管理员：核对全库 / admin only, checks every site') }),
  'stock.rebuildBalances': method({ kind: 'mutation', summary: '由台账重建库存 / rebuild balances from the ledger', input: z.object({}), roles: ['admin'], scope: noScope('仅管理员：重建全库 / admin only, rebuilds every site') }),
  'stock.transfer': method({
    kind: 'mutation', summary: '调拨（调出 + 调入，一次过账）/ transfer between two sites',
    input: z.object({
      id: documentHeader.id, fromSiteId: id, toSiteId: id, docDate, reason: text(500).optional(),
      handledBy: documentHeader.handledBy, lines: z.array(issueLine).min(1).max(5000),
    }),
    roles: ['keeper'], scope: { kind: 'site', siteId: (i: { fromSiteId: string }) => i.fromSiteId },
  }),
  'stock.returnIn': method({
    kind: 'mutation', summary: '回收入库 / returnable items coming back',
    input: receiptDocument({ ...documentHeader, lines: z.array(receiptLine).min(1).max(5000) }),
    roles: ['keeper'], scope: siteScope,
  }),
  'stock.writeOff': method({
    kind: 'mutation', summary: '报废 / 过期 核销 / write off (scrap or expired)',
    input: z.object({
      ...documentHeader, type: z.enum(['scrap', 'expire']), reason,
      lines: z.array(issueLine.extend({ lotId: id })).min(1).max(5000),
    }),
    roles: ['keeper'], scope: siteScope,
  }),
  'stocktake.open': method({
    kind: 'mutation', summary: '开始盘点（生成账面快照）/ open a stocktake',
    input: z.object({ id: documentHeader.id, siteId: id, blind: z.boolean().default(false), note: text(500).optional() }),
    roles: ['keeper'], scope: siteScope,
  }),
  'stocktake.get': method({ kind: 'query', summary: '盘点表 / one stocktake', input: z.object({ id }), roles: [], scope: { kind: 'stocktake', stocktakeId: (i: { id: string }) => i.id } }),
  'stocktake.list': method({
    kind: 'query', summary: '盘点列表 / stocktakes',
    input: z.object({ siteId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }), roles: [], scope: optionalSiteScope,
  }),
  'stocktake.openAt': method({ kind: 'query', summary: '该点未完成的盘点 / the open count at a site', input: z.object({ siteId: id }), roles: [], scope: siteScope }),
  'stocktake.save': method({
    kind: 'mutation', summary: '保存实盘数量 / save counted quantities',
    input: z.object({
      stocktakeId: id,
      counts: z.array(z.object({
        lineNo: z.number().int().positive(), counted: z.number().int().min(0).max(1e9).nullable(), reason: text(200).nullable().optional(),
      })).max(20000),
    }),
    roles: ['keeper'], scope: stocktakeScope,
  }),
  'stocktake.post': method({
    kind: 'mutation', summary: '盘点过账（盘盈/盘亏）/ post the variances',
    input: z.object({ stocktakeId: id, id: documentHeader.id, docDate, reason: text(500).optional(), handledBy: documentHeader.handledBy }),
    roles: ['keeper'], scope: stocktakeScope,
  }),
  'stocktake.cancel': method({ kind: 'mutation', summary: '作废盘点 / cancel a stocktake', input: z.object({ stocktakeId: id }), roles: ['keeper'], scope: stocktakeScope }),
  'import.preview': method({
    kind: 'query', summary: '导入预览（逐行校验）/ preview an import with row and field errors',
    input: z.object({ kind: importKind, source: importSource, mapping: importMapping.optional(), siteId: id.optional() }), roles: [],
    // the page's site, when one is chosen, names the rows that belong elsewhere: a site the caller may act at
    scope: optionalSiteScope,
  }),
  'import.post': method({
    kind: 'mutation', summary: '导入过账（无错误时生成一张入库单）/ post an import when it has no errors',
    input: z.object({
      kind: importKind, source: importSource, mapping: importMapping.optional(), id: documentHeader.id, siteId: id, docDate,
      counterparty: text().optional(),
    }),
    roles: ['keeper'], scope: siteScope,
  }),
  'stock.card': method({
    kind: 'query', summary: '台账（含结存）/ stock card with running balance',
    input: z.object({ siteId: id, itemId: id, from: isoDate.optional(), to: isoDate.optional() }), roles: [], scope: siteScope,
  }),
  'alerts.list': method({
    kind: 'query', summary: '预警列表 / alerts', input: z.object({ ...filter, kind: kind.optional() }), roles: [], scope: optionalSiteScope,
  }),
  'alerts.summary': method({
    kind: 'query', summary: '预警数量 / alert counts by kind', input: z.object(filter), roles: [], scope: optionalSiteScope,
  }),
  'alerts.thresholds': method({
    kind: 'query', summary: '临期天数设置 / expiry windows per category', input: z.object({}), roles: [],
    scope: noScope('全区统一的临期天数设置，不含库存 / the district-wide expiry windows, no stock'),
  }),
  'alerts.setThresholds': method({
    kind: 'mutation', summary: '设置临期天数 / set the expiry windows',
    input: z.object({ default: window, categories: z.record(text(40), window) }), roles: ['admin', 'keeper'], scope: districtScope('临期天数对全区生效 / the expiry windows apply to the whole district'),
  }),
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
    input: z.object({ status: z.enum(['requested', 'approved', 'returned']).optional(), siteId: id.optional() }), roles: [], scope: optionalSiteScope,
  }),
  'writeoff.report': method({
    kind: 'query', summary: '报废核销按原因汇总 / write-offs in a period by reason',
    input: z.object({ from: isoDate, to: isoDate }), roles: [],
    scope: noScope('只统计调用者范围内储备点的单据（writeoff-approval.ts writeOffReport） / counts only the documents of sites in the caller\'s scope'),
  }),
}
