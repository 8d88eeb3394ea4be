/**
 * Backup and restore of one installation's SQLite file.
 *
 * - `backupNow` copies the live database with `VACUUM INTO`: one read transaction, so the copy is a consistent
 *   snapshot even while postings go on, and synchronous, so it fits the api's one synchronous door.
 * - `backupOnline` uses SQLite's online backup API (better-sqlite3 `db.backup()`), page by page without blocking
 *   writers for long; used by the daily automatic backup.
 * - `checkBackup` opens a file read-only and refuses it unless `PRAGMA integrity_check` is ok, it is one of ours
 *   (our migrations, none newer than this app knows), it belongs to the same district, and its balances equal its
 *   ledger. `restoreInstallation` then swaps it in with the app stopped, keeping the replaced file beside it.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/open'
import { AppError } from '../common/errors'

export const AUTO_PREFIX = 'auto-'
/** Daily automatic backups kept (older ones are deleted); manual backups are never deleted automatically. */
export const DAILY_BACKUPS_KEPT = 14

export const backupsDirFor = (databaseFile: string) => path.join(path.dirname(path.resolve(databaseFile)), 'backups')

export function backupNow(db: Db, file: string): { file: string; bytes: number } {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  if (fs.existsSync(file)) throw new AppError('BACKUP_INVALID', { reason: '目标文件已存在', reasonEn: 'the target file exists' })
  db.$client.prepare('VACUUM INTO ?').run(file)
  return { file, bytes: fs.statSync(file).size }
}

export async function backupOnline(db: Db, file: string, pagesPerStep = 256): Promise<{ file: string; bytes: number }> {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const partial = `${file}.partial`
  fs.rmSync(partial, { force: true })
  await db.$client.backup(partial, { progress: () => pagesPerStep })
  fs.renameSync(partial, file)
  return { file, bytes: fs.statSync(file).size }
}

export interface BackupCheck { migrations: number; district: string | null; documents: number; takenAt: string }

/** Refuses a file that is damaged, not ours, newer than this app, of another district, or inconsistent. */
export function checkBackup(file: string, live: { migrations: number; district: string | null }): BackupCheck {
  const bad = (reason: string, reasonEn: string) => new AppError('BACKUP_INVALID', { reason, reasonEn })
  if (!fs.existsSync(file)) throw bad('文件不存在', 'no such file')
  let db: Database.Database
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
  } catch {
    throw bad('不是 SQLite 数据库文件', 'not an SQLite database')
  }
  try {
    let integrity: string
    try {
      integrity = (db.pragma('integrity_check', { simple: true }) as string)
    } catch {
      throw bad('不是 SQLite 数据库文件', 'not an SQLite database')
    }
    if (integrity !== 'ok') throw bad(`文件已损坏（${integrity}）`, `damaged (${integrity})`)
    const has = (t: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t)
    if (!has('__drizzle_migrations') || !has('stock_movements') || !has('regions')) throw bad('不是本系统的数据文件', 'not a file of this app')
    const migrations = (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
    if (migrations > live.migrations) throw bad('备份来自更新版本的软件，请先升级本软件', 'made by a newer version of the app: upgrade first')
    const district = (db.prepare("SELECT code FROM regions WHERE level = 'district'").get() as { code: string } | undefined)?.code ?? null
    if (live.district && district && district !== live.district) {
      throw new AppError('BACKUP_OTHER_DISTRICT', { other: district, own: live.district })
    }
    const differences = (db.prepare(`SELECT count(*) AS n FROM (
        SELECT site_id, item_id, lot_id, sum(quantity) AS q FROM stock_movements GROUP BY 1, 2, 3 HAVING q <> 0
        EXCEPT SELECT site_id, item_id, lot_id, quantity FROM stock_balances)`).get() as { n: number }).n
    if (differences > 0) throw bad('库存与台账不一致', 'balances differ from the ledger')
    const documents = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n
    return { migrations, district, documents, takenAt: fs.statSync(file).mtime.toISOString() }
  } finally {
    db.close()
  }
}

/**
 * What this installation made after the backup was taken: its own events the backup lacks (by type) and the
 * documents they posted. Restoring the backup loses them here unless they come back by sync (the folder or the hub
 * holds them once this installation synced after making them). "Its own": the events of this installation's replica
 * and of the backup's (the same one, unless the file was restored before).
 */
