/**
 * The ledger (台账). Every change of stock is a document whose lines become append-only stock movements; the
 * balances per site × item × lot are a projection updated in the same transaction and rebuildable from the
 * movements. A document posts whole or not at all, and a document id that was already posted is not posted again.
 */
import { peopleNamer } from '../people/names'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import {
  documentLines, documents, items, lots, sites, stockBalances, stockMovements, settings,
  type DocumentType,
} from '../../db/schema'
import { AppError } from '../common/errors'
import { scopeCondition } from '../people/scope'
import type { ServiceContext } from '../common/context'
import { appendEvent, type DbOrTx } from '../sync/events'
import { lotIdFor, NO_LOT } from '../common/ids'
import { daysBetween } from '../common/dates'
import { hlcOfEvent, lww } from '../sync/lww'
import type { BalanceSortField } from './sort-fields'
import { containsPattern } from '../common/text'
import { clientOf } from '../../db/open'
import { ledgerStatements, writeDocumentRows } from './ledger-statements'
import { perDataVersion } from '../common/version-cache'

/** Which way each document type moves stock; stocktake and reversal lines carry their own sign. */
export const DIRECTION: Record<DocumentType, 1 | -1 | 0> = {
  receipt: 1, transfer_in: 1, return: 1,
  issue: -1, transfer_out: -1, scrap: -1, expire: -1,
  stocktake: 0, reversal: 0,
}

const DOC_PREFIX: Record<DocumentType, string> = {
  receipt: 'RK', issue: 'CK', transfer_in: 'DR', transfer_out: 'DC', return: 'HS',
  scrap: 'BF', expire: 'GQ', stocktake: 'PD', reversal: 'CX',
}

export interface ReceiptLineInput {
  itemId: string
  lotNo?: string
  productionDate?: string
  expiryDate?: string
  supplier?: string
  unitCost?: number
  quantity: number
  note?: string
}

export interface IssueLineInput { itemId: string; lotId?: string; quantity: number; note?: string }

export interface DocumentHeaderInput {
  /** made by the client when the form opens: posting the same id twice posts once */
  id: string
  siteId: string
  /** the other site of a transfer (调入/调出) */
  counterpartySiteId?: string
  incidentId?: string
  transferOrderId?: string
  docDate: string
  subtype?: string
  counterparty?: string
  reason?: string
  handledBy?: string
}

/** What an event carries: everything another replica needs to apply the same document. */
export interface PostedDocumentPayload {
  id: string
  docNo: string
  type: DocumentType
  subtype: string | null
  siteId: string
  counterpartySiteId: string | null
  counterparty: string | null
  docDate: string
  reason: string | null
  reversesDocId: string | null
  incidentId: string | null
  transferOrderId?: string | null
  handledBy: string | null
  replicaId: string
  lots: Array<{
    id: string; itemId: string; lotNo: string; productionDate: string | null; expiryDate: string | null
    supplier: string | null; unitCost: number | null
  }>
  lines: Array<{ lineNo: number; itemId: string; lotId: string; quantity: number; unitCost: number | null; note: string | null }>
}

export interface PostResult { id: string; docNo: string; alreadyPosted: boolean; lines: number }

// ---------------------------------------------------------------------------------------------------------------
// Posting

export type InboundType = 'receipt' | 'transfer_in' | 'return'
export type OutboundType = 'issue' | 'transfer_out' | 'scrap' | 'expire'

/** 入库单 (采购/捐赠). */
export const postReceipt = (ctx: ServiceContext, input: DocumentHeaderInput & { lines: ReceiptLineInput[] }): PostResult =>
  postInbound(ctx, 'receipt', input)

/** 出库单 (发放). */
export const postIssue = (ctx: ServiceContext, input: DocumentHeaderInput & { lines: IssueLineInput[] }): PostResult =>
  postOutbound(ctx, 'issue', input)

/**
 * Any document that brings stock in: lots are named by number (and created when new). May be called inside a
 * caller's transaction (it nests as a savepoint), so a dispatch transition and its posting commit together.
 */
