/**
 * 报废审批: at a street depot (街道储备库) a scrap write-off takes effect only when the district approves it. The
 * keeper requests it (lots, quantities, the reason) — nothing leaves stock yet; a district planner sees the lots
 * and the reason and approves (the 报废 document is posted then, dated the day of approval) or returns it with a
 * note; the keeper may then ask again. Community points and the district depot write off directly as before (the
 * district depot is the level above itself; a community point's scrap is the street's business — not in the
 * central rules this follows). `stock.writeOff` refuses scrap at a street depot (guardStreetScrap), and the hub
 * refuses a scrap document for a street depot from anything but a district device (stock/sync.ts).
 *
 * The report lists write-offs (报废 and 过期) posted in a period by reason, a reversed one left out.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { items, lots, sites, stockBalances, writeoffRequests } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { appendEvent, type DbOrTx } from '../sync/events'
import { hlcOfEvent } from '../sync/lww'
import { applyRecord, type RecordEvent } from '../sync/records'
import { requireDistrictScope, scopeCondition, siteInScope } from '../people/scope'
import { postWriteOff } from './ledger'

export interface WriteOffLine { itemId: string; lotId: string; quantity: number; note?: string | null }
export interface WriteOffRequestInput { id: string; siteId: string; docDate: string; reason: string; lines: WriteOffLine[] }

const isStreetDepot = (tx: DbOrTx, siteId: string): { name: string; street: boolean } | undefined => {
  const s = tx.select({ name: sites.name, tier: sites.tier }).from(sites).where(eq(sites.id, siteId)).get()
  return s && { name: s.name, street: s.tier === 'street' }
}

/** `stock.writeOff` at a street depot: 报废 goes through a request; 过期 (a lot past its date) does not. */
export function guardStreetScrap(ctx: ServiceContext, type: 'scrap' | 'expire', siteId: string): void {
  if (type !== 'scrap') return
  const s = isStreetDepot(ctx.db, siteId)
  if (s?.street) throw new AppError('WRITEOFF_NEEDS_APPROVAL', { site: s.name }, { field: 'siteId' })
}

/** Each line's lot is the item's and the site holds enough of it now (the lines of one request summed per lot). */
function checkLines(tx: DbOrTx, siteId: string, siteName: string, lines: WriteOffLine[]): void {
  const lotRows = new Map(tx.select().from(lots).where(inArray(lots.id, [...new Set(lines.map((l) => l.lotId))])).all().map((l) => [l.id, l]))
  const itemRows = new Map(tx.select().from(items).where(inArray(items.id, [...new Set(lines.map((l) => l.itemId))])).all().map((i) => [i.id, i]))
  const taken = new Map<string, number>()
  lines.forEach((l, i) => {
    const row = i + 1
    const item = itemRows.get(l.itemId)
    if (!item) throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id: l.itemId }, { row, field: 'itemId' })
    const lot = lotRows.get(l.lotId)
    if (!lot) throw new AppError('NOT_FOUND', { what: '批次', whatEn: 'Lot', id: l.lotId }, { row, field: 'lotId' })
    if (lot.itemId !== item.id) throw new AppError('LOT_ITEM_MISMATCH', { lot: lot.lotNo, item: item.name }, { row, field: 'lotId' })
    const held = tx.select({ q: stockBalances.quantity }).from(stockBalances)
      .where(and(eq(stockBalances.siteId, siteId), eq(stockBalances.itemId, item.id), eq(stockBalances.lotId, lot.id))).get()?.q ?? 0
    const available = held - (taken.get(lot.id) ?? 0)
    if (available < l.quantity) {
      throw new AppError('INSUFFICIENT_STOCK', { site: siteName, item: item.name, lot: lot.lotNo, available, requested: l.quantity, unit: item.unit }, { row, field: 'quantity' })
    }
    taken.set(lot.id, (taken.get(lot.id) ?? 0) + l.quantity)
  })
}

/** The keeper asks; posting the same request id twice asks once. */
export function requestWriteOff(ctx: ServiceContext, input: WriteOffRequestInput): { id: string; alreadyRequested: boolean } {
  return ctx.db.transaction((tx) => {
    const held = tx.select().from(writeoffRequests).where(eq(writeoffRequests.id, input.id)).get()
    if (held) {
      if (held.siteId !== input.siteId) throw new AppError('NOT_FOUND', { what: '报废申请', whatEn: 'Write-off request', id: input.id }, { field: 'id' })
      return { id: input.id, alreadyRequested: true }
    }
    const site = isStreetDepot(tx, input.siteId)
    if (!site) throw new AppError('NOT_FOUND', { what: '储备点', whatEn: 'Site', id: input.siteId }, { field: 'siteId' })
    if (!site.street) throw new AppError('WRITEOFF_NOT_STREET', { site: site.name }, { field: 'siteId' })
    checkLines(tx, input.siteId, site.name, input.lines)
    const payload: WriteOffRequestedPayload = {
      id: input.id, siteId: input.siteId, docDate: input.docDate, reason: input.reason,
      lines: input.lines.map((l) => ({ itemId: l.itemId, lotId: l.lotId, quantity: l.quantity, note: l.note ?? null })),
      requestedBy: ctx.actor.name, requestedAt: ctx.today(),
    }
    appendEvent(tx, ctx, { type: 'writeoff.requested', entityId: input.id, payload })
    applyWriteOffRequested(tx, { payload })
    return { id: input.id, alreadyRequested: false }
  })
}

