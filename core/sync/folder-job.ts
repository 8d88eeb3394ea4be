/**
 * Sync now through the folder, as a job that runs beside the api: `sync.now` starts it and returns at once,
 * `sync.overview` reports its phase and percent, a second start while it runs is refused (SYNC_RUNNING).
 *
 * better-sqlite3 is synchronous, so the job pauses (setImmediate) between its batches: the hub's HTTP and the
 * desktop's IPC keep answering — other calls included — and the sync page can poll the progress. Each batch is its
 * own transaction, so a posting made meanwhile simply commits between two batches.
 *
 * The job:
 *  1. bootstrap — when a snapshot in the folder covers at least `bootstrapAfter` events this installation lacks, and
 *     the installation has a CoreHolder (ctx.host): copy and verify it, bring it to our schema, carry our local
 *     tables and the events it lacks over, swap the file in (./bootstrap.ts). A snapshot that fails a check is
 *     skipped with its reason and the events path does the work.
 *  2. import and export of segments (./folder.ts), on the current core (the new one after a swap).
 *  3. publish — when we hold at least `publishAfter` events beyond our last snapshot and the folder is writable.
 */
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { putSetting } from '../common/settings'
import { replicas, settings } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { AppError, isAppError, type Lang } from '../common/errors'
import { SYNC_KEYS } from './status'
import { BootstrapRefused, carryOver, copySnapshot, openSnapshotCopy, removeBootstrapLeftovers, type CarryOverResult } from './bootstrap'
import { vectorOf } from './exchange'
import { checkFolder, folderSteps, type FolderSyncResult, type SkippedFile } from './folder'
import { hubJobOf } from './hub-client'
import { lacking, listSnapshots, precheck, publishSnapshot, schemaFacts, type PublishResult, type SnapshotSkipReason } from './snapshot'

export type FolderJobPhase = 'start' | 'snapshot-copy' | 'snapshot-apply' | 'import' | 'export' | 'publish' | 'done'

export interface SnapshotOptions {
  /** publish a snapshot when we hold at least this many events beyond our last one (default 50 000) */
  publishAfter?: number
  /** start from a snapshot when it covers at least this many events we lack (default 10 000) */
  bootstrapAfter?: number
}

/** The defaults, overridable by the environment (a test hub, an office that wants snapshots sooner or never). */
export function snapshotDefaults(): Required<SnapshotOptions> {
  const n = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d)
  return {
    publishAfter: n(process.env.RESERVE_SNAPSHOT_PUBLISH_AFTER, 50_000),
    bootstrapAfter: n(process.env.RESERVE_SNAPSHOT_BOOTSTRAP_AFTER, 10_000),
  }
}

export interface FolderJob {
  running: boolean
  phase: FolderJobPhase
  /** of the current phase */
  done: number
  total: number
  startedAt: string
  finishedAt: string | null
  /** the snapshot this sync started from (null: none used) */
  bootstrap: (CarryOverResult & { replicaId: string; events: number; bytes: number; vector: Record<string, number>; received: number }) | null
  /** snapshots looked at and not used, with why (and the event types a bootstrap could not have carried over) */
  snapshotsSkipped: Array<{ file: string; reason: SnapshotSkipReason | 'busy' | 'no-holder'; types?: string[] }>
  result: (FolderSyncResult & { published: PublishResult | null; offices?: Record<string, string> }) | null
  error: AppError | null
}

const jobs = new WeakMap<object, FolderJob>()
/** One job per installation: keyed by its holder when it has one (the core changes on a swap), else its database. */
const keyOf = (ctx: Pick<ServiceContext, 'db' | 'host'>): object => ctx.host ?? ctx.db.$client
export const folderJobOf = (ctx: Pick<ServiceContext, 'db' | 'host'>): FolderJob | null => jobs.get(keyOf(ctx)) ?? null

export function folderJobView(job: FolderJob | null, lang: Lang) {
  if (!job) return null
  const { error, result, bootstrap, ...rest } = job
  return {
    ...rest,
    bootstrap: bootstrap ? {
      replicaId: bootstrap.replicaId, events: bootstrap.events, bytes: bootstrap.bytes, reapplied: bootstrap.reapplied, received: bootstrap.received,
    } : null,
    percent: job.total > 0 ? Math.min(100, Math.floor((job.done / job.total) * 100)) : job.running ? 0 : 100,
    result: result ? {
      imported: result.imported, exported: result.exported, pending: result.pending, readOnly: result.readOnly,
      skipped: result.skipped.length, published: !!result.published?.published,
      // each damaged file: which segment, whose folder (the office, by name when known), why; a file still being
      // written (temporary) is no damage
      damaged: damagedOf(result),
      refused: (result.refused ?? []).map((r) => ({ id: r.id, reason: r.reason, type: r.type })),
    } : null,
    error: error ? error.toWire(lang).message : null,
  }
}

