import { createHash } from 'node:crypto'
import { createCore, type Core } from '../../core/app'
import { eventsSince, receive, vectorOf } from '../../core/sync/exchange'
import { balancesFromLedger, projectedBalances } from '../../core/stock/ledger'
import { TRAVELLING_SETTINGS } from '../../core/catalogue/catalogue'

/** What a user would compare between two offices: every projection, as sorted rows, hashed. */
export const PROJECTION_QUERIES: Record<string, string> = {
  sites: 'SELECT id, code, name, tier, region_code, ownership, keeper, phone, address, capacity, status, opened_on, closed_on FROM sites ORDER BY id',
  site_regions: 'SELECT site_id, region_code FROM site_regions ORDER BY 1, 2',
  lots: 'SELECT id, item_id, lot_no, production_date, expiry_date, supplier, unit_cost FROM lots ORDER BY id',
  documents: `SELECT id, doc_no, type, site_id, counterparty_site_id, doc_date, reason, reverses_doc_id, author, replica_id, event_id
    FROM documents ORDER BY id`,
  document_lines: 'SELECT document_id, line_no, item_id, lot_id, quantity FROM document_lines ORDER BY 1, 2',
  stock_movements: 'SELECT document_id, line_no, site_id, item_id, lot_id, quantity, moved_on FROM stock_movements ORDER BY 1, 2',
  stock_balances: 'SELECT site_id, item_id, lot_id, quantity FROM stock_balances ORDER BY 1, 2, 3',
  site_item_stock: 'SELECT site_id, item_id, quantity, on_hand, lots FROM site_item_stock ORDER BY 1, 2',
  stocktakes: 'SELECT id, site_id, status, blind, opened_on, opened_by, note, document_id, posted_at FROM stocktakes ORDER BY id',
  field_clocks: 'SELECT entity, entity_id, field, hlc, event_id FROM field_clocks ORDER BY 1, 2, 3',
  stocktake_lines: 'SELECT stocktake_id, line_no, item_id, lot_id, expected, counted, reason FROM stocktake_lines ORDER BY 1, 2',
  catalogue_versions: 'SELECT plan_year, item_id, unit_price, included FROM catalogue_versions ORDER BY 1, 2',
  // planning and network records (core/sync/records.ts)
  items: `SELECT id, code, name, category, national_code, unit, spec, shelf_life_days, returnable, lot_tracked, unit_price, active
    FROM items ORDER BY id`,
  tier_targets: 'SELECT id, plan_year, tier, item_id, mode, quantity, minimum, required, region_code, site_id FROM tier_targets ORDER BY id',
  regions: 'SELECT code, name, level, parent_code, kind, population FROM regions ORDER BY code',
  partners: 'SELECT id, name, credit_code, contact, phone, address FROM partners ORDER BY id',
  agreements: `SELECT id, partner_id, agreement_no, kind, held_at, response_hours, valid_from, valid_to, tier, region_code, status
    FROM agreements ORDER BY id`,
  agreement_lines: 'SELECT agreement_id, line_no, item_id, quantity, vehicle_type, vehicle_count, vehicle_capacity FROM agreement_lines ORDER BY 1, 2',
  agreement_attachments: 'SELECT id, agreement_id, file_name, stored_as, size, mime FROM agreement_attachments ORDER BY id',
  procurement_plan_lines: 'SELECT plan_year, tier, item_id, quantity, unit_price, note FROM procurement_plan_lines ORDER BY 1, 2, 3',
  // issue 18: the GB/T 38565 class table, street depots' write-off requests
  national_code_classes: 'SELECT code, name FROM national_code_classes ORDER BY code',
  writeoff_requests: 'SELECT * FROM writeoff_requests ORDER BY id',
  // only the district-wide settings travel (TRAVELLING_SETTINGS in core/catalogue/catalogue.ts)
  settings: `SELECT key, value FROM settings WHERE key IN (${TRAVELLING_SETTINGS.map((k) => `'${k}'`).join(', ')}) ORDER BY key`,
  incidents: 'SELECT id, name, type, level, started_at, ended_at, status, note FROM incidents ORDER BY id',
  incident_regions: 'SELECT incident_id, region_code FROM incident_regions ORDER BY 1, 2',
  requests: `SELECT id, request_no, incident_id, region_code, destination_site_id, destination_address, urgency, contact, requester, note, status
    FROM requests ORDER BY id`,
  request_lines: 'SELECT request_id, line_no, item_id, quantity FROM request_lines ORDER BY 1, 2',
  transfer_orders: 'SELECT * FROM transfer_orders ORDER BY id',
  transfer_order_lines: 'SELECT * FROM transfer_order_lines ORDER BY order_id, line_no',
  transfer_order_transitions: 'SELECT order_id, action, from_state, to_state, actor, at, note FROM transfer_order_transitions ORDER BY order_id, at, id',
  // every flag a planner sees is a function of the set of events (transfer fold, lww per field — regions' bulk
  // imports included —, stocktakes), except clock_skew (about the receiving office's own clock). Shortages
  // (negative_stock) and code clashes are not stored: they are read from the balances, the sites and the items.
  conflicts: `SELECT id, kind, entity, entity_id, field, winner_event_id, loser_event_id, detail FROM conflicts
    WHERE kind <> 'clock_skew' ORDER BY id`,
}

