/**
 * The ledger's writes as prepared statements, made once per connection: local postings (core/stock/ledger.ts
 * applyPostedDocument) and received documents (fast-ledger.ts) write the same rows through them.
 */
import type Database from 'better-sqlite3'

const cache = new WeakMap<Database.Database, LedgerStatements>()
export type LedgerStatements = ReturnType<typeof prepare>

/** The ledger's writes as prepared statements, made once per connection (local postings use them too). */
export function ledgerStatements(c: Database.Database): LedgerStatements {
  let s = cache.get(c)
  if (!s) { s = prepare(c); cache.set(c, s) }
  return s
}

function prepare(c: Database.Database) {
  return {
    lotRow: c.prepare(`SELECT id, item_id AS itemId, lot_no AS lotNo, production_date AS productionDate, expiry_date AS expiryDate,
      supplier, unit_cost AS unitCost FROM lots WHERE id = ?`),
    lotExists: c.prepare('SELECT 1 FROM lots WHERE id = ?').pluck(),
    lot: c.prepare('INSERT INTO lots (id, item_id, lot_no, production_date, expiry_date, supplier, unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    clock: c.prepare("INSERT INTO field_clocks (entity, entity_id, field, hlc, event_id) VALUES ('lot', ?, ?, ?, ?)"),
    doc: c.prepare(`INSERT INTO documents (id, doc_no, type, subtype, site_id, counterparty_site_id, counterparty, doc_date, reason,
      reverses_doc_id, incident_id, transfer_order_id, handled_by, author, replica_id, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    line: c.prepare('INSERT INTO document_lines (document_id, line_no, item_id, lot_id, quantity, unit_cost, note) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    move: c.prepare('INSERT INTO stock_movements (document_id, line_no, site_id, item_id, lot_id, quantity, moved_on) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    balance: c.prepare(`INSERT INTO stock_balances (site_id, item_id, lot_id, quantity) VALUES (?, ?, ?, ?)
      ON CONFLICT (site_id, item_id, lot_id) DO UPDATE SET quantity = quantity + excluded.quantity RETURNING quantity`).pluck(),
    dropZero: c.prepare('DELETE FROM stock_balances WHERE site_id = ? AND item_id = ? AND lot_id = ? AND quantity = 0'),
  }
}


/** What a posted document writes besides its lots (structurally a PostedDocumentPayload of ./ledger.ts). */
interface DocumentRows {
  id: string; docNo: string; type: string; subtype?: string | null; siteId: string; counterpartySiteId?: string | null
  counterparty?: string | null; docDate: string; reason?: string | null; reversesDocId?: string | null; incidentId?: string | null
  transferOrderId?: string | null; handledBy?: string | null; replicaId: string
  lines: Array<{ lineNo: number; itemId: string; lotId: string; quantity: number; unitCost?: number | null; note?: string | null }>
}

const n = (v: unknown) => v ?? null // a key left out of the JSON is null, as drizzle writes it

/**
 * A document's header, lines, movements and balances, its lots already written: the same rows whether the document
 * is posted here (ledger.ts) or received (fast-ledger.ts). Every delta is an upsert: the balance is a function of
 * the ledger's sum, so documents commute whatever order they arrive in. A received issue may leave a balance
 * negative (two offices issued the same units offline): that fact is kept and listed for reconciliation
 * (negativeBalances in system/sync-status.ts); local postings refuse to overdraw before this. A balance that
 * reaches zero is deleted by its key: never a search through every lot the site holds.
 */
export function writeDocumentRows(s: LedgerStatements, p: DocumentRows, author: string, eventId: string): void {
  s.doc.run(p.id, p.docNo, p.type, n(p.subtype), p.siteId, n(p.counterpartySiteId), n(p.counterparty), p.docDate, n(p.reason), n(p.reversesDocId),
    n(p.incidentId), n(p.transferOrderId), n(p.handledBy), author, p.replicaId, eventId)
  const deltas = new Map<string, { itemId: string; lotId: string; quantity: number }>()
  for (const l of p.lines) {
    s.line.run(p.id, l.lineNo, l.itemId, l.lotId, l.quantity, n(l.unitCost), n(l.note))
    s.move.run(p.id, l.lineNo, p.siteId, l.itemId, l.lotId, l.quantity, p.docDate)
    const k = `${l.itemId}\u0000${l.lotId}`
    const d = deltas.get(k) ?? { itemId: l.itemId, lotId: l.lotId, quantity: 0 }
    d.quantity += l.quantity
    deltas.set(k, d)
  }
  for (const d of deltas.values()) {
    if (d.quantity === 0) continue
    const after = s.balance.get(p.siteId, d.itemId, d.lotId, d.quantity) as number
    if (after === 0) s.dropZero.run(p.siteId, d.itemId, d.lotId)
  }
}
