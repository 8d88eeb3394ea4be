import path from 'node:path'
import type { HandlersFor } from '../api/handler-types'
import type { backupMethods } from './backup-methods'
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { backupNow, backupsDirFor, checkBackup, listBackups, liveFacts } from './backup'
import { recordAudit } from '../people/audit'

function backupsDir(ctx: ServiceContext): string {
  if (!ctx.databaseFile) throw new AppError('BACKUP_INVALID', { reason: '内存数据库不能备份', reasonEn: 'an in-memory database has no backups' })
  return backupsDirFor(ctx.databaseFile)
}

export const backupHandlers = {
  'backup.list': (ctx) => listBackups(backupsDir(ctx)),
  'backup.create': (ctx) => {
    const dir = backupsDir(ctx)
    const name = `manual-${new Date().toISOString().replace(/[:.]/g, '-')}.db`
    const audit = (outcome: 'ok' | 'failed', detail: string) =>
      recordAudit(ctx.db, { replicaId: ctx.replicaId, actor: ctx.actor, action: 'backup.create', outcome, entity: 'backup', entityId: name, detail })
    try {
      const made = backupNow(ctx.db, path.join(dir, name))
      audit('ok', `${made.bytes} bytes`)
      return { name, bytes: made.bytes }
    } catch (e) {
      audit('failed', e instanceof Error ? e.message : String(e))
      throw e
    }
  },
  'backup.check': (ctx, input) => checkBackup(path.join(backupsDir(ctx), path.basename(input.name)), liveFacts(ctx.db)),
  // Checks the backup and asks the transport's CoreHolder to swap it in once this call has returned (core/holder.ts).
  'backup.restore': (ctx, input) => {
    const name = path.basename(input.name)
    try {
      const check = checkBackup(path.join(backupsDir(ctx), name), liveFacts(ctx.db))
      if (!ctx.session) throw new AppError('RESTORE_NEEDS_APP')
      ctx.session.restoreFrom = { file: path.join(backupsDir(ctx), name), name, by: { id: ctx.actor.id, name: ctx.actor.name } }
      return { name, documents: check.documents, restored: true as const }
    } catch (e) {
      recordAudit(ctx.db, {
        replicaId: ctx.replicaId, actor: ctx.actor, action: 'backup.restore', outcome: 'failed', entity: 'backup', entityId: name,
        detail: e instanceof AppError ? e.toWire('zh').message : String(e),
      })
      throw e
    }
  },
} satisfies HandlersFor<typeof backupMethods>
