import { z } from 'zod'
import { method, none, id, text } from '../api/spec'

const roles = z.array(z.enum(['keeper', 'planner', 'dispatcher', 'admin'])).min(1).max(4)
const scopeKind = z.enum(['site', 'street', 'district'])

export const userMethods = {
  'users.list': method({ kind: 'query', summary: '用户列表 / all users', input: z.object({}), roles: ['admin'], scope: none }),
  'users.create': method({
    kind: 'mutation', summary: '新建用户 / create a user',
    input: z.object({
      username: z.string().trim().min(2).max(40).regex(/^[^\s]+$/, 'no spaces'), displayName: text(60).min(1),
      password: z.string().max(200), roles, scopeKind, scopeRef: id.optional(),
    }),
    roles: ['admin'], scope: none,
  }),
  'users.update': method({
    kind: 'mutation', summary: '修改用户角色、范围或状态 / change a user\'s roles, scope or status',
    input: z.object({
      id, displayName: text(60).min(1).optional(), roles: roles.optional(), scopeKind: scopeKind.optional(), scopeRef: id.optional(),
      active: z.boolean().optional(),
    }),
    roles: ['admin'], scope: none,
  }),
  'users.resetPassword': method({
    kind: 'mutation', summary: '重置密码 / an administrator sets a temporary password',
    input: z.object({ id, password: z.string().max(200) }), roles: ['admin'], scope: none,
  }),
}