const pause = () => new Promise<void>((r) => setImmediate(r))

export interface FolderJobOptions extends SnapshotOptions {
  /** the district code of the folder's format.json (as syncFolder) */
  district?: string
  /** events per import transaction (default 10 000: short pauses of the api, little cost in speed) */
  batch?: number
  segmentSize?: number
  /** every progress report of the job (the bench times the phases with it) */
  onProgress?: (phase: FolderJobPhase, done: number, total: number) => void
}

/**
 * Starts sync-now through the configured folder; throws SYNC_RUNNING if one is already running for this
 * installation, SYNC_NOT_CONFIGURED without a folder. `done` settles when the job ends (it never rejects: a
 * failure is in `job.error`).
 */
export function startFolderSync(ctx: ServiceContext, opts: FolderJobOptions = {}): { job: FolderJob; done: Promise<void> } {
  const running = folderJobOf(ctx)
  if (running?.running) throw new AppError('SYNC_RUNNING', {}, {}, 409)
  const row = ctx.db.select().from(settings).where(eq(settings.key, SYNC_KEYS.folder)).get()
  if (!row) throw new AppError('SYNC_NOT_CONFIGURED')
  const job: FolderJob = {
    running: true, phase: 'start', done: 0, total: 0, startedAt: new Date().toISOString(), finishedAt: null,
    bootstrap: null, snapshotsSkipped: [], result: null, error: null,
  }
  jobs.set(keyOf(ctx), job)
  const done = (async () => {
    try {
      await runFolderJob(ctx, row.value, job, { ...snapshotDefaults(), ...stripUndefined(opts) })
    } catch (e) {
      job.error = isAppError(e) ? e : new AppError('SYNC_FAILED', { detail: e instanceof Error ? e.message : String(e) })
      if (!isAppError(e)) console.error('[sync] folder sync failed', e)
    } finally {
      job.running = false
      job.phase = 'done'
      job.finishedAt = new Date().toISOString()
    }
  })()
  return { job, done }
}

const stripUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

async function runFolderJob(start: ServiceContext, folder: string, job: FolderJob, opts: FolderJobOptions & Required<SnapshotOptions>): Promise<void> {
  const district = opts.district ?? '310117'
  const { writable } = checkFolder(folder, district)
  // the context of the current core: after a swap, the new one's
  const current = (): ServiceContext => (start.host ? start.host.context(start.actor, start.lang) : start)
  const progress = (phase: FolderJobPhase, done: number, total: number) => { Object.assign(job, { phase, done, total }); opts.onProgress?.(phase, done, total) }

  // what an interrupted bootstrap left beside the database (a half-built copy, the old file kept aside)
  if (start.databaseFile) removeBootstrapLeftovers(start.databaseFile)
  // 1. a snapshot, when one covers much that we lack
  await bootstrapIfWorth(current(), folder, job, opts, progress)

  // 2. segments: what remains after the snapshot, and everything for an incremental sync
  const ctx = current()
  const steps = folderSteps(ctx, folder, {
    district, batch: opts.batch ?? 10_000, segmentSize: opts.segmentSize, trustCovered: job.bootstrap?.vector,
  })
  let result: FolderSyncResult
  for (;;) {
    const s = steps.next()
    if (s.done) { result = s.value; break }
    progress(s.value.phase, s.value.done, s.value.total)
    await pause()
  }

  // 3. our own snapshot, for the next office that starts from nothing
  let published: PublishResult | null = null
  if (writable && !result.readOnly && ctx.databaseFile) {
    progress('publish', 0, 1)
    await pause()
    try {
      published = await publishSnapshot(ctx.db, { folder, replicaId: ctx.replicaId, threshold: opts.publishAfter, workDir: path.dirname(ctx.databaseFile) })
    } catch (e) {
      if (!isReadOnlyLike(e)) throw e
      published = { published: false, reason: 'read-only' }
    }
    progress('publish', 1, 1)
  }

  // what the folder now confirms of our own events, as sync-now always did
  const local = ctx.db.select({ seq: replicas.seenSeq }).from(replicas).where(eq(replicas.isLocal, true)).get()!.seq
  putSetting(ctx.db, SYNC_KEYS.lastAt, new Date().toISOString())
  if (!result.readOnly) putSetting(ctx.db, SYNC_KEYS.confirmedSeq, String(local))
  job.result = { ...result, published, offices: officeNames(ctx, result) }
  for (const d of damagedOf(job.result)) {
    console.warn(`[sync] 跳过同步文件夹中 ${d.office} 的分段 ${d.segment}：${DAMAGE_ZH[d.reason]} / skipped segment ${d.segment} from ${d.office}: ${d.reason}`)
  }
  for (const r of result.refused) console.warn(`[sync] 拒收事件 ${r.id}（${r.type}）：${r.reason} / refused event ${r.id} (${r.type}): ${r.reason}`)
}