const STATUS_TEXT = { approved: ['批准', 'approved'], returned: ['退回', 'returned'], requested: ['待审批', 'waiting'] } as const

/** The district decides: approve posts the 报废 document (its id derived from the request's) dated today. */
export function decideWriteOff(ctx: ServiceContext, input: { id: string; decision: 'approve' | 'return'; note?: string | null }) {
  requireDistrictScope(ctx, '审批街道报废申请', 'Approving a street depot\'s write-off')
  return ctx.db.transaction((tx) => {
    const req = tx.select().from(writeoffRequests).where(eq(writeoffRequests.id, input.id)).get()
    if (!req) throw new AppError('NOT_FOUND', { what: '报废申请', whatEn: 'Write-off request', id: input.id }, { field: 'id' })
    if (req.status !== 'requested') {
      const [zh, en] = STATUS_TEXT[req.status]
      throw new AppError('WRITEOFF_NOT_PENDING', { id: input.id, zh, en }, { field: 'id' })
    }
    const note = input.note?.trim() || null
    if (input.decision === 'return' && !note) throw new AppError('WRITEOFF_RETURN_NOTE', {}, { field: 'note' })
    let documentId: string | null = null
    let docNo: string | null = null
    if (input.decision === 'approve') {
      const lines = req.lines as WriteOffLine[]
      const r = postWriteOff(ctx, 'scrap', {
        id: writeOffDocumentId(req.id), siteId: req.siteId, docDate: ctx.today(), reason: req.reason,
        lines: lines.map((l) => ({ itemId: l.itemId, lotId: l.lotId, quantity: l.quantity, note: l.note ?? undefined })),
      })
      documentId = r.id
      docNo = r.docNo
    }
    const payload: WriteOffDecidedPayload = {
      id: req.id, status: input.decision === 'approve' ? 'approved' : 'returned', decidedBy: ctx.actor.name, decidedAt: ctx.today(), note, documentId,
    }
    const eventId = appendEvent(tx, ctx, { type: 'writeoff.decided', entityId: req.id, payload })
    applyWriteOffDecided(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), payload })
    return { id: req.id, status: payload.status, documentId, docNo }
  })
}

export const writeOffDocumentId = (requestId: string) => `${requestId}:BF`

/** Requests in the caller's scope (a street sees its depots', the district all), the lots and balances named. */
export function listWriteOffRequests(ctx: ServiceContext, filter: { status?: 'requested' | 'approved' | 'returned'; siteId?: string }) {
  if (filter.siteId && !siteInScope(ctx.db, ctx.actor, filter.siteId)) {
    throw new AppError('FORBIDDEN', { reason: '不在管辖范围内', reasonEn: 'out of scope' }, { field: 'siteId' }, 403)
  }
  const scope = scopeCondition(ctx, 'r.site_id')
  const where: string[] = []
  const args: unknown[] = []
  if (scope) { where.push(scope.clause); args.push(...scope.args) }
  if (filter.status) { where.push('r.status = ?'); args.push(filter.status) }
  if (filter.siteId) { where.push('r.site_id = ?'); args.push(filter.siteId) }
  const rows = ctx.db.$client.prepare(`SELECT r.*, s.name AS siteName FROM writeoff_requests r JOIN sites s ON s.id = r.site_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.status = 'requested' DESC, r.requested_at DESC, r.id`).all(...args) as Array<Record<string, unknown>>
  const lotStmt = ctx.db.$client.prepare(`SELECT l.lot_no AS lotNo, l.expiry_date AS expiryDate, l.unit_cost AS unitCost, i.code, i.name, i.unit,
    (SELECT quantity FROM stock_balances b WHERE b.site_id = ? AND b.item_id = l.item_id AND b.lot_id = l.id) AS balance
    FROM lots l JOIN items i ON i.id = l.item_id WHERE l.id = ?`)
  return rows.map((r) => ({
    id: r.id as string, siteId: r.site_id as string, siteName: r.siteName as string, docDate: r.doc_date as string, reason: r.reason as string,
    status: r.status as 'requested' | 'approved' | 'returned', requestedBy: r.requested_by as string | null, requestedAt: r.requested_at as string | null,
    decidedBy: r.decided_by as string | null, decidedAt: r.decided_at as string | null, decisionNote: r.decision_note as string | null,
    documentId: r.document_id as string | null,
    lines: (JSON.parse(r.lines as string) as WriteOffLine[]).map((l) => {
      const lot = lotStmt.get(r.site_id, l.lotId) as { lotNo: string; expiryDate: string | null; unitCost: number | null; code: string; name: string; unit: string; balance: number | null } | undefined
      return { ...l, itemCode: lot?.code ?? null, itemName: lot?.name ?? null, unit: lot?.unit ?? null, lotNo: lot?.lotNo ?? null, expiryDate: lot?.expiryDate ?? null, unitCost: lot?.unitCost ?? null, balance: lot?.balance ?? 0 }
    }),
  }))
}

