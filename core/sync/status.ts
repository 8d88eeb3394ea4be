/**
 * What an installation knows of its own sync: how it is set up, when it last exchanged, and how many of its own
 * events no peer has confirmed yet. Shown in the About box and the sync page.
 */
import { eq, inArray } from 'drizzle-orm'
import { putSetting } from '../common/settings'
import { replicas, settings } from '../../db/schema'
import type { DbOrTx } from './events'
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { syncFolder, type FolderSyncResult } from './folder'

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

export function setSyncFolder(ctx: ServiceContext, folder: string | null): SyncStatus {
  ctx.db.transaction((tx) => {
    if (folder) putSetting(tx, SYNC_KEYS.folder, folder)
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
  putSetting(ctx.db, SYNC_KEYS.lastAt, new Date().toISOString())
  if (!r.readOnly) putSetting(ctx.db, SYNC_KEYS.confirmedSeq, String(local))
  return { ...r, status: syncStatus(ctx.db) }
}