export function postInbound(ctx: ServiceContext, type: InboundType, input: DocumentHeaderInput & { lines: ReceiptLineInput[] }): PostResult {
  return ctx.db.transaction((tx) => {
    const existing = alreadyPosted(tx, input.id, type, input.siteId)
    if (existing) return existing
    const site = activeSite(tx, input.siteId)
    const itemMap = loadItems(tx, input.lines.map((l) => l.itemId))
    const knownLots = loadLots(tx, input.lines.map((l) => {
      const item = itemMap.get(l.itemId)!
      return lotIdFor(item.id, (l.lotNo ?? '').trim() || (item.lotTracked ? '' : NO_LOT))
    }))
    const newLots = new Map<string, PostedDocumentPayload['lots'][number]>()
    const lines = input.lines.map((l, i) => {
      const item = itemMap.get(l.itemId)!
      const row = i + 1
      const lotNo = (l.lotNo ?? '').trim() || (item.lotTracked ? '' : NO_LOT)
      if (!lotNo) throw new AppError('LOT_REQUIRED', { item: item.name }, { row, field: 'lotNo' })
      if (l.productionDate && l.expiryDate && l.expiryDate < l.productionDate) {
        throw new AppError('EXPIRY_BEFORE_PRODUCTION', {}, { row, field: 'expiryDate' })
      }
      const lotId = lotIdFor(item.id, lotNo)
      const known = knownLots.get(lotId)
      if (known) {
        for (const [field, fieldZh] of [['expiryDate', '有效期'], ['productionDate', '生产日期']] as const) {
          const given = l[field]
          if (given && known[field] && given !== known[field]) {
            throw new AppError('LOT_MISMATCH', { lot: lotNo, field, fieldZh, existing: known[field], given }, { row, field })
          }
        }
      } else if (!newLots.has(lotId)) {
        newLots.set(lotId, {
          id: lotId, itemId: item.id, lotNo, productionDate: l.productionDate ?? null, expiryDate: l.expiryDate ?? null,
          supplier: l.supplier?.trim() || null, unitCost: l.unitCost ?? null,
        })
      } else {
        const pending = newLots.get(lotId)!
        if (l.expiryDate && pending.expiryDate && l.expiryDate !== pending.expiryDate) {
          throw new AppError('LOT_MISMATCH', { lot: lotNo, field: 'expiryDate', fieldZh: '有效期', existing: pending.expiryDate, given: l.expiryDate }, { row, field: 'expiryDate' })
        }
      }
      return { lineNo: row, itemId: item.id, lotId, quantity: l.quantity, unitCost: l.unitCost ?? null, note: l.note ?? null }
    })
    return commitDocument(tx, ctx, header(ctx, tx, input, type, site.id), [...newLots.values()], lines)
  })
}

/**
 * Any document that takes stock out. A line names its lot, or (for 发放 and 调出 only) leaves it to
 * first-expiry-first-out; write-offs (报废, 过期) must name the lot they write off.
 */
export function postOutbound(ctx: ServiceContext, type: OutboundType, input: DocumentHeaderInput & { lines: IssueLineInput[] }): PostResult {
  return ctx.db.transaction((tx) => {
    const existing = alreadyPosted(tx, input.id, type, input.siteId)
    if (existing) return existing
    const site = activeSite(tx, input.siteId)
    const itemMap = loadItems(tx, input.lines.map((l) => l.itemId))
    const lines: PostedDocumentPayload['lines'] = []
    // Track what earlier lines of this document already took, so two lines on one lot cannot overdraw it.
    const taken = new Map<string, number>()
    // Lots and their balances here, loaded in a few queries: a dispatch may carry thousands of lines.
    const lotIds = [...new Set(input.lines.map((l) => l.lotId).filter((x): x is string => !!x))]
    const lotMap = new Map<string, typeof lots.$inferSelect>()
    const balMap = new Map<string, number>()
    for (let k = 0; k < lotIds.length; k += 500) {
      const part = lotIds.slice(k, k + 500)
      for (const r of tx.select().from(lots).where(inArray(lots.id, part)).all()) lotMap.set(r.id, r)
      for (const r of tx.select({ itemId: stockBalances.itemId, lotId: stockBalances.lotId, q: stockBalances.quantity }).from(stockBalances)
        .where(and(eq(stockBalances.siteId, site.id), inArray(stockBalances.lotId, part))).all()) balMap.set(`${r.itemId}|${r.lotId}`, r.q)
    }
    input.lines.forEach((l, i) => {
      const row = i + 1
      const item = itemMap.get(l.itemId)!
      if (l.lotId) {
        const lot = lotMap.get(l.lotId)
        if (!lot) throw new AppError('NOT_FOUND', { what: '批次', whatEn: 'Lot', id: l.lotId }, { row, field: 'lotId' })
        if (lot.itemId !== item.id) throw new AppError('LOT_ITEM_MISMATCH', { lot: lot.lotNo, item: item.name }, { row, field: 'lotId' })
        const available = (balMap.get(`${item.id}|${lot.id}`) ?? 0) - (taken.get(lot.id) ?? 0)
        if (available < l.quantity) {
          throw new AppError('INSUFFICIENT_STOCK', {
            site: site.name, item: item.name, lot: lot.lotNo === NO_LOT ? '' : lot.lotNo, available, requested: l.quantity, unit: item.unit,
          }, { row, field: 'quantity' })
        }
        taken.set(lot.id, (taken.get(lot.id) ?? 0) + l.quantity)
        lines.push({ lineNo: lines.length + 1, itemId: item.id, lotId: lot.id, quantity: -l.quantity, unitCost: lot.unitCost, note: l.note ?? null })
      } else if (type === 'scrap' || type === 'expire') {
        throw new AppError('LOT_REQUIRED', { item: item.name }, { row, field: 'lotId' })
      } else {
        // No lot chosen: first-expiry-first-out over the lots that have not expired.
        const plan = fefo(tx, ctx.today(), site.id, item.id, l.quantity, taken)
        if (plan.shortBy > 0) {
          throw new AppError('INSUFFICIENT_STOCK', {
            site: site.name, item: item.name, lot: '', available: l.quantity - plan.shortBy, requested: l.quantity, unit: item.unit,
          }, { row, field: 'quantity' })
        }
        for (const p of plan.picks) {
          taken.set(p.lotId, (taken.get(p.lotId) ?? 0) + p.take)
          lines.push({ lineNo: lines.length + 1, itemId: item.id, lotId: p.lotId, quantity: -p.take, unitCost: p.unitCost, note: l.note ?? null })
        }
      }
    })
    return commitDocument(tx, ctx, header(ctx, tx, input, type, site.id), [], lines)
  })
}

