/** People's handlers, one per method of ./methods.ts. */
import type { HandlersFor } from '../api/handler-types'
import { changePassword, countUsers, login, logout, me, setupAdministrator, createUser, listUsers, resetPassword, updateUser } from './users'
import { describeScope } from './scope'
import { isAnonymous } from '../common/context'
import { searchAudit } from './audit'
import type { peopleMethods } from './methods'

export const peopleHandlers = {
  'auth.status': (ctx) => ({
    needsSetup: countUsers(ctx.db) === 0,
    user: isAnonymous(ctx.actor) ? null : { ...me(ctx.db, ctx.actor, ctx.session?.mustChangePassword ?? false), scopeName: describeScope(ctx.db, ctx.actor) },
  }),
  'auth.login': (ctx, input) => login(ctx, input),
  'auth.setup': (ctx, input) => setupAdministrator(ctx, input),
  'auth.logout': (ctx) => logout(ctx),
  'auth.changePassword': (ctx, input) => changePassword(ctx, input),
  'users.list': (ctx) => listUsers(ctx),
  'users.create': (ctx, input) => createUser(ctx, input, { mustChangePassword: true }),
  'users.update': (ctx, input) => updateUser(ctx, input),
  'users.resetPassword': (ctx, input) => resetPassword(ctx, input),
  'audit.search': (ctx, input) => searchAudit(ctx.db, input),
} satisfies HandlersFor<typeof peopleMethods>