const DAMAGE_ZH: Record<SkippedFile['reason'], string> = {
  temporary: '正在写入或未写完', unknown: '无法识别的文件（格式未知）', truncated: '文件不完整（被截断）', checksum: '校验和不符（内容已损坏）', mismatch: '内容与文件名不符',
}

/** replica id → the office's name as this installation knows it (its device name at the hub, or the replica's name) */
function officeNames(ctx: Pick<ServiceContext, 'db'>, result: FolderSyncResult): Record<string, string> {
  const ids = [...new Set(result.skipped.map((s) => s.replicaId))]
  const out: Record<string, string> = {}
  const byDevice = ctx.db.$client.prepare('SELECT name FROM hub_devices WHERE replica_id = ? ORDER BY created_at LIMIT 1').pluck()
  const byReplica = ctx.db.$client.prepare("SELECT name FROM replicas WHERE id = ? AND name IS NOT NULL AND name <> 'local'").pluck()
  for (const id of ids) {
    const name = (byDevice.get(id) ?? byReplica.get(id)) as string | undefined
    if (name) out[id] = name
  }
  return out
}

function damagedOf(result: FolderSyncResult & { offices?: Record<string, string> }) {
  return result.skipped.filter((s) => s.reason !== 'temporary').map((s) => ({
    segment: s.segment, replicaId: s.replicaId, office: result.offices?.[s.replicaId] ?? s.replicaId, reason: s.reason,
  }))
}

const countEvents = (ctx: Pick<ServiceContext, 'db'>) => ctx.db.$client.prepare('SELECT count(*) FROM events').pluck().get() as number

const isReadOnlyLike = (e: unknown) => ['EACCES', 'EROFS', 'EPERM', 'ENOSPC'].includes((e as NodeJS.ErrnoException)?.code ?? '')

async function bootstrapIfWorth(ctx: ServiceContext, folder: string, job: FolderJob, opts: Required<SnapshotOptions>,
  progress: (phase: FolderJobPhase, done: number, total: number) => void): Promise<void> {
  const found: Array<{ file: string; reason: SnapshotSkipReason }> = []
  const candidates = listSnapshots(folder, found)
  const have = vectorOf(ctx.db)
  const worth = candidates.map((c) => ({ c, lacks: lacking(c.manifest, have) })).filter((x) => x.lacks >= opts.bootstrapAfter)
    .sort((a, b) => b.lacks - a.lacks)
  job.snapshotsSkipped.push(...found)
  if (!worth.length) return
  if (!ctx.host || !ctx.databaseFile || !ctx.migrationsFolder) {
    job.snapshotsSkipped.push({ file: worth[0].c.dbFile, reason: 'no-holder' })
    return
  }
  const databaseFile = ctx.databaseFile
  const live = schemaFacts(ctx.db.$client)
  for (const { c } of worth) {
    const pre = precheck(c, live)
    if (pre) { job.snapshotsSkipped.push({ file: c.dbFile, reason: pre }); continue }
    progress('snapshot-copy', 0, c.manifest.bytes)
    const copy = await copySnapshot(c, databaseFile, (done, total) => progress('snapshot-copy', done, total))
    if ('reason' in copy) { job.snapshotsSkipped.push({ file: c.dbFile, reason: copy.reason }); continue }
    progress('snapshot-apply', 0, 1)
    await pause()
    const bad = openSnapshotCopy(copy.file, live, ctx.migrationsFolder)
    if (bad) { job.snapshotsSkipped.push({ file: c.dbFile, reason: bad }); continue }
    if (hubJobOf(ctx)?.running) { // a hub sync works on this core: swap another time, sync by events now
      fs.rmSync(copy.file, { force: true })
      job.snapshotsSkipped.push({ file: c.dbFile, reason: 'busy' })
      return
    }
    let carried: CarryOverResult | undefined
    const before = countEvents(ctx)
    try {
      // synchronous from here to the new core: nothing is posted between the carry-over and the swap
      ctx.host.swapDatabase((now) => { carried = carryOver(now, copy.file); return copy.file })
    } catch (e) {
      if (!(e instanceof BootstrapRefused)) throw e
      job.snapshotsSkipped.push({ file: c.dbFile, reason: e.reason, types: e.types })
      return
    } finally {
      if (fs.existsSync(copy.file)) fs.rmSync(copy.file, { force: true })
    }
    job.bootstrap = {
      ...carried!, replicaId: c.manifest.replicaId, events: c.manifest.events, bytes: c.manifest.bytes, vector: c.manifest.vector,
      received: countEvents(ctx.host.context()) - before,
    }
    progress('snapshot-apply', 1, 1)
    return
  }
}
