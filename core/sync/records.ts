/**
 * Mutable records (catalogue items, partners, agreements, targets, plan lines, regions, travelling settings) merged
 * last-writer-wins per field by the event's HLC (./lww.ts). The local service and the applier of a received event
 * call the same function, so what an office writes and what another office makes of its event cannot drift.
 *
 * A record event states the whole row (so an office that does not have the record yet can create it) and which
 * fields its author changed (`changed`; absent in events written before this rule = every field of the row). Only
 * the changed fields compete by clock, so two offices editing different fields of one record both keep their edit.
 */
import type { SQL } from 'drizzle-orm'
import type { DbOrTx } from './events'
import { lww } from './lww'

export interface RecordEvent { id: string; hlc: string }

export interface RecordWrite {
  entity: string
  entityId: string
  /** the whole row as its author saved it (without the key columns) */
  row: Record<string, unknown>
  /** the fields the author changed; undefined = all of `row` */
  changed?: string[]
  /** per changed field: the event of the value the author saw (see ./lww.ts) */
  bases?: Record<string, string | null>
}

export const pick = (o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k] ?? null]))

export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The fields of `row` whose value differs from `current` (all of them for a new record). */
export function changedFields(current: Record<string, unknown> | undefined, row: Record<string, unknown>): string[] {
  return Object.keys(row).filter((k) => !current || !sameJson(current[k], row[k]))
}

/**
 * Applies one record event to a table: creates the row from the event's whole row if it is not here, then writes
 * the changed fields that win by clock. Deterministic and idempotent (the same event again wins nothing). Returns
 * the winning fields. `key` are the key columns and their values (for the insert); `where` selects the row.
 */
export function applyRecord(tx: DbOrTx, table: any, where: SQL | undefined, key: Record<string, unknown>, e: RecordEvent, w: RecordWrite): Record<string, unknown> {
  const db = tx as any
  const cur = db.select().from(table).where(where).get() as Record<string, unknown> | undefined
  const fields = pick(w.row, w.changed ?? Object.keys(w.row))
  const win = lww(tx, {
    entity: w.entity, entityId: w.entityId, eventId: e.id, hlc: e.hlc, fields, bases: w.bases,
    current: cur ? pick(cur, Object.keys(fields)) : undefined,
  })
  if (!cur) db.insert(table).values({ ...w.row, ...win, ...key }).run()
  else if (Object.keys(win).length) db.update(table).set(win).where(where).run()
  return win
}

/**
 * Records that can be deleted (targets, plan lines): `deleted` is a field like the others. Every save writes the
 * whole row and `deleted: false`, a deletion writes `deleted: true`; so a save that wins `deleted` has the highest
 * clock of the record and all its fields win too — a record deleted on one office and saved later on another comes
 * back with exactly the later save, and one saved earlier stays deleted, in whatever order the events arrive.
 * `row: null` = a deletion.
 */
export function applyDeletableRecord(tx: DbOrTx, table: any, where: SQL | undefined, key: Record<string, unknown>, e: RecordEvent,
  w: { entity: string; entityId: string; row: Record<string, unknown> | null; bases?: Record<string, string | null> }): void {
  const db = tx as any
  const cur = db.select().from(table).where(where).get() as Record<string, unknown> | undefined
  const fields = w.row ? { ...w.row, deleted: false } : { deleted: true }
  const win = lww(tx, {
    entity: w.entity, entityId: w.entityId, eventId: e.id, hlc: e.hlc, fields, bases: w.bases,
    current: cur ? { ...pick(cur, Object.keys(fields)), deleted: false } : { deleted: true },
  })
  const deleted = 'deleted' in win ? win.deleted === true : !cur
  const { deleted: _d, ...values } = win
  if (deleted) {
    if (cur) db.delete(table).where(where).run()
  } else if (!cur) {
    if ('deleted' in win) db.insert(table).values({ ...w.row, ...key }).run()
  } else if (Object.keys(values).length) db.update(table).set(values).where(where).run()
}
