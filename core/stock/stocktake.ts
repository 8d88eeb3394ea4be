/**
 * 盘点: a count of one site. Opening takes a snapshot of the expected quantity of every item × lot on hand; the
 * keeper enters counted quantities (a blind count hides the expected ones); posting writes one 盘点单 whose signed
 * lines are exactly the differences (盘盈 +, 盘亏 −), each with its reason. Every step appends an event in the same
 * transaction.
 */
import { and, eq } from 'drizzle-orm'
import { sites, stocktakes } from '../../db/schema'
import { AppError } from '../common/errors'
import type { ServiceContext } from '../common/context'
import { appendEvent } from '../sync/events'
import { postSignedDocument, type PostResult } from './ledger'
import { applyStocktakeCounted, lineClocks } from './stocktake-appliers'
import { hlcOfEvent } from '../sync/lww'
import { scopeCondition } from '../people/scope'

export interface StocktakeLine {
  lineNo: number; itemId: string; itemCode: string; itemName: string; category: string; unit: string; lotId: string
  lotNo: string; expiryDate: string | null; expected: number | null; counted: number | null; variance: number | null; reason: string | null
}

export interface StocktakeView {
  id: string; siteId: string; siteName: string; status: 'open' | 'posted' | 'cancelled'; blind: boolean; openedOn: string
  openedBy: string; note: string | null; documentId: string | null; docNo: string | null; lines: StocktakeLine[]
  counted: number; variances: number
}

export function openStocktake(ctx: ServiceContext, input: { id: string; siteId: string; blind: boolean; note?: string }): { id: string; lines: number; alreadyOpen: boolean } {
  return ctx.db.transaction((tx) => {
    const existing = tx.select().from(stocktakes).where(eq(stocktakes.id, input.id)).get()
    if (existing) {
      if (existing.siteId !== input.siteId) throw new AppError('DOCUMENT_ID_REUSED', {}, { field: 'id' })
      return { id: existing.id, lines: lineCount(ctx, existing.id), alreadyOpen: true }
    }
    const site = tx.select().from(sites).where(eq(sites.id, input.siteId)).get()
    if (!site) throw new AppError('NOT_FOUND', { what: '储备点', whatEn: 'Site', id: input.siteId }, { field: 'siteId' })
    if (site.status !== 'active') throw new AppError('SITE_CLOSED', { site: site.name }, { field: 'siteId' })
    const open = tx.select({ id: stocktakes.id }).from(stocktakes).where(and(eq(stocktakes.siteId, site.id), eq(stocktakes.status, 'open'))).get()
    if (open) throw new AppError('STOCKTAKE_ALREADY_OPEN', { site: site.name }, { field: 'siteId' })
    const openedOn = ctx.today()
    tx.insert(stocktakes).values({ id: input.id, siteId: site.id, blind: input.blind, openedOn, openedBy: ctx.actor.id, note: input.note?.trim() || null }).run()
    const client = ctx.db.$client
    client.prepare(`INSERT INTO stocktake_lines (stocktake_id, line_no, item_id, lot_id, expected)
      SELECT ?, row_number() OVER (ORDER BY i.code, l.lot_no), b.item_id, b.lot_id, b.quantity
      FROM stock_balances b JOIN items i ON i.id = b.item_id JOIN lots l ON l.id = b.lot_id WHERE b.site_id = ?`).run(input.id, site.id)
    const snapshot = client.prepare('SELECT line_no AS lineNo, item_id AS itemId, lot_id AS lotId, expected FROM stocktake_lines WHERE stocktake_id = ? ORDER BY line_no')
      .all(input.id) as Array<{ lineNo: number; itemId: string; lotId: string; expected: number }>
    appendEvent(tx, ctx, {
      type: 'stocktake.opened', entityId: input.id,
      payload: { id: input.id, siteId: site.id, blind: input.blind, openedOn, note: input.note?.trim() || null, lines: snapshot },
    })
    return { id: input.id, lines: snapshot.length, alreadyOpen: false }
  })
}

const lineCount = (ctx: ServiceContext, id: string) =>
  (ctx.db.$client.prepare('SELECT count(*) AS n FROM stocktake_lines WHERE stocktake_id = ?').get(id) as { n: number }).n