export function projectionRows(core: Core): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(PROJECTION_QUERIES).map(([k, q]) => [k, core.db.$client.prepare(q).all()]))
}

export const projectionHash = (core: Core): string =>
  createHash('sha256').update(JSON.stringify(projectionRows(core))).digest('hex')

export const eventIds = (core: Core): string[] => core.db.$client.prepare('SELECT id FROM events ORDER BY id').pluck().all() as string[]

export const ledgerSum = (core: Core): number => core.db.$client.prepare('SELECT coalesce(sum(quantity), 0) FROM stock_movements').pluck().get() as number

export const pendingCount = (core: Core): number => core.db.$client.prepare('SELECT count(*) FROM events WHERE applied_at IS NULL').pluck().get() as number

/** A vector without this installation's own replica flag: comparable between replicas. */
export const vectorNoLocal = (core: Core) => Object.fromEntries(Object.entries(vectorOf(core.db)).filter(([, v]) => v > 0).sort())

/** A fresh installation fed every event of `core`: its projections must equal `core`'s. */
export function rebuiltFromEvents(core: Core): Core {
  const fresh = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
  receive(fresh.context(), eventsSince(core.db, {}))
  return fresh
}

/** Per site × item from the lot balances: the sum, the sum of the positive ones, how many (site_item_stock's rows). */
export function siteItemSums(balances: Array<{ siteId: string; itemId: string; quantity: number }>) {
  const m = new Map<string, { site_id: string; item_id: string; quantity: number; on_hand: number; lots: number }>()
  for (const b of balances) {
    const k = `${b.siteId}\u0000${b.itemId}`
    const r = m.get(k) ?? m.set(k, { site_id: b.siteId, item_id: b.itemId, quantity: 0, on_hand: 0, lots: 0 }).get(k)!
    r.quantity += b.quantity
    r.on_hand += Math.max(b.quantity, 0)
    r.lots++
  }
  return [...m.values()].sort((a, b) => (a.site_id < b.site_id ? -1 : a.site_id > b.site_id ? 1 : a.item_id < b.item_id ? -1 : 1))
}

export const siteItemStockRows = (core: Core) => core.db.$client.prepare(PROJECTION_QUERIES.site_item_stock).all()

/** The lot balances equal the ledger, and the per site × item sums equal the lot balances. */
export const ledgerMatchesBalances = (core: Core): boolean =>
  JSON.stringify(balancesFromLedger(core.db)) === JSON.stringify(projectedBalances(core.db))
  && JSON.stringify(siteItemStockRows(core)) === JSON.stringify(siteItemSums(projectedBalances(core.db)))