/** 冲销: a counter-document that negates every line of a posted document. A document is reversed at most once. */
export function reverseDocument(ctx: ServiceContext, input: { id: string; documentId: string; docDate: string; reason?: string }): PostResult {
  return ctx.db.transaction((tx) => {
    const result = reverseOne(ctx, tx, input)
    // A transfer is two documents (调出 at one site, 调入 at the other): reversing either reverses both.
    const original = tx.select({ type: documents.type }).from(documents).where(eq(documents.id, input.documentId)).get()
    if (!result.alreadyPosted && (original?.type === 'transfer_out' || original?.type === 'transfer_in')) {
      const pairId = original.type === 'transfer_out' ? transferInIdFor(input.documentId) : input.documentId.replace(/:in$/, '')
      if (pairId !== input.documentId && tx.select({ id: documents.id }).from(documents).where(eq(documents.id, pairId)).get()) {
        reverseOne(ctx, tx, { ...input, id: `${input.id}:pair`, documentId: pairId })
      }
    }
    return result
  })
}

function reverseOne(ctx: ServiceContext, tx: DbOrTx, input: { id: string; documentId: string; docDate: string; reason?: string }): PostResult {
  {
    const existing = tx.select().from(documents).where(eq(documents.id, input.id)).get()
    if (existing) {
      if (existing.type !== 'reversal' || existing.reversesDocId !== input.documentId) throw new AppError('DOCUMENT_ID_REUSED')
      return { id: existing.id, docNo: existing.docNo, alreadyPosted: true, lines: countLines(tx, existing.id) }
    }
    const original = tx.select().from(documents).where(eq(documents.id, input.documentId)).get()
    if (!original) throw new AppError('NOT_FOUND', { what: '单据', whatEn: 'Document', id: input.documentId }, { field: 'documentId' })
    if (original.type === 'reversal') {
      throw new AppError('VALIDATION', { detail: '冲销单不能再冲销', detailEn: 'a reversal cannot be reversed' }, { field: 'documentId' })
    }
    const already = tx.select({ docNo: documents.docNo }).from(documents).where(eq(documents.reversesDocId, original.id)).get()
    if (already) {
      throw new AppError('VALIDATION', { detail: `该单据已被 ${already.docNo} 冲销`, detailEn: `already reversed by ${already.docNo}` }, { field: 'documentId' })
    }
    const site = activeSite(tx, original.siteId)
    const originalLines = tx.select().from(stockMovements).where(eq(stockMovements.documentId, original.id)).orderBy(asc(stockMovements.lineNo)).all()
    const lines = originalLines.map((m, i) => ({ lineNo: i + 1, itemId: m.itemId, lotId: m.lotId, quantity: -m.quantity, unitCost: null, note: null }))
    checkNotNegative(tx, site, lines)
    const h = header(ctx, tx, { id: input.id, siteId: site.id, docDate: input.docDate, reason: input.reason }, 'reversal', site.id)
    h.reversesDocId = original.id
    return commitDocument(tx, ctx, h, [], lines)
  }
}

/** 调拨 (调出 + 调入): stock leaves one site and enters the other in one transaction, as two documents naming each other. */
export interface TransferInput {
  id: string; fromSiteId: string; toSiteId: string; docDate: string; reason?: string; handledBy?: string; lines: IssueLineInput[]
}

/** The id of the 调入 document that belongs to a 调出 document. */
export const transferInIdFor = (outId: string) => `${outId}:in`