export interface LaterWork {
  events: number
  byType: Array<{ type: string; count: number }>
  documents: Array<{ id: string; docNo: string | null; type: string; docDate: string; siteId: string }>
  /** the highest seq of this installation's own replica that the backup lacks, and the backup's */
  replicaId: string | null
  lastSeq: number
  backupSeq: number
}

export function laterWork(db: Db, backupFile: string): LaterWork {
  const c = db.$client
  const local = c.prepare('SELECT id, seen_seq AS seq FROM replicas WHERE is_local = 1').get() as { id: string; seq: number } | undefined
  const b = new Database(backupFile, { readonly: true, fileMustExist: true })
  let backupVector: Record<string, number>
  let backupLocal: string | undefined
  try {
    backupVector = Object.fromEntries((b.prepare('SELECT id, seen_seq AS seq FROM replicas').all() as Array<{ id: string; seq: number }>).map((r) => [r.id, r.seq]))
    backupLocal = b.prepare('SELECT id FROM replicas WHERE is_local = 1').pluck().get() as string | undefined
  } finally { b.close() }
  const own = [...new Set([local?.id, backupLocal].filter((x): x is string => !!x))]
  const where = own.map(() => '(replica_id = ? AND seq > ?)').join(' OR ') || '0'
  const args = own.flatMap((r) => [r, backupVector[r] ?? 0])
  const byType = c.prepare(`SELECT type, count(*) AS count FROM events WHERE ${where} GROUP BY type ORDER BY count DESC, type`).all(...args) as LaterWork['byType']
  const documents = c.prepare(`SELECT d.id, d.doc_no AS docNo, d.type, d.doc_date AS docDate, d.site_id AS siteId FROM documents d
    WHERE d.event_id IN (SELECT id FROM events WHERE ${where}) ORDER BY d.doc_date, d.id LIMIT 200`).all(...args) as LaterWork['documents']
  return {
    events: byType.reduce((n, t) => n + t.count, 0), byType, documents,
    replicaId: local?.id ?? null, lastSeq: local?.seq ?? 0, backupSeq: local ? backupVector[local.id] ?? 0 : 0,
  }
}

export function liveFacts(db: Db): { migrations: number; district: string | null } {
  const migrations = (db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
  const district = (db.$client.prepare("SELECT code FROM regions WHERE level = 'district'").get() as { code: string } | undefined)?.code ?? null
  return { migrations, district }
}

/**
 * Replaces an installation's database file by a checked backup. The app must be stopped (no open connection to
 * the file). The replaced file is kept as `reserve.db.before-restore-<time>`; migrations newer than the backup
 * apply when the app next opens the file.
 */
export function restoreInstallation(databaseFile: string, backupFile: string, live: { migrations: number; district: string | null }): { keptAs: string; check: BackupCheck } {
  const check = checkBackup(backupFile, live)
  const keptAs = setAside(databaseFile)
  putInPlace(databaseFile, backupFile)
  return { keptAs, check }
}

/**
 * Moves a (closed) database file aside as `<file>.before-restore-<time>`, its write-ahead log folded in first;
 * returns the new name.
 */
export function setAside(databaseFile: string): string {
  const keptAs = `${databaseFile}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
  if (fs.existsSync(databaseFile)) {
    const c = new Database(databaseFile)
    c.pragma('wal_checkpoint(TRUNCATE)')
    c.close()
    fs.renameSync(databaseFile, keptAs)
  }
  for (const ext of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${ext}`, { force: true })
  return keptAs
}

/**
 * Copies a backup to where the database lives (nothing else may have it open), under a new replica id.
 *
 * Why a new replica id: the backup's own counter stops at the seq it had when it was taken, and this installation
 * may have given out later seqs since (postings that reached the folder, the hub, another office). Continuing the
 * old counter would give those ids out again to other events, and every office that pulled the lost ones would
 * ignore the new ones (same id) and diverge unnoticed. Continuing past "the highest seq known" would need the
 * folder or the hub at the moment of the restore, which an office restoring its PC often does not have. A new
 * replica id needs nothing: the restored file's events from now on are `<new id>:1…`, never an id given out before;
 * the old replica becomes one the file merely holds events of, so its later events (the postings made after the
 * backup) come back at the next sync like any other office's, and nobody's id is reused.
 */
