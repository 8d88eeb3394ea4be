/** A depot keeper's day beyond receipt and issue: transfers, returns, write-offs, stocktakes, the stock card. */
import { z } from 'zod'
import { method, none, id, text, isoDate, documentHeader, receiptLine, issueLine } from '../api/spec'

const siteScope = { kind: 'site' as const, siteId: (i: { siteId: string }) => i.siteId }
const reason = text(500).min(1)

export const importSource = z.discriminatedUnion('format', [
  z.object({ format: z.literal('csv'), base64: z.string().max(60_000_000) }),
  z.object({ format: z.literal('rows'), rows: z.array(z.array(z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).max(200)).max(200_000) }),
])
const importMapping = z.partialRecord(z.enum(['itemCode', 'itemName', 'unit', 'lotNo', 'productionDate', 'expiryDate', 'quantity', 'unitCost', 'supplier', 'note']), z.number().int().min(-1).max(199))
const importKind = z.enum(['opening', 'receipt'])

export const depotMethods = {
  'stock.transfer': method({
    kind: 'mutation', summary: '调拨（调出 + 调入，一次过账）/ transfer between two sites',
    input: z.object({
      id: documentHeader.id, fromSiteId: id, toSiteId: id, docDate: isoDate, reason: text(500).optional(),
      handledBy: documentHeader.handledBy, lines: z.array(issueLine).min(1).max(5000),
    }),
    roles: ['keeper'], scope: { kind: 'site', siteId: (i: { fromSiteId: string }) => i.fromSiteId },
  }),
  'stock.returnIn': method({
    kind: 'mutation', summary: '回收入库 / returnable items coming back',
    input: z.object({ ...documentHeader, lines: z.array(receiptLine).min(1).max(5000) }),
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
  'stocktake.get': method({ kind: 'query', summary: '盘点表 / one stocktake', input: z.object({ id }), roles: [], scope: none }),
  'stocktake.list': method({
    kind: 'query', summary: '盘点列表 / stocktakes',
    input: z.object({ siteId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }), roles: [], scope: none,
  }),
  'stocktake.openAt': method({ kind: 'query', summary: '该点未完成的盘点 / the open count at a site', input: z.object({ siteId: id }), roles: [], scope: none }),
  'stocktake.save': method({
    kind: 'mutation', summary: '保存实盘数量 / save counted quantities',
    input: z.object({
      stocktakeId: id,
      counts: z.array(z.object({
        lineNo: z.number().int().positive(), counted: z.number().int().min(0).max(1e9).nullable(), reason: text(200).nullable().optional(),
      })).max(20000),
    }),
    roles: ['keeper'], scope: none,
  }),
  'stocktake.post': method({
    kind: 'mutation', summary: '盘点过账（盘盈/盘亏）/ post the variances',
    input: z.object({ stocktakeId: id, id: documentHeader.id, docDate: isoDate, reason: text(500).optional(), handledBy: documentHeader.handledBy }),
    roles: ['keeper'], scope: none,
  }),
  'stocktake.cancel': method({ kind: 'mutation', summary: '作废盘点 / cancel a stocktake', input: z.object({ stocktakeId: id }), roles: ['keeper'], scope: none }),
  'import.preview': method({
    kind: 'query', summary: '导入预览（逐行校验）/ preview an import with row and field errors',
    input: z.object({ kind: importKind, source: importSource, mapping: importMapping.optional() }), roles: [], scope: none,
  }),
  'import.post': method({
    kind: 'mutation', summary: '导入过账（无错误时生成一张入库单）/ post an import when it has no errors',
    input: z.object({
      kind: importKind, source: importSource, mapping: importMapping.optional(), id: documentHeader.id, siteId: id, docDate: isoDate,
      counterparty: text().optional(),
    }),
    roles: ['keeper'], scope: siteScope,
  }),
  'stock.card': method({
    kind: 'query', summary: '台账（含结存）/ stock card with running balance',
    input: z.object({ siteId: id, itemId: id, from: isoDate.optional(), to: isoDate.optional() }), roles: [], scope: none,
  }),
}
