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

