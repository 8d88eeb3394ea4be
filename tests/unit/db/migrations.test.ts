/**
 * Each migration: applied in order on a fresh file and on a file left at the previous migration with data in it,
 * and what it promises checked. A new migration needs an entry in `checks`, or this test fails.
 */
import { describe, it, expect } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { openDatabase, findMigrationsFolder } from '../../../db/open'

const source = findMigrationsFolder()
const journal = JSON.parse(fs.readFileSync(path.join(source, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string }> }

/** A migrations folder holding only the first `n` migrations. */
function firstMigrations(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-mig-'))
  fs.mkdirSync(path.join(dir, 'meta'))
  const entries = journal.entries.slice(0, n)
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }))
  for (const e of entries) fs.copyFileSync(path.join(source, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`))
  return dir
}

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name)
const triggers = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>).map((r) => r.name)

const checks: Record<string, (db: Database.Database) => void> = {
  '0000_init': (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining([
      'regions', 'sites', 'site_regions', 'items', 'tier_targets', 'lots', 'documents', 'document_lines', 'stock_movements',
      'stock_balances', 'partners', 'agreements', 'agreement_lines', 'incidents', 'incident_regions', 'requests', 'request_lines',
      'transfer_orders', 'transfer_order_lines', 'users', 'replicas', 'events', 'conflicts', 'settings',
    ]))
    // Balances can never go negative, whatever code writes them.
    db.prepare("INSERT INTO regions (code, name, level) VALUES ('310117000000', '松江区', 'district')").run()
    db.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES ('s', 's', 's', 'district', '310117000000')").run()
    db.prepare("INSERT INTO items (id, code, name, category, unit) VALUES ('i', 'i', '帐篷', '生活类', '顶')").run()
    db.prepare("INSERT INTO lots (id, item_id, lot_no) VALUES ('l', 'i', 'L1')").run()
    expect(() => db.prepare("INSERT INTO stock_balances VALUES ('s', 'i', 'l', -1)").run()).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO lots (id, item_id, lot_no) VALUES ('l2', 'nope', 'L1')").run()).toThrow(/FOREIGN KEY/)
  },
  '0001_ledger_guards': (db) => {
    expect(triggers(db)).toEqual(expect.arrayContaining(['stock_movements_no_update', 'stock_movements_no_delete', 'events_no_update', 'events_no_delete']))
    db.prepare("INSERT INTO regions (code, name, level) VALUES ('310117000001', 'x', 'district')").run()
    db.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES ('s9', 's9', 's', 'district', '310117000001')").run()
    db.prepare("INSERT INTO items (id, code, name, category, unit) VALUES ('i9', 'i9', 'x', 'x', '个')").run()
    db.prepare("INSERT INTO lots (id, item_id, lot_no) VALUES ('l9', 'i9', 'L')").run()
    db.prepare("INSERT INTO documents (id, doc_no, type, site_id, doc_date, author, replica_id, event_id) VALUES ('d9', 'RK1', 'receipt', 's9', '2026-01-01', 'a', 'r', 'r:1')").run()
    db.prepare("INSERT INTO stock_movements (document_id, line_no, site_id, item_id, lot_id, quantity, moved_on) VALUES ('d9', 1, 's9', 'i9', 'l9', 5, '2026-01-01')").run()
    expect(() => db.prepare('UPDATE stock_movements SET quantity = 6').run()).toThrow(/append-only/)
    expect(() => db.prepare("DELETE FROM documents WHERE id = 'd9'").run()).toThrow(/never edited/)
  },
  '0002_stocktake': (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['stocktakes', 'stocktake_lines']))
    db.prepare("INSERT INTO regions (code, name, level) VALUES ('310117000002', 'x', 'district')").run()
    db.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES ('s8', 's8', 's', 'district', '310117000002')").run()
    db.prepare("INSERT INTO items (id, code, name, category, unit) VALUES ('i8', 'i8', 'x', 'x', '个')").run()
    db.prepare("INSERT INTO lots (id, item_id, lot_no) VALUES ('l8', 'i8', 'L')").run()
    db.prepare("INSERT INTO stocktakes (id, site_id, opened_on, opened_by) VALUES ('st8', 's8', '2026-01-01', 'a')").run()
    expect((db.prepare("SELECT status, blind FROM stocktakes WHERE id = 'st8'").get())).toEqual({ status: 'open', blind: 0 })
    db.prepare("INSERT INTO stocktake_lines (stocktake_id, line_no, item_id, lot_id, expected) VALUES ('st8', 1, 'i8', 'l8', 5)").run()
    // One line per item × lot in a count.
    expect(() => db.prepare("INSERT INTO stocktake_lines (stocktake_id, line_no, item_id, lot_id, expected) VALUES ('st8', 2, 'i8', 'l8', 5)").run()).toThrow(/UNIQUE/)
    expect(() => db.prepare("INSERT INTO stocktakes (id, site_id, opened_on, opened_by) VALUES ('st9', 'nope', '2026-01-01', 'a')").run()).toThrow(/FOREIGN KEY/)
  },
  '0003_sync': (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['field_clocks', 'hub_devices', 'stock_balances']))
    // Received issues may leave a balance negative (flagged, never refused); local postings refuse it in code.
    db.prepare("INSERT INTO regions (code, name, level) VALUES ('310117000002', 'x', 'district')").run()
    db.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES ('s2', 's2', 's', 'district', '310117000002')").run()
    db.prepare("INSERT INTO items (id, code, name, category, unit) VALUES ('i2', 'i2', 'x', 'x', '个')").run()
    db.prepare("INSERT INTO lots (id, item_id, lot_no) VALUES ('l2', 'i2', 'L')").run()
    db.prepare("INSERT INTO stock_balances VALUES ('s2', 'i2', 'l2', -3)").run()
    expect(db.prepare("SELECT quantity FROM stock_balances WHERE site_id = 's2'").pluck().get()).toBe(-3)
    expect(() => db.prepare("INSERT INTO stock_balances VALUES ('nope', 'i2', 'l2', 1)").run()).toThrow(/FOREIGN KEY/)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'stock_balances_item'").pluck().get()).toBe(1)
  },
  '0004_dispatch': (db) => {
    expect(tables(db)).toContain('transfer_order_transitions')
    const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name)
    expect(cols('transfer_orders')).toEqual(expect.arrayContaining(['approved_at', 'dispatched_at', 'received_at', 'due_at', 'created_by']))
    expect(cols('transfer_order_lines')).toContain('shortfall')
    // Lines that existed before the migration have no shortfall.
    db.prepare("INSERT INTO regions (code, name, level) VALUES ('310117000002', 'x', 'district')").run()
    db.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES ('s8', 's8', 's', 'district', '310117000002')").run()
    db.prepare("INSERT INTO items (id, code, name, category, unit) VALUES ('i8', 'i8', 'x', 'x', '个')").run()
    db.prepare("INSERT INTO transfer_orders (id, order_no, from_site_id) VALUES ('o8', 'DB1', 's8')").run()
    db.prepare("INSERT INTO transfer_order_lines (order_id, line_no, item_id, requested) VALUES ('o8', 1, 'i8', 3)").run()
    expect(db.prepare("SELECT shortfall FROM transfer_order_lines WHERE order_id = 'o8'").get()).toEqual({ shortfall: 0 })
  },
  '0005_users_audit': (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['sessions', 'audit_log']))
    db.prepare("INSERT INTO users (id, username, display_name, roles) VALUES ('u1', 'wang', '王', 'keeper')").run()
    expect(db.prepare("SELECT failed_logins, must_change_password FROM users WHERE id = 'u1'").get()).toEqual({ failed_logins: 0, must_change_password: 0 })
    expect(() => db.prepare("INSERT INTO sessions (token_hash, user_id, client, expires_at) VALUES ('h', 'nobody', 'hub', 'x')").run()).toThrow(/FOREIGN KEY/)
  },
  '0006_users_audit_sql': (db) => {
    expect(triggers(db)).toEqual(expect.arrayContaining(['audit_log_no_update', 'audit_log_no_delete']))
    db.prepare("INSERT INTO audit_log (at, replica_id, actor_id, actor_name, action, outcome) VALUES ('2026-01-01T00:00:00Z', 'r', 'a', '甲', 'stock.receive', 'ok')").run()
    expect(() => db.prepare("UPDATE audit_log SET actor_name = '乙'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
  },
  '0007_planning': (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['procurement_plan_lines', 'agreement_attachments']))
    db.prepare("INSERT INTO items (id, code, name, category, unit) VALUES ('ip', 'ip', 'x', 'x', '个')").run()
    db.prepare("INSERT INTO procurement_plan_lines (plan_year, tier, item_id, quantity) VALUES (2026, 'district', 'ip', 5)").run()
    expect(() => db.prepare("INSERT INTO procurement_plan_lines (plan_year, tier, item_id, quantity) VALUES (2026, 'district', 'ip', 6)").run()).toThrow(/UNIQUE|PRIMARY/)
    expect(() => db.prepare("INSERT INTO procurement_plan_lines (plan_year, tier, item_id, quantity) VALUES (2026, 'street', 'ip', -1)").run()).toThrow(/CHECK/)
  },
  '0008_catalogue_versions': (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['catalogue_versions']))
    db.prepare("INSERT INTO catalogue_versions (plan_year, item_id, unit_price) VALUES (2027, 'any-item', 12.5)").run()
    expect(db.prepare("SELECT unit_price, included FROM catalogue_versions WHERE plan_year = 2027").get()).toEqual({ unit_price: 12.5, included: 1 })
    expect(() => db.prepare("INSERT INTO catalogue_versions (plan_year, item_id) VALUES (2027, 'any-item')").run()).toThrow(/UNIQUE|PRIMARY/)
    expect(() => db.prepare("INSERT INTO catalogue_versions (plan_year, item_id, unit_price) VALUES (2028, 'any-item', -1)").run()).toThrow(/CHECK/)
  },
  '0009_site_codes_not_unique': (db) => {
    // two offices may open sites under one code while apart: the file keeps both (the office's own form refuses it)
    const region = db.prepare("SELECT code FROM regions LIMIT 1").pluck().get() as string | undefined
      ?? (db.prepare("INSERT INTO regions (code, name, level) VALUES ('310117999000', '测试', 'street')").run(), '310117999000')
    db.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES ('dup-a', 'DUP', '甲', 'street', ?)").run(region)
    db.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES ('dup-b', 'DUP', '乙', 'street', ?)").run(region)
    expect(db.prepare("SELECT count(*) FROM sites WHERE code = 'DUP'").pluck().get()).toBe(2)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'sites_code'").pluck().get()).toBe(1)
  },
  '0010_site_item_stock': (db) => {
    // whatever writes stock_balances, the per site × item sums follow: sum, sum of the positive balances, lot count
    expect(tables(db)).toContain('site_item_stock')
    const sums = () => db.prepare('SELECT site_id, item_id, quantity, on_hand, lots FROM site_item_stock ORDER BY 1, 2').raw().all()
    stockFixture(db)
    db.prepare("INSERT INTO stock_balances VALUES ('s9', 'i9', 'l1', 5), ('s9', 'i9', 'l2', 2)").run()
    expect(sums()).toEqual([['s9', 'i9', 7, 7, 2]])
    db.prepare("INSERT INTO stock_balances VALUES ('s9', 'i9', 'l2', -4) ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity").run()
    expect(sums()).toEqual([['s9', 'i9', 3, 5, 2]]) // l2 at −2: a shortage on one lot does not cancel another's stock
    db.prepare("UPDATE stock_balances SET site_id = 's8' WHERE lot_id = 'l1'").run()
    expect(sums()).toEqual([['s8', 'i9', 5, 5, 1], ['s9', 'i9', -2, 0, 1]])
    db.prepare("DELETE FROM stock_balances WHERE lot_id = 'l2'").run()
    expect(sums()).toEqual([['s8', 'i9', 5, 5, 1]])
    db.prepare('DELETE FROM stock_balances').run()
    expect(sums()).toEqual([])
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('stock_balances_item', 'stock_balances_item_lot')").pluck().get()).toBe(1)
  },
  '0011_item_codes_not_unique': (db) => {
    // two district offices may give items one code while apart: the file keeps both (the office's own form refuses it)
    db.prepare("INSERT INTO items (id, code, name, category, unit) VALUES ('dup-i1', 'DUP-I', '甲', '生活类', '件'), ('dup-i2', 'DUP-I', '乙', '生活类', '件')").run()
    expect(db.prepare("SELECT count(*) FROM items WHERE code = 'DUP-I'").pluck().get()).toBe(2)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'items_code'").pluck().get()).toBe(1)
  },
  '0012_documents_reverses_index': (db) => {
    // "was this document reversed already?" (every reversal asks) is answered from an index, not a scan of every document
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT doc_no FROM documents WHERE reverses_doc_id = ?').all('x') as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING INDEX documents_reverses')
  },
  '0013_readiness_norms': (db) => {
    // one norm per incident type × item; the item must exist
    expect(tables(db)).toContain('readiness_norms')
    db.prepare("INSERT INTO items (id, code, name, category, unit) VALUES ('i13', 'i13', '棉被', '生活类', '床')").run()
    db.prepare("INSERT INTO readiness_norms (id, incident_type, item_id, per_person) VALUES ('n1', '台风', 'i13', 1)").run()
    expect(() => db.prepare("INSERT INTO readiness_norms (id, incident_type, item_id, per_person) VALUES ('n2', '台风', 'i13', 2)").run()).toThrow(/UNIQUE/)
    expect(() => db.prepare("INSERT INTO readiness_norms (id, incident_type, item_id, per_person) VALUES ('n3', '台风', 'nope', 2)").run()).toThrow(/FOREIGN KEY/)
  },
  '0014_replica_demo': (db) => {
    // replicas known before the migration are real (not demo); a demo replica can be marked
    const before = db.prepare('SELECT demo FROM replicas').pluck().all() as number[]
    expect(before.every((d) => d === 0)).toBe(true)
    db.prepare("INSERT INTO replicas (id, is_local, seen_seq, demo) VALUES ('abcd1234-demo', 0, 0, 1)").run()
    expect(db.prepare("SELECT demo FROM replicas WHERE id = 'abcd1234-demo'").pluck().get()).toBe(1)
  },
  '0015_lots_expiry_index': (db) => {
    // the dashboard's expiry counts walk the lots of the date range, not every balance (issue 15)
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM lots l JOIN stock_balances b ON b.item_id = l.item_id AND b.lot_id = l.id
      WHERE l.expiry_date < ?`).all('2026-01-01') as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join(' ')).toContain('lots_expiry')
  },
  '0016_report_submissions': (db) => {
    // a submitted report is frozen: its figures cannot be changed nor the row dropped; only the decision is written
    db.prepare(`INSERT INTO report_submissions (id, kind, subject, level, region_code, version, due_on, snapshot, submitted_at, submitted_by, submitted_by_name)
      VALUES ('r1', 'monthly_stock', '2026-05', 'street', '310117001000', 1, '2026-06-10', '{"rows":[]}', '2026-06-01T00:00:00Z', 'u', '甲')`).run()
    expect(() => db.prepare("UPDATE report_submissions SET snapshot = '{}' WHERE id = 'r1'").run()).toThrow(/frozen/)
    expect(() => db.prepare("UPDATE report_submissions SET version = 2 WHERE id = 'r1'").run()).toThrow(/frozen/)
    expect(() => db.prepare("DELETE FROM report_submissions WHERE id = 'r1'").run()).toThrow(/never deleted/)
    db.prepare("UPDATE report_submissions SET status = 'returned', return_reason = '补充' WHERE id = 'r1'").run()
    expect(db.prepare("SELECT status FROM report_submissions WHERE id = 'r1'").pluck().get()).toBe('returned')
    expect(() => db.prepare(`INSERT INTO report_submissions (id, kind, subject, level, region_code, version, due_on, snapshot, submitted_at, submitted_by, submitted_by_name)
      VALUES ('r2', 'monthly_stock', '2026-05', 'street', '310117001000', 1, '2026-06-10', '{}', '2026-06-01T00:00:00Z', 'u', '甲')`).run()).toThrow(/UNIQUE/)
  },
  '0017_national_codes_writeoff_requests': (db) => {
    // issue 18: the imported GB/T 38565 class table (one row per code) and the street depots' write-off requests
    expect(tables(db)).toEqual(expect.arrayContaining(['national_code_classes', 'writeoff_requests']))
    db.prepare("INSERT INTO national_code_classes (code, name) VALUES ('101', '衣被')").run()
    expect(() => db.prepare("INSERT INTO national_code_classes (code, name) VALUES ('101', '重复')").run()).toThrow(/UNIQUE/)
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM writeoff_requests WHERE site_id = ? AND status = 'requested'").all('s') as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING INDEX writeoff_requests_site')
  },
}

