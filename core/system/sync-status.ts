/** The sync page: this installation's sync state with its peers, and the conflicts a planner reviews. */
// ---------------------------------------------------------------------------------------------------------------
// The sync page: state, peers and the conflicts list (the engine's own status is ../sync/status.ts).

import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm'
import { conflicts, events, replicas } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import type { DbOrTx } from '../sync/events'
import { syncSettings, syncStatus, type SyncStatus } from '../sync/status'
import { duplicateSiteCodes } from '../network/sites'
import { duplicateItemCodes } from '../catalogue/catalogue'
import { describeConflicts, type ConflictView } from './conflict-view'

export interface SyncOverview extends SyncStatus {
  replicaId: string
  folder: string | null
  hubUrl: string | null
  /** events stored but not yet applied (unknown type, newer version, waiting for what they need) */
  waiting: number
  peers: Array<{ id: string; name: string | null; seenSeq: number; isLocal: boolean }>
  openConflicts: number
}

export function syncOverview(ctx: ServiceContext): SyncOverview {
  const peers = ctx.db.select({ id: replicas.id, name: replicas.name, seenSeq: replicas.seenSeq, isLocal: replicas.isLocal }).from(replicas).all()
  const waiting = ctx.db.select({ n: sql<number>`count(*)` }).from(events).where(isNull(events.appliedAt)).get()!.n
  const openConflicts = ctx.db.select({ n: sql<number>`count(*)` }).from(conflicts)
    .where(and(isNull(conflicts.resolvedAt), ne(conflicts.kind, NEGATIVE_STOCK))).get()!.n
    + duplicateSiteCodes(ctx.db).length + duplicateItemCodes(ctx.db).length + negativeBalances(ctx.db).length
  return { ...syncStatus(ctx.db), ...syncSettings(ctx), replicaId: ctx.replicaId, waiting, peers, openConflicts }
}

/** The conflicts a planner reviews, each with the names and numbers that say what happened (conflict-view.ts). */
export function listConflicts(ctx: ServiceContext, q: { open: boolean; limit: number }): ConflictView[] {
  // site codes held twice (see duplicateSiteCodes) and lots below zero (negativeBalances) come first: they are read
  // from the records themselves and stay listed until a planner renames a site or corrects the stock
  const derived = (r: Pick<typeof conflicts.$inferSelect, 'id' | 'kind' | 'entity' | 'entityId' | 'field' | 'detail' | 'createdAt'>): typeof conflicts.$inferSelect =>
    ({ ...r, winnerEventId: null, loserEventId: null, resolvedAt: null, resolvedBy: null })
  const clashes = duplicateSiteCodes(ctx.db).map((c) => derived({
    id: `${SITE_CODE_CLASH}:${c.code}`, kind: SITE_CODE_CLASH, entity: 'site', entityId: c.code, field: 'code',
    detail: { code: c.code, sites: c.sites }, createdAt: c.since ?? '',
  }))
  const itemClashes = duplicateItemCodes(ctx.db).map((c) => derived({
    id: `${ITEM_CODE_CLASH}:${c.code}`, kind: ITEM_CODE_CLASH, entity: 'item', entityId: c.code, field: 'code',
    detail: { code: c.code, items: c.items }, createdAt: '',
  }))
  const negatives = negativeBalances(ctx.db).map((b) => derived({
    id: `${NEGATIVE_STOCK}:${b.siteId}|${b.itemId}|${b.lotId}`, kind: NEGATIVE_STOCK, entity: 'stock_balance',
    entityId: `${b.siteId}|${b.itemId}|${b.lotId}`, field: null, detail: { siteId: b.siteId, itemId: b.itemId, lotId: b.lotId, balance: b.balance }, createdAt: b.since ?? '',
  }))
  // negative_stock rows stored by earlier builds (one per arriving issue) are superseded by the balances' own list
  const stored = ctx.db.select().from(conflicts).where(and(q.open ? isNull(conflicts.resolvedAt) : undefined, ne(conflicts.kind, NEGATIVE_STOCK)))
    .orderBy(desc(conflicts.createdAt), conflicts.id).limit(q.limit).all()
  return describeConflicts(ctx.db, [...clashes, ...itemClashes, ...negatives, ...stored].slice(0, q.limit), ctx.lang)
}

/** The kind of the derived entries for a site code held by more than one site. */
export const SITE_CODE_CLASH = 'site_code'
/** The kind of the derived entries for an item code held by more than one item. */
export const ITEM_CODE_CLASH = 'item_code'
/** The kind of the derived entries for a lot whose balance is below zero. */
export const NEGATIVE_STOCK = 'negative_stock'

/**
 * Lots below zero at a site: two offices issued the same last units while apart, both issues are kept as the facts
 * they are, and the shortage is listed for reconciliation (a stocktake or a correcting document brings the balance
 * back, and the entry goes). Read from the balances, so every office lists the same shortages whatever order the
 * issues arrived in — a flag per arriving issue named a different issue on each office, and could flag a dip that
 * another office never went through. The per site × item sums (site_item_stock) say where to look: a signed total
 * below the sum of positive lots means a lot below zero.
 */
export function negativeBalances(db: DbOrTx): Array<{ siteId: string; itemId: string; lotId: string; balance: number; since: string | null }> {
  return (db as { $client: import('better-sqlite3').Database }).$client.prepare(`
    SELECT b.site_id AS siteId, b.item_id AS itemId, b.lot_id AS lotId, b.quantity AS balance,
      (SELECT max(m.moved_on) FROM stock_movements m WHERE m.site_id = b.site_id AND m.item_id = b.item_id AND m.lot_id = b.lot_id) AS since
    FROM site_item_stock s JOIN stock_balances b ON b.site_id = s.site_id AND b.item_id = s.item_id
    WHERE s.quantity < s.on_hand AND b.quantity < 0 ORDER BY 1, 2, 3`).all() as Array<{ siteId: string; itemId: string; lotId: string; balance: number; since: string | null }>
}

/** A planner has reviewed the case (and posted any correcting document); it leaves the open list. */
export function resolveConflict(ctx: ServiceContext, id: string, note?: string): void {
  const clash = id.startsWith(`${SITE_CODE_CLASH}:`) && duplicateSiteCodes(ctx.db).find((c) => `${SITE_CODE_CLASH}:${c.code}` === id)
  if (clash) throw new AppError('SITE_CODE_CLASH_OPEN', { code: clash.code, count: clash.sites.length }, { field: 'id' })
  const itemClash = id.startsWith(`${ITEM_CODE_CLASH}:`) && duplicateItemCodes(ctx.db).find((c) => `${ITEM_CODE_CLASH}:${c.code}` === id)
  if (itemClash) throw new AppError('ITEM_CODE_CLASH_OPEN', { code: itemClash.code, count: itemClash.items.length }, { field: 'id' })
  if (id.startsWith(`${NEGATIVE_STOCK}:`)) {
    const b = negativeBalances(ctx.db).find((x) => `${NEGATIVE_STOCK}:${x.siteId}|${x.itemId}|${x.lotId}` === id)
    if (b) throw new AppError('NEGATIVE_STOCK_OPEN', { balance: b.balance }, { field: 'id' })
  }
  const r = ctx.db.update(conflicts).set({ resolvedAt: new Date().toISOString(), resolvedBy: note ? `${ctx.actor.name}：${note}` : ctx.actor.name })
    .where(and(eq(conflicts.id, id), isNull(conflicts.resolvedAt))).run()
  if (r.changes !== 1) throw new AppError('NOT_FOUND', { what: '待处理冲突', whatEn: 'Open conflict', id }, { field: 'id' })
}
