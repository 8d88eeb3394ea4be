/**
 * Last-writer-wins per field, by hybrid logical clock, for mutable records (catalogue, targets, sites,
 * agreements, lots' attributes). Each field remembers the clock and event of the value it holds
 * (`field_clocks`). An edit with a higher clock wins; the losing edit of a concurrent pair is recorded in
 * `conflicts` (kind 'lww') for a planner to review — never dropped silently.
 *
 * How an area uses it (local edit and received event go through the same function):
 *   const bases = lwwBases(tx, 'site', id, Object.keys(changes))          // when the user edits: what they saw
 *   appendEvent(tx, ctx, { type: 'site.updated', entityId: id, payload: { changes, bases } })
 *   ...and in the applier (also called locally right after appendEvent):
 *   const win = lww(tx, { entity: 'site', entityId: id, eventId, hlc, fields: changes, bases, current })
 *   if (Object.keys(win).length) tx.update(sites).set(win).where(eq(sites.id, id)).run()
 *
 * An edit carrying `bases` (the event ids of the values its author saw) that overwrites exactly those values is
 * a plain sequential edit; otherwise overwriting another replica's value is a concurrent edit and is flagged.
 * Tombstones are a field like any other (e.g. `deleted: true`), so a delete and an edit merge the same way.
 */
import { and, eq, sql } from 'drizzle-orm'
import { conflicts, events, fieldClocks } from '../../db/schema'
import type { DbOrTx } from './events'
import type Database from 'better-sqlite3'
import { clientOf, preparedOn } from '../../db/open'

export interface LwwWrite {
  entity: string
  entityId: string
  eventId: string
  hlc: string
  fields: Record<string, unknown>
  /** per field: the event id of the value the author saw (null = the field had no clock); omitted = unknown */
  bases?: Record<string, string | null>
  /** the values the record holds now, so a conflict can show what was overwritten */
  current?: Record<string, unknown>
}

/** The event ids of the values a record's fields hold now: put them in an edit's payload as its `bases`. */
export function lwwBases(tx: DbOrTx, entity: string, entityId: string, fields: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  for (const f of fields) out[f] = clockOf(tx, entity, entityId, f)?.eventId ?? null
  return out
}

function clockOf(tx: DbOrTx, entity: string, entityId: string, field: string) {
  return tx.select().from(fieldClocks)
    .where(and(eq(fieldClocks.entity, entity), eq(fieldClocks.entityId, entityId), eq(fieldClocks.field, field))).get()
}

/** The HLC of a stored event (local or received), for appliers that are handed only an event id. */
export function hlcOfEvent(tx: DbOrTx, eventId: string): string {
  const e = tx.select({ hlc: events.hlc }).from(events).where(eq(events.id, eventId)).get()
  if (!e) throw new Error(`event ${eventId} not stored`)
  return e.hlc
}

/**
 * Decides field by field whether this write wins; updates the field clocks; records losers. Returns the fields
 * (with their values) the caller must write into its projection.
 *
 * The conflicts of a field are a function of the set of its edits, whatever order they arrived in:
 * - the winner is the edit with the highest clock (then event id);
 * - an edit some other edit names in its `bases` was seen and overwritten on purpose (sequential): never a conflict;
 * - every other edit (a tip of a concurrent branch) that is not the winner and whose value differs from the winner's
 *   is a conflict row, naming the current winner and both values — updated when a newer winner arrives, removed
 *   when it becomes the winner, is overwritten sequentially, or ends up with the winner's value. A planner's
 *   resolution (resolved_at) is kept when the row is updated.
 * To know this whatever the arrival order, each edit of a field that went through here is remembered as a clock row
 * of the entity `lww-edit:<entity>`, field `<field>|<event id>`, whose event_id column holds its base ('' = none).
 * A tip not listed as a conflict has the winner's value (that is why it is not listed), so values need no storing.
 */
