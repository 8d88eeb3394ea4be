/**
 * 台账 (stock card) of one item at one site: every movement in posting order with the running balance, the
 * document number and type, who posted it and when. The last running balance is the site's balance of the item.
 */
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { peopleNamer } from '../people/names'

export interface StockCardRow {
  movementId: number; movedOn: string; documentId: string; docNo: string; docType: string; subtype: string | null; lotNo: string
  expiryDate: string | null; inQty: number; outQty: number; balance: number; counterparty: string | null
  reason: string | null; author: string; handledBy: string | null; postedAt: string
}

export function stockCard(ctx: ServiceContext, q: { siteId: string; itemId: string; from?: string; to?: string }) {
  const client = ctx.db.$client
  const site = client.prepare('SELECT id, name FROM sites WHERE id = ?').get(q.siteId) as { id: string; name: string } | undefined
  if (!site) throw new AppError('NOT_FOUND', { what: '储备点', whatEn: 'Site', id: q.siteId }, { field: 'siteId' })
  const item = client.prepare('SELECT id, code, name, unit, spec FROM items WHERE id = ?').get(q.itemId) as
    { id: string; code: string; name: string; unit: string; spec: string | null } | undefined
  if (!item) throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id: q.itemId }, { field: 'itemId' })
  // The running balance runs over the whole history; the date range only picks which rows are shown.
  const raw = client.prepare(`SELECT * FROM (
      SELECT m.id AS movementId, m.moved_on AS movedOn, d.id AS documentId, d.doc_no AS docNo, d.type AS docType, d.subtype, l.lot_no AS lotNo,
        l.expiry_date AS expiryDate, CASE WHEN m.quantity > 0 THEN m.quantity ELSE 0 END AS inQty,
        CASE WHEN m.quantity < 0 THEN -m.quantity ELSE 0 END AS outQty,
        sum(m.quantity) OVER (ORDER BY m.id ROWS UNBOUNDED PRECEDING) AS balance,
        coalesce(cs.name, d.counterparty) AS counterparty, coalesce(m_note.note, d.reason) AS reason, d.author, d.replica_id AS replicaId, d.handled_by AS handledBy,
        m.created_at AS postedAt
      FROM stock_movements m
      JOIN documents d ON d.id = m.document_id
      JOIN lots l ON l.id = m.lot_id
      LEFT JOIN sites cs ON cs.id = d.counterparty_site_id
      LEFT JOIN document_lines m_note ON m_note.document_id = m.document_id AND m_note.line_no = m.line_no
      WHERE m.site_id = ? AND m.item_id = ?)
    WHERE (? IS NULL OR movedOn >= ?) AND (? IS NULL OR movedOn <= ?) ORDER BY movementId`)
    .all(q.siteId, q.itemId, q.from ?? null, q.from ?? null, q.to ?? null, q.to ?? null) as Array<StockCardRow & { replicaId?: string }>
  // 操作人 by name (and the office, when it came by sync), never the user's id
  const nameOf = peopleNamer(client)
  const rows: StockCardRow[] = raw.map(({ replicaId, ...r }) => ({ ...r, author: nameOf(r.author, { replicaId }) }))
  const balance = (client.prepare('SELECT coalesce(sum(quantity), 0) AS q FROM stock_balances WHERE site_id = ? AND item_id = ?')
    .get(q.siteId, q.itemId) as { q: number }).q
  return { site, item, rows, balance }
}