export function putInPlace(databaseFile: string, backupFile: string): { replicaId: string | null; previous: string | null } {
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(`${databaseFile}${ext}`, { force: true })
  const partial = `${databaseFile}.restoring`
  fs.copyFileSync(backupFile, partial)
  let rekeyed: { replicaId: string | null; previous: string | null }
  try {
    rekeyed = giveNewReplicaId(partial)
  } catch (e) {
    fs.rmSync(partial, { force: true })
    throw e
  }
  fs.renameSync(partial, databaseFile)
  return rekeyed
}

/** The file's own replica becomes an ordinary one (its events kept), and a new one is the file's own. */
export function giveNewReplicaId(file: string): { replicaId: string | null; previous: string | null } {
  const c = new Database(file, { fileMustExist: true })
  try {
    c.pragma('journal_mode = DELETE')
    const previous = c.prepare('SELECT id FROM replicas WHERE is_local = 1').pluck().get() as string | undefined
    if (!previous) return { replicaId: null, previous: null }
    const id = randomBytes(4).toString('hex')
    c.transaction(() => {
      c.prepare("UPDATE replicas SET is_local = 0, name = nullif(name, 'local') WHERE id = ?").run(previous)
      c.prepare("INSERT INTO replicas (id, name, is_local, seen_seq) VALUES (?, 'local', 1, 0)").run(id)
      c.prepare("INSERT INTO settings (key, value) VALUES ('replicaId', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(id)
      // what the folder confirmed of the old replica's events is no statement about the new one's
      c.prepare("DELETE FROM settings WHERE key = 'sync.confirmedSeq'").run()
    })()
    return { replicaId: id, previous }
  } finally {
    c.close()
  }
}

/** Undoes setAside: the kept file goes back in place (after a restore that could not be opened). */
export function putBack(databaseFile: string, keptAs: string): void {
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(`${databaseFile}${ext}`, { force: true })
  fs.renameSync(keptAs, databaseFile)
}

/**
 * A consistent backup to a file the person chose (a save dialog, a download): written beside it under a temporary
 * name and renamed over it, so a chosen file that exists is replaced whole (the dialog asked) or not at all.
 */
export function backupToFile(db: Db, file: string): { file: string; bytes: number } {
  const partial = `${file}.partial-${process.pid}-${Date.now()}`
  try {
    db.$client.prepare('VACUUM INTO ?').run(partial)
    fs.renameSync(partial, file)
  } finally {
    fs.rmSync(partial, { force: true })
  }
  return { file, bytes: fs.statSync(file).size }
}

/** The file name offered for a backup taken on `day`: 储备网络备份-2026-11-29.db */
export const backupFileName = (day: string) => `储备网络备份-${day}.db`

export interface BackupFile { name: string; bytes: number; modifiedAt: string; automatic: boolean }

export function listBackups(dir: string): BackupFile[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir).filter((n) => n.endsWith('.db')).map((name) => {
    const st = fs.statSync(path.join(dir, name))
    return { name, bytes: st.size, modifiedAt: st.mtime.toISOString(), automatic: name.startsWith(AUTO_PREFIX) }
  }).sort((a, b) => b.name.localeCompare(a.name))
}

/**
 * The daily automatic backup: one `auto-<date>.db` per day (nothing if today's exists), then only the newest
 * `keep` automatic backups stay.
 */
export async function dailyBackup(db: Db, dir: string, today: string, keep = DAILY_BACKUPS_KEPT): Promise<{ made?: string; deleted: string[] }> {
  const name = `${AUTO_PREFIX}${today}.db`
  let made: string | undefined
  if (!fs.existsSync(path.join(dir, name))) {
    await backupOnline(db, path.join(dir, name))
    made = name
  }
  const autos = listBackups(dir).filter((b) => b.automatic).map((b) => b.name).sort().reverse()
  const deleted = autos.slice(keep)
  for (const n of deleted) fs.rmSync(path.join(dir, n), { force: true })
  return { made, deleted }
}

/** Runs the daily backup now and then every hour (it only acts once a day); returns a stop function. */
export function scheduleDailyBackups(db: Db, dir: string, today: () => string, onError: (e: unknown) => void = console.error): () => void {
  let stopped = false
  // a backup still running when the app closes the database is simply dropped (its .partial file stays unused)
  const run = () => { dailyBackup(db, dir, today()).catch((e) => { if (!stopped) onError(e) }) }
  run()
  const timer = setInterval(run, 3600_000)
  timer.unref?.()
  return () => { stopped = true; clearInterval(timer) }
}
