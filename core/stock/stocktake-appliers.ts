/**
 * Appliers of the 盘点 (stocktake) events. The posting itself travels as `stock.document.posted` (a ledger event);
 * these events carry the count's own record:
 * - opened: the stocktake and its snapshot of expected quantities (insert-if-absent);
 * - counted: per line, counted quantity and reason are last-writer-wins by clock (two counters on two machines);
 * - posted / cancelled: folded as a state machine, order-independent — posted beats cancelled (a document was
 *   posted: a physical fact beats an intent), and a count posted twice keeps the smaller document id; both cases
 *   are flagged for review.
 * The local service calls the same `applyStocktakeCounted` after appending its event, so local and received edits
 * carry the same field clocks.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm'
import { conflicts, fieldClocks, stocktakeLines, stocktakes } from '../../db/schema'
import type { DbOrTx } from '../sync/events'
import { lww, lwwFirstWrites } from '../sync/lww'
import type { Applier } from '../sync/registry'
import type Database from 'better-sqlite3'
import { clientOf, preparedOn } from '../../db/open'

export interface StocktakeOpenedPayload {
  id: string; siteId: string; blind: boolean; openedOn: string; note: string | null
  lines: Array<{ lineNo: number; itemId: string; lotId: string; expected: number }>
}
export interface StocktakeCountedPayload {
  id: string; counts: Array<{ lineNo: number; counted: number | null; reason?: string | null }>
  /** per line: the events of the values the counter saw (see ./lww.ts) */
  bases?: Record<number, Record<string, string | null>>
}
export interface StocktakePostedPayload { id: string; documentId: string | null; postedAt: string }

export function applyStocktakeOpened(tx: DbOrTx, p: StocktakeOpenedPayload, author: string): void {
  tx.insert(stocktakes).values({
    id: p.id, siteId: p.siteId, blind: !!p.blind, openedOn: p.openedOn, openedBy: author, note: p.note?.trim() || null,
  }).onConflictDoNothing().run()
  for (const l of p.lines) {
    tx.insert(stocktakeLines).values({ stocktakeId: p.id, lineNo: l.lineNo, itemId: l.itemId, lotId: l.lotId, expected: l.expected }).onConflictDoNothing().run()
  }
}

export function applyStocktakeCounted(tx: DbOrTx, p: StocktakeCountedPayload, eventId: string, hlc: string): void {
  // A count may carry 5 000 lines: the lines and their clocks are read in one query each, the lines counted for the
  // first time (no clock yet: no conflict possible) are written in bulk, and only recounts go through lww() one by one.
  const lines = new Map((clientOf(tx).prepare('SELECT line_no AS lineNo, counted, reason FROM stocktake_lines WHERE stocktake_id = ?')
    .all(p.id) as Array<{ lineNo: number; counted: number | null; reason: string | null }>).map((l) => [l.lineNo, l]))
  const clocked = new Set(lineClocks(tx, p.id).map((c) => c.entityId))
  const first = new Map<string, Record<string, string | null> | undefined>() // entity id → the counter's bases
  const set = new Map<number, { counted?: number | null; reason?: string | null }>()
  for (const c of p.counts) {
    const line = lines.get(c.lineNo)
    if (!line) throw new Error(`stocktake line ${p.id}/${c.lineNo} not here yet`) // waits for stocktake.opened
    const entityId = `${p.id}:${c.lineNo}`
    const fields = { counted: c.counted, reason: c.reason?.trim() || null }
    if (!clocked.has(entityId) || first.has(entityId)) { // (a line given twice in one count: the later value)
      first.set(entityId, p.bases?.[c.lineNo])
      set.set(c.lineNo, fields)
      continue
    }
    const win = lww(tx, { entity: LINE_ENTITY, entityId, eventId, hlc, fields, bases: p.bases?.[c.lineNo], current: { counted: line.counted, reason: line.reason } })
    if (Object.keys(win).length) set.set(c.lineNo, { ...set.get(c.lineNo), ...(win as { counted?: number | null; reason?: string | null }) })
  }
  for (const field of ['counted', 'reason'] as const) {
    lwwFirstWrites(tx, LINE_ENTITY, field, { id: eventId, hlc }, [...first].map(([entityId, bases]) => ({ entityId, base: bases?.[field] ?? null })))
  }
  // one prepared UPDATE per line (building one statement of 5 000 rows cost more than the writes, issue 15)
  const s = preparedOn(countStatements, clientOf(tx), (c) => ({
    both: c.prepare('UPDATE stocktake_lines SET counted = ?, reason = ? WHERE stocktake_id = ? AND line_no = ?'),
    counted: c.prepare('UPDATE stocktake_lines SET counted = ? WHERE stocktake_id = ? AND line_no = ?'),
    reason: c.prepare('UPDATE stocktake_lines SET reason = ? WHERE stocktake_id = ? AND line_no = ?'),
  }))
  for (const [lineNo, v] of set) {
    if ('counted' in v && 'reason' in v) s.both.run(v.counted ?? null, v.reason ?? null, p.id, lineNo)
    else if ('counted' in v) s.counted.run(v.counted ?? null, p.id, lineNo)
    else if ('reason' in v) s.reason.run(v.reason ?? null, p.id, lineNo)
  }
}
const countStatements = new WeakMap<Database.Database, Record<'both' | 'counted' | 'reason', Database.Statement>>()