/** 报废/过期 posted from `from` to `to` (inclusive) at the sites in scope, by reason; a reversed document is left out. */
export function writeOffReport(ctx: ServiceContext, input: { from: string; to: string }) {
  const scope = scopeCondition(ctx, 'd.site_id')
  const rows = ctx.db.$client.prepare(`SELECT d.type, COALESCE(NULLIF(TRIM(d.reason), ''), '') AS reason, d.id, d.doc_no AS docNo, d.doc_date AS docDate,
      s.name AS siteName, SUM(-dl.quantity) AS quantity, SUM(-dl.quantity * COALESCE(dl.unit_cost, 0)) AS value
    FROM documents d JOIN document_lines dl ON dl.document_id = d.id JOIN sites s ON s.id = d.site_id
    WHERE d.type IN ('scrap', 'expire') AND d.doc_date BETWEEN ? AND ?
      AND NOT EXISTS (SELECT 1 FROM documents x WHERE x.reverses_doc_id = d.id)
      ${scope ? `AND ${scope.clause}` : ''}
    GROUP BY d.id ORDER BY d.doc_date, d.doc_no`).all(input.from, input.to, ...(scope?.args ?? [])) as Array<{
      type: 'scrap' | 'expire'; reason: string; id: string; docNo: string; docDate: string; siteName: string; quantity: number; value: number }>
  const byReason = new Map<string, { reason: string; type: 'scrap' | 'expire'; documents: number; quantity: number; value: number; docs: typeof rows }>()
  for (const r of rows) {
    const key = `${r.type}|${r.reason}`
    const g = byReason.get(key) ?? { reason: r.reason, type: r.type, documents: 0, quantity: 0, value: 0, docs: [] }
    g.documents++
    g.quantity += r.quantity
    g.value = Math.round((g.value + r.value) * 100) / 100
    g.docs.push({ ...r, value: Math.round(r.value * 100) / 100 })
    byReason.set(key, g)
  }
  const groups = [...byReason.values()].sort((a, b) => b.value - a.value || (a.reason < b.reason ? -1 : 1))
  return { from: input.from, to: input.to, groups, total: Math.round(groups.reduce((n, g) => n + g.value, 0) * 100) / 100 }
}

// Events ------------------------------------------------------------------------------------------------------------

export interface WriteOffRequestedPayload {
  id: string; siteId: string; docDate: string; reason: string; lines: WriteOffLine[]; requestedBy: string | null; requestedAt: string
}
export interface WriteOffDecidedPayload {
  id: string; status: 'approved' | 'returned'; decidedBy: string | null; decidedAt: string; note: string | null; documentId: string | null
}

/** `writeoff.requested`, local and received: a request is written once (its id is the keeper's form's). */
export function applyWriteOffRequested(tx: DbOrTx, e: { payload: unknown }): void {
  const p = e.payload as WriteOffRequestedPayload
  tx.insert(writeoffRequests).values({
    id: p.id, siteId: p.siteId, docDate: p.docDate, reason: p.reason, lines: p.lines, status: 'requested',
    requestedBy: p.requestedBy, requestedAt: p.requestedAt,
  }).onConflictDoNothing().run()
}

/**
 * `writeoff.decided`: waits for its request. Two district offices deciding one request while apart resolve by clock
 * like any record (the later decision holds on every office, the other is listed in conflicts); an approval's 报废
 * document, once posted, is a ledger fact either way and stays until reversed.
 */
export function applyWriteOffDecided(tx: DbOrTx, e: RecordEvent & { payload: unknown }): void {
  const p = e.payload as WriteOffDecidedPayload
  const where = eq(writeoffRequests.id, p.id)
  if (!tx.select({ id: writeoffRequests.id }).from(writeoffRequests).where(where).get()) throw new Error(`write-off request ${p.id} not here yet`)
  applyRecord(tx, writeoffRequests, where, { id: p.id }, e, {
    entity: WRITEOFF_ENTITY, entityId: p.id,
    row: { status: p.status, decidedBy: p.decidedBy, decidedAt: p.decidedAt, decisionNote: p.note, documentId: p.documentId },
  })
}

export const WRITEOFF_ENTITY = 'writeoff_request'

export const writeOffRequestSite = (tx: DbOrTx, id: string): string | undefined =>
  tx.select({ siteId: writeoffRequests.siteId }).from(writeoffRequests).where(eq(writeoffRequests.id, id)).get()?.siteId
