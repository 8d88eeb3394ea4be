import type { HandlersFor } from '../api/handler-types'
import type { authMethods } from './methods'
import { changePassword, countUsers, login, logout, me, setupAdministrator } from './users'
import { describeScope } from './scope'
import { isAnonymous } from '../common/context'

export const authHandlers = {
  'auth.status': (ctx) => ({
    needsSetup: countUsers(ctx.db) === 0,
    user: isAnonymous(ctx.actor) ? null : { ...me(ctx.db, ctx.actor, ctx.session?.mustChangePassword ?? false), scopeName: describeScope(ctx.db, ctx.actor) },
  }),
  'auth.login': (ctx, input) => login(ctx, input),
  'auth.setup': (ctx, input) => setupAdministrator(ctx, input),
  'auth.logout': (ctx) => logout(ctx),
  'auth.changePassword': (ctx, input) => changePassword(ctx, input),
} satisfies HandlersFor<typeof authMethods>