/** Two sites, an item with two lots (as at migration 0003 and later). */
function stockFixture(db: Database.Database): void {
  db.prepare("INSERT INTO regions (code, name, level) VALUES ('310117000009', 'x', 'district')").run()
  db.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES ('s9', 's9', 's', 'district', '310117000009'), ('s8', 's8', 's', 'district', '310117000009')").run()
  db.prepare("INSERT INTO items (id, code, name, category, unit) VALUES ('i9', 'i9', 'x', 'x', '个'), ('i8', 'i8', 'x', 'x', '个')").run()
  db.prepare("INSERT INTO lots (id, item_id, lot_no) VALUES ('l1', 'i9', 'L1'), ('l2', 'i9', 'L2'), ('l3', 'i8', 'L3')").run()
}

describe('migrations', () => {
  it('every migration in the journal has its checks', () => {
    expect(journal.entries.map((e) => e.tag).sort()).toEqual(Object.keys(checks).sort())
  })

  journal.entries.forEach((entry, k) => {
    it(`${entry.tag} applies on a fresh file and on a file with data at the previous migration`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-mig-db-'))
      // Fresh file, migrated up to and including this one.
      const fresh = openDatabase({ file: path.join(dir, 'fresh.db'), migrationsFolder: firstMigrations(k + 1) })
      checks[entry.tag](fresh.$client)
      fresh.$client.close()
      // A file at the previous migration holding a row, then upgraded: the row survives.
      const file = path.join(dir, 'old.db')
      const old = openDatabase({ file, migrationsFolder: firstMigrations(k) })
      if (k > 0) old.$client.prepare("INSERT INTO settings (key, value) VALUES ('kept', 'yes')").run()
      old.$client.close()
      const upgraded = openDatabase({ file, migrationsFolder: firstMigrations(k + 1) })
      if (k > 0) expect(upgraded.$client.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({ value: 'yes' })
      const applied = upgraded.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }
      expect(applied.n).toBe(k + 1)
      upgraded.$client.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })
  })

  it('0010_site_item_stock fills the per site × item sums from the balances already in the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-mig-db-'))
    const k = journal.entries.findIndex((e) => e.tag === '0010_site_item_stock')
    const file = path.join(dir, 'old.db')
    const old = openDatabase({ file, migrationsFolder: firstMigrations(k) })
    stockFixture(old.$client)
    old.$client.prepare("INSERT INTO stock_balances VALUES ('s9', 'i9', 'l1', 5), ('s9', 'i9', 'l2', -2), ('s8', 'i9', 'l1', 1), ('s9', 'i8', 'l3', 4)").run()
    old.$client.close()
    const upgraded = openDatabase({ file, migrationsFolder: firstMigrations(k + 1) })
    expect(upgraded.$client.prepare('SELECT site_id, item_id, quantity, on_hand, lots FROM site_item_stock ORDER BY 1, 2').raw().all())
      .toEqual([['s8', 'i9', 1, 1, 1], ['s9', 'i8', 4, 4, 1], ['s9', 'i9', 3, 5, 2]])
    upgraded.$client.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
