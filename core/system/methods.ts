/** System's contract entries: version and status, backup and restore, sync (folder, hub, devices, conflicts). */
import './errors'
import { z } from 'zod'
import { method, noScope, id, text } from '../api/spec'

/** A backup is named by its file name in the installation's backups folder, never by a path from the caller. */
const adminOnly = noScope('仅管理员：备份、同步设置和设备属于整个安装，不属于任何储备点 / admin only: backups, sync settings and devices belong to the whole installation, not to a site')
const backupName = z.string().trim().regex(/^[A-Za-z0-9._-]+\.db$/, 'name').max(120)

export const systemMethods = {
  'system.info': method({ kind: 'query', summary: '本机与数据概况 / installation info', input: z.object({}), roles: [],
    scope: noScope('本机的版本和数据概况，不含业务记录 / this installation\'s version and totals, no records') }),
  'backup.list': method({ kind: 'query', summary: '备份列表 / backups in the installation\'s backups folder', input: z.object({}), roles: ['admin'], scope: adminOnly }),
  'backup.create': method({
    kind: 'mutation', summary: '立即备份 / back up the database now (consistent online copy)',
    input: z.object({}), roles: ['admin'], scope: adminOnly, selfAudited: true,
  }),
  'backup.check': method({
    kind: 'query', summary: '检查备份 / check a backup before restoring it (integrity, version, district, ledger)',
    input: z.object({ name: backupName }), roles: ['admin'], scope: adminOnly,
  }),
  'backup.restore': method({
    kind: 'mutation',
    summary: '恢复备份 / restore a backup from the backups folder: checked, then the running installation swaps its database (the current file is kept), every session ends',
    input: z.object({ name: backupName }), roles: ['admin'], scope: adminOnly, selfAudited: true,
  }),
  'sync.overview': method({ kind: 'query', summary: '同步状态 / sync state, peers and their vectors', input: z.object({}), roles: [],
    scope: noScope('本机的同步状态（对端和进度），不含业务记录 / this installation\'s sync state (peers, progress), no records') }),
  'sync.setFolder': method({
    kind: 'mutation', summary: '设置同步文件夹 / set the shared sync folder',
    input: z.object({ folder: text(500).nullable() }), roles: ['admin'], scope: adminOnly,
  }),
  'sync.setHub': method({
    kind: 'mutation', summary: '设置同步服务器与设备令牌 / set the hub address and this device\'s token',
    input: z.object({ url: text(500).nullable(), token: text(200).nullable().optional() }), roles: ['admin'], scope: adminOnly,
  }),
  'sync.now': method({
    kind: 'mutation', summary: '立即同步（共享文件夹；服务器同步在后台进行，进度见 sync.overview）/ sync now: the folder at once, the hub in the background',
    input: z.object({}), roles: [],
    scope: noScope('同步本机已有的全部事件；每个事件写入时已校验范围 / syncs what this installation holds; each event was scope-checked when written'),
  }),
  'sync.conflicts': method({
    kind: 'query', summary: '冲突与待核对列表 / conflicts and reconciliation list',
    input: z.object({ open: z.boolean().default(true), limit: z.number().int().min(1).max(1000).default(200) }), roles: [],
    scope: noScope('冲突列表是本机同步的核对清单 / the conflicts are this installation\'s reconciliation list'),
  }),
  'sync.resolveConflict': method({
    kind: 'mutation', summary: '标记冲突已处理 / resolve a conflict', input: z.object({ id, note: text(500).optional() }), roles: ['planner'],
    scope: noScope('只标记本机的核对清单，不改记录 / only marks this installation\'s reconciliation list; changes no record'),
  }),
  'sync.devices': method({ kind: 'query', summary: '同步设备 / devices allowed to sync with this hub', input: z.object({}), roles: ['admin'], scope: adminOnly }),
  'sync.registerDevice': method({
    kind: 'mutation', summary: '登记设备并发放令牌 / register a device and issue its token',
    input: z.object({ name: text(100).min(1), scopeKind: z.enum(['district', 'street', 'site']), scopeRef: id.optional() }),
    roles: ['admin'], scope: adminOnly,
  }),
  'sync.revokeDevice': method({ kind: 'mutation', summary: '停用设备 / revoke a device', input: z.object({ id }), roles: ['admin'], scope: adminOnly }),
}
