/**
 * What an installation knows of its own sync: how it is set up, when it last exchanged, and how many of its own
 * events no peer has confirmed yet. Shown in the About box and the sync page.
 */
import { eq, inArray } from 'drizzle-orm'
import { replicas, settings } from '../../db/schema'
import type { DbOrTx } from '../events'

export const SYNC_KEYS = { folder: 'sync.folder', hubUrl: 'sync.hubUrl', lastAt: 'sync.lastAt', confirmedSeq: 'sync.confirmedSeq' } as const

export interface SyncStatus {
  mode: 'none' | 'folder' | 'hub'
  target: string | null
  lastSyncAt: string | null
  /** this installation's events not yet confirmed by any peer */
  pending: number
}

export function syncStatus(db: DbOrTx): SyncStatus {
  const rows = db.select().from(settings).where(inArray(settings.key, Object.values(SYNC_KEYS))).all()
  const get = (k: string) => rows.find((r) => r.key === k)?.value ?? null
  const local = db.select({ seq: replicas.seenSeq }).from(replicas).where(eq(replicas.isLocal, true)).get()
  const hub = get(SYNC_KEYS.hubUrl)
  const folder = get(SYNC_KEYS.folder)
  return {
    mode: hub ? 'hub' : folder ? 'folder' : 'none',
    target: hub ?? folder,
    lastSyncAt: get(SYNC_KEYS.lastAt),
    pending: Math.max(0, (local?.seq ?? 0) - Number(get(SYNC_KEYS.confirmedSeq) ?? 0)),
  }
}

/** The folder and hub address as set (both may be set: sync-now uses both). */
export function syncSettings(ctx: Pick<ServiceContext, 'db'>): { folder: string | null; hubUrl: string | null } {
  const rows = ctx.db.select().from(settings).where(inArray(settings.key, [SYNC_KEYS.folder, SYNC_KEYS.hubUrl])).all()
  return { folder: rows.find((r) => r.key === SYNC_KEYS.folder)?.value ?? null, hubUrl: rows.find((r) => r.key === SYNC_KEYS.hubUrl)?.value ?? null }
}

/** One line for the About box, in Chinese. */
export function describeSyncZh(s: SyncStatus): string {
  if (s.mode === 'none') return `同步：未设置（数据仅保存在本机，${s.pending} 条变更未同步）`
  const how = s.mode === 'hub' ? `服务器 ${s.target}` : `共享文件夹 ${s.target}`
  return `同步：${how}；上次同步 ${s.lastSyncAt ? s.lastSyncAt.slice(0, 16).replace('T', ' ') : '从未'}；待同步 ${s.pending} 条`
}

// ---------------------------------------------------------------------------------------------------------------
// The sync page: state, peers, the folder setting, sync-now over the folder, and the conflicts list.

import { and, desc, isNull, sql } from 'drizzle-orm'
import { conflicts, events } from '../../db/schema'
import type { ServiceContext } from '../context'
import { AppError } from '../errors'
import { syncFolder, type FolderSyncResult } from '../sync/folder'
import { duplicateSiteCodes } from './network'
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
  const openConflicts = ctx.db.select({ n: sql<number>`count(*)` }).from(conflicts).where(isNull(conflicts.resolvedAt)).get()!.n
    + duplicateSiteCodes(ctx.db).length
  return { ...syncStatus(ctx.db), ...syncSettings(ctx), replicaId: ctx.replicaId, waiting, peers, openConflicts }
}

export function setSyncFolder(ctx: ServiceContext, folder: string | null): SyncStatus {
  ctx.db.transaction((tx) => {
    if (folder) tx.insert(settings).values({ key: SYNC_KEYS.folder, value: folder }).onConflictDoUpdate({ target: settings.key, set: { value: folder } }).run()
    else tx.delete(settings).where(eq(settings.key, SYNC_KEYS.folder)).run()
  })
  return syncStatus(ctx.db)
}

/** Sync now through the configured folder; remembers when, and what the folder now confirms of our own events. */
export function syncNowFolder(ctx: ServiceContext): FolderSyncResult & { status: SyncStatus } {
  const folder = syncStatus(ctx.db).target
  const row = ctx.db.select().from(settings).where(eq(settings.key, SYNC_KEYS.folder)).get()
  if (!row || !folder) throw new AppError('SYNC_NOT_CONFIGURED')
  const r = syncFolder(ctx, row.value)
  const local = ctx.db.select({ seq: replicas.seenSeq }).from(replicas).where(eq(replicas.isLocal, true)).get()!.seq
  const put = (key: string, value: string) => ctx.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run()
  put(SYNC_KEYS.lastAt, new Date().toISOString())
  if (!r.readOnly) put(SYNC_KEYS.confirmedSeq, String(local))
  return { ...r, status: syncStatus(ctx.db) }
}

/** The conflicts a planner reviews, each with the names and numbers that say what happened (conflict-view.ts). */
export function listConflicts(ctx: ServiceContext, q: { open: boolean; limit: number }): ConflictView[] {
  // site codes held twice (see duplicateSiteCodes) come first: they stay open until a planner renames a site
  const clashes: Array<typeof conflicts.$inferSelect> = duplicateSiteCodes(ctx.db).map((c) => ({
    id: `${SITE_CODE_CLASH}:${c.code}`, kind: SITE_CODE_CLASH, entity: 'site', entityId: c.code, field: 'code',
    winnerEventId: null, loserEventId: null, detail: { code: c.code, sites: c.sites }, resolvedAt: null, resolvedBy: null, createdAt: c.since ?? '',
  }))
  const stored = ctx.db.select().from(conflicts).where(q.open ? isNull(conflicts.resolvedAt) : undefined)
    .orderBy(desc(conflicts.createdAt), conflicts.id).limit(q.limit).all()
  return describeConflicts(ctx.db, [...clashes, ...stored].slice(0, q.limit), ctx.lang)
}

/** The kind of the derived entries for a site code held by more than one site. */
export const SITE_CODE_CLASH = 'site_code'

/** A planner has reviewed the case (and posted any correcting document); it leaves the open list. */
export function resolveConflict(ctx: ServiceContext, id: string, note?: string): void {
  const clash = id.startsWith(`${SITE_CODE_CLASH}:`) && duplicateSiteCodes(ctx.db).find((c) => `${SITE_CODE_CLASH}:${c.code}` === id)
  if (clash) throw new AppError('SITE_CODE_CLASH_OPEN', { code: clash.code, count: clash.sites.length }, { field: 'id' })
  const r = ctx.db.update(conflicts).set({ resolvedAt: new Date().toISOString(), resolvedBy: note ? `${ctx.actor.name}：${note}` : ctx.actor.name })
    .where(and(eq(conflicts.id, id), isNull(conflicts.resolvedAt))).run()
  if (r.changes !== 1) throw new AppError('NOT_FOUND', { what: '待处理冲突', whatEn: 'Open conflict', id }, { field: 'id' })
}