export function postTransfer(ctx: ServiceContext, input: TransferInput): { out: PostResult; in: PostResult } {
  if (input.fromSiteId === input.toSiteId) throw new AppError('TRANSFER_SAME_SITE', {}, { field: 'toSiteId' })
  return ctx.db.transaction((tx) => {
    activeSite(tx, input.toSiteId)
    const head = { docDate: input.docDate, reason: input.reason, handledBy: input.handledBy }
    const out = postOutbound(ctx, 'transfer_out', { ...head, id: input.id, siteId: input.fromSiteId, counterpartySiteId: input.toSiteId, lines: input.lines })
    // What left, lot by lot (FEFO may have split a line), arrives at the other site under the same lots.
    const moved = tx.select({ itemId: stockMovements.itemId, lotNo: lots.lotNo, unitCost: lots.unitCost, quantity: stockMovements.quantity })
      .from(stockMovements).innerJoin(lots, eq(lots.id, stockMovements.lotId))
      .where(eq(stockMovements.documentId, out.id)).orderBy(asc(stockMovements.lineNo)).all()
    const inn = postInbound(ctx, 'transfer_in', {
      ...head, id: transferInIdFor(input.id), siteId: input.toSiteId, counterpartySiteId: input.fromSiteId,
      lines: moved.map((m) => ({ itemId: m.itemId, lotNo: m.lotNo, quantity: -m.quantity, unitCost: m.unitCost ?? undefined })),
    })
    return { out, in: inn }
  })
}

/** 报废 / 过期: a write-off names its lot and its reason; 过期 only for a lot whose expiry date has passed. */
export function postWriteOff(
  ctx: ServiceContext, type: 'scrap' | 'expire', input: DocumentHeaderInput & { reason: string; lines: Array<IssueLineInput & { lotId: string }> },
): PostResult {
  return ctx.db.transaction((tx) => {
    if (type === 'expire') {
      input.lines.forEach((l, i) => {
        const lot = tx.select().from(lots).where(eq(lots.id, l.lotId)).get()
        if (lot && !(lot.expiryDate && lot.expiryDate < ctx.today())) {
          throw new AppError('LOT_NOT_EXPIRED', { lot: lot.lotNo, expiry: lot.expiryDate ?? '—' }, { row: i + 1, field: 'lotId' })
        }
      })
    }
    return postOutbound(ctx, type, input)
  })
}

/** 回收入库: returnable items (tents, beds …) coming back after use. */
export function postReturn(ctx: ServiceContext, input: DocumentHeaderInput & { lines: ReceiptLineInput[] }): PostResult {
  return ctx.db.transaction((tx) => {
    const itemMap = loadItems(tx, input.lines.map((l) => l.itemId))
    input.lines.forEach((l, i) => {
      const item = itemMap.get(l.itemId)!
      if (!item.returnable) throw new AppError('ITEM_NOT_RETURNABLE', { item: item.name }, { row: i + 1, field: 'itemId' })
    })
    return postInbound(ctx, 'return', input)
  })
}

/**
 * A document whose lines carry their own sign (盘点单: 盘盈 +, 盘亏 −) on lots that already exist. Refused whole if
 * any line would take a balance below zero.
 */
