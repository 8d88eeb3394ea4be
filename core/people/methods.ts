/** People's contract entries: signing in and out, first-run setup, accounts and their scopes, the audit trail. */
import './errors'
import { z } from 'zod'
import { method, username, noScope, text, id, isoDate } from '../api/spec'

const beforeSignIn = noScope('登录前调用，尚无用户和范围 / called before signing in: there is no user, hence no scope')
const ownAccount = noScope('只作用于调用者本人的会话和账户 / acts on the caller\'s own session and account only')
const adminOnly = noScope('仅管理员：账户和审计日志属于本机，不属于任何储备点 / admin only: accounts and the audit trail belong to the installation, not to a site')
const password = z.string().max(200)

const roles = z.array(z.enum(['keeper', 'planner', 'dispatcher', 'admin'])).min(1).max(4)
const scopeKind = z.enum(['site', 'street', 'district'])

export const peopleMethods = {
  'auth.status': method({
    kind: 'query', summary: '登录状态 / who is signed in, and whether the installation needs its first administrator',
    input: z.object({}), roles: [], scope: beforeSignIn, public: true,
  }),
  'auth.login': method({
    kind: 'mutation', summary: '登录 / log in (the session goes into an httpOnly cookie or the desktop main process)',
    input: z.object({ username, password: password.min(1) }), roles: [], scope: beforeSignIn, public: true, selfAudited: true,
  }),
  'auth.setup': method({
    kind: 'mutation', summary: '设置首位管理员 / create the first administrator of an empty installation',
    input: z.object({ username, displayName: text(60).min(1), password }), roles: [], scope: beforeSignIn, public: true,
  }),
  'auth.logout': method({ kind: 'mutation', summary: '退出登录 / log out', input: z.object({}), roles: [], scope: ownAccount }),
  'auth.changePassword': method({
    kind: 'mutation', summary: '修改密码 / change one\'s own password',
    input: z.object({ current: password.min(1), next: password }), roles: [], scope: ownAccount,
  }),
  'users.list': method({ kind: 'query', summary: '用户列表 / all users', input: z.object({}), roles: ['admin'], scope: adminOnly }),
  'users.create': method({
    kind: 'mutation', summary: '新建用户 / create a user',
    input: z.object({
      username, displayName: text(60).min(1),
      password: z.string().max(200), roles, scopeKind, scopeRef: id.optional(),
    }),
    roles: ['admin'], scope: adminOnly,
  }),
  'users.update': method({
    kind: 'mutation', summary: '修改用户角色、范围或状态 / change a user\'s roles, scope or status',
    input: z.object({
      id, displayName: text(60).min(1).optional(), roles: roles.optional(), scopeKind: scopeKind.optional(), scopeRef: id.optional(),
      active: z.boolean().optional(),
    }),
    roles: ['admin'], scope: adminOnly,
  }),
  'users.resetPassword': method({
    kind: 'mutation', summary: '重置密码 / an administrator sets a temporary password',
    input: z.object({ id, password: z.string().max(200) }), roles: ['admin'], scope: adminOnly,
  }),
  'audit.search': method({
    kind: 'query', summary: '审计日志查询 / search the audit trail',
    input: z.object({
      from: isoDate.optional(), to: isoDate.optional(), actor: text(60).optional(), action: text(60).optional(),
      outcome: z.enum(['ok', 'refused', 'failed']).optional(), search: text(100).optional(),
      offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(100),
    }),
    roles: ['admin'], scope: adminOnly,
  }),
}