export function lww(tx: DbOrTx, w: LwwWrite): Record<string, unknown> {
  const winners: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(w.fields)) {
    const cur = clockOf(tx, w.entity, w.entityId, field)
    if (cur?.eventId === w.eventId) continue // the same edit again
    const base = w.bases !== undefined && field in w.bases ? w.bases[field] ?? '' : ''
    rememberEdit(tx, w, field, w.eventId, w.hlc, base)
    if (cur) rememberEdit(tx, w, field, cur.eventId, cur.hlc, '') // a clock written in bulk (a new lot, a region) has no row yet
    if (base) unlist(tx, w, field, base) // its author saw that value and overwrote it
    if (!cur) {
      tx.insert(fieldClocks).values({ entity: w.entity, entityId: w.entityId, field, hlc: w.hlc, eventId: w.eventId }).run()
      winners[field] = value
      continue
    }
    const known = w.current !== undefined && field in w.current
    const curValue = known ? w.current![field] : undefined
    const wins = w.hlc > cur.hlc || (w.hlc === cur.hlc && w.eventId > cur.eventId)
    if (wins) {
      tx.update(fieldClocks).set({ hlc: w.hlc, eventId: w.eventId })
        .where(and(eq(fieldClocks.entity, w.entity), eq(fieldClocks.entityId, w.entityId), eq(fieldClocks.field, field))).run()
      winners[field] = value
      // every tip but this one now loses to it: listed ones keep their value, unlisted ones had the old winner's
      const listed = listedOf(tx, w, field)
      const seen = new Set(listed.map((r) => r.loserEventId))
      unlist(tx, w, field, w.eventId)
      for (const r of listed) {
        if (r.loserEventId === w.eventId) continue
        const loserValue = (r.detail as { loserValue?: unknown } | null)?.loserValue ?? null
        if (sameJson(loserValue, value)) unlist(tx, w, field, r.loserEventId!)
        else flag(tx, w, field, { winnerEventId: w.eventId, loserEventId: r.loserEventId!, winnerValue: value, loserValue })
      }
      for (const tip of tipsOf(tx, w, field)) {
        if (tip === w.eventId || seen.has(tip)) continue
        if (!known || !sameJson(curValue, value)) flag(tx, w, field, { winnerEventId: w.eventId, loserEventId: tip, winnerValue: value, loserValue: curValue })
      }
    } else if (tipsOf(tx, w, field).includes(w.eventId) && !(known && sameJson(curValue, value))) {
      flag(tx, w, field, { winnerEventId: cur.eventId, loserEventId: w.eventId, winnerValue: curValue, loserValue: value })
    }
  }
  return winners
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * For bulk writers (a region import may set thousands of one field): what lww() does for the records whose field
 * has no clock yet — the edit wins, its clock and its remembered edit (with its base) are written — in batched
 * inserts. The caller sends the records whose field has a clock through lww() itself, so the conflicts come out as
 * they would one by one.
 */
export function lwwFirstWrites(tx: DbOrTx, entity: string, field: string, e: { id: string; hlc: string }, rows: Array<{ entityId: string; base: string | null }>): void {
  // prepared once per connection: a 5 000-line count writes 20 000 of these rows (issue 15)
  const s = preparedOn(firstWriteStatements, clientOf(tx), (c) => ({
    clock: c.prepare('INSERT INTO field_clocks (entity, entity_id, field, hlc, event_id) VALUES (?, ?, ?, ?, ?)'),
    edit: c.prepare('INSERT INTO field_clocks (entity, entity_id, field, hlc, event_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
  }))
  const editEntity = EDIT(entity)
  const editField = `${field}|${e.id}`
  for (const r of rows) {
    s.clock.run(entity, r.entityId, field, e.hlc, e.id)
    s.edit.run(editEntity, r.entityId, editField, e.hlc, r.base ?? '')
  }
}
const firstWriteStatements = new WeakMap<Database.Database, { clock: Database.Statement; edit: Database.Statement }>()

const EDIT = (entity: string) => `lww-edit:${entity}`

function rememberEdit(tx: DbOrTx, w: LwwWrite, field: string, eventId: string, hlc: string, base: string) {
  tx.insert(fieldClocks).values({ entity: EDIT(w.entity), entityId: w.entityId, field: `${field}|${eventId}`, hlc, eventId: base }).onConflictDoNothing().run()
}

/** The edits of a field no other edit names as its base, other than the winner's clock (which may be among them). */
function tipsOf(tx: DbOrTx, w: LwwWrite, field: string): string[] {
  const rows = tx.select({ field: fieldClocks.field, base: fieldClocks.eventId }).from(fieldClocks)
    .where(and(eq(fieldClocks.entity, EDIT(w.entity)), eq(fieldClocks.entityId, w.entityId),
      sql`${fieldClocks.field} >= ${`${field}|`} AND ${fieldClocks.field} < ${`${field}}`}`)).all()
  const bases = new Set(rows.map((r) => r.base))
  return rows.map((r) => r.field.slice(field.length + 1)).filter((id) => !bases.has(id))
}

const listedOf = (tx: DbOrTx, w: LwwWrite, field: string) =>
  tx.select({ loserEventId: conflicts.loserEventId, detail: conflicts.detail }).from(conflicts)
    .where(and(eq(conflicts.kind, 'lww'), eq(conflicts.entity, w.entity), eq(conflicts.entityId, w.entityId), eq(conflicts.field, field))).all()

function unlist(tx: DbOrTx, w: LwwWrite, field: string, loserEventId: string) {
  tx.delete(conflicts).where(eq(conflicts.id, `lww:${w.entity}:${w.entityId}:${field}:${loserEventId}`)).run()
}

function flag(tx: DbOrTx, w: LwwWrite, field: string, c: { winnerEventId: string; loserEventId: string; winnerValue: unknown; loserValue: unknown }) {
  const detail = { winnerValue: c.winnerValue ?? null, loserValue: c.loserValue ?? null }
  tx.insert(conflicts).values({
    id: `lww:${w.entity}:${w.entityId}:${field}:${c.loserEventId}`, kind: 'lww', entity: w.entity, entityId: w.entityId, field,
    winnerEventId: c.winnerEventId, loserEventId: c.loserEventId, detail,
  }).onConflictDoUpdate({ target: conflicts.id, set: { winnerEventId: c.winnerEventId, detail } }).run()
}
