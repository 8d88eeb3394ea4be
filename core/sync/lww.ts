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
import { and, eq } from 'drizzle-orm'
import { conflicts, events, fieldClocks } from '../../db/schema'
import type { DbOrTx } from '../events'

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
 */
export function lww(tx: DbOrTx, w: LwwWrite): Record<string, unknown> {
  const winners: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(w.fields)) {
    const cur = clockOf(tx, w.entity, w.entityId, field)
    if (!cur) {
      tx.insert(fieldClocks).values({ entity: w.entity, entityId: w.entityId, field, hlc: w.hlc, eventId: w.eventId }).run()
      winners[field] = value
      continue
    }
    if (cur.eventId === w.eventId) continue // the same edit again
    const wins = w.hlc > cur.hlc || (w.hlc === cur.hlc && w.eventId > cur.eventId)
    if (wins) {
      tx.update(fieldClocks).set({ hlc: w.hlc, eventId: w.eventId })
        .where(and(eq(fieldClocks.entity, w.entity), eq(fieldClocks.entityId, w.entityId), eq(fieldClocks.field, field))).run()
      winners[field] = value
      const sequential = w.bases !== undefined && field in w.bases && w.bases[field] === cur.eventId
      const sameValue = w.current !== undefined && field in w.current && sameJson(w.current[field], value)
      if (!sequential && !sameValue) {
        flag(tx, w, field, { winnerEventId: w.eventId, loserEventId: cur.eventId, winnerValue: value, loserValue: w.current?.[field] })
      }
    } else if (!(w.current !== undefined && field in w.current && sameJson(w.current[field], value))) {
      flag(tx, w, field, { winnerEventId: cur.eventId, loserEventId: w.eventId, winnerValue: w.current?.[field], loserValue: value })
    }
  }
  return winners
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

function flag(tx: DbOrTx, w: LwwWrite, field: string, c: { winnerEventId: string; loserEventId: string; winnerValue: unknown; loserValue: unknown }) {
  tx.insert(conflicts).values({
    id: `lww:${w.entity}:${w.entityId}:${field}:${c.loserEventId}`, kind: 'lww', entity: w.entity, entityId: w.entityId, field,
    winnerEventId: c.winnerEventId, loserEventId: c.loserEventId,
    detail: { winnerValue: c.winnerValue ?? null, loserValue: c.loserValue ?? null },
  }).onConflictDoNothing().run()
}