const LINE_ENTITY = 'stocktake_line'

/** The field clocks of a stocktake's lines (entity ids `<stocktake>:<line>`), in one query. */
export function lineClocks(tx: DbOrTx, stocktakeId: string) {
  return tx.select({ entityId: fieldClocks.entityId, field: fieldClocks.field, eventId: fieldClocks.eventId }).from(fieldClocks)
    .where(and(eq(fieldClocks.entity, LINE_ENTITY), gte(fieldClocks.entityId, `${stocktakeId}:`), lt(fieldClocks.entityId, `${stocktakeId};`))).all()
}

function flagState(tx: DbOrTx, kind: string, id: string, detail: Record<string, unknown>) {
  tx.insert(conflicts).values({ id: `${kind}:${id}`, kind, entity: 'stocktake', entityId: id, detail }).onConflictDoNothing().run()
}

export function applyStocktakePosted(tx: DbOrTx, p: StocktakePostedPayload): void {
  const st = tx.select().from(stocktakes).where(eq(stocktakes.id, p.id)).get()
  if (!st) throw new Error(`stocktake ${p.id} not here yet`)
  if (st.status === 'posted') {
    if (st.documentId === p.documentId) return
    flagState(tx, 'stocktake_posted_twice', p.id, { stocktakeId: p.id, siteId: st.siteId })
    const keep = [st.documentId, p.documentId].filter((d): d is string => !!d).sort()[0] ?? null
    const postedAt = keep === p.documentId ? p.postedAt : st.postedAt
    tx.update(stocktakes).set({ documentId: keep, postedAt }).where(eq(stocktakes.id, p.id)).run()
    return
  }
  if (st.status === 'cancelled') flagState(tx, 'stocktake_posted_and_cancelled', p.id, { stocktakeId: p.id, siteId: st.siteId })
  tx.update(stocktakes).set({ status: 'posted', documentId: p.documentId, postedAt: p.postedAt }).where(eq(stocktakes.id, p.id)).run()
}

export function applyStocktakeCancelled(tx: DbOrTx, p: { id: string }): void {
  const st = tx.select().from(stocktakes).where(eq(stocktakes.id, p.id)).get()
  if (!st) throw new Error(`stocktake ${p.id} not here yet`)
  if (st.status === 'open') tx.update(stocktakes).set({ status: 'cancelled' }).where(eq(stocktakes.id, p.id)).run()
  else if (st.status === 'posted') flagState(tx, 'stocktake_posted_and_cancelled', p.id, { stocktakeId: p.id, siteId: st.siteId })
}

export const stocktakeAppliers: Record<string, Applier> = {
  'stocktake.opened': { version: 1, kind: 'lww', apply: (tx, e) => applyStocktakeOpened(tx, e.payload as StocktakeOpenedPayload, e.author) },
  'stocktake.counted': { version: 1, kind: 'lww', apply: (tx, e) => applyStocktakeCounted(tx, e.payload as StocktakeCountedPayload, e.id, e.hlc) },
  'stocktake.posted': { version: 1, kind: 'transition', apply: (tx, e) => applyStocktakePosted(tx, e.payload as StocktakePostedPayload) },
  'stocktake.cancelled': { version: 1, kind: 'transition', apply: (tx, e) => applyStocktakeCancelled(tx, e.payload as { id: string }) },
}

/** The site a stocktake belongs to (for the hub's rights check). */
export const stocktakeSite = (tx: DbOrTx, id: string): string | undefined =>
  tx.select({ s: stocktakes.siteId }).from(stocktakes).where(eq(stocktakes.id, id)).get()?.s
