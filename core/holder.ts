/**
 * The installation's core behind the transports, so that it can be reopened. The hub's routes and the desktop IPC
 * handler call through the holder and never keep a Core of their own.
 *
 * A restore from inside the app: `backup.restore` (administrators) checks the chosen backup and asks for the swap
 * (`session.restoreFrom`); the holder then checks it once more, notes the restore in the outgoing file's audit,
 * closes the core, moves the current file aside (kept as reserve.db.before-restore-<time>), puts the backup in
 * place and reopens it (migrations newer than the backup apply). Every session ends (the restored file's sessions
 * are deleted, so each caller meets the login page) and the restore is written to the restored file's audit: who
 * restored which backup and where the replaced file was kept. If the restored file cannot be opened the previous
 * file goes back and the error is answered.
 *
 * The swap is synchronous on the one JavaScript thread, so no other call runs in the middle of it; a call that
 * still meets the holder while it swaps (a re-entrant one, say) is answered 503 RESTORING with a clear message.
 */
import fs from 'node:fs'
import Database from 'better-sqlite3'
import { sessions } from '../db/schema'
import type { Core } from './app'
import type { Actor, InstallationHost, ServiceContext, SessionInfo } from './common/context'
import { AppError, type Lang } from './common/errors'
import type { ApiResult } from './api/invoke'
import { checkBackup, liveFacts, putBack, putInPlace, setAside, type BackupCheck } from './system/backup'
import { recordAudit } from './people/audit'
import { ASIDE_INFIX } from './sync/bootstrap'
import { folderJobOf } from './sync/folder-job'

export interface CoreHolder {
  /** the current core; throws RESTORING while a restore swaps it */
  readonly core: Core
  readonly swapping: boolean
  /** what the services of the held core see of the holder (ctx.host) */
  readonly host: InstallationHost
  callWithSession: Core['callWithSession']
  /** swaps the installation's database for a backup file (checked again here) */
  restore(backupFile: string, by: Pick<Actor, 'id' | 'name'>, name?: string): { keptAs: string; check: BackupCheck }
  close(): void
}

export interface HolderOptions {
  /** per-core companions (the daily backup): started for each opened core; the returned function stops them */
  attach?: (core: Core) => (() => void) | void
}

export function holdCore(open: () => Core, opts: HolderOptions = {}): CoreHolder {
  let swapping = false
  const host: InstallationHost = {
    context: (actor, lang) => { if (swapping) throw restoring(); return current.context(actor, lang) },
    swapDatabase,
  }
  const openHeld = (): Core => { const c = open(); c.host = host; return c }
  let current = openHeld()
  let detach = opts.attach?.(current) ?? undefined

  const restoring = () => new AppError('RESTORING', {}, {}, 503)

  function reopen(): void {
    current = openHeld()
    detach = opts.attach?.(current) ?? undefined
  }

  /**
   * A first sync from a snapshot (core/sync/bootstrap.ts): `build` makes the new file from the current core, then
   * the file is swapped in. At every moment the database file is complete: the old one's write-ahead log is folded
   * in and it gets a second name (kept aside) before the new file is renamed over it in one step; the aside name
   * goes once the new file is open. If it cannot be opened the old file goes back and the error is answered.
   * Sessions are not ended: `build` carried them over with the accounts.
   */
  function swapDatabase(build: (ctx: ServiceContext) => string): void {
    if (swapping) throw restoring()
    const databaseFile = current.context().databaseFile
    if (!databaseFile) throw new Error('an in-memory database cannot be swapped')
    const built = build(current.context())
    swapping = true
    try {
      detach?.()
      detach = undefined
      current.close()
      let keptAs: string | undefined
      try {
        const fold = new Database(databaseFile)
        fold.pragma('wal_checkpoint(TRUNCATE)')
        fold.close()
        for (const ext of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${ext}`, { force: true })
        keptAs = `${databaseFile}${ASIDE_INFIX}${new Date().toISOString().replace(/[:.]/g, '-')}`
        try { fs.linkSync(databaseFile, keptAs) } catch { fs.copyFileSync(databaseFile, keptAs) }
        fs.renameSync(built, databaseFile)
      } catch (e) {
        // the rename did not happen: the database file is still the old one
        if (keptAs) fs.rmSync(keptAs, { force: true })
        reopen()
        throw e
      }
      try {
        current = openHeld()
      } catch (e) {
        for (const ext of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${ext}`, { force: true })
        fs.renameSync(keptAs, databaseFile)
        reopen()
        throw e
      }
      fs.rmSync(keptAs, { force: true })
      detach = opts.attach?.(current) ?? undefined
    } finally {
      fs.rmSync(built, { force: true })
      swapping = false
    }
  }

  function restore(backupFile: string, by: Pick<Actor, 'id' | 'name'>, name = backupFile): { keptAs: string; check: BackupCheck } {
    if (swapping) throw restoring()
    if (folderJobOf(current.context())?.running) throw new AppError('SYNC_RUNNING', {}, {}, 409)
    const databaseFile = current.context().databaseFile
    if (!databaseFile) throw new AppError('BACKUP_INVALID', { reason: '内存数据库不能恢复', reasonEn: 'an in-memory database cannot be restored' })
    const live = liveFacts(current.db)
    // checked before anything is closed: a bad file changes nothing
    const check = checkBackup(backupFile, live)
    swapping = true
    try {
      const note = (outcome: 'ok' | 'failed', detail: string) => recordAudit(current.db, {
        replicaId: current.replicaId, actor: by, action: 'backup.restore', outcome, entity: 'backup', entityId: name, detail,
      })
      note('ok', `此数据库被备份 ${name} 取代 / this database is replaced by the backup ${name}`)
      detach?.()
      detach = undefined
      current.close()
      const keptAs = setAside(databaseFile)
      try {
        putInPlace(databaseFile, backupFile)
        current = open()
      } catch (e) {
        putBack(databaseFile, keptAs)
        reopen()
        note('failed', `恢复失败，已还原原数据库 / the restore failed and the previous database is back: ${e instanceof Error ? e.message : String(e)}`)
        throw e
      }
      // nobody stays signed in across a restore (the backup's own sessions included)
      current.db.delete(sessions).run()
      note('ok', `由 ${by.name} 恢复自备份 ${name}（${check.documents} 张单据）；原数据库保留为 ${keptAs}`
        + ` / restored by ${by.name} from the backup ${name} (${check.documents} documents); the replaced file is kept as ${keptAs}`)
      detach = opts.attach?.(current) ?? undefined
      return { keptAs, check }
    } finally {
      swapping = false
    }
  }

  const callWithSession: Core['callWithSession'] = (session, method, input, lang: Lang = 'zh') => {
    if (swapping) return { result: { ok: false, error: restoring().toWire(lang) } as ApiResult }
    const answer = current.callWithSession(session, method, input, lang)
    if (!answer.restoreFrom) return answer
    try {
      restore(answer.restoreFrom.file, answer.restoreFrom.by, answer.restoreFrom.name)
    } catch (e) {
      const error = e instanceof AppError ? e.toWire(lang) : new AppError('INTERNAL').toWire(lang)
      if (!(e instanceof AppError)) console.error('[restore] failed', e)
      return { result: { ok: false, error } }
    }
    // the caller's session ended with all the others
    return { result: answer.result, token: null }
  }

  return {
    get core() { if (swapping) throw restoring(); return current },
    get swapping() { return swapping },
    host,
    callWithSession,
    restore,
    close: () => { detach?.(); detach = undefined; current.close() },
  }
}

export type { SessionInfo }