export function postSignedDocument(
  ctx: ServiceContext, type: 'stocktake', input: DocumentHeaderInput & { lines: Array<{ itemId: string; lotId: string; quantity: number; note?: string | null }> },
): PostResult {
  return ctx.db.transaction((tx) => {
    const existing = alreadyPosted(tx, input.id, type, input.siteId)
    if (existing) return existing
    const site = activeSite(tx, input.siteId)
    const lines = input.lines.map((l, i) => ({ lineNo: i + 1, itemId: l.itemId, lotId: l.lotId, quantity: l.quantity, unitCost: null, note: l.note ?? null }))
    checkNotNegative(tx, site, lines)
    return commitDocument(tx, ctx, header(ctx, tx, input, type, site.id), [], lines)
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Applying a posted document: the one place that writes documents, movements and balances.

/** A lot's attributes that merge last-writer-wins across replicas. */
const LOT_FIELDS = ['productionDate', 'expiryDate', 'supplier', 'unitCost'] as const

/**
 * Writes a posted document into the projections, for local postings and received events alike (the fast path for
 * a first sync, fast-ledger.ts, writes the same rows). `lotsNew`: the caller found in this transaction that none of
 * the payload's lots exists (a local receipt).
 */
export function applyPostedDocument(tx: DbOrTx, p: PostedDocumentPayload, eventId: string, author: string, lotsNew = false): void {
  // The rows go through prepared statements on the transaction's own connection (the hot path of every posting):
  // building each statement anew cost more than SQLite writing it (issue 15).
  const c = clientOf(tx)
  const s = ledgerStatements(c)
  const n = (v: unknown) => v ?? null
  // A lot two offices created concurrently with different attributes: the later clock wins field by field and
  // the other value is kept in conflicts (core/sync/lww.ts), so every replica ends with the same lot.
  // A lot new to this replica has no clocks yet, so its row and clocks are written directly; only lots already
  // known go through the field-by-field merge.
  const hlc = p.lots.length ? hlcOfEvent(tx, eventId) : ''
  for (const lot of p.lots) {
    const existing = lotsNew ? undefined : s.lotRow.get(lot.id) as typeof lots.$inferSelect | undefined
    if (!existing) {
      s.lot.run(lot.id, lot.itemId, lot.lotNo, n(lot.productionDate), n(lot.expiryDate), n(lot.supplier), n(lot.unitCost))
      for (const f of LOT_FIELDS) s.clock.run(lot.id, f, hlc, eventId)
      continue
    }
    const win = lww(tx, {
      entity: 'lot', entityId: lot.id, eventId, hlc,
      fields: Object.fromEntries(LOT_FIELDS.map((f) => [f, lot[f]])),
      current: Object.fromEntries(LOT_FIELDS.map((f) => [f, existing[f]])),
    })
    if (Object.keys(win).length) tx.update(lots).set(win).where(eq(lots.id, lot.id)).run()
  }
  writeDocumentRows(s, p, author, eventId)
}

function commitDocument(
  tx: DbOrTx, ctx: ServiceContext, h: Omit<PostedDocumentPayload, 'lots' | 'lines'>,
  lotRows: PostedDocumentPayload['lots'], lines: PostedDocumentPayload['lines'],
): PostResult {
  const payload: PostedDocumentPayload = { ...h, lots: lotRows, lines }
  const eventId = appendEvent(tx, ctx, { type: 'stock.document.posted', entityId: h.id, payload })
  // the lots given here are the ones postInbound found missing in this same transaction
  applyPostedDocument(tx, payload, eventId, ctx.actor.id, true)
  return { id: h.id, docNo: h.docNo, alreadyPosted: false, lines: lines.length }
}

function header(
  ctx: ServiceContext, tx: DbOrTx, input: DocumentHeaderInput, type: DocumentType, siteId: string,
): Omit<PostedDocumentPayload, 'lots' | 'lines'> {
  return {
    id: input.id, docNo: nextDocNo(tx, ctx.replicaId, type, input.docDate), type, subtype: input.subtype?.trim() || null,
    siteId, counterpartySiteId: input.counterpartySiteId ?? null, counterparty: input.counterparty?.trim() || null, docDate: input.docDate,
    reason: input.reason?.trim() || null, reversesDocId: null, incidentId: input.incidentId ?? null, transferOrderId: input.transferOrderId ?? null, handledBy: input.handledBy?.trim() || null,
    replicaId: ctx.replicaId,
  }
}

/**
 * 单据编号: prefix, date, this installation's replica id and a counter — unique across installations. The whole
 * id, not a prefix of it: two offices whose ids shared a prefix would make the same number, and the second
 * document could never be applied where both meet.
 */
function nextDocNo(tx: DbOrTx, replicaId: string, type: DocumentType, docDate: string): string {
  const day = docDate.replaceAll('-', '')
  const key = `docno:${DOC_PREFIX[type]}:${day}`
  const row = tx.insert(settings).values({ key, value: '1' })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`CAST(${settings.value} AS INTEGER) + 1` } })
    .returning({ value: settings.value }).get()
  return `${DOC_PREFIX[type]}${day}-${replicaId.toUpperCase()}-${String(row!.value).padStart(4, '0')}`
}

function alreadyPosted(tx: DbOrTx, id: string, type: DocumentType, siteId: string): PostResult | null {
  const doc = tx.select().from(documents).where(eq(documents.id, id)).get()
  if (!doc) return null
  if (doc.type !== type || doc.siteId !== siteId) throw new AppError('DOCUMENT_ID_REUSED', {}, { field: 'id' })
  return { id: doc.id, docNo: doc.docNo, alreadyPosted: true, lines: countLines(tx, doc.id) }
}

function countLines(tx: DbOrTx, documentId: string): number {
  return tx.select({ n: sql<number>`count(*)` }).from(documentLines).where(eq(documentLines.documentId, documentId)).get()!.n
}

function activeSite(tx: DbOrTx, siteId: string) {
  const site = tx.select().from(sites).where(eq(sites.id, siteId)).get()
  if (!site) throw new AppError('NOT_FOUND', { what: '储备点', whatEn: 'Site', id: siteId }, { field: 'siteId' })
  if (site.status !== 'active') throw new AppError('SITE_CLOSED', { site: site.name }, { field: 'siteId' })
  return site
}

function loadItems(tx: DbOrTx, ids: string[]) {
  const rows = tx.select().from(items).where(inArray(items.id, [...new Set(ids)])).all()
  const map = new Map(rows.map((r) => [r.id, r]))
  ids.forEach((id, i) => {
    if (!map.has(id)) throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id }, { row: i + 1, field: 'itemId' })
  })
  return map
}

/** The lots already recorded among these ids, in a few queries rather than one per line. */
function loadLots(tx: DbOrTx, ids: string[]) {
  const map = new Map<string, typeof lots.$inferSelect>()
  for (const chunk of chunks([...new Set(ids)], 500)) {
    for (const row of tx.select().from(lots).where(inArray(lots.id, chunk)).all()) map.set(row.id, row)
  }
  return map
}