function mustBeOpen(ctx: ServiceContext, id: string) {
  const st = ctx.db.select().from(stocktakes).where(eq(stocktakes.id, id)).get()
  if (!st) throw new AppError('NOT_FOUND', { what: '盘点', whatEn: 'Stocktake', id }, { field: 'stocktakeId' })
  if (st.status !== 'open') throw new AppError('STOCKTAKE_CLOSED', { status: st.status }, { field: 'stocktakeId' })
  return st
}

/** Saves counted quantities (null clears a count) and reasons; lines not named keep what they had. */
export function saveCounts(
  ctx: ServiceContext,
  input: { stocktakeId: string; counts: Array<{ lineNo: number; counted: number | null; reason?: string | null }> },
): { saved: number } {
  return ctx.db.transaction((tx) => {
    mustBeOpen(ctx, input.stocktakeId)
    const exists = new Set(ctx.db.$client.prepare('SELECT line_no FROM stocktake_lines WHERE stocktake_id = ?').pluck().all(input.stocktakeId) as number[])
    // what the counter saw: the event of each line's counted and reason (one query for the whole sheet)
    const seen = new Map<string, string>()
    for (const c of lineClocks(tx, input.stocktakeId)) seen.set(`${c.entityId}|${c.field}`, c.eventId)
    const bases: Record<number, Record<string, string | null>> = {}
    input.counts.forEach((c, i) => {
      if (!exists.has(c.lineNo)) throw new AppError('NOT_FOUND', { what: '盘点行', whatEn: 'Stocktake line', id: c.lineNo }, { row: i + 1, field: 'lineNo' })
      const entityId = `${input.stocktakeId}:${c.lineNo}`
      bases[c.lineNo] = { counted: seen.get(`${entityId}|counted`) ?? null, reason: seen.get(`${entityId}|reason`) ?? null }
    })
    // The same function as for a received edit: the values and their field clocks.
    const payload = { id: input.stocktakeId, counts: input.counts, bases }
    const eventId = appendEvent(tx, ctx, { type: 'stocktake.counted', entityId: input.stocktakeId, payload })
    applyStocktakeCounted(tx, payload, eventId, hlcOfEvent(tx, eventId))
    return { saved: input.counts.length }
  })
}

export function getStocktake(ctx: ServiceContext, id: string): StocktakeView {
  const client = ctx.db.$client
  const st = client.prepare(`SELECT t.id, t.site_id AS siteId, s.name AS siteName, t.status, t.blind, t.opened_on AS openedOn,
      t.opened_by AS openedBy, t.note, t.document_id AS documentId, d.doc_no AS docNo
    FROM stocktakes t JOIN sites s ON s.id = t.site_id LEFT JOIN documents d ON d.id = t.document_id WHERE t.id = ?`).get(id) as
    (Omit<StocktakeView, 'lines' | 'blind' | 'counted' | 'variances'> & { blind: number }) | undefined
  if (!st) throw new AppError('NOT_FOUND', { what: '盘点', whatEn: 'Stocktake', id }, { field: 'id' })
  const hide = !!st.blind && st.status === 'open'
  const rows = client.prepare(`SELECT sl.line_no AS lineNo, sl.item_id AS itemId, i.code AS itemCode, i.name AS itemName, i.category,
      i.unit, sl.lot_id AS lotId, l.lot_no AS lotNo, l.expiry_date AS expiryDate, sl.expected, sl.counted, sl.reason
    FROM stocktake_lines sl JOIN items i ON i.id = sl.item_id JOIN lots l ON l.id = sl.lot_id
    WHERE sl.stocktake_id = ? ORDER BY sl.line_no`).all(id) as Array<Omit<StocktakeLine, 'variance'> & { expected: number }>
  let counted = 0
  let variances = 0
  const lines = rows.map((r) => {
    const variance = r.counted == null ? null : r.counted - r.expected
    if (r.counted != null) counted++
    if (variance) variances++
    return { ...r, expected: hide ? null : r.expected, variance: hide ? null : variance }
  })
  return { ...st, blind: !!st.blind, lines, counted, variances: hide ? 0 : variances }
}

/** The open count at a site, if any: postings there should warn first. */
export function openStocktakeAt(ctx: ServiceContext, siteId: string): { id: string; openedOn: string } | null {
  return ctx.db.select({ id: stocktakes.id, openedOn: stocktakes.openedOn }).from(stocktakes)
    .where(and(eq(stocktakes.siteId, siteId), eq(stocktakes.status, 'open'))).get() ?? null
}

