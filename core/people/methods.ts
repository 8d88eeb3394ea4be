import { z } from 'zod'
import { method, none, text } from '../api/spec'

const password = z.string().max(200)
const username = z.string().trim().min(2).max(40).regex(/^[^\s]+$/, 'no spaces')

export const authMethods = {
  'auth.status': method({
    kind: 'query', summary: '登录状态 / who is signed in, and whether the installation needs its first administrator',
    input: z.object({}), roles: [], scope: none, public: true,
  }),
  'auth.login': method({
    kind: 'mutation', summary: '登录 / log in (the session goes into an httpOnly cookie or the desktop main process)',
    input: z.object({ username, password: password.min(1) }), roles: [], scope: none, public: true, selfAudited: true,
  }),
  'auth.setup': method({
    kind: 'mutation', summary: '设置首位管理员 / create the first administrator of an empty installation',
    input: z.object({ username, displayName: text(60).min(1), password }), roles: [], scope: none, public: true,
  }),
  'auth.logout': method({ kind: 'mutation', summary: '退出登录 / log out', input: z.object({}), roles: [], scope: none }),
  'auth.changePassword': method({
    kind: 'mutation', summary: '修改密码 / change one\'s own password',
    input: z.object({ current: password.min(1), next: password }), roles: [], scope: none,
  }),
}