function checkNotNegative(tx: DbOrTx, site: { id: string; name: string }, lines: PostedDocumentPayload['lines']): void {
  const need = new Map<string, { itemId: string; lotId: string; out: number; row: number }>()
  lines.forEach((l, i) => {
    if (l.quantity >= 0) return
    const k = `${l.itemId}\u0000${l.lotId}`
    const n = need.get(k) ?? { itemId: l.itemId, lotId: l.lotId, out: 0, row: i + 1 }
    n.out += -l.quantity
    need.set(k, n)
  })
  // Balances of all the lots concerned in a few queries (a document may have thousands of lines).
  const have = new Map<string, number>()
  const lotIds = [...new Set([...need.values()].map((n) => n.lotId))]
  for (const part of chunks(lotIds, 500)) {
    for (const r of tx.select({ itemId: stockBalances.itemId, lotId: stockBalances.lotId, q: stockBalances.quantity }).from(stockBalances)
      .where(and(eq(stockBalances.siteId, site.id), inArray(stockBalances.lotId, part))).all()) have.set(`${r.itemId}\u0000${r.lotId}`, r.q)
  }
  for (const [k, n] of need) {
    const available = have.get(k) ?? 0
    if (available < n.out) {
      const item = tx.select().from(items).where(eq(items.id, n.itemId)).get()!
      const lot = tx.select().from(lots).where(eq(lots.id, n.lotId)).get()!
      throw new AppError('INSUFFICIENT_STOCK', {
        site: site.name, item: item.name, lot: lot.lotNo === NO_LOT ? '' : lot.lotNo, available, requested: n.out, unit: item.unit,
      }, { row: n.row, field: 'quantity' })
    }
  }
}

function* chunks<T>(arr: T[], size: number): Generator<T[]> {
  for (let i = 0; i < arr.length; i += size) yield arr.slice(i, i + size)
}

// ---------------------------------------------------------------------------------------------------------------
// First-expiry-first-out

export interface FefoPick {
  lotId: string; lotNo: string; expiryDate: string | null; available: number; take: number; keeps: number; unitCost: number | null
}

/**
 * Which lots to issue from: earliest expiry first, lots without expiry last; expired lots are never suggested
 * (they are for write-off, not for people) but are reported so the keeper knows they are there.
 */
