/**
 * The fast path for applying a received `stock.document.posted`: the same rows as `applyPostedDocument`
 * (core/stock/ledger.ts) through prepared statements, for the common case of a document whose lots are new
 * here — a first sync is millions of these. When one of its lots already exists (two offices created the same
 * lot: last-writer-wins by field), it returns false and the caller takes the full path. The convergence
 * property test applies events by both paths (local postings take the full one) and compares the projections.
 */
import type Database from 'better-sqlite3'
import { ledgerStatements, writeDocumentRows } from './ledger-statements'
import type { PostedDocumentPayload } from './ledger'
import type { SyncEvent } from '../sync/registry'

const LOT_FIELDS = ['productionDate', 'expiryDate', 'supplier', 'unitCost'] as const

/** Applies the document; false (nothing written) when a lot already exists and the full path must decide. */
export function applyPostedFast(c: Database.Database, e: SyncEvent): boolean {
  const s = ledgerStatements(c)
  const p = e.payload as PostedDocumentPayload
  for (const lot of p.lots) if (s.lotExists.get(lot.id)) return false
  for (const lot of p.lots) {
    s.lot.run(lot.id, lot.itemId, lot.lotNo, lot.productionDate ?? null, lot.expiryDate ?? null, lot.supplier ?? null, lot.unitCost ?? null)
    for (const f of LOT_FIELDS) s.clock.run(lot.id, f, e.hlc, e.id)
  }
  writeDocumentRows(s, p, e.author, e.id)
  // Two offline issues of the same units: both kept; a balance below zero is listed for reconciliation from the
  // balances themselves (negativeBalances in system/sync-status.ts), whatever order the issues arrived in.
  return true
}
