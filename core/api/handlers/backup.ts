import path from 'node:path'
import type { HandlersFor } from './types'
import type { backupMethods } from '../methods/backup'
import type { ServiceContext } from '../../context'
import { AppError } from '../../errors'
import { backupNow, backupsDirFor, checkBackup, listBackups, liveFacts } from '../../services/backup'
import { recordAudit } from '../../services/audit'

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
} satisfies HandlersFor<typeof backupMethods>
