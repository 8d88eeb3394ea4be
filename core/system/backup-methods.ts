import { z } from 'zod'
import { method, none } from '../api/spec'

/** A backup is named by its file name in the installation's backups folder, never by a path from the caller. */
const backupName = z.string().trim().regex(/^[A-Za-z0-9._-]+\.db$/, 'name').max(120)

export const backupMethods = {
  'backup.list': method({ kind: 'query', summary: '备份列表 / backups in the installation\'s backups folder', input: z.object({}), roles: ['admin'], scope: none }),
  'backup.create': method({
    kind: 'mutation', summary: '立即备份 / back up the database now (consistent online copy)',
    input: z.object({}), roles: ['admin'], scope: none, selfAudited: true,
  }),
  'backup.check': method({
    kind: 'query', summary: '检查备份 / check a backup before restoring it (integrity, version, district, ledger)',
    input: z.object({ name: backupName }), roles: ['admin'], scope: none,
  }),
  'backup.restore': method({
    kind: 'mutation',
    summary: '恢复备份 / restore a backup from the backups folder: checked, then the running installation swaps its database (the current file is kept), every session ends',
    input: z.object({ name: backupName }), roles: ['admin'], scope: none, selfAudited: true,
  }),
}