export function fefo(
  db: DbOrTx, today: string, siteId: string, itemId: string, quantity: number, alreadyTaken = new Map<string, number>(),
): { picks: FefoPick[]; shortBy: number; expiredSkipped: number } {
  const rows = db.select({
    lotId: lots.id, lotNo: lots.lotNo, expiryDate: lots.expiryDate, unitCost: lots.unitCost, quantity: stockBalances.quantity,
  }).from(stockBalances).innerJoin(lots, eq(lots.id, stockBalances.lotId))
    .where(and(eq(stockBalances.siteId, siteId), eq(stockBalances.itemId, itemId)))
    .orderBy(sql`${lots.expiryDate} IS NULL`, asc(lots.expiryDate), asc(lots.lotNo)).all()
  let remaining = quantity
  let expiredSkipped = 0
  const picks: FefoPick[] = []
  for (const r of rows) {
    const available = r.quantity - (alreadyTaken.get(r.lotId) ?? 0)
    if (available <= 0) continue
    if (r.expiryDate && r.expiryDate < today) { expiredSkipped += available; continue }
    if (remaining <= 0) break
    const take = Math.min(available, remaining)
    remaining -= take
    picks.push({ lotId: r.lotId, lotNo: r.lotNo, expiryDate: r.expiryDate, available, take, keeps: available - take, unitCost: r.unitCost })
  }
  return { picks, shortBy: remaining, expiredSkipped }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export type ExpiryFilter = 'all' | 'expired' | 'near30' | 'near90' | 'ok'

export interface BalanceQuery {
  offset: number
  limit: number
  siteId?: string
  streetCode?: string
  itemId?: string
  category?: string
  search?: string
  expiry?: ExpiryFilter
  sort?: { field: BalanceSortField; dir: 'asc' | 'desc' }
}


export interface BalanceRow {
  siteId: string; siteName: string; siteTier: string; itemId: string; itemCode: string; itemName: string
  category: string; unit: string; lotId: string; lotNo: string; productionDate: string | null; expiryDate: string | null
  daysToExpiry: number | null; quantity: number
}

/** One page of balances with the total count, so the grid can scroll 100 000 rows without loading them all. */
export function listBalances(ctx: ServiceContext, q: BalanceQuery): { rows: BalanceRow[]; total: number } {
  const today = ctx.today()
  const where: string[] = []
  const args: unknown[] = []
  if (q.siteId) { where.push('b.site_id = ?'); args.push(q.siteId) }
  const inScope = scopeCondition(ctx, 'b.site_id')
  if (inScope) { where.push(inScope.clause); args.push(...inScope.args) }
  if (q.streetCode) {
    where.push(`(s.region_code = ? OR s.region_code IN (SELECT code FROM regions WHERE parent_code = ?))`)
    args.push(q.streetCode, q.streetCode)
  }
  if (q.itemId) { where.push('b.item_id = ?'); args.push(q.itemId) }
  if (q.category) { where.push('i.category = ?'); args.push(q.category) }
  if (q.search?.trim()) {
    // the typed text matches literally: % and _ are not wildcards
    where.push(`(i.name LIKE ? ESCAPE '\\' OR i.code LIKE ? ESCAPE '\\' OR l.lot_no LIKE ? ESCAPE '\\' OR s.name LIKE ? ESCAPE '\\')`)
    const like = containsPattern(q.search.trim())
    args.push(like, like, like, like)
  }
  const e = q.expiry ?? 'all'
  if (e === 'expired') { where.push('l.expiry_date < ?'); args.push(today) }
  if (e === 'near30' || e === 'near90') {
    where.push('l.expiry_date >= ? AND l.expiry_date <= date(?, ?)'); args.push(today, today, e === 'near30' ? '+30 days' : '+90 days')
  }
  if (e === 'ok') { where.push('(l.expiry_date IS NULL OR l.expiry_date > date(?, \'+90 days\'))'); args.push(today) }
  const from = `FROM stock_balances b JOIN sites s ON s.id = b.site_id JOIN items i ON i.id = b.item_id JOIN lots l ON l.id = b.lot_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
  const client = ctx.db.$client
  // Every balance has its site, item and lot (foreign keys), so an unfiltered count needs no joins.
  // The total (the dashboard's counts, the grid's row count) is kept until the data changes. Every balance has its
  // site, item and lot (foreign keys): a count filtered by expiry, site or scope only walks the lots of the date
  // range (index lots_expiry) to their balances, with no other join; an unfiltered one counts the table.
  const bareCount = !q.streetCode && !q.category && !q.search?.trim()
  const countSql = !where.length ? 'SELECT count(*) AS n FROM stock_balances b'
    : bareCount ? `SELECT count(*) AS n FROM lots l JOIN stock_balances b ON b.item_id = l.item_id AND b.lot_id = l.id WHERE ${where.join(' AND ')}`
      : `SELECT count(*) AS n ${from}`
  const total = perDataVersion(client, `balances.total|${countSql}|${JSON.stringify(args)}`, () =>
    (client.prepare(countSql).get(...args) as { n: number }).n)
  const sortColumn: Record<BalanceSortField, string> = {
    siteName: 's.code', itemName: 'i.code', lotNo: 'l.lot_no', expiryDate: 'l.expiry_date', daysToExpiry: 'l.expiry_date',
    quantity: 'b.quantity', category: 'i.category',
  }
  const order = q.sort
    ? `${sortColumn[q.sort.field]} ${q.sort.dir === 'desc' ? 'DESC' : 'ASC'}, s.code, i.code, l.lot_no`
    : 'b.site_id, b.item_id, b.lot_id' // the primary key's order: pages walk the index instead of sorting
  const rows = client.prepare(`SELECT b.site_id AS siteId, s.name AS siteName, s.tier AS siteTier, b.item_id AS itemId,
      i.code AS itemCode, i.name AS itemName, i.category AS category, i.unit AS unit, b.lot_id AS lotId, l.lot_no AS lotNo,
      l.production_date AS productionDate, l.expiry_date AS expiryDate, b.quantity AS quantity
    ${from} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as Omit<BalanceRow, 'daysToExpiry'>[]
  return { rows: rows.map((r) => ({ ...r, daysToExpiry: r.expiryDate ? daysBetween(today, r.expiryDate) : null })), total }
}

export function getDocument(ctx: ServiceContext, id: string) {
  const doc = ctx.db.select().from(documents).where(eq(documents.id, id)).get()
  if (!doc) throw new AppError('NOT_FOUND', { what: '单据', whatEn: 'Document', id }, { field: 'id' })
  const lines = ctx.db.select({
    lineNo: documentLines.lineNo, itemId: documentLines.itemId, itemName: items.name, unit: items.unit, lotId: documentLines.lotId,
    lotNo: lots.lotNo, expiryDate: lots.expiryDate, productionDate: lots.productionDate, quantity: documentLines.quantity,
    // the printed 入库单's 单价 / 金额: the line's own cost, else the lot's (a receipt writes both)
    unitCost: sql<number | null>`COALESCE(${documentLines.unitCost}, ${lots.unitCost})`, itemCode: items.code, spec: items.spec, note: documentLines.note,
  }).from(documentLines).innerJoin(items, eq(items.id, documentLines.itemId)).innerJoin(lots, eq(lots.id, documentLines.lotId))
    .where(eq(documentLines.documentId, id)).orderBy(asc(documentLines.lineNo)).all()
  // the printed 记账 names the person (and the office, when the document came by sync), never the user's id
  return { ...doc, authorName: peopleNamer(ctx.db.$client)(doc.author, { replicaId: doc.replicaId }), lines }
}

/** The actor's scope as a drizzle condition on a site-id column; undefined when the actor sees everything. */
function scopeSql(ctx: ServiceContext, column: string) {
  const c = scopeCondition(ctx, column)
  if (!c) return undefined
  const parts = c.clause.split('?')
  return sql.join(parts.map((p, i) => (i < c.args.length ? sql`${sql.raw(p)}${c.args[i]}` : sql.raw(p))), sql``)
}

export function listDocuments(ctx: ServiceContext, q: { siteId?: string; limit: number }) {
  const nameOf = peopleNamer(ctx.db.$client)
  return ctx.db.select({
    id: documents.id, docNo: documents.docNo, type: documents.type, siteId: documents.siteId, siteName: sites.name,
    docDate: documents.docDate, reason: documents.reason, author: documents.author, createdAt: documents.createdAt,
    lines: sql<number>`(SELECT count(*) FROM document_lines dl WHERE dl.document_id = ${documents.id})`,
  }).from(documents).innerJoin(sites, eq(sites.id, documents.siteId))
    .where(and(q.siteId ? eq(documents.siteId, q.siteId) : undefined, scopeSql(ctx, 'documents.site_id')))
    .orderBy(sql`${documents.createdAt} DESC`, sql`${documents.docNo} DESC`).limit(q.limit).all()
    .map((d) => ({ ...d, authorName: nameOf(d.author) }))
}

// ---------------------------------------------------------------------------------------------------------------
// The projection against the ledger

/** Balances computed from the ledger alone. */
export function balancesFromLedger(db: DbOrTx): Array<{ siteId: string; itemId: string; lotId: string; quantity: number }> {
  return db.select({
    siteId: stockMovements.siteId, itemId: stockMovements.itemId, lotId: stockMovements.lotId,
    quantity: sql<number>`sum(${stockMovements.quantity})`.mapWith(Number),
  }).from(stockMovements).groupBy(stockMovements.siteId, stockMovements.itemId, stockMovements.lotId)
    .having(sql`sum(${stockMovements.quantity}) <> 0`)
    .orderBy(stockMovements.siteId, stockMovements.itemId, stockMovements.lotId).all()
}

export function projectedBalances(db: DbOrTx) {
  return db.select({ siteId: stockBalances.siteId, itemId: stockBalances.itemId, lotId: stockBalances.lotId, quantity: stockBalances.quantity })
    .from(stockBalances).orderBy(stockBalances.siteId, stockBalances.itemId, stockBalances.lotId).all()
}

/** site_item_stock as stock_balances make it (the triggers of migration 0010 keep it so row by row). */
export const SITE_ITEM_STOCK_FROM_BALANCES = `SELECT site_id, item_id, sum(quantity) AS quantity, sum(max(quantity, 0)) AS on_hand, count(*) AS lots
  FROM stock_balances GROUP BY site_id, item_id`

/**
 * Throws away the balances and recomputes them from the ledger, in one transaction; the per site × item sums
 * (site_item_stock) too, from the new balances — also the repair should they ever have drifted.
 */
export function rebuildBalances(ctx: ServiceContext): { rows: number } {
  return ctx.db.transaction((tx) => {
    tx.delete(stockBalances).run()
    const r = tx.run(sql`INSERT INTO stock_balances (site_id, item_id, lot_id, quantity)
      SELECT site_id, item_id, lot_id, sum(quantity) FROM stock_movements GROUP BY site_id, item_id, lot_id HAVING sum(quantity) <> 0`)
    tx.run(sql`DELETE FROM site_item_stock`)
    tx.run(sql.raw(`INSERT INTO site_item_stock (site_id, item_id, quantity, on_hand, lots) ${SITE_ITEM_STOCK_FROM_BALANCES}`))
    return { rows: r.changes }
  })
}

/**
 * Compares the projections with the ledger; `differences` counts the site × item × lot balances that disagree
 * with the ledger plus the site × item sums that disagree with the balances.
 */
export function checkLedger(ctx: ServiceContext): { consistent: boolean; differences: number } {
  const key = (r: { siteId: string; itemId: string; lotId: string; quantity: number }) => `${r.siteId}|${r.itemId}|${r.lotId}|${r.quantity}`
  const a = new Set(projectedBalances(ctx.db).map(key))
  const b = new Set(balancesFromLedger(ctx.db).map(key))
  const sums = 'SELECT site_id, item_id, quantity, on_hand, lots FROM site_item_stock'
  const sumDifferences = ctx.db.$client.prepare(`SELECT (SELECT count(*) FROM (${sums} EXCEPT ${SITE_ITEM_STOCK_FROM_BALANCES}))
    + (SELECT count(*) FROM (${SITE_ITEM_STOCK_FROM_BALANCES} EXCEPT ${sums}))`).pluck().get() as number
  const differences = [...a].filter((k) => !b.has(k)).length + [...b].filter((k) => !a.has(k)).length + sumDifferences
  return { consistent: differences === 0, differences }
}