export function listStocktakes(ctx: ServiceContext, q: { siteId?: string; limit: number }) {
  const where: string[] = []
  const args: unknown[] = []
  if (q.siteId) { where.push('t.site_id = ?'); args.push(q.siteId) }
  const scoped = scopeCondition(ctx, 't.site_id')
  if (scoped) { where.push(scoped.clause); args.push(...scoped.args) }
  return ctx.db.$client.prepare(`SELECT t.id, t.site_id AS siteId, s.name AS siteName, t.status, t.blind, t.opened_on AS openedOn,
      d.doc_no AS docNo, (SELECT count(*) FROM stocktake_lines sl WHERE sl.stocktake_id = t.id) AS lines
    FROM stocktakes t JOIN sites s ON s.id = t.site_id LEFT JOIN documents d ON d.id = t.document_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.created_at DESC LIMIT ?`)
    .all(...args, q.limit) as Array<{ id: string; siteId: string; siteName: string; status: string; blind: number; openedOn: string; docNo: string | null; lines: number }>
}

/**
 * Posts the variances as one 盘点单 (the document id is made by the client, so a retry posts once). Uncounted lines
 * are left as they are; every line with a variance needs a reason (its own or the document's).
 */
export function postStocktake(
  ctx: ServiceContext, input: { stocktakeId: string; id: string; docDate: string; reason?: string; handledBy?: string },
): PostResult & { variances: number } {
  return ctx.db.transaction((tx) => {
    const st = ctx.db.select().from(stocktakes).where(eq(stocktakes.id, input.stocktakeId)).get()
    if (st?.status === 'posted' && st.documentId === input.id) {
      const again = postSignedDocument(ctx, 'stocktake', { id: input.id, siteId: st.siteId, docDate: input.docDate, lines: [] })
      return { ...again, variances: again.lines }
    }
    mustBeOpen(ctx, input.stocktakeId)
    const rows = ctx.db.$client.prepare(`SELECT line_no AS lineNo, item_id AS itemId, lot_id AS lotId, expected, counted, reason
      FROM stocktake_lines WHERE stocktake_id = ? AND counted IS NOT NULL AND counted <> expected ORDER BY line_no`)
      .all(input.stocktakeId) as Array<{ lineNo: number; itemId: string; lotId: string; expected: number; counted: number; reason: string | null }>
    const headerReason = input.reason?.trim()
    for (const r of rows) {
      if (!r.reason && !headerReason) throw new AppError('STOCKTAKE_REASON_REQUIRED', { line: r.lineNo }, { row: r.lineNo, field: 'reason' })
    }
    let result: PostResult | null = null
    if (rows.length) {
      result = postSignedDocument(ctx, 'stocktake', {
        id: input.id, siteId: st!.siteId, docDate: input.docDate, reason: headerReason, handledBy: input.handledBy,
        subtype: '盘点调整',
        lines: rows.map((r) => ({ itemId: r.itemId, lotId: r.lotId, quantity: r.counted - r.expected, note: r.reason ?? headerReason ?? null })),
      })
    }
    const postedAt = new Date().toISOString()
    tx.update(stocktakes).set({ status: 'posted', documentId: result?.id ?? null, postedAt }).where(eq(stocktakes.id, input.stocktakeId)).run()
    appendEvent(tx, ctx, { type: 'stocktake.posted', entityId: input.stocktakeId, payload: { id: input.stocktakeId, documentId: result?.id ?? null, postedAt } })
    return { ...(result ?? { id: input.id, docNo: '', alreadyPosted: false, lines: 0 }), variances: rows.length }
  })
}

export function cancelStocktake(ctx: ServiceContext, input: { stocktakeId: string }): { cancelled: true } {
  return ctx.db.transaction((tx) => {
    mustBeOpen(ctx, input.stocktakeId)
    tx.update(stocktakes).set({ status: 'cancelled' }).where(eq(stocktakes.id, input.stocktakeId)).run()
    appendEvent(tx, ctx, { type: 'stocktake.cancelled', entityId: input.stocktakeId, payload: { id: input.stocktakeId } })
    return { cancelled: true }
  })
}
