import type { HandlersFor } from '../api/handler-types'
import type { userMethods } from './user-methods'
import { createUser, listUsers, resetPassword, updateUser } from './users'

export const userHandlers = {
  'users.list': (ctx) => listUsers(ctx),
  'users.create': (ctx, input) => createUser(ctx, input, { mustChangePassword: true }),
  'users.update': (ctx, input) => updateUser(ctx, input),
  'users.resetPassword': (ctx, input) => resetPassword(ctx, input),
} satisfies HandlersFor<typeof userMethods>
