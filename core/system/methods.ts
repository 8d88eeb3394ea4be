/** System's contract entries: version and status, backup and restore, sync (folder, hub, devices, conflicts). */
import { z } from 'zod'
import { method, none, id, text } from '../api/spec'

/** A backup is named by its file name in the installation's backups folder, never by a path from the caller. */
const backupName = z.string().trim().regex(/^[A-Za-z0-9._-]+\.db$/, 'name').max(120)

export const systemMethods = {
  'system.info': method({ kind: 'query', summary: '本机与数据概况 / installation info', input: z.object({}), roles: [], scope: none }),
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
  'sync.overview': method({ kind: 'query', summary: '同步状态 / sync state, peers and their vectors', input: z.object({}), roles: [], scope: none }),
  'sync.setFolder': method({
    kind: 'mutation', summary: '设置同步文件夹 / set the shared sync folder',
    input: z.object({ folder: text(500).nullable() }), roles: ['admin'], scope: none,
  }),
  'sync.setHub': method({
    kind: 'mutation', summary: '设置同步服务器与设备令牌 / set the hub address and this device\'s token',
    input: z.object({ url: text(500).nullable(), token: text(200).nullable().optional() }), roles: ['admin'], scope: none,
  }),
  'sync.now': method({
    kind: 'mutation', summary: '立即同步（共享文件夹；服务器同步在后台进行，进度见 sync.overview）/ sync now: the folder at once, the hub in the background',
    input: z.object({}), roles: [], scope: none,
  }),
  'sync.conflicts': method({
    kind: 'query', summary: '冲突与待核对列表 / conflicts and reconciliation list',
    input: z.object({ open: z.boolean().default(true), limit: z.number().int().min(1).max(1000).default(200) }), roles: [], scope: none,
  }),
  'sync.resolveConflict': method({
    kind: 'mutation', summary: '标记冲突已处理 / resolve a conflict', input: z.object({ id, note: text(500).optional() }), roles: ['planner'], scope: none,
  }),
  'sync.devices': method({ kind: 'query', summary: '同步设备 / devices allowed to sync with this hub', input: z.object({}), roles: ['admin'], scope: none }),
  'sync.registerDevice': method({
    kind: 'mutation', summary: '登记设备并发放令牌 / register a device and issue its token',
    input: z.object({ name: text(100).min(1), scopeKind: z.enum(['district', 'street', 'site']), scopeRef: id.optional() }),
    roles: ['admin'], scope: none,
  }),
  'sync.revokeDevice': method({ kind: 'mutation', summary: '停用设备 / revoke a device', input: z.object({ id }), roles: ['admin'], scope: none }),
}
